/**
 * Cancelling a booking (staff, or the patient for their own future one), in three statements,
 * four when the slot empties on a cancelled grade day:
 *
 * 1. one read, locking the agendamento, of everything the checks, the message, the event and the
 *    answer need: the agendamento, its slot with médico, especialidade, unidade and tipo, the
 *    patient's contacts, a lease on the slot, the unidade's automatic re-offer flag;
 * 2. one statement that cancels the agendamento, gives its place back (a regular or an encaixe
 *    one) and closes the backlog item it came from;
 * 3. the event and the outbox rows (`writeEffects`); the commit sends the one NOTIFY.
 *
 * The answer is built from what the transaction holds; only a place re-offered at once
 * (`realocacao_automatica`) is read back, since the proposal changed the slot again.
 *
 * @example
 * const detail = await tx(db, (sql) => cancelBooking(sql, actor, viewer, id, "Pedido da paciente"));
 */
import type { Sql } from "../db/db.ts";
import type { Actor } from "../events/record.ts";
import { notFound, unprocessable } from "../http/errors.ts";
import { canSee, staffId, type Viewer } from "./access.ts";
import {
  agendamentoDetail,
  agendamentoDetailOf,
  SLOT_COLUMNS,
  SLOT_JOINS,
  SLOT_KEYS,
  type SlotDetail,
  withEndereco,
} from "./details.ts";
import { writeEffects } from "./effects.ts";
import { leasedByOther } from "./leases.ts";
import { bookingMessages } from "./messages.ts";
import {
  type AgendamentoRow,
  cancelIfDayCancelled,
  type SlotRow,
  slotTopics,
  transicaoInvalida,
} from "./places.ts";
import { offerFreedPlace } from "./proposal.ts";
import { type EventTopic, TOPIC } from "../events/topics.ts";
import { lit } from "../db/sql.ts";
import { AGENDAMENTO, AGENDAMENTO_VIVOS, BACKLOG, SLOT } from "../shared/statuses.ts";

/** What the read answers beside the agendamento's own columns (`a.*`). */
interface Extra extends SlotDetail {
  iniciado: boolean;
  p_nome: string;
  p_cpf: string;
  p_telefone: string | null;
  p_email: string | null;
  realocacao: boolean;
  lease_sessao: string | null;
  lease_nome: string;
  lease_expira: Date;
}

/** The read's own keys; with `SLOT_KEYS`, what is not a column of `ca_agendamento`. */
const OWN_KEYS = [
  "iniciado",
  "p_nome",
  "p_cpf",
  "p_telefone",
  "p_email",
  "realocacao",
  "lease_sessao",
  "lease_nome",
  "lease_expira",
];
const SLOT_KEY = new Set<string>(SLOT_KEYS);
/** Not columns of `ca_agendamento` (`slotagendaid` is one, and of the slot too). */
const EXTRA = new Set<string>([...OWN_KEYS, ...SLOT_KEYS.filter((k) => k !== "slotagendaid")]);

const split = <T extends object>(row: T, keep: (k: string) => boolean) =>
  Object.fromEntries(Object.entries(row).filter(([k]) => keep(k)));

async function readLocked(sql: Sql, id: number) {
  const [row] = await sql<AgendamentoRow & Extra>`
    select a.*, s.datainicio <= now() as iniciado, ${SLOT_COLUMNS(sql)},
      p.nomecompleto as p_nome, p.cpf as p_cpf, p.telefone as p_telefone, p.email as p_email,
      u.realocacao_automatica as realocacao,
      l.holder_sessao as lease_sessao, l.holder_nome as lease_nome, l.expires_at as lease_expira
    from ca_agendamento a
    join ca_slotagenda s on s.slotagendaid = a.slotagendaid
    ${SLOT_JOINS(sql)}
    join ca_paciente p on p.pacienteid = a.pacienteid
    left join ca_lock l on l.resource = 'slot:' || a.slotagendaid and l.expires_at >= now()
    where a.agendamentoid = ${id}
    for update of a`;
  return row;
}

type Freed = Pick<
  SlotRow,
  | "slotagendaid"
  | "gradeagendaid"
  | "status"
  | "vagas_ocupadas"
  | "limitevagas"
  | "data"
  | "datainicio"
  | "unidadeid"
>;

/**
 * Cancels the agendamento, gives its place back and closes its backlog item, in one statement.
 * Null when the agendamento no longer holds a place.
 */
