import { Hono } from "hono";
import type { AppEnv } from "../../app_env.ts";
import { PERMISSION, requireRole } from "../../auth/middleware.ts";
import { actorOf } from "../../events/record.ts";
import { validate } from "../../http/validate.ts";
import { IdParam } from "../../shared/schemas.ts";
import { TipoSlotCreate, TipoSlotListQuery, TipoSlotUpdate } from "./schemas.ts";
import * as svc from "./service.ts";

export const tiposSlotRoutes = new Hono<AppEnv>();

tiposSlotRoutes.get(
  "/",
  requireRole(PERMISSION.ler),
  validate("query", TipoSlotListQuery),
  async (c) => c.json(await svc.listTiposSlot(c.var.deps.db, c.req.valid("query")), 200),
);

tiposSlotRoutes.get(
  "/:id",
  requireRole(PERMISSION.ler),
  validate("param", IdParam),
  async (c) => c.json(await svc.getTipoSlot(c.var.deps.db.sql, c.req.valid("param").id), 200),
);

tiposSlotRoutes.post(
  "/",
  requireRole(PERMISSION.configurar),
  validate("json", TipoSlotCreate),
  async (c) => {
    const row = await svc.createTipoSlot(c.var.deps.db, actorOf(c.var.auth), c.req.valid("json"));
    return c.json(row, 201);
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
    return c.json(row, 200);
  },
);

tiposSlotRoutes.delete(
  "/:id",
  requireRole(PERMISSION.configurar),
  validate("param", IdParam),
  async (c) => {
    const { id } = c.req.valid("param");
    return c.json(await svc.inactivateTipoSlot(c.var.deps.db, actorOf(c.var.auth), id), 200);
  },
);

tiposSlotRoutes.patch(
  "/:id/reativar",
  requireRole(PERMISSION.configurar),
  validate("param", IdParam),
  async (c) => {
    const { id } = c.req.valid("param");
    return c.json(await svc.reactivateTipoSlot(c.var.deps.db, actorOf(c.var.auth), id), 200);
  },
);
