/**
 * A direct booking (an operator puts a patient straight into a slot), in four statements:
 *
 * 1. one read of everything the checks, the message and the answer need: the patient, the slot
 *    with its médico, especialidade, unidade and tipo, the patient's eligible tipos, a lease on
 *    the slot, the plano (no lock taken, so other bookings are not held up);
 * 2. the conditional UPDATE that takes a place (`tryTakePlace`; from here the slot row is locked);
 * 3. the agendamento, with its duplicate check and position (`insertHold`);
 * 4. the event and the outbox rows in one statement (`writeEffects`); their commit sends the
 *    transaction's one NOTIFY.
 *
 * The refusals and their order are those of the checks one by one: unknown or inactive
 * patient, unknown slot, slot leased by another operator, tipo closed to the patient, plano;
 * then full / cancelled / past / cancelled day, then a duplicate.
 *
 * @example
 * const detail = await tx(db, (sql) => bookDirect(sql, actor, viewer, { slotagendaid, pacienteid }));
 */
import type { Sql } from "../db/db.ts";
import type { Actor } from "../events/record.ts";
import { forbidden, notFound, unprocessable } from "../http/errors.ts";
import { staffId, type Viewer } from "./access.ts";
import {
  agendamentoDetailOf,
  SLOT_COLUMNS,
  SLOT_JOINS,
  type SlotDetail,
  withEndereco,
} from "./details.ts";
import { writeEffects } from "./effects.ts";
import { pacienteRefusal, tipoRefusal } from "./eligibility.ts";
import { leasedByOther } from "./leases.ts";
import { bookingMessages } from "./messages.ts";
import {
  insertHold,
  type SlotRow,
  slotTopics,
  takePlace,
  tryTakeEncaixe,
  whyNoEncaixe,
} from "./places.ts";
import { hasRole } from "../auth/middleware.ts";
import { PLANO } from "../shared/statuses.ts";

export interface DirectBooking {
  slotagendaid: number;
  pacienteid: number;
  planoid?: number | null;
  /** An encaixe beyond a full slot (gerenciador and above; the reason goes to the audit). */
  encaixe?: { motivo: string };
}

export interface Context extends SlotDetail {
  tipo_agendavel: boolean | null;
  tipo_status: string | null;
  p_id: number | null;
  p_status: string;
  p_nome: string;
  p_cpf: string;
  p_telefone: string | null;
  p_email: string | null;
  p_elegiveis: number[];
  lease_sessao: string | null;
  lease_nome: string;
  lease_expira: Date;
  plano_id: number | null;
  plano_pacienteid: number | null;
  plano_status: string | null;
}

const CONTEXT_KEYS = [
  "tipo_agendavel",
  "tipo_status",
  "p_id",
  "p_status",
  "p_nome",
  "p_cpf",
  "p_telefone",
  "p_email",
  "p_elegiveis",
  "lease_sessao",
  "lease_nome",
  "lease_expira",
  "plano_id",
  "plano_pacienteid",
  "plano_status",
] as const;

/**
 * One read of what a booking of the patient into the slot needs (the patient, the slot detail
 * and tipo, the patient's eligible tipos, a lease on the slot, the plano). Proposals use it too.
 */
export async function readContext(
  sql: Sql,
  input: Pick<DirectBooking, "slotagendaid" | "pacienteid" | "planoid">,
): Promise<Context> {
  const [row] = await sql<Context>`
    select ${SLOT_COLUMNS(sql)}, t.agendavel as tipo_agendavel, t.status as tipo_status,
      p.pacienteid as p_id, p.status as p_status, p.nomecompleto as p_nome, p.cpf as p_cpf,
      p.telefone as p_telefone, p.email as p_email,
      array(select pt.tiposlotid::int from ca_paciente_tiposlot pt
            where pt.pacienteid = ${input.pacienteid}) as p_elegiveis,
      l.holder_sessao as lease_sessao, l.holder_nome as lease_nome, l.expires_at as lease_expira,
      pl.planoid as plano_id, pl.pacienteid as plano_pacienteid, pl.status as plano_status
    from (select 1) one
    left join ca_paciente p on p.pacienteid = ${input.pacienteid}
    left join (ca_slotagenda s ${SLOT_JOINS(sql)}) on s.slotagendaid = ${input.slotagendaid}
    left join ca_lock l on l.resource = ${`slot:${input.slotagendaid}`} and l.expires_at >= now()
    left join ca_plano_tratamento pl on pl.planoid = ${input.planoid ?? null}`;
  return row;
}

