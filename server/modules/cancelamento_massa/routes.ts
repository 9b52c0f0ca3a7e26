/** `/api/cancelamento-massa`: preview and execution, `PERMISSION.administrar` only. */
import { Hono } from "hono";
import type { AppEnv } from "../../app_env.ts";
import { adminOf, PERMISSION, requireRole } from "../../auth/middleware.ts";
import { actorOf } from "../../events/record.ts";
import { reply } from "../../http/reply.ts";
import { validate } from "../../http/validate.ts";
import { ExecutarInput, PreviewInput } from "./schemas.ts";
import * as svc from "./service.ts";

export const cancelamentoMassaRoutes = new Hono<AppEnv>();

const administrar = requireRole(PERMISSION.administrar);

cancelamentoMassaRoutes.post("/preview", administrar, validate("json", PreviewInput), async (c) => {
  return reply(
    c,
    "POST /api/cancelamento-massa/preview",
    await svc.preview(c.var.deps.db.sql, c.req.valid("json")),
  );
});

cancelamentoMassaRoutes.post(
  "/executar",
  administrar,
  validate("json", ExecutarInput),
  async (c) => {
    const { auth, deps } = c.var;
    const out = await svc.executar(
      deps.db,
      actorOf(auth),
      adminOf(c).usuarioid,
      c.req.valid("json"),
    );
    return reply(c, "POST /api/cancelamento-massa/executar", out);
  },
);
