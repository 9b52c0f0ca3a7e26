/** Staff authentication: login, logout, me and the first-access flow of the spec. */
import type { Deps } from "../../app_env.ts";
import type { Sql } from "../../db/db.ts";
import {
  conflict,
  forbidden,
  HttpError,
  notFound,
  unauthorized,
  unprocessable,
} from "../../http/errors.ts";
import {
  hashPassword,
  randomToken,
  sha256,
  temporaryPassword,
  verifyPassword,
} from "../../auth/passwords.ts";
import { hitLimit, LIMITS } from "../../auth/rate_limit.ts";
import { guardLogin } from "../../auth/login_guard.ts";
import { type Actor, recordEvent } from "../../events/record.ts";
import { enqueue } from "../../notify/outbox.ts";
import { hasRole, PERMISSION } from "../../auth/middleware.ts";
import type { Role } from "../../shared/schemas.ts";
import type { RowOf } from "../../contract/define.ts";
import type { Usuario as UsuarioSchema } from "../usuarios/schemas.ts";
import { openSession, revokeSession, type SessionMeta } from "./sessions.ts";
import { TOPIC } from "../../events/topics.ts";

export const FIRST_ACCESS_HOURS = 48;

/** Public shape of a staff user: never the hash or the token. */
export const USUARIO_COLUMNS = (sql: Sql) =>
  sql`usuarioid, nome, email, cpf, cargo, role, ativo, senha_temporaria, primeiro_acesso,
      ultimo_login, created_at, updated_at`;

export interface Usuario {
  usuarioid: number;
  nome: string;
  email: string;
  role: Role;
  ativo: boolean;
  primeiro_acesso: boolean;
}

export function permissionsOf(role: Role) {
  return Object.fromEntries(
    Object.entries(PERMISSION).map(([k, min]) => [k, hasRole(role, min)]),
  ) as Record<keyof typeof PERMISSION, boolean>;
}

export async function loginAdmin(deps: Deps, email: string, senha: string, meta: SessionMeta) {
  const { db, jwtKey } = deps;
  const guard = await guardLogin(db.sql, `email:${email}`, meta.ip, "este e-mail");
  const [user] = await db.sql<Usuario & { senhahash: string }>`
    select usuarioid, nome, email, role, ativo, primeiro_acesso, senhahash
    from ca_usuario_admin where lower(email) = ${email}`;
  if (!(await verifyPassword(senha, user?.senhahash))) {
    await guard.failed();
    throw unauthorized("E-mail ou senha incorretos.", "credenciais_invalidas");
  }
  await guard.succeeded();
  if (!user.ativo) throw forbidden("Usuário inativo. Procure o administrador.");
  if (user.primeiro_acesso) {
    throw new HttpError(
      403,
      "primeiro_acesso_pendente",
      "Conclua o primeiro acesso pelo link enviado ao seu e-mail antes de entrar.",
    );
  }
  return db.begin(async (sql) => {
    const session = await openSession(sql, jwtKey, "admin", user.usuarioid, meta);
    await sql`update ca_usuario_admin set ultimo_login = now() where usuarioid = ${user.usuarioid}`;
    await recordEvent(sql, { tipo: "admin", id: user.usuarioid, nome: user.nome }, {
      kind: "auth.sessao_iniciada",
      entity: "usuario",
      entityId: user.usuarioid,
      topics: [TOPIC.admin],
      after: { ip: meta.ip },
    });
    const { senhahash: _, ...usuario } = user;
    return { ...session, usuario: { ...usuario, permissoes: permissionsOf(user.role) } };
  });
}

export async function logoutAdmin(deps: Deps, actor: Actor, jti: string) {
  await deps.db.begin(async (sql) => {
    await revokeSession(sql, "admin", jti);
    await recordEvent(sql, actor, {
      kind: "auth.sessao_encerrada",
      entity: "usuario",
      entityId: actor.id!,
      topics: [TOPIC.admin],
    });
  });
}

export async function me(deps: Deps, usuarioid: number) {
  const [u] = await deps.db.sql<RowOf<typeof UsuarioSchema>>`
    select ${USUARIO_COLUMNS(deps.db.sql)} from ca_usuario_admin where usuarioid = ${usuarioid}`;
  if (!u) throw notFound("Usuário");
  return { ...u, permissoes: permissionsOf(u.role) };
}