/** The slot detail of a context (its other keys left out). */
export function contextSlot(ctx: Context): SlotDetail & { endereco: string } {
  return withEndereco(
    Object.fromEntries(
      Object.entries(ctx).filter(([k]) => !(CONTEXT_KEYS as readonly string[]).includes(k)),
    ) as SlotDetail,
  );
}

/** Throws the first refusal of the checks, in the order the API has always answered them. */
function check(ctx: Context, viewer: Viewer, input: DirectBooking) {
  const paciente = pacienteRefusal(ctx.p_id === null ? null : { status: ctx.p_status });
  if (paciente) throw paciente;
  if (ctx.slotagendaid === null) throw notFound("Horário");
  if (viewer.kind === "admin" && ctx.lease_sessao !== null) {
    const leased = leasedByOther({
      holder_sessao: ctx.lease_sessao,
      holder_nome: ctx.lease_nome,
      expires_at: ctx.lease_expira,
    }, viewer.auth);
    if (leased) throw leased;
  }
  const tipo = tipoRefusal(
    ctx.tipo_agendavel === null
      ? null
      : { nome: ctx.tiposlot_nome, agendavel: ctx.tipo_agendavel, status: ctx.tipo_status! },
    ctx.tiposlotid,
    ctx.p_elegiveis.map(Number),
  );
  if (tipo) throw tipo;
  if (input.planoid) {
    if (ctx.plano_id === null) throw notFound("Plano de tratamento");
    if (ctx.plano_pacienteid !== input.pacienteid) {
      throw unprocessable("plano_de_outro_paciente", "Este plano pertence a outro paciente.");
    }
    if (ctx.plano_status !== PLANO.ativo) {
      throw unprocessable("plano_inativo", "Este plano de tratamento não está ativo.");
    }
  }
}

/** Encaixe: only gerenciador and above, and only within the grade's limit. */
async function takeEncaixe(sql: Sql, viewer: Viewer, slotagendaid: number) {
  if (viewer.kind !== "admin" || !hasRole(viewer.auth.role, "gerenciador")) {
    throw forbidden("Encaixe é permitido apenas a gerenciadores e administradores.");
  }
  const took = await tryTakeEncaixe(sql, slotagendaid);
  if (took) return took;
  throw await whyNoEncaixe(sql, slotagendaid);
}

/** Books the patient into the slot (status Ativo) inside the caller's transaction. */
export async function bookDirect(sql: Sql, actor: Actor, viewer: Viewer, input: DirectBooking) {
  const ctx = await readContext(sql, input);
  check(ctx, viewer, input);
  const slot = contextSlot(ctx);
  const took: SlotRow & { limite_encaixe?: number } = input.encaixe
    ? await takeEncaixe(sql, viewer, input.slotagendaid)
    : await takePlace(sql, input.slotagendaid);
  const agendamento = await insertHold(sql, took, {
    slotagendaid: input.slotagendaid,
    pacienteid: input.pacienteid,
    proposta: false,
    planoid: input.planoid,
    createdBy: staffId(viewer),
    encaixe: input.encaixe && {
      motivo: input.encaixe.motivo,
      limite: took.limite_encaixe ?? 0,
    },
  });
  const paciente = {
    pacienteid: input.pacienteid,
    nomecompleto: ctx.p_nome,
    cpf: ctx.p_cpf,
    telefone: ctx.p_telefone,
    email: ctx.p_email,
  };
  await writeEffects(sql, actor, {
    events: [{
      kind: input.encaixe ? "agendamento.encaixado" : "agendamento.criado",
      entity: "agendamento",
      entityId: agendamento.agendamentoid,
      topics: slotTopics(took, input.pacienteid),
      after: agendamento,
    }],
    messages: bookingMessages(paciente, "confirmacao", String(agendamento.agendamentoid), {
      slot,
      protocolo: agendamento.protocolo,
    }),
  });
  return agendamentoDetailOf(agendamento, slot, took, paciente);
}
