import { Hono } from "hono";
import type { AppEnv } from "../../app_env.ts";
import { PERMISSION, requireRole } from "../../auth/middleware.ts";
import { actorOf } from "../../events/record.ts";
import { reply } from "../../http/reply.ts";
import { validate } from "../../http/validate.ts";
import { IdParam } from "../../shared/schemas.ts";
import { UsuarioCreate, UsuarioListQuery, UsuarioUpdate } from "./schemas.ts";
import * as svc from "./service.ts";

/** "Gestão de Usuários — apenas para administrador_master." */
export const usuariosRoutes = new Hono<AppEnv>();

usuariosRoutes.use("*", requireRole(PERMISSION.usuarios));

usuariosRoutes.get("/", validate("query", UsuarioListQuery), async (c) => {
  return reply(c, "GET /api/usuarios", await svc.listUsuarios(c.var.deps.db, c.req.valid("query")));
});

usuariosRoutes.get("/:id", validate("param", IdParam), async (c) => {
  return reply(
    c,
    "GET /api/usuarios/:id",
    await svc.getUsuario(c.var.deps.db.sql, c.req.valid("param").id),
  );
});

usuariosRoutes.post("/", validate("json", UsuarioCreate), async (c) => {
  const row = await svc.createUsuario(c.var.deps, actorOf(c.var.auth), c.req.valid("json"));
  return reply(c, "POST /api/usuarios", row);
});

usuariosRoutes.put(
  "/:id",
  validate("param", IdParam),
  validate("json", UsuarioUpdate),
  async (c) => {
    const row = await svc.updateUsuario(
      c.var.deps,
      actorOf(c.var.auth),
      c.req.valid("param").id,
      c.req.valid("json"),
    );
    return reply(c, "PUT /api/usuarios/:id", row);
  },
);
