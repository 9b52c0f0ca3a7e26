/**
 * What makes a session live, written once: not revoked, not expired, its owner still active.
 * The HTTP middleware checks one token with it on every request; the live hub re-checks every
 * open socket with it periodically.
 *
 * @example
 * const [row] = await liveAdminSessions(db.sql, [claims.jti]);
 */
import type { Sql } from "../db/db.ts";
import type { Role } from "../shared/schemas.ts";
import { lit } from "../db/sql.ts";
import { STATUS } from "../shared/statuses.ts";

export interface LiveAdminSession {
  jti: string;
  usuarioid: number;
  role: Role;
  nome: string;
  email: string;
}

export interface LivePacienteSession {
  jti: string;
  pacienteid: number;
  nome: string;
  cpf: string;
}

/** The live staff sessions among `jtis`, with their user. */
export async function liveAdminSessions(sql: Sql, jtis: string[]): Promise<LiveAdminSession[]> {
  if (jtis.length === 0) return [];
  return [
    ...await sql<LiveAdminSession>`
    select s.jti::text as jti, u.usuarioid, u.role, u.nome, u.email
    from ca_sessao s join ca_usuario_admin u using (usuarioid)
    where s.jti = any(${jtis}::uuid[])
      and s.revoked_at is null and s.expires_at > now() and u.ativo`,
  ];
}

/** The live portal sessions among `jtis`, with their paciente. */
export async function livePacienteSessions(
  sql: Sql,
  jtis: string[],
): Promise<LivePacienteSession[]> {
  if (jtis.length === 0) return [];
  return [
    ...await sql<LivePacienteSession>`
    select s.jti::text as jti, p.pacienteid, p.nomecompleto as nome, p.cpf
    from ca_sessao_paciente s join ca_paciente p using (pacienteid)
    where s.jti = any(${jtis}::uuid[])
      and s.revoked_at is null and s.expires_at > now() and p.status = ${lit(STATUS.ativo)}`,
  ];
}