async function release(sql: Sql, id: number, motivo: string, canceladoPor: number | null) {
  const [row] = await sql<
    AgendamentoRow & { backlog_cancelados: number } & { [k: `s_${string}`]: unknown }
  >`
    with a as (
      update ca_agendamento set status = ${lit(AGENDAMENTO.cancelado)}, expira_em = null,
        motivo_cancelamento = ${motivo}, cancelado_em = now(), cancelado_por = ${canceladoPor},
        updated_at = now()
      where agendamentoid = ${id} and status in (${lit(AGENDAMENTO_VIVOS)})
      returning *),
    s as (
      update ca_slotagenda s set
        vagas_ocupadas = s.vagas_ocupadas - case when a.encaixe then 0 else 1 end,
        encaixes_ocupados = s.encaixes_ocupados - case when a.encaixe then 1 else 0 end,
        status = case when not a.encaixe and s.status = ${lit(SLOT.ocupado)}
          then ${lit(SLOT.livre)} else s.status end,
        updated_at = now()
      from a
      where s.slotagendaid = a.slotagendaid
        and case when a.encaixe then s.encaixes_ocupados > 0 else s.vagas_ocupadas > 0 end
      returning s.*),
    b as (
      update ca_backlog set status = ${lit(BACKLOG.cancelado)}, updated_at = now()
      where backlogid = (select backlogid from a) and status = ${lit(BACKLOG.agendado)}
      returning backlogid)
    select a.*, (select count(*) from b)::int as backlog_cancelados,
      s.slotagendaid as s_slotagendaid, s.gradeagendaid as s_gradeagendaid, s.status as s_status,
      s.vagas_ocupadas as s_vagas_ocupadas, s.limitevagas as s_limitevagas, s.data as s_data,
      s.datainicio as s_datainicio, s.unidadeid as s_unidadeid
    from a left join s on true`;
  if (!row) return null;
  const agendamento = split(row, (k) => !k.startsWith("s_") && k !== "backlog_cancelados");
  const slot = row.s_slotagendaid === null ? null : Object.fromEntries(
    Object.entries(row).filter(([k]) => k.startsWith("s_")).map(([k, v]) => [k.slice(2), v]),
  ) as Freed;
  return {
    agendamento: agendamento as AgendamentoRow,
    slot: slot && await cancelIfDayCancelled(sql, slot),
    backlog: row.backlog_cancelados > 0,
  };
}

/** Cancels the agendamento inside the caller's transaction; answers its detail. */
export async function cancelBooking(
  sql: Sql,
  actor: Actor,
  viewer: Viewer,
  id: number,
  motivo: string,
) {
  const row = await readLocked(sql, id);
  if (!row || !canSee(viewer, row.pacienteid)) throw notFound("Agendamento");
  // Like every staff write: a slot another operator holds answers 423.
  if (viewer.kind === "admin" && row.lease_sessao !== null) {
    const leased = leasedByOther({
      holder_sessao: row.lease_sessao,
      holder_nome: row.lease_nome,
      expires_at: row.lease_expira,
    }, viewer.auth);
    if (leased) throw leased;
  }
  if (row.status !== AGENDAMENTO.ativo && row.status !== AGENDAMENTO.confirmado) {
    const err = transicaoInvalida(row.status, AGENDAMENTO.cancelado);
    if (row.status === AGENDAMENTO.proposto) {
      err.message = "Propostas são recusadas ou retiradas pela fila de espera.";
    }
    throw err;
  }
  if (row.iniciado) {
    throw unprocessable(
      "consulta_passada",
      "Não é possível cancelar uma consulta que já começou ou passou.",
    );
  }
  const before = split(row, (k) => !EXTRA.has(k)) as AgendamentoRow;
  const detail = withEndereco(split(row, (k) => SLOT_KEY.has(k)) as SlotDetail);
  const released = await release(sql, id, motivo, staffId(viewer));
  const paciente = {
    pacienteid: row.pacienteid,
    nomecompleto: row.p_nome,
    cpf: row.p_cpf,
    telefone: row.p_telefone,
    email: row.p_email,
  };
  const extra: EventTopic[] = released?.backlog ? [TOPIC.backlog] : [];
  await writeEffects(sql, actor, {
    events: [{
      kind: "agendamento.cancelado",
      entity: "agendamento",
      entityId: id,
      topics: slotTopics(row, row.pacienteid, extra),
      before,
      after: released?.agendamento,
    }],
    messages: bookingMessages(paciente, "cancelamento", String(id), {
      slot: detail,
      protocolo: row.protocolo,
      motivo,
    }),
  });
  const realocado = row.realocacao &&
    await offerFreedPlace(sql, released?.slot ?? null, row.backlogid ? [row.backlogid] : [], {
      realocacao: true,
    });
  if (realocado || !released) return await agendamentoDetail(sql, id);
  const took = released.slot ??
    {
      status: row.slot_status as SlotRow["status"],
      limitevagas: row.limitevagas,
      vagas_ocupadas: row.vagas_ocupadas,
    };
  return agendamentoDetailOf(released.agendamento, detail, took, paciente);
}
