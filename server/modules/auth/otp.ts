/**
 * Phone validation codes, shared by the portal (WhatsApp, 4 digits) and the ADM (SMS, 6 digits):
 * 5 minutes to live, 3 tries, 60 s between sends. Only a hash of the code is stored.
 */
import type { Sql } from "../../db/db.ts";
import { HttpError, unprocessable } from "../../http/errors.ts";
import { numericCode, sha256 } from "../../auth/passwords.ts";
import { enqueue } from "../../notify/outbox.ts";

export const OTP = { ttlMinutes: 5, maxTries: 3, cooldownSeconds: 60 } as const;

export type Canal = "whatsapp" | "sms";
const DIGITS: Record<Canal, number> = { whatsapp: 4, sms: 6 };

function codeHash(pacienteid: number, code: string) {
  return sha256(`${pacienteid}:${code}`);
}

/** Creates a code and puts its message in the outbox; refuses within the cooldown. */
export async function issueCode(sql: Sql, pacienteid: number, canal: Canal, telefone: string) {
  const [last] = await sql<{ wait: number }>`
    select ceil(${OTP.cooldownSeconds} - extract(epoch from now() - created_at))::int as wait
    from ca_paciente_validacao
    where pacienteid = ${pacienteid} and canal = ${canal}
    order by created_at desc limit 1`;
  if (last && last.wait > 0) {
    throw new HttpError(
      429,
      "aguarde_reenvio",
      `Aguarde ${last.wait} s para pedir um novo código.`,
      {
        retry_after: last.wait,
      },
      { "Retry-After": String(last.wait) },
    );
  }
  const code = numericCode(DIGITS[canal]);
  // A new code replaces any open one.
  await sql`update ca_paciente_validacao set consumed_at = now()
            where pacienteid = ${pacienteid} and canal = ${canal} and consumed_at is null`;
  const [row] = await sql<{ validacaoid: number; expires_at: Date }>`
    insert into ca_paciente_validacao (pacienteid, canal, telefone, codigo_hash, expires_at)
    values (${pacienteid}, ${canal}, ${telefone}, ${await codeHash(pacienteid, code)},
            now() + make_interval(mins => ${OTP.ttlMinutes}))
    returning validacaoid, expires_at`;
  await enqueue(sql, {
    canal,
    destino: telefone,
    template: "codigo_validacao",
    corpo:
      `Command Agenda: seu código de validação é ${code}. Ele vale por ${OTP.ttlMinutes} minutos.`,
    payload: { codigo: code },
    idempotencyKey: `otp:${row.validacaoid}`,
    pacienteid,
  });
  return { expires_at: row.expires_at.toISOString(), digitos: DIGITS[canal] };
}

/**
 * Checks a code. Returns the validated phone, or throws 422 with the tries left.
 * Runs inside the caller's transaction so the try count and the outcome commit together.
 */
export async function checkCode(sql: Sql, pacienteid: number, canal: Canal, code: string) {
  const [open] = await sql<
    {
      validacaoid: number;
      telefone: string;
      tentativas: number;
      expirado: boolean;
      codigo_hash: string;
    }
  >`
    select validacaoid, telefone, tentativas, codigo_hash, expires_at <= now() as expirado
    from ca_paciente_validacao
    where pacienteid = ${pacienteid} and canal = ${canal} and consumed_at is null
    order by created_at desc limit 1
    for update`;
  if (!open) {
    throw unprocessable("codigo_inexistente", "Nenhum código pendente. Peça um novo código.");
  }
  if (open.expirado) {
    throw unprocessable("codigo_expirado", "O código expirou. Peça um novo código.");
  }
  if (open.tentativas >= OTP.maxTries) {
    throw unprocessable("tentativas_esgotadas", "Tentativas esgotadas. Peça um novo código.");
  }
  if (open.codigo_hash !== await codeHash(pacienteid, code)) {
    const tries = open.tentativas + 1;
    await sql`update ca_paciente_validacao set tentativas = ${tries} where validacaoid = ${open.validacaoid}`;
    const restantes = OTP.maxTries - tries;
    return { ok: false as const, restantes };
  }
  await sql`update ca_paciente_validacao set consumed_at = now() where validacaoid = ${open.validacaoid}`;
  return { ok: true as const, telefone: open.telefone };
}

/** The 422 a wrong code answers with, raised after the try count was committed. */
export function wrongCode(restantes: number) {
  return restantes > 0
    ? unprocessable("codigo_incorreto", `Código incorreto. Restam ${restantes} tentativa(s).`, {
      tentativas_restantes: restantes,
    })
    : unprocessable(
      "tentativas_esgotadas",
      "Código incorreto. Tentativas esgotadas: peça um novo código.",
      {
        tentativas_restantes: 0,
      },
    );
}

/**
 * A validation proves one number: when the phone changes, the record starts unvalidated and
 * open codes (sent to the old number) die. Runs inside the caller's transaction.
 */
export async function forgetPhoneValidation(sql: Sql, pacienteid: number) {
  await sql`update ca_paciente set telefone_validado = false, telefone_validado_em = null
            where pacienteid = ${pacienteid}`;
  await sql`update ca_paciente_validacao set consumed_at = now()
            where pacienteid = ${pacienteid} and consumed_at is null`;
}
