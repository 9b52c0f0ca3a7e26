/** Session rows behind every token: created at login, revoked at logout or deactivation. */
import type { Sql } from "../../db/db.ts";
import { type Audience, signToken, TOKEN_HOURS } from "../../auth/jwt.ts";

export interface SessionMeta {
  ip: string;
  userAgent?: string;
}

export async function openSession(
  sql: Sql,
  key: Uint8Array,
  aud: Audience,
  subject: number,
  meta: SessionMeta,
): Promise<{ token: string; expires_at: string }> {
  const jti = crypto.randomUUID();
  const hours = TOKEN_HOURS[aud];
  const ua = meta.userAgent?.slice(0, 300) ?? null;
  const [row] = aud === "admin"
    ? await sql<{ expires_at: Date }>`
        insert into ca_sessao (jti, usuarioid, expires_at, ip, user_agent)
        values (${jti}, ${subject}, now() + make_interval(hours => ${hours}), ${meta.ip}, ${ua})
        returning expires_at`
    : await sql<{ expires_at: Date }>`
        insert into ca_sessao_paciente (jti, pacienteid, expires_at, ip, user_agent)
        values (${jti}, ${subject}, now() + make_interval(hours => ${hours}), ${meta.ip}, ${ua})
        returning expires_at`;
  return {
    token: await signToken(key, aud, subject, jti),
    expires_at: row.expires_at.toISOString(),
  };
}

export async function revokeSession(sql: Sql, aud: Audience, jti: string) {
  if (aud === "admin") {
    await sql`update ca_sessao set revoked_at = now() where jti = ${jti} and revoked_at is null`;
  } else {
    await sql`update ca_sessao_paciente set revoked_at = now() where jti = ${jti} and revoked_at is null`;
  }
}

/** Revokes every open session of an admin user (deactivation, password change). */
export async function revokeAdminSessions(sql: Sql, usuarioid: number) {
  await sql`update ca_sessao set revoked_at = now() where usuarioid = ${usuarioid} and revoked_at is null`;
}

export async function revokePacienteSessions(sql: Sql, pacienteid: number) {
  await sql`update ca_sessao_paciente set revoked_at = now()
            where pacienteid = ${pacienteid} and revoked_at is null`;
}
