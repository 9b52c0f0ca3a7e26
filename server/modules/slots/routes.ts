import { Hono } from "hono";
import type { AppEnv } from "../../app_env.ts";
import { PERMISSION, requireRole } from "../../auth/middleware.ts";
import { actorOf } from "../../events/record.ts";
import { reply } from "../../http/reply.ts";
import { validate } from "../../http/validate.ts";
import { IdParam } from "../../shared/schemas.ts";
import { generateBulk } from "./generate_service.ts";
import { listGeracoes } from "./geracoes.ts";
import * as q from "./query_service.ts";
import {
  DistribuicaoPadraoQuery,
  GenerateBulkInput,
  SlotDayQuery,
  SlotMonthQuery,
  SlotWeekQuery,
} from "./schemas.ts";

export const slotsRoutes = new Hono<AppEnv>();

slotsRoutes.post(
  "/generate-bulk",
  requireRole(PERMISSION.gerarGrades),
  validate("json", GenerateBulkInput),
  async (c) => {
    const input = c.req.valid("json");
    const result = await generateBulk(c.var.deps.db, actorOf(c.var.auth), input);
    return reply(c, "POST /api/slots/generate-bulk", result, input.preview ? 200 : 201);
  },
);

slotsRoutes.get(
  "/distribuicao-padrao",
  requireRole(PERMISSION.ler),
  validate("query", DistribuicaoPadraoQuery),
  async (c) => {
    const { especialidadeid } = c.req.valid("query");
    return reply(
      c,
      "GET /api/slots/distribuicao-padrao",
      await q.distribuicaoPadrao(c.var.deps.db, especialidadeid),
    );
  },
);

slotsRoutes.get(
  "/geracoes",
  requireRole(PERMISSION.gerarGrades),
  async (c) => reply(c, "GET /api/slots/geracoes", await listGeracoes(c.var.deps.db.sql)),
);

slotsRoutes.get(
  "/",
  requireRole(PERMISSION.ler),
  validate("query", SlotDayQuery),
  async (c) =>
    reply(c, "GET /api/slots", await q.listSlotsByDay(c.var.deps.db, c.req.valid("query"))),
);

slotsRoutes.get(
  "/semana",
  requireRole(PERMISSION.ler),
  validate("query", SlotWeekQuery),
  async (c) =>
    reply(c, "GET /api/slots/semana", await q.slotWeek(c.var.deps.db, c.req.valid("query"))),
);

slotsRoutes.get(
  "/mes",
  requireRole(PERMISSION.ler),
  validate("query", SlotMonthQuery),
  async (c) =>
    reply(c, "GET /api/slots/mes", await q.slotMonth(c.var.deps.db, c.req.valid("query"))),
);

slotsRoutes.get(
  "/:id",
  requireRole(PERMISSION.ler),
  validate("param", IdParam),
  async (c) =>
    reply(c, "GET /api/slots/:id", await q.getSlot(c.var.deps.db, c.req.valid("param").id)),
);
