/**
 * "Esqueci minha senha" of the patient portal: a 4-digit code by WhatsApp to the validated phone,
 * then a new password with that code (the OTP rules of `otp.ts`: 5 minutes, 3 tries, 60 s between
 * requests).
 *
 * Nothing in the answers tells whether a CPF is registered: every request writes a row keyed by a
 * hash of the CPF (with a code only when the patient is active, has a portal password and a
 * validated phone), answers the same message, and the cooldown, the tries and the wrong-code
 * answers follow that row whoever owns the CPF. A patient without a validated phone is told by
 * the same message to go to the unidade.
 */
import type { Deps } from "../../app_env.ts";
import { HttpError, unprocessable } from "../../http/errors.ts";
import { hashPassword, numericCode, sha256 } from "../../auth/passwords.ts";
import { checkLimit, countHit, hitLimit, LIMITS } from "../../auth/rate_limit.ts";
import { recordEvent } from "../../events/record.ts";
import { enqueue } from "../../notify/outbox.ts";
import { PACIENTE_COLUMNS, pacienteTopics } from "../../shared/paciente_shape.ts";
import type { RowOf } from "../../contract/define.ts";
import type { PacientePublico } from "../pacientes/schemas.ts";
import { OTP, wrongCode } from "./otp.ts";
import { openSession, type SessionMeta } from "./sessions.ts";
import { lit } from "../../db/sql.ts";
import { STATUS } from "../../shared/statuses.ts";

export const RESET_DIGITS = 4;

export const RESET_MENSAGEM =
  "Se o CPF estiver cadastrado no portal com telefone validado, enviamos um código por " +
  "WhatsApp para esse telefone. Se você não tem telefone validado ou não receber o código, " +
  "procure a unidade de saúde.";

const cpfKey = (cpf: string) => sha256(`senha-reset:${cpf}`);
const codeHash = (resetid: number, code: string) => sha256(`senha-reset:${resetid}:${code}`);

/** `POST /api/auth/paciente/senha/esqueci`. */
export async function requestReset(deps: Deps, cpf: string, ip: string) {
  const { db } = deps;
  const key = await cpfKey(cpf);
  await hitLimit(db.sql, `senha-reset-ip:${ip}`, LIMITS.senhaResetIp);
  // Counted for any CPF, so the limit itself says nothing about it.
  await hitLimit(db.sql, `senha-reset-cpf:${key}`, LIMITS.senhaResetCpf);
  return await db.begin(async (sql) => {
    // One request at a time per CPF (two at once would both pass the cooldown).
    await sql`select pg_advisory_xact_lock(hashtext(${key}))`;
    const [last] = await sql<{ wait: number }>`
      select ceil(${OTP.cooldownSeconds} - extract(epoch from now() - created_at))::int as wait
      from ca_senha_reset where cpf_hash = ${key} order by created_at desc limit 1`;
    if (last && last.wait > 0) {
      throw new HttpError(
        429,
        "aguarde_reenvio",
        `Aguarde ${last.wait} s para pedir um novo código.`,
        { retry_after: last.wait },
        { "Retry-After": String(last.wait) },
      );
    }
    const [p] = await sql<
      { pacienteid: number; nomecompleto: string; telefone: string | null; apto: boolean }
    >`
      select pacienteid, nomecompleto, telefone,
             (status = ${lit(STATUS.ativo)} and senhahash is not null and telefone is not null
              and telefone_validado) as apto
      from ca_paciente where cpf = ${cpf}`;
    const target = p?.apto ? p : null;
    await sql`update ca_senha_reset set consumed_at = now()
              where cpf_hash = ${key} and consumed_at is null`;
    const [row] = await sql<{ resetid: number; expires_at: Date }>`
      insert into ca_senha_reset (cpf_hash, pacienteid, expires_at)
      values (${key}, ${
      target?.pacienteid ?? null
    }, now() + make_interval(mins => ${OTP.ttlMinutes}))
      returning resetid, expires_at`;
    if (target) {
      const code = numericCode(RESET_DIGITS);
      await sql`update ca_senha_reset set codigo_hash = ${await codeHash(row.resetid, code)}
                where resetid = ${row.resetid}`;
      await enqueue(sql, {
        canal: "whatsapp",
        destino: target.telefone!,
        template: "codigo_validacao",
        corpo: `Command Agenda: seu código para criar uma nova senha é ${code}. Ele vale por ` +
          `${OTP.ttlMinutes} minutos. Se você não pediu, ignore esta mensagem.`,
        payload: { codigo: code, motivo: "redefinir_senha" },
        idempotencyKey: `senha-reset:${row.resetid}`,
        pacienteid: target.pacienteid,
      });
      await recordEvent(sql, {
        tipo: "paciente",
        id: target.pacienteid,
        nome: target.nomecompleto,
      }, {
        kind: "paciente.senha_codigo_enviado",
        entity: "paciente",
        entityId: target.pacienteid,
        topics: pacienteTopics(target.pacienteid),
        after: { canal: "whatsapp", ip },
      });
    }
    return {
      enviado: true as const,
      canal: "whatsapp" as const,
      mensagem: RESET_MENSAGEM,
      expires_at: row.expires_at.toISOString(),
      digitos: RESET_DIGITS,
    };
  });
}

