/** `/api/fichas/:pacienteid`: a patient's clinical record, staff from `operador` up. */
import { Hono } from "hono";
import type { AppEnv } from "../../app_env.ts";
import { PERMISSION, requireRole } from "../../auth/middleware.ts";
import { actorOf } from "../../events/record.ts";
import { reply } from "../../http/reply.ts";
import { validate } from "../../http/validate.ts";
import { FichaInput, PacienteIdParam } from "./schemas.ts";
import * as svc from "./service.ts";

export const fichasRoutes = new Hono<AppEnv>();

// Clinical data: not for read-only profiles.
const equipe = requireRole(PERMISSION.agendar);
const param = validate("param", PacienteIdParam);

fichasRoutes.get("/:pacienteid", equipe, param, async (c) => {
  return reply(
    c,
    "GET /api/fichas/:pacienteid",
    await svc.getFicha(c.var.deps.db.sql, c.req.valid("param").pacienteid),
  );
});

fichasRoutes.put("/:pacienteid", equipe, param, validate("json", FichaInput), async (c) => {
  const { auth, deps } = c.var;
  const out = await svc.putFicha(
    deps.db,
    actorOf(auth),
    c.req.valid("param").pacienteid,
    c.req.valid("json").conteudo,
  );
  return reply(c, "PUT /api/fichas/:pacienteid", out);
});
