import { type Context, Hono } from "hono";
import type { AppEnv } from "../../app_env.ts";
import { PERMISSION, staffOrPaciente } from "../../auth/middleware.ts";
import { actorOf } from "../../events/record.ts";
import { badRequest, forbidden } from "../../http/errors.ts";
import { reply } from "../../http/reply.ts";
import { validate } from "../../http/validate.ts";
import { CredencialInput, CredencialQuery } from "./schemas.ts";
import { listarCredenciais, registrarCredencial } from "./service.ts";

export const segurosRoutes = new Hono<AppEnv>();

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
  staffOrPaciente(PERMISSION.pacientes),
  validate("json", CredencialInput),
  async (c) => {
    const { pacienteid, ...input } = c.req.valid("json");
    const alvo = pacienteAlvo(c, pacienteid);
    const out = await registrarCredencial(c.var.deps, actorOf(c.var.auth), alvo, input);
    return reply(c, "POST /api/seguros/credencial", out.credencial, out.criada ? 201 : 200);
  },
);

segurosRoutes.get(
  "/credencial",
  staffOrPaciente(PERMISSION.ler),
  validate("query", CredencialQuery),
  async (c) => {
    const alvo = pacienteAlvo(c, c.req.valid("query").pacienteid);
    return reply(c, "GET /api/seguros/credencial", await listarCredenciais(c.var.deps, alvo));
  },
);
