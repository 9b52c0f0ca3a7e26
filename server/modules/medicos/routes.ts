/** /api/medicos (CRUD with inactivation) and /api/upload/medico/:id/foto (photo). */
import { Hono } from "hono";
import type { Context } from "hono";
import { bodyLimit } from "hono/body-limit";
import type { AppEnv } from "../../app_env.ts";
import {
  adminOf,
  hasRole,
  PERMISSION,
  requireRole,
  staffOrPaciente,
} from "../../auth/middleware.ts";
import { actorOf } from "../../events/record.ts";
import { forbidden, HttpError, notFound } from "../../http/errors.ts";
import { reply } from "../../http/reply.ts";
import { validate } from "../../http/validate.ts";
import { IdParam } from "../../shared/schemas.ts";
import { removeFoto, uploadFoto } from "./foto_service.ts";
import { forPaciente, getMedico, listMedicos, type MedicoRow, present } from "./query_service.ts";
import { FOTO_MAX_BYTES, FotoForm, MedicoInput, MedicoListQuery } from "./schemas.ts";
import { createMedico, inactivateMedico, reactivateMedico, updateMedico } from "./service.ts";
import { STATUS } from "../../shared/statuses.ts";

/** Bank details in full only for administrador and above. */
const shown = (c: Context<AppEnv>) => {
  const full = hasRole(adminOf(c).role, "administrador");
  return (row: MedicoRow) => present(row, full);
};

export const medicosRoutes = new Hono<AppEnv>();

// Lists and details also answer a paciente token (the portal's request form): active médicos
// only, in the reduced `MedicoPortal` shape; an inactive one is a 404 to them.
const isPortal = (c: Context<AppEnv>) => c.var.auth?.kind === "paciente";

medicosRoutes.get(
  "/",
  staffOrPaciente(PERMISSION.ler),
  validate("query", MedicoListQuery),
  async (c) => {
    const q = c.req.valid("query");
    if (isPortal(c) && q.status !== STATUS.ativo) {
      throw forbidden("O portal do paciente mostra apenas médicos ativos.");
    }
    const list = await listMedicos(c.var.deps.db.sql, q);
    const view = isPortal(c) ? forPaciente : shown(c);
    return reply(c, "GET /api/medicos", { ...list, items: list.items.map(view) });
  },
);

medicosRoutes.get(
  "/:id",
  staffOrPaciente(PERMISSION.ler),
  validate("param", IdParam),
  async (c) => {
    const row = await getMedico(c.var.deps.db.sql, c.req.valid("param").id);
    if (!isPortal(c)) return reply(c, "GET /api/medicos/:id", shown(c)(row));
    if (row.status !== STATUS.ativo) throw notFound("Médico");
    return reply(c, "GET /api/medicos/:id", forPaciente(row));
  },
);

medicosRoutes.post(
  "/",
  requireRole(PERMISSION.configurar),
  validate("json", MedicoInput),
  async (c) => {
    const row = await createMedico(c.var.deps, actorOf(c.var.auth), c.req.valid("json"));
    return reply(c, "POST /api/medicos", shown(c)(row));
  },
);

medicosRoutes.put(
  "/:id",
  requireRole(PERMISSION.configurar),
  validate("param", IdParam),
  validate("json", MedicoInput),
  async (c) => {
    const { id } = c.req.valid("param");
    const row = await updateMedico(c.var.deps, actorOf(c.var.auth), id, c.req.valid("json"));
    return reply(c, "PUT /api/medicos/:id", shown(c)(row));
  },
);

medicosRoutes.delete(
  "/:id",
  requireRole(PERMISSION.configurar),
  validate("param", IdParam),
  async (c) => {
    const row = await inactivateMedico(c.var.deps, actorOf(c.var.auth), c.req.valid("param").id);
    return reply(c, "DELETE /api/medicos/:id", shown(c)(row));
  },
);

medicosRoutes.patch(
  "/:id/reativar",
  requireRole(PERMISSION.configurar),
  validate("param", IdParam),
  async (c) => {
    const row = await reactivateMedico(c.var.deps, actorOf(c.var.auth), c.req.valid("param").id);
    return reply(c, "PATCH /api/medicos/:id/reativar", shown(c)(row));
  },
);

export const uploadRoutes = new Hono<AppEnv>();

/** Room for the multipart framing around a photo of the maximum size. */
const MULTIPART_OVERHEAD = 16 * 1024;

uploadRoutes.post(
  "/medico/:id/foto",
  requireRole(PERMISSION.configurar),
  validate("param", IdParam),
  bodyLimit({
    maxSize: FOTO_MAX_BYTES + MULTIPART_OVERHEAD,
    onError: () => {
      throw new HttpError(413, "arquivo_muito_grande", "A foto deve ter no máximo 2 MB.", {
        max_bytes: FOTO_MAX_BYTES,
      });
    },
  }),
  validate("form", FotoForm),
  async (c) => {
    const { id } = c.req.valid("param");
    const row = await uploadFoto(c.var.deps, actorOf(c.var.auth), id, c.req.valid("form").foto);
    return reply(c, "POST /api/upload/medico/:id/foto", shown(c)(row));
  },
);

uploadRoutes.delete(
  "/medico/:id/foto",
  requireRole(PERMISSION.configurar),
  validate("param", IdParam),
  async (c) => {
    const row = await removeFoto(c.var.deps, actorOf(c.var.auth), c.req.valid("param").id);
    return reply(c, "DELETE /api/upload/medico/:id/foto", shown(c)(row));
  },
);
