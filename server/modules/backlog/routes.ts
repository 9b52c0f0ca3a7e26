/**
 * `/api/backlog`: the waiting queue. Staff read with `PERMISSION.ler` and operate with
 * `PERMISSION.agendar`; a paciente token reaches only their own requests (list, detail, create,
 * update, confirm, refuse, cancel). Another patient's item answers 404.
 */
import { Hono } from "hono";
import type { AppEnv } from "../../app_env.ts";
import { PERMISSION, requireRole, staffOrPaciente } from "../../auth/middleware.ts";
import { actorOf } from "../../events/record.ts";
import { reply } from "../../http/reply.ts";
import { validate } from "../../http/validate.ts";
import { IdParam } from "../../shared/schemas.ts";
import { viewerOf } from "../../booking/access.ts";
import * as alloc from "./allocation.ts";
import { getBacklogItem, listBacklog } from "./queries.ts";
import {
  AlocarDiaInput,
  AlocarInput,
  AlocarInteligenteInput,
  BacklogCreate,
  BacklogListQuery,
  BacklogUpdate,
  RecusarInput,
} from "./schemas.ts";
import * as svc from "./service.ts";
import { retirarProposta } from "./withdraw.ts";
import { BACKLOG } from "../../shared/statuses.ts";

export const backlogRoutes = new Hono<AppEnv>();

const ler = staffOrPaciente(PERMISSION.ler);
const operar = staffOrPaciente(PERMISSION.agendar);
const equipe = requireRole(PERMISSION.agendar);
const id = validate("param", IdParam);

backlogRoutes.get("/", ler, validate("query", BacklogListQuery), async (c) => {
  const out = await listBacklog(c.var.deps.db.sql, viewerOf(c.var.auth), c.req.valid("query"));
  return reply(c, "GET /api/backlog", out);
});

backlogRoutes.get("/:id", ler, id, async (c) => {
  const item = await getBacklogItem(
    c.var.deps.db.sql,
    c.req.valid("param").id,
    viewerOf(c.var.auth),
  );
  return reply(c, "GET /api/backlog/:id", item);
});

backlogRoutes.post("/", operar, validate("json", BacklogCreate), async (c) => {
  const { auth, deps } = c.var;
  const out = await svc.createBacklog(deps.db, actorOf(auth), viewerOf(auth), c.req.valid("json"));
  return reply(c, "POST /api/backlog", out);
});

backlogRoutes.put("/:id", operar, id, validate("json", BacklogUpdate), async (c) => {
  const { auth, deps } = c.var;
  const out = await svc.updateBacklog(
    deps.db,
    actorOf(auth),
    viewerOf(auth),
    c.req.valid("param").id,
    c.req.valid("json"),
  );
  return reply(c, "PUT /api/backlog/:id", out);
});

backlogRoutes.patch("/:id/alocar", equipe, id, validate("json", AlocarInput), async (c) => {
  const { auth, deps } = c.var;
  const { slotagendaid } = c.req.valid("json");
  const backlogid = c.req.valid("param").id;
  const out = await alloc.alocar(deps.db, actorOf(auth), viewerOf(auth), backlogid, slotagendaid);
  return reply(c, "PATCH /api/backlog/:id/alocar", out);
});

backlogRoutes.post("/:id/alocar-dia", equipe, id, validate("json", AlocarDiaInput), async (c) => {
  const { auth, deps } = c.var;
  const { data, unidadeid } = c.req.valid("json");
  const out = await alloc.alocarMelhor(
    deps.db,
    actorOf(auth),
    viewerOf(auth),
    c.req.valid("param").id,
    { preview: false, data, unidadeid, kind: "backlog.alocado" },
  );
  return reply(c, "POST /api/backlog/:id/alocar-dia", out);
});

backlogRoutes.post(
  "/:id/alocar-inteligente",
  equipe,
  id,
  validate("json", AlocarInteligenteInput),
  async (c) => {
    const { auth, deps } = c.var;
    const out = await alloc.alocarMelhor(
      deps.db,
      actorOf(auth),
      viewerOf(auth),
      c.req.valid("param").id,
      { preview: c.req.valid("json").preview, kind: "backlog.alocado_inteligente" },
    );
    return reply(c, "POST /api/backlog/:id/alocar-inteligente", out);
  },
);

backlogRoutes.patch("/:id/confirmar", operar, id, async (c) => {
  const { auth, deps } = c.var;
  const backlogid = c.req.valid("param").id;
  return reply(
    c,
    "PATCH /api/backlog/:id/confirmar",
    await alloc.confirmar(deps.db, actorOf(auth), viewerOf(auth), backlogid),
  );
});

backlogRoutes.patch("/:id/recusar", operar, id, validate("json", RecusarInput), async (c) => {
  const { auth, deps } = c.var;
  const out = await alloc.recusar(
    deps.db,
    actorOf(auth),
    viewerOf(auth),
    c.req.valid("param").id,
    c.req.valid("json").motivo,
  );
  return reply(c, "PATCH /api/backlog/:id/recusar", out);
});

/** The operator's undo of a proposal just made (see withdraw.ts). */
backlogRoutes.patch("/:id/retirar-proposta", equipe, id, async (c) => {
  const { auth, deps } = c.var;
  const out = await retirarProposta(
    deps.db,
    actorOf(auth),
    viewerOf(auth),
    c.req.valid("param").id,
  );
  return reply(c, "PATCH /api/backlog/:id/retirar-proposta", out);
});

backlogRoutes.patch("/:id/inativar", equipe, id, async (c) => {
  const { auth, deps } = c.var;
  const backlogid = c.req.valid("param").id;
  const out = await svc.closeBacklog(
    deps.db,
    actorOf(auth),
    viewerOf(auth),
    backlogid,
    BACKLOG.inativo,
  );
  return reply(c, "PATCH /api/backlog/:id/inativar", out);
});

backlogRoutes.patch("/:id/reativar", equipe, id, async (c) => {
  const { auth, deps } = c.var;
  const out = await svc.reactivateBacklog(deps.db, actorOf(auth), c.req.valid("param").id);
  return reply(c, "PATCH /api/backlog/:id/reativar", out);
});

backlogRoutes.delete("/:id", operar, id, async (c) => {
  const { auth, deps } = c.var;
  const backlogid = c.req.valid("param").id;
  const out = await svc.closeBacklog(
    deps.db,
    actorOf(auth),
    viewerOf(auth),
    backlogid,
    BACKLOG.cancelado,
  );
  return reply(c, "DELETE /api/backlog/:id", out);
});
