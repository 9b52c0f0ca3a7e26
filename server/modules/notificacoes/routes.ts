import { Hono } from "hono";
import type { AppEnv } from "../../app_env.ts";
import { PERMISSION, requireRole } from "../../auth/middleware.ts";
import { actorOf } from "../../events/record.ts";
import { validate } from "../../http/validate.ts";
import { IdParam } from "../../shared/schemas.ts";
import { NotificacoesQuery } from "./schemas.ts";
import { getNotificacao, listNotificacoes, reenviarNotificacao } from "./service.ts";

export const notificacoesRoutes = new Hono<AppEnv>();

notificacoesRoutes.get(
  "/",
  requireRole(PERMISSION.administrar),
  validate("query", NotificacoesQuery),
  async (c) => c.json(await listNotificacoes(c.var.deps, c.req.valid("query")), 200),
);

notificacoesRoutes.get(
  "/:id",
  requireRole(PERMISSION.administrar),
  validate("param", IdParam),
  async (c) => c.json(await getNotificacao(c.var.deps, c.req.valid("param").id), 200),
);

notificacoesRoutes.post(
  "/:id/reenviar",
  requireRole(PERMISSION.administrar),
  validate("param", IdParam),
  async (c) => {
    const { id } = c.req.valid("param");
    return c.json(await reenviarNotificacao(c.var.deps, actorOf(c.var.auth), id), 200);
  },
);
