/**
 * `/api/pacientes`: patients managed by the staff. Reads need `PERMISSION.ler`, writes
 * `PERMISSION.pacientes`; a paciente token answers 403 (patients use `/api/auth/paciente/*`).
 */
import { Hono } from "hono";
import type { AppEnv } from "../../app_env.ts";
import { PERMISSION, requireRole } from "../../auth/middleware.ts";
import { actorOf } from "../../events/record.ts";
import { reply } from "../../http/reply.ts";
import { validate } from "../../http/validate.ts";
import { IdParam } from "../../shared/schemas.ts";
import {
  ConfirmarTelefoneInput,
  PacienteInput,
  PacienteListQuery,
  PacienteSearchQuery,
  PacienteUpdate,
  TiposSlotInput,
} from "./schemas.ts";
import * as svc from "./service.ts";
import * as telefone from "./telefone_service.ts";
import * as tipos from "./tipos_slot_service.ts";

export const pacientesRoutes = new Hono<AppEnv>();

const ler = requireRole(PERMISSION.ler);
const escrever = requireRole(PERMISSION.pacientes);
const id = validate("param", IdParam);

pacientesRoutes.get("/", ler, validate("query", PacienteListQuery), async (c) => {
  return reply(
    c,
    "GET /api/pacientes",
    await svc.listPacientes(c.var.deps.db, c.req.valid("query")),
  );
});

// Before "/:id", or "stats" and "search" would be read as an id.
pacientesRoutes.get("/stats", ler, async (c) => {
  return reply(c, "GET /api/pacientes/stats", await svc.pacienteStats(c.var.deps.db));
});

pacientesRoutes.get("/search", ler, validate("query", PacienteSearchQuery), async (c) => {
  return reply(
    c,
    "GET /api/pacientes/search",
    await svc.searchPacientes(c.var.deps.db, c.req.valid("query")),
  );
});

pacientesRoutes.get("/:id", ler, id, async (c) => {
  return reply(
    c,
    "GET /api/pacientes/:id",
    await svc.getPaciente(c.var.deps.db, c.req.valid("param").id),
  );
});

pacientesRoutes.post("/", escrever, validate("json", PacienteInput), async (c) => {
  const out = await svc.createPaciente(c.var.deps.db, actorOf(c.var.auth), c.req.valid("json"));
  return reply(c, "POST /api/pacientes", out);
});

pacientesRoutes.put("/:id", escrever, id, validate("json", PacienteUpdate), async (c) => {
  const out = await svc.updatePaciente(
    c.var.deps.db,
    actorOf(c.var.auth),
    c.req.valid("param").id,
    c.req.valid("json"),
  );
  return reply(c, "PUT /api/pacientes/:id", out);
});

pacientesRoutes.delete("/:id", escrever, id, async (c) => {
  const out = await svc.inactivatePaciente(
    c.var.deps.db,
    actorOf(c.var.auth),
    c.req.valid("param").id,
  );
  return reply(c, "DELETE /api/pacientes/:id", out);
});

pacientesRoutes.patch("/:id/reativar", escrever, id, async (c) => {
  const out = await svc.reactivatePaciente(
    c.var.deps.db,
    actorOf(c.var.auth),
    c.req.valid("param").id,
  );
  return reply(c, "PATCH /api/pacientes/:id/reativar", out);
});

// ---------------------------------------------------------------- phone validation (SMS)

pacientesRoutes.post("/:id/validar-telefone", escrever, id, async (c) => {
  const out = await telefone.sendSmsCode(
    c.var.deps.db,
    actorOf(c.var.auth),
    c.req.valid("param").id,
  );
  return reply(c, "POST /api/pacientes/:id/validar-telefone", out);
});

pacientesRoutes.post(
  "/:id/confirmar-telefone",
  escrever,
  id,
  validate("json", ConfirmarTelefoneInput),
  async (c) => {
    const out = await telefone.confirmSmsCode(
      c.var.deps.db,
      actorOf(c.var.auth),
      c.req.valid("param").id,
      c.req.valid("json").codigo,
    );
    return reply(c, "POST /api/pacientes/:id/confirmar-telefone", out);
  },
);

pacientesRoutes.delete("/:id/validacao-telefone", escrever, id, async (c) => {
  const pacienteid = c.req.valid("param").id;
  const out = await telefone.removePhoneValidation(c.var.deps.db, actorOf(c.var.auth), pacienteid);
  return reply(c, "DELETE /api/pacientes/:id/validacao-telefone", out);
});

// ---------------------------------------------------------------- eligible slot types

pacientesRoutes.get("/:id/tipos-slot", ler, id, async (c) => {
  return reply(
    c,
    "GET /api/pacientes/:id/tipos-slot",
    await tipos.getTiposSlot(c.var.deps.db, c.req.valid("param").id),
  );
});

pacientesRoutes.put(
  "/:id/tipos-slot",
  escrever,
  id,
  validate("json", TiposSlotInput),
  async (c) => {
    const out = await tipos.setTiposSlot(
      c.var.deps.db,
      actorOf(c.var.auth),
      c.req.valid("param").id,
      c.req.valid("json").tipos_slot_elegiveis,
    );
    return reply(c, "PUT /api/pacientes/:id/tipos-slot", out);
  },
);
