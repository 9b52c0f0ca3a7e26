/**
 * Authentication and RBAC. `authenticate` reads the bearer token on every /api request and
 * checks its session row; `requireRole`/`requirePaciente`/`requireAuth` guard the routes.
 *
 * @example
 * app.post("/", requireRole("gerenciador"), validate("json", Input), handler)
 */
import type { Context, MiddlewareHandler } from "hono";
import { getConnInfo } from "hono/deno";
import type { AppEnv, Auth, AuthAdmin, AuthPaciente } from "../app_env.ts";
import { forbidden, unauthorized } from "../http/errors.ts";
import type { Role } from "../shared/schemas.ts";
import { verifyToken } from "./jwt.ts";
import { liveAdminSessions, livePacienteSessions } from "./live_sessions.ts";

export const ROLE_LEVEL: Record<Role, number> = {
  visualizador: 1,
  operador: 2,
  gerenciador: 3,
  administrador: 4,
  administrador_master: 5,
};

/** The permission matrix of the spec, one minimum role per capability. */
export const PERMISSION = {
  /** Dashboard, agenda, lists: read only. */
  ler: "visualizador",
  /** Book and cancel agendamentos, operate and allocate the backlog. */
  agendar: "operador",
  /** Register and edit patients at the desk. */
  pacientes: "operador",
  /** Configuration tabs: especialidades, médicos, unidades, consultórios, tipos de slot. */
  configurar: "gerenciador",
  /** Grade generator and grade-day management. */
  gerarGrades: "gerenciador",
  /** Mass cancellation, clinic-wide settings, notification log. */
  administrar: "administrador",
  /** User management. */
  usuarios: "administrador_master",
} as const satisfies Record<string, Role>;

export function hasRole(role: Role, min: Role) {
  return ROLE_LEVEL[role] >= ROLE_LEVEL[min];
}

function bearer(c: Context): string | undefined {
  const h = c.req.header("authorization");
  if (!h) return undefined;
  const m = /^Bearer\s+(\S+)$/i.exec(h);
  if (!m) throw unauthorized("Cabeçalho Authorization inválido.", "token_invalido");
  return m[1];
}

function clientIp(c: Context<AppEnv>): string {
  const { config } = c.var.deps;
  if (config.trustProxy) {
    const fwd = c.req.header("x-forwarded-for")?.split(",")[0]?.trim();
    if (fwd) return fwd;
  }
  try {
    return getConnInfo(c).remote.address ?? "local";
  } catch {
    return "local";
  }
}

/** Resolves a token to its live session, or throws 401. Shared by HTTP and WebSocket auth. */
export async function resolveToken(c: { var: AppEnv["Variables"] }, token: string): Promise<Auth> {
  const { db, jwtKey } = c.var.deps;
  let claims;
  try {
    claims = await verifyToken(jwtKey, token);
  } catch {
    throw unauthorized("Sessão inválida ou expirada. Entre novamente.", "token_invalido");
  }
  if (claims.aud === "admin") {
    const [row] = await liveAdminSessions(db.sql, [claims.jti]);
    if (!row || row.usuarioid !== Number(claims.sub)) throw sessionEnded();
    const { jti: _, ...user } = row;
    return { kind: "admin", jti: claims.jti, ...user };
  }
  const [row] = await livePacienteSessions(db.sql, [claims.jti]);
  if (!row || row.pacienteid !== Number(claims.sub)) throw sessionEnded();
  const { jti: _, ...paciente } = row;
  return { kind: "paciente", jti: claims.jti, ...paciente };
}

const sessionEnded = () => unauthorized("Sessão encerrada. Entre novamente.", "sessao_revogada");

export const authenticate: MiddlewareHandler<AppEnv> = async (c, next) => {
  c.set("clientIp", clientIp(c));
  const token = bearer(c);
  c.set("auth", token ? await resolveToken(c, token) : undefined);
  await next();
};

/** Any authenticated actor, admin or paciente. */
export const requireAuth: MiddlewareHandler<AppEnv> = async (c, next) => {
  if (!c.var.auth) throw unauthorized();
  await next();
};

/** An admin user with at least `min`. A paciente token is refused with 403. */
export function requireRole(min: Role): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    const auth = c.var.auth;
    if (!auth) throw unauthorized();
    if (auth.kind !== "admin") throw forbidden("Área restrita à equipe da unidade.");
    if (!hasRole(auth.role, min)) {
      throw forbidden(`Esta ação exige o perfil ${min} ou superior.`);
    }
    await next();
  };
}

/**
 * Staff with at least `min`, or any authenticated paciente. Routes behind it must scope a
 * paciente to their own records (see `viewerOf` and `ownerFilter` in the agendamentos module).
 */
export function staffOrPaciente(min: Role): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    const auth = c.var.auth;
    if (!auth) throw unauthorized();
    if (auth.kind === "admin" && !hasRole(auth.role, min)) {
      throw forbidden(`Esta ação exige o perfil ${min} ou superior.`);
    }
    await next();
  };
}

export const requirePaciente: MiddlewareHandler<AppEnv> = async (c, next) => {
  const auth = c.var.auth;
  if (!auth) throw unauthorized();
  if (auth.kind !== "paciente") throw forbidden("Rota exclusiva do portal do paciente.");
  await next();
};

/** Typed accessors for handlers behind the guards above. */
export function adminOf(c: Context<AppEnv>): AuthAdmin {
  const auth = c.var.auth;
  if (auth?.kind !== "admin") throw forbidden();
  return auth;
}

export function pacienteOf(c: Context<AppEnv>): AuthPaciente {
  const auth = c.var.auth;
  if (auth?.kind !== "paciente") throw forbidden();
  return auth;
}
