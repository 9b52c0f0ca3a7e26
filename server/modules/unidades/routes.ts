import { type Context, Hono } from "hono";
import type { AppEnv } from "../../app_env.ts";
import { PERMISSION, requireRole, staffOrPaciente } from "../../auth/middleware.ts";
import { actorOf } from "../../events/record.ts";
import { forbidden, notFound } from "../../http/errors.ts";
import { reply } from "../../http/reply.ts";
import { validate } from "../../http/validate.ts";
import { IdParam } from "../../shared/schemas.ts";
import { UnidadeCreateInput, UnidadeListQuery, UnidadeUpdateInput } from "./schemas.ts";
import { forPaciente } from "./queries.ts";
import * as service from "./service.ts";
import { STATUS } from "../../shared/statuses.ts";

export const unidadesRoutes = new Hono<AppEnv>();

// Lists and details also answer a paciente token (the portal's request form and proposals):
// active unidades only, in the reduced `UnidadePortal` shape; an inactive one is a 404 to them.
const isPortal = (c: Context<AppEnv>) => c.var.auth?.kind === "paciente";

unidadesRoutes.get(
  "/",
  staffOrPaciente(PERMISSION.ler),
  validate("query", UnidadeListQuery),
  async (c) => {
    const q = c.req.valid("query");
    if (!isPortal(c)) {
      return reply(c, "GET /api/unidades", await service.listUnidades(c.var.deps, q));
    }
    if (q.status !== STATUS.ativo) {
      throw forbidden("O portal do paciente mostra apenas unidades ativas.");
    }
    return reply(
      c,
      "GET /api/unidades",
      (await service.listUnidades(c.var.deps, q)).map(forPaciente),
    );
  },
);

unidadesRoutes.get(
  "/:id",
  staffOrPaciente(PERMISSION.ler),
  validate("param", IdParam),
  async (c) => {
    const row = await service.getUnidade(c.var.deps, c.req.valid("param").id);
    if (!isPortal(c)) return reply(c, "GET /api/unidades/:id", row);
    if (row.status !== STATUS.ativo) throw notFound("Unidade");
    return reply(c, "GET /api/unidades/:id", forPaciente(row));
  },
);

unidadesRoutes.post(
  "/",
  requireRole(PERMISSION.configurar),
  validate("json", UnidadeCreateInput),
  async (c) => {
    const input = c.req.valid("json");
    return reply(
      c,
      "POST /api/unidades",
      await service.createUnidade(c.var.deps, actorOf(c.var.auth), input),
    );
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
    return reply(
      c,
      "PUT /api/unidades/:id",
      await service.updateUnidade(c.var.deps, actorOf(c.var.auth), id, input),
    );
  },
);

unidadesRoutes.delete(
  "/:id",
  requireRole(PERMISSION.configurar),
  validate("param", IdParam),
  async (c) => {
    const { id } = c.req.valid("param");
    return reply(
      c,
      "DELETE /api/unidades/:id",
      await service.deleteUnidade(c.var.deps, actorOf(c.var.auth), id),
    );
  },
);

unidadesRoutes.patch(
  "/:id/reativar",
  requireRole(PERMISSION.configurar),
  validate("param", IdParam),
  async (c) => {
    const { id } = c.req.valid("param");
    return reply(
      c,
      "PATCH /api/unidades/:id/reativar",
      await service.reactivateUnidade(c.var.deps, actorOf(c.var.auth), id),
    );
  },
);
