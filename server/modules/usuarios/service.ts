/** Staff users (ca_usuario_admin), managed by the administrador_master only. */
import type { Deps } from "../../app_env.ts";
import type { Db, Sql } from "../../db/db.ts";
import { hashPassword } from "../../auth/passwords.ts";
import { type Actor, recordEvent } from "../../events/record.ts";
import type { EventKind } from "../../events/kinds.ts";
import { conflict, notFound, pgError, unprocessable } from "../../http/errors.ts";
import type { Role } from "../../shared/schemas.ts";
import { issueFirstAccess, USUARIO_COLUMNS } from "../auth/admin_service.ts";
import { revokeAdminSessions } from "../auth/sessions.ts";
import type { UsuarioCreate, UsuarioListQuery, UsuarioUpdate } from "./schemas.ts";
import { TOPIC } from "../../events/topics.ts";
import { STATUS } from "../../shared/statuses.ts";

const TOPICS = [TOPIC.admin];
const MASTER: Role = "administrador_master";
/** Serializes every change that could leave the system without an active master (see 040). */
const MASTER_LOCK = 7263040;
/** Never a valid bcrypt hash; replaced by issueFirstAccess in the same transaction. */
const NO_PASSWORD = "!";

interface UsuarioRow {
  usuarioid: number;
  nome: string;
  email: string;
  cpf: string | null;
  cargo: string | null;
  role: Role;
  ativo: boolean;
  senha_temporaria: boolean;
  primeiro_acesso: boolean;
  ultimo_login: Date | null;
  created_at: Date;
  updated_at: Date;
}

/** `%term%` for ILIKE with the user's wildcards escaped. */
const contains = (term: string) => `%${term.replace(/[\\%_]/g, "\\$&")}%`;

const ultimoMaster = () =>
  unprocessable(
    "ultimo_master",
    "Este é o último administrador master ativo: ele não pode ser desativado nem rebaixado.",
  );

function mapConstraint(err: unknown): never {
  switch (pgError(err).constraint) {
    case "ca_usuario_admin_email_uq":
      throw conflict("email_duplicado", "Já existe um usuário com este e-mail.");
    case "ca_usuario_admin_cpf_uq":
      throw conflict("cpf_duplicado", "Já existe um usuário com este CPF.");
    case "ca_usuario_admin_ultimo_master":
      throw ultimoMaster();
  }
  throw err;
}

export async function listUsuarios(db: Db, q: UsuarioListQuery) {
  const { sql } = db;
  const conds = [sql`true`];
  if (q.search) {
    const like = contains(q.search);
    conds.push(sql`(ca_unaccent(nome) ilike ca_unaccent(${like}) or email ilike ${like})`);
  }
  if (q.role) conds.push(sql`role = ${q.role}`);
  const byStatus = q.status === STATUS.ativo
    ? true
    : q.status === STATUS.inativo
    ? false
    : undefined;
  const ativo = q.ativo ?? byStatus;
  if (ativo !== undefined) conds.push(sql`ativo = ${ativo}`);
  const where = sql.join(conds, sql` and `);
  const [{ total }] = await sql<{ total: number }>`
    select count(*)::int as total from ca_usuario_admin where ${where}`;
  const items = await sql<UsuarioRow>`
    select ${USUARIO_COLUMNS(sql)} from ca_usuario_admin where ${where}
    order by lower(ca_unaccent(nome)), usuarioid
    limit ${q.limit} offset ${(q.page - 1) * q.limit}`;
  return { items: [...items], total, page: q.page, limit: q.limit };
}

export async function getUsuario(sql: Sql, id: number, lock = false): Promise<UsuarioRow> {
  const [row] = lock
    ? await sql<UsuarioRow>`
        select ${USUARIO_COLUMNS(sql)} from ca_usuario_admin where usuarioid = ${id} for update`
    : await sql<UsuarioRow>`
        select ${USUARIO_COLUMNS(sql)} from ca_usuario_admin where usuarioid = ${id}`;
  if (!row) throw notFound("Usuário");
  return row;
}

/** Creates the user and e-mails a temporary password and first-access link (outbox). */
export async function createUsuario(deps: Deps, actor: Actor, input: UsuarioCreate) {
  return await deps.db.begin(async (sql) => {
    const [u] = await sql<{ usuarioid: number; nome: string; email: string }>`
      insert into ca_usuario_admin (nome, email, cpf, cargo, role, senhahash)
      values (${input.nome}, ${input.email}, ${input.cpf}, ${input.cargo}, ${input.role},
              ${NO_PASSWORD})
      returning usuarioid, nome, email`;
    await issueFirstAccess(deps, sql, u);
    const after = await getUsuario(sql, u.usuarioid);
    await recordEvent(sql, actor, {
      kind: "usuario.criado",
      entity: "usuario",
      entityId: u.usuarioid,
      topics: TOPICS,
      after,
    });
    return after;
  }).catch(mapConstraint);
}

