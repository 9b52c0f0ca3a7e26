/**
 * `/api/planos`: treatment plans. Staff read with `PERMISSION.ler` and write with
 * `PERMISSION.agendar`; a patient reads their own plans only.
 */
import { Hono } from "hono";
import type { AppEnv } from "../../app_env.ts";
import { adminOf, PERMISSION, requireRole, staffOrPaciente } from "../../auth/middleware.ts";
import { actorOf } from "../../events/record.ts";
import { reply } from "../../http/reply.ts";
import { validate } from "../../http/validate.ts";
import { IdParam } from "../../shared/schemas.ts";
import { viewerOf } from "../../booking/access.ts";
import { AddConsultaInput, PlanoCreate, PlanoListQuery } from "./schemas.ts";
import * as svc from "./service.ts";

export const planosRoutes = new Hono<AppEnv>();

const ler = staffOrPaciente(PERMISSION.ler);
const escrever = requireRole(PERMISSION.agendar);
const id = validate("param", IdParam);

planosRoutes.get("/", ler, validate("query", PlanoListQuery), async (c) => {
  const { pacienteid } = c.req.valid("query");
  return reply(
    c,
    "GET /api/planos",
    await svc.listPlanos(c.var.deps.db.sql, viewerOf(c.var.auth), pacienteid),
  );
});

planosRoutes.get("/:id", ler, id, async (c) => {
  const out = await svc.getPlano(c.var.deps.db.sql, viewerOf(c.var.auth), c.req.valid("param").id);
  return reply(c, "GET /api/planos/:id", out);
});

planosRoutes.post("/", escrever, validate("json", PlanoCreate), async (c) => {
  const { auth, deps } = c.var;
  const out = await svc.createPlano(
    deps.db,
    actorOf(auth),
    adminOf(c).usuarioid,
    c.req.valid("json"),
  );
  return reply(c, "POST /api/planos", out);
});

planosRoutes.post(
  "/:id/add_consulta",
  escrever,
  id,
  validate("json", AddConsultaInput),
  async (c) => {
    const { auth, deps } = c.var;
    const { agendamentoid } = c.req.valid("json");
    const out = await svc.addConsulta(
      deps.db,
      actorOf(auth),
      c.req.valid("param").id,
      agendamentoid,
    );
    return reply(c, "POST /api/planos/:id/add_consulta", out);
  },
);
