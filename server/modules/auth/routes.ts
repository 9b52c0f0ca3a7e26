import { Hono } from "hono";
import type { AppEnv } from "../../app_env.ts";
import {
  adminOf,
  pacienteOf,
  PERMISSION,
  requirePaciente,
  requireRole,
} from "../../auth/middleware.ts";
import { actorOf } from "../../events/record.ts";
import { reply } from "../../http/reply.ts";
import { validate } from "../../http/validate.ts";
import * as admin from "./admin_service.ts";
import * as perfil from "./paciente_perfil_service.ts";
import * as paciente from "./paciente_service.ts";
import * as reset from "./senha_reset_service.ts";
import {
  AdminLoginInput,
  ConfirmarCodigoInput,
  EnviarCodigoInput,
  FirstAccessInput,
  PacienteLoginInput,
  PacientePerfilInput,
  PacienteRegisterInput,
  PacienteSenhaInput,
  ResendFirstAccessInput,
  SenhaEsqueciInput,
  SenhaRedefinirInput,
  ValidateFirstAccessInput,
} from "./schemas.ts";

export const authRoutes = new Hono<AppEnv>();

const meta = (c: { var: AppEnv["Variables"]; req: { header(n: string): string | undefined } }) => ({
  ip: c.var.clientIp,
  userAgent: c.req.header("user-agent"),
});

// ---------------------------------------------------------------- staff

authRoutes.post("/login", validate("json", AdminLoginInput), async (c) => {
  const { email, senha } = c.req.valid("json");
  return reply(
    c,
    "POST /api/auth/login",
    await admin.loginAdmin(c.var.deps, email, senha, meta(c)),
  );
});

authRoutes.post("/logout", requireRole("visualizador"), async (c) => {
  const auth = adminOf(c);
  await admin.logoutAdmin(c.var.deps, actorOf(auth), auth.jti);
  return reply(c, "POST /api/auth/logout", { ok: true });
});

authRoutes.get("/me", requireRole("visualizador"), async (c) => {
  return reply(c, "GET /api/auth/me", await admin.me(c.var.deps, adminOf(c).usuarioid));
});

authRoutes.post("/validate-first-access", validate("json", ValidateFirstAccessInput), async (c) => {
  return reply(
    c,
    "POST /api/auth/validate-first-access",
    await admin.validateFirstAccess(c.var.deps, c.req.valid("json").token),
  );
});

authRoutes.post("/first-access", validate("json", FirstAccessInput), async (c) => {
  return reply(
    c,
    "POST /api/auth/first-access",
    await admin.completeFirstAccess(c.var.deps, c.req.valid("json"), meta(c)),
  );
});

authRoutes.post(
  "/resend-first-access",
  requireRole(PERMISSION.usuarios),
  validate("json", ResendFirstAccessInput),
  async (c) => {
    const { usuarioid } = c.req.valid("json");
    return reply(
      c,
      "POST /api/auth/resend-first-access",
      await admin.resendFirstAccess(c.var.deps, actorOf(c.var.auth), usuarioid),
    );
  },
);

// ---------------------------------------------------------------- paciente

authRoutes.post("/paciente/register", validate("json", PacienteRegisterInput), async (c) => {
  return reply(
    c,
    "POST /api/auth/paciente/register",
    await paciente.registerPaciente(c.var.deps, c.req.valid("json"), meta(c)),
  );
});

authRoutes.post("/paciente/login", validate("json", PacienteLoginInput), async (c) => {
  const { cpf, senha } = c.req.valid("json");
  return reply(
    c,
    "POST /api/auth/paciente/login",
    await paciente.loginPaciente(c.var.deps, cpf, senha, meta(c)),
  );
});

authRoutes.post("/paciente/senha/esqueci", validate("json", SenhaEsqueciInput), async (c) => {
  return reply(
    c,
    "POST /api/auth/paciente/senha/esqueci",
    await reset.requestReset(c.var.deps, c.req.valid("json").cpf, c.var.clientIp),
  );
});

authRoutes.post("/paciente/senha/redefinir", validate("json", SenhaRedefinirInput), async (c) => {
  return reply(
    c,
    "POST /api/auth/paciente/senha/redefinir",
    await reset.resetPassword(c.var.deps, c.req.valid("json"), meta(c)),
  );
});

authRoutes.get("/paciente/me", requirePaciente, async (c) => {
  return reply(
    c,
    "GET /api/auth/paciente/me",
    await paciente.pacienteMe(c.var.deps, pacienteOf(c).pacienteid),
  );
});

authRoutes.put(
  "/paciente/me",
  requirePaciente,
  validate("json", PacientePerfilInput),
  async (c) => {
    const auth = pacienteOf(c);
    const out = await perfil.updateOwnProfile(
      c.var.deps,
      actorOf(auth),
      auth.pacienteid,
      c.req.valid("json"),
    );
    return reply(c, "PUT /api/auth/paciente/me", out);
  },
);

authRoutes.put(
  "/paciente/senha",
  requirePaciente,
  validate("json", PacienteSenhaInput),
  async (c) => {
    const auth = pacienteOf(c);
    const { senha_atual, nova_senha } = c.req.valid("json");
    const out = await perfil.changeOwnPassword(
      c.var.deps,
      actorOf(auth),
      auth,
      senha_atual,
      nova_senha,
    );
    return reply(c, "PUT /api/auth/paciente/senha", out);
  },
);

authRoutes.post("/paciente/logout", requirePaciente, async (c) => {
  const auth = pacienteOf(c);
  await paciente.logoutPaciente(c.var.deps, actorOf(auth), auth.jti);
  return reply(c, "POST /api/auth/paciente/logout", { ok: true });
});

authRoutes.post(
  "/paciente/telefone/enviar-codigo",
  requirePaciente,
  validate("json", EnviarCodigoInput),
  async (c) => {
    const auth = pacienteOf(c);
    const { telefone } = c.req.valid("json");
    const out = await paciente.sendWhatsappCode(
      c.var.deps,
      actorOf(auth),
      auth.pacienteid,
      telefone,
      c.var.clientIp,
    );
    return reply(c, "POST /api/auth/paciente/telefone/enviar-codigo", out);
  },
);

authRoutes.post(
  "/paciente/telefone/confirmar",
  requirePaciente,
  validate("json", ConfirmarCodigoInput),
  async (c) => {
    const auth = pacienteOf(c);
    const out = await paciente.confirmWhatsappCode(
      c.var.deps,
      actorOf(auth),
      auth.pacienteid,
      c.req.valid("json").codigo,
    );
    return reply(c, "POST /api/auth/paciente/telefone/confirmar", out);
  },
);
