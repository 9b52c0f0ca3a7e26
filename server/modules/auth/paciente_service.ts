/** Patient portal authentication: register, login, me, logout and WhatsApp phone validation. */
import type { Deps } from "../../app_env.ts";
import type { RowOf } from "../../contract/define.ts";
import type { PacientePublico } from "../pacientes/schemas.ts";
import type { z } from "zod";
import { conflict, notFound, unauthorized, unprocessable } from "../../http/errors.ts";
import { hashPassword, verifyPassword } from "../../auth/passwords.ts";
import { hitLimit, LIMITS } from "../../auth/rate_limit.ts";
import { guardLogin } from "../../auth/login_guard.ts";
import { type Actor, recordEvent } from "../../events/record.ts";
import type { EventKind } from "../../events/kinds.ts";
import { PACIENTE_COLUMNS, pacienteTopics } from "../../shared/paciente_shape.ts";
import { checkCode, issueCode, wrongCode } from "./otp.ts";
import { openSession, revokeSession, type SessionMeta } from "./sessions.ts";
import type { PacienteRegisterInput } from "./schemas.ts";
import { STATUS } from "../../shared/statuses.ts";

type RegisterInput = z.output<typeof PacienteRegisterInput>;

const actorOfPaciente = (p: { pacienteid: number; nomecompleto: string }): Actor => ({
  tipo: "paciente",
  id: p.pacienteid,
  nome: p.nomecompleto,
});

/** The patient as the portal shows them to themselves. */
type PacienteRow = RowOf<typeof PacientePublico>;

/**
 * Creates a portal patient, or lets a patient claim the record made for them at the desk.
 *
 * CPF and birth date are not secrets in Brazil, so a claim also proves the phone on file: the
 * first call (without `codigo`) sends a WhatsApp code there and answers 422 `codigo_necessario`;
 * the same call with that `codigo` claims the record (and marks the phone validated). A desk
 * record without a phone is claimed at the unidade.
 */
export async function registerPaciente(deps: Deps, input: RegisterInput, meta: SessionMeta) {
  const { db, config } = deps;
  await hitLimit(db.sql, `register-ip:${meta.ip}`, LIMITS.registerIp);
  const hash = await hashPassword(input.senha, config.bcryptCost);
  const outcome = await db.begin(async (sql) => {
    const [existing] = await sql<DeskRecord & { senhahash: string | null; status: string }>`
      select pacienteid, nomecompleto, telefone, senhahash, datanascimento, status
      from ca_paciente where cpf = ${input.cpf} for update`;
    let pacienteid: number;
    let kind: EventKind;
    if (existing) {
      // A record made at the desk may be claimed once, proving the birth date on file…
      const claimable = !existing.senhahash && existing.status === STATUS.ativo &&
        existing.datanascimento &&
        existing.datanascimento === input.datanascimento;
      if (!claimable) {
        throw conflict(
          "cpf_cadastrado",
          "Este CPF já possui cadastro. Entre com sua senha ou procure a unidade de saúde.",
        );
      }
      // …and the phone on file.
      if (!existing.telefone) {
        throw conflict(
          "ativacao_na_unidade",
          "Este CPF já foi cadastrado na unidade de saúde sem telefone. Procure a unidade " +
            "para ativar o acesso ao portal.",
        );
      }
      if (!input.codigo) return { needsCode: existing };
      const check = await checkCode(sql, existing.pacienteid, "whatsapp", input.codigo);
      // The try is committed before the wrong code is reported.
      if (!check.ok) return { wrong: check.restantes };
      await sql`update ca_paciente set senhahash = ${hash}, email = coalesce(${
        input.email ?? null
      }, email), telefone_validado = true, telefone_validado_em = now(),
                  updated_at = now() where pacienteid = ${existing.pacienteid}`;
      pacienteid = existing.pacienteid;
      kind = "paciente.acesso_portal_ativado";
    } else {
      const [row] = await sql<{ pacienteid: number }>`
        insert into ca_paciente (nomecompleto, cpf, datanascimento, email, telefone, senhahash, origem, contatos)
        values (${input.nomecompleto}, ${input.cpf}, ${input.datanascimento ?? null}, ${
        input.email ?? null
      },
                ${input.telefone ?? null}, ${hash}, 'Portal', ${input.contatos})
        returning pacienteid`;
      pacienteid = row.pacienteid;
      kind = "paciente.cadastrado";
    }
    const [paciente] = await sql<PacienteRow>`
      select ${PACIENTE_COLUMNS(sql)} from ca_paciente where pacienteid = ${pacienteid}`;
    await recordEvent(sql, actorOfPaciente(paciente), {
      kind,
      entity: "paciente",
      entityId: pacienteid,
      topics: pacienteTopics(pacienteid),
      after: paciente,
    });
    const session = await openSession(sql, deps.jwtKey, "paciente", pacienteid, meta);
    return { done: { ...session, paciente } };
  });
  if (outcome.done) return outcome.done;
  if (outcome.wrong !== undefined) throw wrongCode(outcome.wrong);
  throw await sendClaimCode(deps, outcome.needsCode!, meta.ip);
}

interface DeskRecord {
  pacienteid: number;
  nomecompleto: string;
  telefone: string | null;
  datanascimento: string | null;
}

