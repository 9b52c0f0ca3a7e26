import { Hono } from "hono";
import type { AppEnv } from "../../app_env.ts";
import { PERMISSION, requireRole } from "../../auth/middleware.ts";
import { actorOf } from "../../events/record.ts";
import { reply } from "../../http/reply.ts";
import { validate } from "../../http/validate.ts";
import { IdParam } from "../../shared/schemas.ts";
import { NotificacoesQuery } from "./schemas.ts";
import { getNotificacao, listNotificacoes, reenviarNotificacao } from "./service.ts";

export const notificacoesRoutes = new Hono<AppEnv>();

notificacoesRoutes.get(
  "/",
  requireRole(PERMISSION.administrar),
  validate("query", NotificacoesQuery),
  async (c) =>
    reply(c, "GET /api/notificacoes", await listNotificacoes(c.var.deps, c.req.valid("query"))),
);

notificacoesRoutes.get(
  "/:id",
  requireRole(PERMISSION.administrar),
  validate("param", IdParam),
  async (c) =>
    reply(
      c,
      "GET /api/notificacoes/:id",
      await getNotificacao(c.var.deps, c.req.valid("param").id),
    ),
);

notificacoesRoutes.post(
  "/:id/reenviar",
  requireRole(PERMISSION.administrar),
  validate("param", IdParam),
  async (c) => {
    const { id } = c.req.valid("param");
    return reply(
      c,
      "POST /api/notificacoes/:id/reenviar",
      await reenviarNotificacao(c.var.deps, actorOf(c.var.auth), id),
    );
  },
);
