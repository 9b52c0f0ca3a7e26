import { Hono } from "hono";
import type { AppEnv } from "../../app_env.ts";
import { PERMISSION, requireRole } from "../../auth/middleware.ts";
import { actorOf } from "../../events/record.ts";
import { validate } from "../../http/validate.ts";
import { IdParam } from "../../shared/schemas.ts";
import { UnidadeCreateInput, UnidadeListQuery, UnidadeUpdateInput } from "./schemas.ts";
import * as service from "./service.ts";

export const unidadesRoutes = new Hono<AppEnv>();

unidadesRoutes.get(
  "/",
  requireRole(PERMISSION.ler),
  validate("query", UnidadeListQuery),
  async (c) => c.json(await service.listUnidades(c.var.deps, c.req.valid("query")), 200),
);

unidadesRoutes.get(
  "/:id",
  requireRole(PERMISSION.ler),
  validate("param", IdParam),
  async (c) => c.json(await service.getUnidade(c.var.deps, c.req.valid("param").id), 200),
);

unidadesRoutes.post(
  "/",
  requireRole(PERMISSION.configurar),
  validate("json", UnidadeCreateInput),
  async (c) => {
    const input = c.req.valid("json");
    return c.json(await service.createUnidade(c.var.deps, actorOf(c.var.auth), input), 201);
  },
);

unidadesRoutes.put(
  "/:id",
  requireRole(PERMISSION.configurar),
  validate("param", IdParam),
  validate("json", UnidadeUpdateInput),
  async (c) => {
    const { id } = c.req.valid("param");
    const input = c.req.valid("json");
    return c.json(await service.updateUnidade(c.var.deps, actorOf(c.var.auth), id, input), 200);
  },
);

unidadesRoutes.delete(
  "/:id",
  requireRole(PERMISSION.configurar),
  validate("param", IdParam),
  async (c) => {
    const { id } = c.req.valid("param");
    return c.json(await service.deleteUnidade(c.var.deps, actorOf(c.var.auth), id), 200);
  },
);

unidadesRoutes.patch(
  "/:id/reativar",
  requireRole(PERMISSION.configurar),
  validate("param", IdParam),
  async (c) => {
    const { id } = c.req.valid("param");
    return c.json(await service.reactivateUnidade(c.var.deps, actorOf(c.var.auth), id), 200);
  },
);
