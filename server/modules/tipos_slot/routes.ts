import { Hono } from "hono";
import type { AppEnv } from "../../app_env.ts";
import { PERMISSION, requireRole } from "../../auth/middleware.ts";
import { actorOf } from "../../events/record.ts";
import { reply } from "../../http/reply.ts";
import { validate } from "../../http/validate.ts";
import { IdParam } from "../../shared/schemas.ts";
import { TipoSlotCreate, TipoSlotListQuery, TipoSlotUpdate } from "./schemas.ts";
import * as svc from "./service.ts";

export const tiposSlotRoutes = new Hono<AppEnv>();

tiposSlotRoutes.get(
  "/",
  requireRole(PERMISSION.ler),
  validate("query", TipoSlotListQuery),
  async (c) =>
    reply(c, "GET /api/tipos-slot", await svc.listTiposSlot(c.var.deps.db, c.req.valid("query"))),
);

tiposSlotRoutes.get(
  "/:id",
  requireRole(PERMISSION.ler),
  validate("param", IdParam),
  async (c) =>
    reply(
      c,
      "GET /api/tipos-slot/:id",
      await svc.getTipoSlot(c.var.deps.db.sql, c.req.valid("param").id),
    ),
);

tiposSlotRoutes.post(
  "/",
  requireRole(PERMISSION.configurar),
  validate("json", TipoSlotCreate),
  async (c) => {
    const row = await svc.createTipoSlot(c.var.deps.db, actorOf(c.var.auth), c.req.valid("json"));
    return reply(c, "POST /api/tipos-slot", row);
  },
);

tiposSlotRoutes.put(
  "/:id",
  requireRole(PERMISSION.configurar),
  validate("param", IdParam),
  validate("json", TipoSlotUpdate),
  async (c) => {
    const { id } = c.req.valid("param");
    const row = await svc.updateTipoSlot(
      c.var.deps.db,
      actorOf(c.var.auth),
      id,
      c.req.valid("json"),
    );
    return reply(c, "PUT /api/tipos-slot/:id", row);
  },
);

tiposSlotRoutes.delete(
  "/:id",
  requireRole(PERMISSION.configurar),
  validate("param", IdParam),
  async (c) => {
    const { id } = c.req.valid("param");
    return reply(
      c,
      "DELETE /api/tipos-slot/:id",
      await svc.inactivateTipoSlot(c.var.deps.db, actorOf(c.var.auth), id),
    );
  },
);

tiposSlotRoutes.patch(
  "/:id/reativar",
  requireRole(PERMISSION.configurar),
  validate("param", IdParam),
  async (c) => {
    const { id } = c.req.valid("param");
    return reply(
      c,
      "PATCH /api/tipos-slot/:id/reativar",
      await svc.reactivateTipoSlot(c.var.deps.db, actorOf(c.var.auth), id),
    );
  },
);
