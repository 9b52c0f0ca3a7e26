/** GET /api/auditoria: the operation history (administrador). */
import { Hono } from "hono";
import type { AppEnv } from "../../app_env.ts";
import { PERMISSION, requireRole } from "../../auth/middleware.ts";
import { validate } from "../../http/validate.ts";
import { AuditoriaQuery } from "./schemas.ts";
import { listAuditoria } from "./service.ts";

export const auditoriaRoutes = new Hono<AppEnv>();

auditoriaRoutes.get(
  "/",
  requireRole(PERMISSION.administrar),
  validate("query", AuditoriaQuery),
  async (c) => c.json(await listAuditoria(c.var.deps.db.sql, c.req.valid("query")), 200),
);
