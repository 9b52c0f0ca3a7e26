/**
 * The portal patient's own record: contact data (e-mail, phone, additional contacts) and the
 * password. Identity fields (name, CPF, birth date) change only at the desk.
 */
import type { Deps } from "../../app_env.ts";
import { hashPassword, verifyPassword } from "../../auth/passwords.ts";
import { checkLimit, countHit, LIMITS } from "../../auth/rate_limit.ts";
import { type Actor, recordEvent } from "../../events/record.ts";
import { notFound, unprocessable } from "../../http/errors.ts";
import { PACIENTE_COLUMNS, pacienteTopics } from "../../shared/paciente_shape.ts";
import { forgetPhoneValidation } from "./otp.ts";
import { pacienteMe } from "./paciente_service.ts";
import type { PacientePerfilInput } from "./schemas.ts";

const EDITABLE = ["email", "telefone", "contatos"] as const;

/** Changes only the fields sent; a new phone number starts unvalidated and kills open codes. */
export async function updateOwnProfile(
  deps: Deps,
  actor: Actor,
  pacienteid: number,
  input: PacientePerfilInput,
) {
  await deps.db.begin(async (sql) => {
    const [before] = await sql<{ telefone: string | null; [k: string]: unknown }>`
      select ${PACIENTE_COLUMNS(sql)} from ca_paciente where pacienteid = ${pacienteid} for update`;
    if (!before) throw notFound("Paciente");
    const sets = EDITABLE.filter((col) => input[col] !== undefined)
      .map((col) => sql`${sql.ident(col)} = ${input[col]}`);
    if (input.telefone !== undefined && input.telefone !== before.telefone) {
      await forgetPhoneValidation(sql, pacienteid);
    }
    const [after] = await sql`
      update ca_paciente set ${sql.join(sets, sql`, `)}, updated_at = now()
      where pacienteid = ${pacienteid} returning ${PACIENTE_COLUMNS(sql)}`;
    await recordEvent(sql, actor, {
      kind: "paciente.atualizado",
      entity: "paciente",
      entityId: pacienteid,
      topics: pacienteTopics(pacienteid),
      before,
      after,
    });
  });
  return await pacienteMe(deps, pacienteid);
}

/**
 * Checks the current password (5 wrong tries in 15 minutes lock it, as the login does), stores
 * the new one and ends every other session of the patient; the one in use stays open.
 */
export async function changeOwnPassword(
  deps: Deps,
  actor: Actor,
  auth: { pacienteid: number; jti: string },
  senhaAtual: string,
  novaSenha: string,
) {
  const { db, config } = deps;
  const failKey = `senha-fail-paciente:${auth.pacienteid}`;
  await checkLimit(
    db.sql,
    failKey,
    LIMITS.loginAccountFailures,
    "Muitas tentativas com a senha atual incorreta. Aguarde 15 minutos.",
  );
  const [p] = await db.sql<{ senhahash: string | null }>`
    select senhahash from ca_paciente where pacienteid = ${auth.pacienteid}`;
  if (!(await verifyPassword(senhaAtual, p?.senhahash))) {
    await countHit(db.sql, failKey, LIMITS.loginAccountFailures);
    throw unprocessable("senha_incorreta", "A senha atual não confere.");
  }
  const hash = await hashPassword(novaSenha, config.bcryptCost);
  return await db.begin(async (sql) => {
    await sql`update ca_paciente set senhahash = ${hash}, updated_at = now()
              where pacienteid = ${auth.pacienteid}`;
    const encerradas = await sql`
      update ca_sessao_paciente set revoked_at = now()
      where pacienteid = ${auth.pacienteid} and jti <> ${auth.jti} and revoked_at is null
      returning jti`;
    await recordEvent(sql, actor, {
      kind: "paciente.senha_alterada",
      entity: "paciente",
      entityId: auth.pacienteid,
      topics: pacienteTopics(auth.pacienteid),
      after: { sessoes_encerradas: encerradas.length },
    });
    return { ok: true as const, sessoes_encerradas: encerradas.length };
  });
}
