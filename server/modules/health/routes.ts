import { Hono } from "hono";
import type { AppEnv } from "../../app_env.ts";
import { reply } from "../../http/reply.ts";

export const healthRoutes = new Hono<AppEnv>();

healthRoutes.get("/", async (c) => {
  const { db } = c.var.deps;
  const [row] = await db.sql<{ now: Date }>`select now()`;
  return reply(c, "GET /api/health", { status: "ok", driver: db.driver, now: row.now });
});
