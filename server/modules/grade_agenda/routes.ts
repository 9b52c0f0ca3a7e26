import { Hono } from "hono";
import type { AppEnv } from "../../app_env.ts";
import { PERMISSION, requireRole } from "../../auth/middleware.ts";
import { actorOf } from "../../events/record.ts";
import { reply } from "../../http/reply.ts";
import { validate } from "../../http/validate.ts";
import { IdParam } from "../../shared/schemas.ts";
import * as days from "./days_service.ts";
import {
  CancelDayInput,
  DayParam,
  DayRangeQuery,
  GradeListQuery,
  GradeUpdateInput,
  RestoreDayInput,
} from "./schemas.ts";
import { getGrade, listGrades, updateGrade } from "./service.ts";

export const gradeAgendaRoutes = new Hono<AppEnv>();

gradeAgendaRoutes.get(
  "/",
  requireRole(PERMISSION.ler),
  validate("query", GradeListQuery),
  async (c) =>
    reply(c, "GET /api/grade-agenda", await listGrades(c.var.deps.db, c.req.valid("query"))),
);

gradeAgendaRoutes.get(
  "/:id",
  requireRole(PERMISSION.ler),
  validate("param", IdParam),
  async (c) =>
    reply(
      c,
      "GET /api/grade-agenda/:id",
      await getGrade(c.var.deps.db.sql, c.req.valid("param").id),
    ),
);

gradeAgendaRoutes.patch(
  "/:id",
  requireRole(PERMISSION.gerarGrades),
  validate("param", IdParam),
  validate("json", GradeUpdateInput),
  async (c) => {
    const { id } = c.req.valid("param");
    const out = await updateGrade(c.var.deps.db, actorOf(c.var.auth), id, c.req.valid("json"));
    return reply(c, "PATCH /api/grade-agenda/:id", out);
  },
);

gradeAgendaRoutes.get(
  "/:id/cancelled-days",
  requireRole(PERMISSION.ler),
  validate("param", IdParam),
  async (c) =>
    reply(
      c,
      "GET /api/grade-agenda/:id/cancelled-days",
      await days.listCancelledDays(c.var.deps.db, c.req.valid("param").id),
    ),
);

gradeAgendaRoutes.get(
  "/:id/cancelled-days/range",
  requireRole(PERMISSION.ler),
  validate("param", IdParam),
  validate("query", DayRangeQuery),
  async (c) => {
    const { id } = c.req.valid("param");
    return reply(
      c,
      "GET /api/grade-agenda/:id/cancelled-days/range",
      await days.listCancelledDays(c.var.deps.db, id, c.req.valid("query")),
    );
  },
);

gradeAgendaRoutes.get(
  "/:id/day-history/:data",
  requireRole(PERMISSION.ler),
  validate("param", DayParam),
  async (c) => {
    const { id, data } = c.req.valid("param");
    return reply(
      c,
      "GET /api/grade-agenda/:id/day-history/:data",
      await days.dayHistory(c.var.deps.db, id, data),
    );
  },
);

gradeAgendaRoutes.post(
  "/:id/cancel-day",
  requireRole(PERMISSION.gerarGrades),
  validate("param", IdParam),
  validate("json", CancelDayInput),
  async (c) => {
    const { id } = c.req.valid("param");
    const out = await days.cancelDay(c.var.deps.db, actorOf(c.var.auth), id, c.req.valid("json"));
    return reply(c, "POST /api/grade-agenda/:id/cancel-day", out);
  },
);

gradeAgendaRoutes.put(
  "/:id/restore-day",
  requireRole(PERMISSION.gerarGrades),
  validate("param", IdParam),
  validate("json", RestoreDayInput),
  async (c) => {
    const { id } = c.req.valid("param");
    const out = await days.restoreDay(c.var.deps.db, actorOf(c.var.auth), id, c.req.valid("json"));
    return reply(c, "PUT /api/grade-agenda/:id/restore-day", out);
  },
);
