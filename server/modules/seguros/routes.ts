import { type Context, Hono, type MiddlewareHandler } from "hono";
import type { AppEnv } from "../../app_env.ts";
import { hasRole, PERMISSION } from "../../auth/middleware.ts";
import type { Role } from "../../shared/schemas.ts";
import { actorOf } from "../../events/record.ts";
import { badRequest, forbidden, unauthorized } from "../../http/errors.ts";
import { validate } from "../../http/validate.ts";
import { CredencialInput, CredencialQuery } from "./schemas.ts";
import { listarCredenciais, registrarCredencial } from "./service.ts";

export const segurosRoutes = new Hono<AppEnv>();

/** A paciente (for their own data) or a staff member with at least `min`. */
function requirePacienteOrRole(min: Role): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    const auth = c.var.auth;
    if (!auth) throw unauthorized();
    if (auth.kind === "admin" && !hasRole(auth.role, min)) {
      throw forbidden(`Esta ação exige o perfil ${min} ou superior.`);
    }
    await next();
  };
}

/**
 * Whose credentials a request is about: a paciente token's own, and only its own; for staff,
 * the `pacienteid` they name.
 */
function pacienteAlvo(c: Context<AppEnv>, requested: number | undefined): number {
  const auth = c.var.auth!;
  if (auth.kind === "paciente") {
    if (requested !== undefined && requested !== auth.pacienteid) {
      throw forbidden("Você só pode acessar o convênio do seu próprio cadastro.");
    }
    return auth.pacienteid;
  }
  if (requested === undefined) {
    throw badRequest("entrada_invalida", "Dados inválidos.", [
      { path: "pacienteid", message: "Informe o paciente.", code: "custom" },
    ]);
  }
  return requested;
}

segurosRoutes.post(
  "/credencial",
  requirePacienteOrRole(PERMISSION.pacientes),
  validate("json", CredencialInput),
  async (c) => {
    const { pacienteid, ...input } = c.req.valid("json");
    const alvo = pacienteAlvo(c, pacienteid);
    const out = await registrarCredencial(c.var.deps, actorOf(c.var.auth), alvo, input);
    return c.json(out.credencial, out.criada ? 201 : 200);
  },
);

segurosRoutes.get(
  "/credencial",
  requirePacienteOrRole(PERMISSION.ler),
  validate("query", CredencialQuery),
  async (c) => {
    const alvo = pacienteAlvo(c, c.req.valid("query").pacienteid);
    return c.json(await listarCredenciais(c.var.deps, alvo), 200);
  },
);
