import { Hono } from "hono";
import type { AppEnv } from "../../app_env.ts";
import { PERMISSION, requireRole } from "../../auth/middleware.ts";
import { actorOf } from "../../events/record.ts";
import { validate } from "../../http/validate.ts";
import { IdParam } from "../../shared/schemas.ts";
import { UsuarioCreate, UsuarioListQuery, UsuarioUpdate } from "./schemas.ts";
import * as svc from "./service.ts";

/** "Gestão de Usuários — apenas para administrador_master." */
export const usuariosRoutes = new Hono<AppEnv>();

usuariosRoutes.use("*", requireRole(PERMISSION.usuarios));

usuariosRoutes.get("/", validate("query", UsuarioListQuery), async (c) => {
  return c.json(await svc.listUsuarios(c.var.deps.db, c.req.valid("query")), 200);
});

usuariosRoutes.get("/:id", validate("param", IdParam), async (c) => {
  return c.json(await svc.getUsuario(c.var.deps.db.sql, c.req.valid("param").id), 200);
});

usuariosRoutes.post("/", validate("json", UsuarioCreate), async (c) => {
  const row = await svc.createUsuario(c.var.deps, actorOf(c.var.auth), c.req.valid("json"));
  return c.json(row, 201);
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
    return c.json(row, 200);
  },
);
