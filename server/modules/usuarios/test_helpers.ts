/** Helpers shared by the usuarios tests. */
import { strict as assert } from "node:assert";
import { hashPassword } from "../../auth/passwords.ts";
import type { Role } from "../../shared/schemas.ts";
import { TEST_PASSWORD, type TestCtx } from "../../testing/harness.ts";

export const BASE = "/api/usuarios";
export const LOWER_ROLES = ["visualizador", "operador", "gerenciador", "administrador"] as const;

interface EventRow {
  entity_id: string;
  topics: string[];
  actor_id: number | null;
  // deno-lint-ignore no-explicit-any
  before: any;
  // deno-lint-ignore no-explicit-any
  after: any;
}

export async function lastEvent(ctx: TestCtx, kind: string) {
  const [ev] = await ctx.db.sql<EventRow>`
    select * from ca_evento where kind = ${kind} order by id desc limit 1`;
  return ev;
}

/** Users, notifications, sessions and events that a refused write must leave untouched. */
export async function snapshot(ctx: TestCtx) {
  const users = await ctx.db.sql`
    select usuarioid, nome, email, cpf, cargo, role, ativo, senhahash, token_primeiro_acesso,
           primeiro_acesso, updated_at
    from ca_usuario_admin order by usuarioid`;
  const [{ n: notificacoes }] = await ctx.db.sql`select count(*)::int as n from ca_notificacao`;
  const [{ n: sessoes }] = await ctx.db.sql`
    select count(*)::int as n from ca_sessao where revoked_at is null`;
  const [{ n: eventos }] = await ctx.db.sql`
    select count(*)::int as n from ca_evento where entity = 'usuario' and kind like 'usuario.%'`;
  return { users: [...users], notificacoes, sessoes, eventos };
}

/** An active user with TEST_PASSWORD, first access done. */
export async function makeUser(
  ctx: TestCtx,
  email: string,
  role: Role,
  extra: { nome?: string; ativo?: boolean } = {},
) {
  const [u] = await ctx.db.sql<{ usuarioid: number }>`
    insert into ca_usuario_admin (nome, email, role, ativo, senhahash, senha_temporaria, primeiro_acesso)
    values (${extra.nome ?? `Usuário ${email}`}, ${email}, ${role}, ${extra.ativo ?? true},
            ${await hashPassword(TEST_PASSWORD, 4)}, false, false)
    returning usuarioid`;
  return u.usuarioid;
}

export async function loginAs(ctx: TestCtx, email: string, senha = TEST_PASSWORD) {
  return await ctx.req("POST", "/api/auth/login", { body: { email, senha } });
}

/** No event ever carries a password hash or a first-access token. */
export async function assertNoSecretsInEvents(ctx: TestCtx) {
  const rows = await ctx.db.sql<{ kind: string; payload: string }>`
    select kind, coalesce(before::text, '') || coalesce(after::text, '') as payload
    from ca_evento`;
  for (const r of rows) {
    assert.doesNotMatch(r.payload, /senhahash|token_primeiro_acesso|\$2[aby]\$/, r.kind);
  }
}