/** Sends the claim code to the phone on file; answers the 422 that tells the client to ask it. */
async function sendClaimCode(deps: Deps, desk: DeskRecord, ip: string) {
  await hitLimit(deps.db.sql, `otp-ip:${ip}`, LIMITS.otpIp);
  const telefone = desk.telefone!;
  const issued = await deps.db.begin(async (sql) => {
    const issued = await issueCode(sql, desk.pacienteid, "whatsapp", telefone);
    await recordEvent(sql, actorOfPaciente(desk), {
      kind: "paciente.codigo_enviado",
      entity: "paciente",
      entityId: desk.pacienteid,
      topics: pacienteTopics(desk.pacienteid),
      after: { canal: "whatsapp", motivo: "ativacao_portal" },
    });
    return issued;
  });
  const final = telefone.slice(-4);
  return unprocessable(
    "codigo_necessario",
    `Este CPF já foi cadastrado na unidade de saúde. Enviamos um código por WhatsApp para o ` +
      `telefone cadastrado (final ${final}): informe-o para ativar o acesso ao portal.`,
    { canal: "whatsapp", telefone_final: final, ...issued },
  );
}

export async function loginPaciente(deps: Deps, cpf: string, senha: string, meta: SessionMeta) {
  const { db } = deps;
  const guard = await guardLogin(db.sql, `cpf:${cpf}`, meta.ip, "este CPF");
  const [p] = await db.sql<
    { pacienteid: number; nomecompleto: string; senhahash: string | null; status: string }
  >`
    select pacienteid, nomecompleto, senhahash, status from ca_paciente where cpf = ${cpf}`;
  if (!(await verifyPassword(senha, p?.senhahash))) {
    await guard.failed();
    throw unauthorized("CPF ou senha incorretos.", "credenciais_invalidas");
  }
  await guard.succeeded();
  if (p.status !== STATUS.ativo) {
    throw unauthorized("Cadastro inativo. Procure a unidade de saúde.", "paciente_inativo");
  }
  return db.begin(async (sql) => {
    const session = await openSession(sql, deps.jwtKey, "paciente", p.pacienteid, meta);
    await recordEvent(sql, actorOfPaciente(p), {
      kind: "auth.sessao_paciente_iniciada",
      entity: "paciente",
      entityId: p.pacienteid,
      topics: pacienteTopics(p.pacienteid),
      after: { ip: meta.ip },
    });
    const [paciente] = await sql<PacienteRow>`select ${
      PACIENTE_COLUMNS(sql)
    } from ca_paciente where pacienteid = ${p.pacienteid}`;
    return { ...session, paciente };
  });
}

export async function pacienteMe(deps: Deps, pacienteid: number) {
  const { sql } = deps.db;
  const [paciente] = await sql<PacienteRow>`select ${
    PACIENTE_COLUMNS(sql)
  } from ca_paciente where pacienteid = ${pacienteid}`;
  if (!paciente) throw notFound("Paciente");
  const tipos = await sql<{ tiposlotid: number; nome: string; cor: string }>`
    select t.tiposlotid, t.nome, t.cor from ca_paciente_tiposlot pt join ca_tiposlot t using (tiposlotid)
    where pt.pacienteid = ${pacienteid} order by t.nome`;
  return { ...paciente, tipos_slot: [...tipos] };
}

export async function logoutPaciente(deps: Deps, actor: Actor, jti: string) {
  await deps.db.begin(async (sql) => {
    await revokeSession(sql, "paciente", jti);
    await recordEvent(sql, actor, {
      kind: "auth.sessao_paciente_encerrada",
      entity: "paciente",
      entityId: actor.id!,
      topics: pacienteTopics(actor.id!),
    });
  });
}

/** Sends a 4-digit WhatsApp code to `telefone` (or the phone on file). */
export async function sendWhatsappCode(
  deps: Deps,
  actor: Actor,
  pacienteid: number,
  telefone: string | undefined,
  ip: string,
) {
  await hitLimit(deps.db.sql, `otp-ip:${ip}`, LIMITS.otpIp);
  return deps.db.begin(async (sql) => {
    const [p] = await sql<{ telefone: string | null }>`
      select telefone from ca_paciente where pacienteid = ${pacienteid} for update`;
    const phone = telefone ?? p?.telefone;
    if (!phone) {
      throw unprocessable("telefone_ausente", "Informe o telefone com DDD para receber o código.");
    }
    const issued = await issueCode(sql, pacienteid, "whatsapp", phone);
    await recordEvent(sql, actor, {
      kind: "paciente.codigo_enviado",
      entity: "paciente",
      entityId: pacienteid,
      topics: pacienteTopics(pacienteid),
      after: { canal: "whatsapp", telefone: phone },
    });
    return { enviado: true as const, canal: "whatsapp" as const, telefone: phone, ...issued };
  });
}

export async function confirmWhatsappCode(
  deps: Deps,
  actor: Actor,
  pacienteid: number,
  codigo: string,
) {
  const result = await deps.db.begin(async (sql) => {
    const r = await checkCode(sql, pacienteid, "whatsapp", codigo);
    if (!r.ok) return r;
    const [before] =
      await sql`select telefone, telefone_validado from ca_paciente where pacienteid = ${pacienteid}`;
    const [after] = await sql`
      update ca_paciente set telefone = ${r.telefone}, telefone_validado = true, telefone_validado_em = now(),
        updated_at = now()
      where pacienteid = ${pacienteid} returning telefone, telefone_validado`;
    await recordEvent(sql, actor, {
      kind: "paciente.telefone_validado",
      entity: "paciente",
      entityId: pacienteid,
      topics: pacienteTopics(pacienteid),
      before,
      after,
    });
    return r;
  });
  // The try was counted and committed; now the wrong code is reported.
  if (!result.ok) throw wrongCode(result.restantes);
  return { validado: true as const, telefone: result.telefone };
}
