import { Hono } from "hono";
import type { AppEnv } from "../../app_env.ts";
import { PERMISSION, requireRole } from "../../auth/middleware.ts";
import { actorOf } from "../../events/record.ts";
import { reply } from "../../http/reply.ts";
import { validate } from "../../http/validate.ts";
import { IdParam } from "../../shared/schemas.ts";
import { ConsultorioCreateInput, ConsultorioListQuery, ConsultorioUpdateInput } from "./schemas.ts";
import * as service from "./service.ts";

export const consultoriosRoutes = new Hono<AppEnv>();

consultoriosRoutes.get(
  "/",
  requireRole(PERMISSION.ler),
  validate("query", ConsultorioListQuery),
  async (c) =>
    reply(
      c,
      "GET /api/consultorios",
      await service.listConsultorios(c.var.deps, c.req.valid("query")),
    ),
);

consultoriosRoutes.get(
  "/:id",
  requireRole(PERMISSION.ler),
  validate("param", IdParam),
  async (c) =>
    reply(
      c,
      "GET /api/consultorios/:id",
      await service.getConsultorio(c.var.deps, c.req.valid("param").id),
    ),
);

consultoriosRoutes.post(
  "/",
  requireRole(PERMISSION.configurar),
  validate("json", ConsultorioCreateInput),
  async (c) => {
    const created = await service.createConsultorio(
      c.var.deps,
      actorOf(c.var.auth),
      c.req.valid("json"),
    );
    return reply(c, "POST /api/consultorios", created);
  },
);

consultoriosRoutes.put(
  "/:id",
  requireRole(PERMISSION.configurar),
  validate("param", IdParam),
  validate("json", ConsultorioUpdateInput),
  async (c) => {
    const { id } = c.req.valid("param");
    const input = c.req.valid("json");
    return reply(
      c,
      "PUT /api/consultorios/:id",
      await service.updateConsultorio(c.var.deps, actorOf(c.var.auth), id, input),
    );
  },
);

consultoriosRoutes.delete(
  "/:id",
  requireRole(PERMISSION.configurar),
  validate("param", IdParam),
  async (c) => {
    const { id } = c.req.valid("param");
    return reply(
      c,
      "DELETE /api/consultorios/:id",
      await service.deleteConsultorio(c.var.deps, actorOf(c.var.auth), id),
    );
  },
);

consultoriosRoutes.patch(
  "/:id/reativar",
  requireRole(PERMISSION.configurar),
  validate("param", IdParam),
  async (c) => {
    const { id } = c.req.valid("param");
    return reply(
      c,
      "PATCH /api/consultorios/:id/reativar",
      await service.restoreConsultorio(c.var.deps, actorOf(c.var.auth), id),
    );
  },
);