const FIELDS = ["nome", "email", "cpf", "cargo", "role"] as const;

/**
 * Edits a user. Deactivation and a new password revoke every session at once. Nobody demotes or
 * deactivates themselves, and the last active master stays: the advisory lock makes two masters
 * demoting each other at the same time run one after the other, so the second sees the first.
 */
export async function updateUsuario(
  deps: Deps,
  actor: Actor,
  id: number,
  input: UsuarioUpdate,
) {
  return await deps.db.begin(async (sql) => {
    if (input.role !== undefined || input.ativo !== undefined) {
      await sql`select pg_advisory_xact_lock(${MASTER_LOCK})`;
    }
    const before = await getUsuario(sql, id, true);
    const next = {
      nome: input.nome ?? before.nome,
      email: input.email ?? before.email,
      cpf: input.cpf === undefined ? before.cpf : input.cpf,
      cargo: input.cargo === undefined ? before.cargo : input.cargo,
      role: input.role ?? before.role,
      ativo: input.ativo ?? before.ativo,
    };
    const losesMaster = before.role === MASTER && before.ativo &&
      !(next.role === MASTER && next.ativo);
    if (losesMaster) {
      const [{ n }] = await sql<{ n: number }>`
        select count(*)::int as n from ca_usuario_admin
        where role = ${MASTER} and ativo and usuarioid <> ${id}`;
      if (n === 0) throw ultimoMaster();
    }
    if (id === actor.id && (next.role !== before.role || !next.ativo)) {
      throw unprocessable(
        "alteracao_propria_proibida",
        "Você não pode desativar nem alterar o perfil do seu próprio usuário.",
      );
    }

    const changed = FIELDS.filter((f) => next[f] !== before[f]);
    const ativoChanged = next.ativo !== before.ativo;
    if (changed.length > 0 || ativoChanged) {
      await sql`
        update ca_usuario_admin
        set nome = ${next.nome}, email = ${next.email}, cpf = ${next.cpf}, cargo = ${next.cargo},
            role = ${next.role}, ativo = ${next.ativo}, updated_at = now()
        where usuarioid = ${id}`;
    }
    if (input.senha !== undefined) {
      // A password set by the master replaces the temporary one and closes the first access.
      await sql`
        update ca_usuario_admin
        set senhahash = ${await hashPassword(input.senha, deps.config.bcryptCost)},
            senha_temporaria = false, primeiro_acesso = false, token_primeiro_acesso = null,
            token_primeiro_acesso_expira = null, updated_at = now()
        where usuarioid = ${id}`;
    }
    if (input.senha !== undefined || (ativoChanged && !next.ativo)) {
      await revokeAdminSessions(sql, id);
    }
    // A corrected e-mail while the first access is pending: the link goes to the new address
    // and the one sent to the old address stops working.
    const reissue = changed.includes("email") && next.ativo && input.senha === undefined &&
      before.primeiro_acesso;
    if (reissue) await issueFirstAccess(deps, sql, { usuarioid: id, ...next });
    const after = await getUsuario(sql, id);

    const event = (kind: EventKind, b: unknown, a: unknown) =>
      recordEvent(sql, actor, {
        kind,
        entity: "usuario",
        entityId: id,
        topics: TOPICS,
        before: b,
        after: a,
      });
    if (changed.length > 0) {
      const pick = (u: UsuarioRow) => Object.fromEntries(changed.map((f) => [f, u[f]]));
      await event("usuario.atualizado", pick(before), pick(after));
    }
    if (ativoChanged) {
      await event(
        next.ativo ? "usuario.reativado" : "usuario.inativado",
        { ativo: before.ativo },
        { ativo: after.ativo },
      );
    }
    if (input.senha !== undefined) {
      await event(
        "usuario.senha_redefinida",
        { senha_temporaria: before.senha_temporaria, primeiro_acesso: before.primeiro_acesso },
        { senha_temporaria: false, primeiro_acesso: false, sessoes_revogadas: true },
      );
    }
    if (reissue) await event("usuario.primeiro_acesso_reenviado", null, { email: after.email });
    return after;
  }).catch(mapConstraint);
}
