import { type Context, Hono } from "hono";
import type { AppEnv } from "../../app_env.ts";
import { PERMISSION, requireRole, staffOrPaciente } from "../../auth/middleware.ts";
import { actorOf } from "../../events/record.ts";
import { forbidden, notFound } from "../../http/errors.ts";
import { reply } from "../../http/reply.ts";
import { validate } from "../../http/validate.ts";
import { IdParam } from "../../shared/schemas.ts";
import { cotasOf, saveCotas } from "./cotas_service.ts";
import { forPaciente, getEspecialidade } from "./queries.ts";
import {
  CotasReplace,
  EspecialidadeCreate,
  EspecialidadeListQuery,
  EspecialidadeUpdate,
} from "./schemas.ts";
import * as svc from "./service.ts";
import { STATUS } from "../../shared/statuses.ts";

export const especialidadesRoutes = new Hono<AppEnv>();

const ler = requireRole(PERMISSION.ler);
const lerOuPortal = staffOrPaciente(PERMISSION.ler);
const isPortal = (c: Context<AppEnv>) => c.var.auth?.kind === "paciente";
const SOMENTE_ATIVAS = "O portal do paciente mostra apenas especialidades ativas.";
const configurar = requireRole(PERMISSION.configurar);
const id = validate("param", IdParam);

// Lists and details also answer a paciente token (the portal's request form): active rows
// only, in the reduced `EspecialidadePortal` shape; an inactive one is a 404 to them.
especialidadesRoutes.get("/", lerOuPortal, validate("query", EspecialidadeListQuery), async (c) => {
  const q = c.req.valid("query");
  if (!isPortal(c)) {
    return reply(c, "GET /api/especialidades", await svc.listEspecialidades(c.var.deps.db, q));
  }
  if (q.status !== STATUS.ativo) throw forbidden(SOMENTE_ATIVAS);
  return reply(
    c,
    "GET /api/especialidades",
    (await svc.listEspecialidades(c.var.deps.db, q)).map(forPaciente),
  );
});

especialidadesRoutes.get("/:id", lerOuPortal, id, async (c) => {
  const row = await getEspecialidade(c.var.deps.db.sql, c.req.valid("param").id);
  if (!isPortal(c)) return reply(c, "GET /api/especialidades/:id", row);
  if (row.status !== STATUS.ativo) throw notFound("Especialidade");
  return reply(c, "GET /api/especialidades/:id", forPaciente(row));
});

especialidadesRoutes.post("/", configurar, validate("json", EspecialidadeCreate), async (c) => {
  const row = await svc.createEspecialidade(
    c.var.deps.db,
    actorOf(c.var.auth),
    c.req.valid("json"),
  );
  return reply(c, "POST /api/especialidades", row);
});

especialidadesRoutes.put(
  "/:id",
  configurar,
  id,
  validate("json", EspecialidadeUpdate),
  async (c) => {
    const row = await svc.updateEspecialidade(
      c.var.deps.db,
      actorOf(c.var.auth),
      c.req.valid("param").id,
      c.req.valid("json"),
    );
    return reply(c, "PUT /api/especialidades/:id", row);
  },
);

especialidadesRoutes.delete("/:id", configurar, id, async (c) => {
  const row = await svc.inactivateEspecialidade(
    c.var.deps.db,
    actorOf(c.var.auth),
    c.req.valid("param").id,
  );
  return reply(c, "DELETE /api/especialidades/:id", row);
});

especialidadesRoutes.patch("/:id/reativar", configurar, id, async (c) => {
  const row = await svc.reactivateEspecialidade(
    c.var.deps.db,
    actorOf(c.var.auth),
    c.req.valid("param").id,
  );
  return reply(c, "PATCH /api/especialidades/:id/reativar", row);
});

especialidadesRoutes.get("/:id/cotas", ler, id, async (c) => {
  return reply(
    c,
    "GET /api/especialidades/:id/cotas",
    await cotasOf(c.var.deps.db.sql, c.req.valid("param").id),
  );
});

especialidadesRoutes.post(
  "/:id/cotas",
  configurar,
  id,
  validate("json", CotasReplace),
  async (c) => {
    const out = await saveCotas(
      c.var.deps.db,
      actorOf(c.var.auth),
      c.req.valid("param").id,
      c.req.valid("json").cotas,
    );
    return reply(c, "POST /api/especialidades/:id/cotas", out);
  },
);
