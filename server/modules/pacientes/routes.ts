/**
 * `/api/pacientes`: patients managed by the staff. Reads need `PERMISSION.ler`, writes
 * `PERMISSION.pacientes`; a paciente token answers 403 (patients use `/api/auth/paciente/*`).
 */
import { Hono } from "hono";
import type { AppEnv } from "../../app_env.ts";
import { PERMISSION, requireRole } from "../../auth/middleware.ts";
import { actorOf } from "../../events/record.ts";
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
  return c.json(await svc.listPacientes(c.var.deps.db, c.req.valid("query")), 200);
});

// Before "/:id", or "stats" and "search" would be read as an id.
pacientesRoutes.get("/stats", ler, async (c) => {
  return c.json(await svc.pacienteStats(c.var.deps.db), 200);
});

pacientesRoutes.get("/search", ler, validate("query", PacienteSearchQuery), async (c) => {
  return c.json(await svc.searchPacientes(c.var.deps.db, c.req.valid("query")), 200);
});

pacientesRoutes.get("/:id", ler, id, async (c) => {
  return c.json(await svc.getPaciente(c.var.deps.db, c.req.valid("param").id), 200);
});

pacientesRoutes.post("/", escrever, validate("json", PacienteInput), async (c) => {
  const out = await svc.createPaciente(c.var.deps.db, actorOf(c.var.auth), c.req.valid("json"));
  return c.json(out, 201);
});

pacientesRoutes.put("/:id", escrever, id, validate("json", PacienteUpdate), async (c) => {
  const out = await svc.updatePaciente(
    c.var.deps.db,
    actorOf(c.var.auth),
    c.req.valid("param").id,
    c.req.valid("json"),
  );
  return c.json(out, 200);
});

pacientesRoutes.delete("/:id", escrever, id, async (c) => {
  const out = await svc.inactivatePaciente(
    c.var.deps.db,
    actorOf(c.var.auth),
    c.req.valid("param").id,
  );
  return c.json(out, 200);
});

pacientesRoutes.patch("/:id/reativar", escrever, id, async (c) => {
  const out = await svc.reactivatePaciente(
    c.var.deps.db,
    actorOf(c.var.auth),
    c.req.valid("param").id,
  );
  return c.json(out, 200);
});

// ---------------------------------------------------------------- phone validation (SMS)

pacientesRoutes.post("/:id/validar-telefone", escrever, id, async (c) => {
  const out = await telefone.sendSmsCode(
    c.var.deps.db,
    actorOf(c.var.auth),
    c.req.valid("param").id,
  );
  return c.json(out, 200);
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
    return c.json(out, 200);
  },
);

pacientesRoutes.delete("/:id/validacao-telefone", escrever, id, async (c) => {
  const pacienteid = c.req.valid("param").id;
  const out = await telefone.removePhoneValidation(c.var.deps.db, actorOf(c.var.auth), pacienteid);
  return c.json(out, 200);
});

// ---------------------------------------------------------------- eligible slot types

pacientesRoutes.get("/:id/tipos-slot", ler, id, async (c) => {
  return c.json(await tipos.getTiposSlot(c.var.deps.db, c.req.valid("param").id), 200);
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
    return c.json(out, 200);
  },
);
