import { Hono } from "hono";
import type { AppEnv } from "../../app_env.ts";

export const healthRoutes = new Hono<AppEnv>();

healthRoutes.get("/", async (c) => {
  const { db } = c.var.deps;
  const [row] = await db.sql<{ now: Date }>`select now()`;
  return c.json({ status: "ok", driver: db.driver, now: row.now });
});
