/** `/api/cancelamento-massa`: preview and execution, `PERMISSION.administrar` only. */
import { Hono } from "hono";
import type { AppEnv } from "../../app_env.ts";
import { adminOf, PERMISSION, requireRole } from "../../auth/middleware.ts";
import { actorOf } from "../../events/record.ts";
import { validate } from "../../http/validate.ts";
import { ExecutarInput, PreviewInput } from "./schemas.ts";
import * as svc from "./service.ts";

export const cancelamentoMassaRoutes = new Hono<AppEnv>();

const administrar = requireRole(PERMISSION.administrar);

cancelamentoMassaRoutes.post("/preview", administrar, validate("json", PreviewInput), async (c) => {
  return c.json(await svc.preview(c.var.deps.db.sql, c.req.valid("json")), 200);
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
    return c.json(out, 200);
  },
);
