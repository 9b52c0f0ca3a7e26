import { Hono } from "hono";
import type { AppEnv } from "../../app_env.ts";
import { PERMISSION, requireRole } from "../../auth/middleware.ts";
import { reply } from "../../http/reply.ts";
import { validate } from "../../http/validate.ts";
import { DayStatsParam, DayStatsQuery } from "./schemas.ts";
import { dayStats } from "./service.ts";

export const gradeStatsRoutes = new Hono<AppEnv>();

gradeStatsRoutes.get(
  "/day/:date",
  requireRole(PERMISSION.ler),
  validate("param", DayStatsParam),
  validate("query", DayStatsQuery),
  async (c) => {
    const { date } = c.req.valid("param");
    return reply(
      c,
      "GET /api/grade-stats/day/:date",
      await dayStats(c.var.deps.db, date, c.req.valid("query")),
    );
  },
);