type PacienteRow = RowOf<typeof PacientePublico>;

/**
 * `POST /api/auth/paciente/senha/redefinir`: checks the code of the CPF's open request, sets the
 * new password, ends every session of the patient and opens a new one.
 */
export async function resetPassword(
  deps: Deps,
  input: { cpf: string; codigo: string; nova_senha: string },
  meta: SessionMeta,
) {
  const { db, config } = deps;
  await checkLimit(db.sql, `senha-redefinir-ip:${meta.ip}`, LIMITS.senhaRedefinirIp);
  await countHit(db.sql, `senha-redefinir-ip:${meta.ip}`, LIMITS.senhaRedefinirIp);
  const key = await cpfKey(input.cpf);
  // Hashed before looking: the answer takes as long for a CPF without a code.
  const hash = await hashPassword(input.nova_senha, config.bcryptCost);
  const outcome = await db.begin(async (sql) => {
    const [open] = await sql<
      {
        resetid: number;
        pacienteid: number | null;
        codigo_hash: string | null;
        tentativas: number;
        expirado: boolean;
      }
    >`
      select resetid, pacienteid, codigo_hash, tentativas, expires_at <= now() as expirado
      from ca_senha_reset
      where cpf_hash = ${key} and consumed_at is null
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
    const right = open.codigo_hash !== null && open.pacienteid !== null &&
      open.codigo_hash === await codeHash(open.resetid, input.codigo);
    if (!right) {
      const tries = open.tentativas + 1;
      await sql`update ca_senha_reset set tentativas = ${tries} where resetid = ${open.resetid}`;
      return { wrong: OTP.maxTries - tries };
    }
    const pacienteid = open.pacienteid!;
    await sql`update ca_senha_reset set consumed_at = now() where resetid = ${open.resetid}`;
    await sql`update ca_paciente set senhahash = ${hash}, updated_at = now()
              where pacienteid = ${pacienteid}`;
    const encerradas = await sql`
      update ca_sessao_paciente set revoked_at = now()
      where pacienteid = ${pacienteid} and revoked_at is null
      returning jti`;
    const [paciente] = await sql<PacienteRow>`
      select ${PACIENTE_COLUMNS(sql)} from ca_paciente where pacienteid = ${pacienteid}`;
    await recordEvent(sql, {
      tipo: "paciente",
      id: pacienteid,
      nome: paciente.nomecompleto,
    }, {
      kind: "paciente.senha_redefinida",
      entity: "paciente",
      entityId: pacienteid,
      topics: pacienteTopics(pacienteid),
      after: { sessoes_encerradas: encerradas.length, ip: meta.ip },
    });
    const session = await openSession(sql, deps.jwtKey, "paciente", pacienteid, meta);
    return { done: { ...session, paciente } };
  });
  // The try was counted and committed; now the wrong code is reported.
  if (outcome.wrong !== undefined) throw wrongCode(outcome.wrong);
  return outcome.done!;
}
