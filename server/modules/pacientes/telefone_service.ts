/**
 * Phone validation at the desk: a 6-digit SMS code through the outbox, with the rules shared
 * with the portal's WhatsApp code (`../auth/otp.ts`: 5 min, 3 tries, 60 s between sends).
 */
import type { Db } from "../../db/db.ts";
import { type Actor, recordEvent } from "../../events/record.ts";
import { conflict, unprocessable } from "../../http/errors.ts";
import { checkCode, issueCode, wrongCode } from "../auth/otp.ts";
import { loadPaciente } from "./service.ts";
import { pacienteTopics } from "../../shared/paciente_shape.ts";
import { STATUS } from "../../shared/statuses.ts";

/** A mobile number: DDD + 9 + eight digits. Landlines cannot receive SMS. */
const isCelular = (telefone: string) => /^\d{2}9\d{8}$/.test(telefone);

export function sendSmsCode(db: Db, actor: Actor, pacienteid: number) {
  return db.begin(async (sql) => {
    const p = await loadPaciente(sql, pacienteid, true);
    if (p.status !== STATUS.ativo) {
      throw unprocessable(
        "paciente_inativo",
        "Paciente inativo: reative o cadastro antes de validar o telefone.",
      );
    }
    if (!p.telefone) {
      throw unprocessable("telefone_ausente", "Cadastre o telefone do paciente antes de validar.");
    }
    if (!isCelular(p.telefone)) {
      throw unprocessable("telefone_fixo", "A validação por SMS exige um número de celular.");
    }
    if (p.telefone_validado) {
      throw conflict("telefone_ja_validado", "O telefone deste paciente já está validado.");
    }
    const issued = await issueCode(sql, pacienteid, "sms", p.telefone);
    await recordEvent(sql, actor, {
      kind: "paciente.telefone_codigo_enviado",
      entity: "paciente",
      entityId: pacienteid,
      topics: pacienteTopics(pacienteid),
      after: { canal: "sms", telefone: p.telefone, expires_at: issued.expires_at },
    });
    return { enviado: true as const, canal: "sms" as const, telefone: p.telefone, ...issued };
  });
}

export async function confirmSmsCode(db: Db, actor: Actor, pacienteid: number, codigo: string) {
  const result = await db.begin(async (sql) => {
    const before = await loadPaciente(sql, pacienteid, true);
    const r = await checkCode(sql, pacienteid, "sms", codigo);
    // A wrong code returns here so that its counted try commits; the 422 comes after.
    if (!r.ok) return r;
    if (r.telefone !== before.telefone) {
      // Changing the phone consumes open codes, so this only guards against a direct edit.
      throw unprocessable(
        "telefone_alterado",
        "O telefone mudou desde o envio do código. Peça um novo código.",
      );
    }
    await sql`
      update ca_paciente set telefone_validado = true, telefone_validado_em = now(),
                             updated_at = now()
      where pacienteid = ${pacienteid}`;
    const after = await loadPaciente(sql, pacienteid);
    await recordEvent(sql, actor, {
      kind: "paciente.telefone_validado",
      entity: "paciente",
      entityId: pacienteid,
      topics: pacienteTopics(pacienteid),
      before: { telefone: before.telefone, telefone_validado: before.telefone_validado },
      after: { canal: "sms", telefone: after.telefone, telefone_validado: true },
    });
    return { ok: true as const, paciente: after };
  });
  if (!result.ok) throw wrongCode(result.restantes);
  return result.paciente;
}

export function removePhoneValidation(db: Db, actor: Actor, pacienteid: number) {
  return db.begin(async (sql) => {
    const before = await loadPaciente(sql, pacienteid, true);
    if (!before.telefone_validado) {
      throw conflict("telefone_nao_validado", "O telefone deste paciente não está validado.");
    }
    await sql`
      update ca_paciente set telefone_validado = false, telefone_validado_em = null,
                             updated_at = now()
      where pacienteid = ${pacienteid}`;
    const after = await loadPaciente(sql, pacienteid);
    await recordEvent(sql, actor, {
      kind: "paciente.telefone_validacao_removida",
      entity: "paciente",
      entityId: pacienteid,
      topics: pacienteTopics(pacienteid),
      before: { telefone: before.telefone, telefone_validado: true },
      after: { telefone: after.telefone, telefone_validado: false },
    });
    return after;
  });
}