/** A new temporary password and first-access token, e-mailed through the outbox. */
export async function issueFirstAccess(
  deps: Deps,
  sql: Sql,
  usuario: { usuarioid: number; nome: string; email: string },
) {
  const temp = temporaryPassword();
  const { token, hash } = await randomToken();
  await sql`
    update ca_usuario_admin
    set senhahash = ${await hashPassword(temp, deps.config.bcryptCost)}, senha_temporaria = true,
        primeiro_acesso = true, token_primeiro_acesso = ${hash},
        token_primeiro_acesso_expira = now() + make_interval(hours => ${FIRST_ACCESS_HOURS}),
        updated_at = now()
    where usuarioid = ${usuario.usuarioid}`;
  const link = `${deps.config.publicUrl}/adm/primeiro-acesso?token=${encodeURIComponent(token)}`;
  await enqueue(sql, {
    canal: "email",
    destino: usuario.email,
    template: "primeiro_acesso",
    assunto: "Command Agenda: seu primeiro acesso",
    corpo: `Olá, ${usuario.nome}.\n\nSua conta no Command Agenda foi criada.\n` +
      `Senha temporária: ${temp}\nDefina sua senha em: ${link}\n` +
      `O link vale por ${FIRST_ACCESS_HOURS} horas e pode ser usado uma única vez.`,
    payload: { link, senha_temporaria: temp, token },
    idempotencyKey: `primeiro-acesso:${hash}`,
    usuarioid: usuario.usuarioid,
  });
  return { token, senha_temporaria: temp };
}

async function userByToken(sql: Sql, token: string) {
  const [u] = await sql<Usuario & { senhahash: string; expirado: boolean }>`
    select usuarioid, nome, email, role, ativo, primeiro_acesso, senhahash,
           token_primeiro_acesso_expira <= now() as expirado
    from ca_usuario_admin where token_primeiro_acesso = ${await sha256(token)}
    for update`;
  if (!u) {
    throw unprocessable("token_invalido", "Link de primeiro acesso inválido ou já utilizado.");
  }
  if (u.expirado) {
    throw new HttpError(
      410,
      "token_expirado",
      "Link de primeiro acesso expirado. Peça ao administrador um novo envio.",
    );
  }
  if (!u.ativo) throw forbidden("Usuário inativo. Procure o administrador.");
  return u;
}

export async function validateFirstAccess(deps: Deps, token: string) {
  const u = await userByToken(deps.db.sql, token);
  return { valido: true as const, email: u.email, nome: u.nome };
}

export async function completeFirstAccess(
  deps: Deps,
  input: { token: string; email: string; senha_temporaria: string; nova_senha: string },
  meta: SessionMeta,
) {
  await hitLimit(deps.db.sql, `first-access-ip:${meta.ip}`, LIMITS.loginIp);
  return deps.db.begin(async (sql) => {
    const u = await userByToken(sql, input.token);
    if (
      u.email.toLowerCase() !== input.email ||
      !(await verifyPassword(input.senha_temporaria, u.senhahash))
    ) {
      throw unauthorized("E-mail ou senha temporária incorretos.", "credenciais_invalidas");
    }
    if (input.nova_senha === input.senha_temporaria) {
      throw unprocessable("senha_repetida", "A nova senha deve ser diferente da senha temporária.");
    }
    await sql`
      update ca_usuario_admin
      set senhahash = ${await hashPassword(input.nova_senha, deps.config.bcryptCost)},
          senha_temporaria = false, primeiro_acesso = false, token_primeiro_acesso = null,
          token_primeiro_acesso_expira = null, updated_at = now()
      where usuarioid = ${u.usuarioid}`;
    const actor = { tipo: "admin" as const, id: u.usuarioid, nome: u.nome };
    await recordEvent(sql, actor, {
      kind: "usuario.primeiro_acesso_concluido",
      entity: "usuario",
      entityId: u.usuarioid,
      topics: [TOPIC.admin],
      before: { primeiro_acesso: true },
      after: { primeiro_acesso: false },
    });
    const session = await openSession(sql, deps.jwtKey, "admin", u.usuarioid, meta);
    return {
      ...session,
      usuario: { usuarioid: u.usuarioid, nome: u.nome, email: u.email, role: u.role },
    };
  });
}

export function resendFirstAccess(deps: Deps, actor: Actor, usuarioid: number) {
  return deps.db.begin(async (sql) => {
    const [u] = await sql<Usuario>`
      select usuarioid, nome, email, role, ativo, primeiro_acesso from ca_usuario_admin
      where usuarioid = ${usuarioid} for update`;
    if (!u) throw notFound("Usuário");
    if (!u.ativo) {
      throw unprocessable(
        "usuario_inativo",
        "Reative o usuário antes de reenviar o primeiro acesso.",
      );
    }
    if (!u.primeiro_acesso) {
      throw conflict("primeiro_acesso_concluido", "Este usuário já concluiu o primeiro acesso.");
    }
    await issueFirstAccess(deps, sql, u);
    await recordEvent(sql, actor, {
      kind: "usuario.primeiro_acesso_reenviado",
      entity: "usuario",
      entityId: u.usuarioid,
      topics: [TOPIC.admin],
    });
    return { enviado: true as const, email: u.email };
  });
}
