/**
 * Places in a slot: the only code that changes `ca_slotagenda.vagas_ocupadas`. Every booking
 * path (direct booking, proposals, confirmation, cancellation, expiry, mass cancellation) takes
 * and frees places through these functions, inside the caller's transaction.
 *
 * Taking a place is one conditional UPDATE: Postgres locks the slot row, re-checks the WHERE on
 * the newest row version after any concurrent writer commits, and the CHECK
 * `vagas_ocupadas between 0 and limitevagas` backs it up. Two operators racing for the last
 * place therefore cannot both win; the loser gets zero rows and a clear 409.
 *
 * @example
 * await db.begin(async (sql) => {
 *   const { agendamento, slot } = await holdPlace(sql, { slotagendaid, pacienteid, proposta: false });
 * });
 */
import type { Sql } from "../db/db.ts";
import { conflict, HttpError, notFound, pgError, unprocessable } from "../http/errors.ts";
import type { RowOf } from "../contract/define.ts";
import type { AgendamentoRow as AgendamentoRowSchema } from "../modules/agendamentos/schemas.ts";
import { agendaTopics, type EventTopic, topic } from "../events/topics.ts";
import { lit } from "../db/sql.ts";
import {
  AGENDAMENTO,
  AGENDAMENTO_VIVOS,
  type AgendamentoStatus,
  SLOT,
  type SlotStatus,
} from "../shared/statuses.ts";

export interface SlotRow {
  slotagendaid: number;
  gradeagendaid: number;
  medicoid: number;
  tiposlotid: number;
  unidadeid: number;
  especialidadeid: number;
  consultorioid: number | null;
  datainicio: Date;
  datafim: Date;
  data: string;
  status: SlotStatus;
  periodo: string;
  limitevagas: number;
  vagas_ocupadas: number;
}

export type { AgendamentoStatus };

/** A `ca_agendamento` row (`returning *`). */
export type AgendamentoRow = RowOf<typeof AgendamentoRowSchema, "datasolicitacao">;

/** Live-update topics of everything that happens in a slot, plus the patient concerned. */
export function slotTopics(
  s: { unidadeid: number; especialidadeid: number; medicoid: number; data: string },
  pacienteid?: number | null,
  extra: EventTopic[] = [],
): EventTopic[] {
  const topics = agendaTopics(s, s.data);
  if (pacienteid) topics.push(topic.paciente(pacienteid));
  return [...topics, ...extra];
}

export function transicaoInvalida(from: string, to: string): HttpError {
  return unprocessable(
    "transicao_invalida",
    `Não é possível passar de "${from}" para "${to}".`,
    { from, to },
  );
}

export const slotIndisponivel = () =>
  conflict("slot_indisponivel", "Este horário acabou de ser ocupado. Escolha outro.");

export const diaCancelado = () =>
  unprocessable(
    "dia_cancelado",
    "O dia deste horário foi cancelado na grade do médico. Escolha outro dia.",
  );

/**
 * SQL condition: slot `alias` is not on a day its grade cancelled (standing cancellation in
 * `ca_grade_dia_cancelado`). A cancelled day keeps the slots that still hold places, for the
 * operator to move, but none of their free places may be taken until the day is restored.
 */
export function diaAtivo(sql: Sql, alias: string) {
  const s = sql.raw(alias);
  return sql`not exists (
    select 1 from ca_grade_dia_cancelado dc
    where dc.gradeagendaid = ${s}.gradeagendaid and dc.data = ${s}.data and not dc.restaurado)`;
}

/** Explains why a place could not be taken: 404, cancelled or past (422), or full (409). */
async function whyUnavailable(sql: Sql, slotagendaid: number): Promise<HttpError> {
  const [s] = await sql<{ status: string; passado: boolean; dia_cancelado: boolean }>`
    select s.status, s.datainicio <= now() as passado, not ${diaAtivo(sql, "s")} as dia_cancelado
    from ca_slotagenda s where s.slotagendaid = ${slotagendaid}`;
  if (!s) return notFound("Horário");
  if (s.status === SLOT.cancelado) {
    return unprocessable("slot_cancelado", "Este horário foi cancelado. Escolha outro.");
  }
  if (s.passado) return unprocessable("slot_passado", "Este horário já passou. Escolha outro.");
  if (s.dia_cancelado) return diaCancelado();
  return slotIndisponivel();
}

/**
 * Takes one place, or returns null when the slot is full, cancelled, past, missing or on a
 * cancelled grade day. The capacity rule is the one condition `vagas_ocupadas < limitevagas`
 * here (and the table's CHECK): a rule that lets a booking exceed it (an "encaixe") belongs in
 * this statement, as another condition, so every booking path keeps taking places atomically.
 */
export async function tryTakePlace(sql: Sql, slotagendaid: number): Promise<SlotRow | null> {
  const [slot] = await sql<SlotRow>`
    update ca_slotagenda s set
      vagas_ocupadas = vagas_ocupadas + 1,
      status = case when vagas_ocupadas + 1 = limitevagas then ${lit(SLOT.ocupado)} else status end,
      updated_at = now()
    where slotagendaid = ${slotagendaid} and status = ${lit(SLOT.livre)}
      and vagas_ocupadas < limitevagas and datainicio > now() and ${diaAtivo(sql, "s")}
    returning *`;
  return slot ?? null;
}

/**
 * Takes one encaixe place of a FULL slot whose grade allows overbooking, within the grade's
 * `limite_encaixe` (migration 190). Same shape as `tryTakePlace`: one conditional UPDATE, so two
 * gerenciadores racing for the last encaixe place cannot both win. Answers the slot with the
 * grade's limit, or null.
 */
export async function tryTakeEncaixe(
  sql: Sql,
  slotagendaid: number,
): Promise<(SlotRow & { limite_encaixe: number }) | null> {
  const [slot] = await sql<SlotRow & { limite_encaixe: number }>`
    update ca_slotagenda s set encaixes_ocupados = s.encaixes_ocupados + 1, updated_at = now()
    from ca_gradeagenda g
    where s.slotagendaid = ${slotagendaid} and g.gradeagendaid = s.gradeagendaid
      and g.overbooking and s.isoverbooking and s.status = ${lit(SLOT.ocupado)}
      and s.vagas_ocupadas = s.limitevagas and s.encaixes_ocupados < g.limite_encaixe
      and s.datainicio > now() and ${diaAtivo(sql, "s")}
    returning s.*, g.limite_encaixe`;
  return slot ?? null;
}

/** Why an encaixe place could not be taken (the regular reasons first). */
export async function whyNoEncaixe(sql: Sql, slotagendaid: number): Promise<HttpError> {
  const [s] = await sql<
    { permitido: boolean; cheio: boolean; esgotado: boolean; limite: number; status: string }
  >`
    select g.overbooking and s.isoverbooking as permitido, s.vagas_ocupadas = s.limitevagas as cheio,
      s.encaixes_ocupados >= g.limite_encaixe as esgotado, g.limite_encaixe as limite, s.status
    from ca_slotagenda s join ca_gradeagenda g using (gradeagendaid)
    where s.slotagendaid = ${slotagendaid}`;
  if (!s) return notFound("Horário");
  if (!s.permitido) {
    return unprocessable("encaixe_nao_permitido", "A grade deste horário não permite encaixe.");
  }
  if (s.status !== SLOT.cancelado && !s.cheio) {
    return conflict(
      "encaixe_desnecessario",
      "Este horário ainda tem vaga livre: agende normalmente.",
    );
  }
  const regular = await whyUnavailable(sql, slotagendaid);
  if (regular.code !== "slot_indisponivel") return regular;
  return conflict(
    "encaixe_esgotado",
    `O limite de encaixes deste horário (${s.limite}) já foi atingido.`,
    { limite: s.limite },
  );
}

/** Takes one place or throws the reason it is not available. */
export async function takePlace(sql: Sql, slotagendaid: number): Promise<SlotRow> {
  const slot = await tryTakePlace(sql, slotagendaid);
  if (slot) return slot;
  throw await whyUnavailable(sql, slotagendaid);
}

/**
 * Gives one place back; a cancelled slot keeps its status. Null when nothing was held.
 * A slot emptied on a cancelled grade day is cancelled with the day (and linked to that
 * cancellation, so restoring the day brings it back).
 */
export async function freePlace(sql: Sql, slotagendaid: number): Promise<SlotRow | null> {
  const [slot] = await sql<SlotRow>`
    update ca_slotagenda set
      vagas_ocupadas = vagas_ocupadas - 1,
      status = case when status = ${lit(SLOT.ocupado)} then ${lit(SLOT.livre)} else status end,
      updated_at = now()
    where slotagendaid = ${slotagendaid} and vagas_ocupadas > 0
    returning *`;
  return slot ? await cancelIfDayCancelled(sql, slot) : null;
}

/**
 * A slot just emptied (its last place given back) on a cancelled grade day is cancelled with
 * the day and linked to that cancellation; any other slot is answered as it is, with no read.
 */
export async function cancelIfDayCancelled<
  S extends Pick<SlotRow, "slotagendaid" | "gradeagendaid" | "data" | "status" | "vagas_ocupadas">,
>(sql: Sql, slot: S): Promise<S> {
  if (slot.vagas_ocupadas > 0 || slot.status !== SLOT.livre) return slot;
  // FOR SHARE waits for a restoration in progress and then re-reads `not restaurado`.
  const [dia] = await sql<{ cancelamentoid: number }>`
    select cancelamentoid from ca_grade_dia_cancelado
    where gradeagendaid = ${slot.gradeagendaid} and data = ${slot.data} and not restaurado
    for share`;
  if (!dia) return slot;
  const [cancelled] = await sql<{ status: SlotRow["status"] }>`
    update ca_slotagenda set status = ${lit(SLOT.cancelado)}, updated_at = now()
    where slotagendaid = ${slot.slotagendaid} returning status`;
  await sql`insert into ca_grade_dia_cancelado_slot (cancelamentoid, slotagendaid)
            values (${dia.cancelamentoid}, ${slot.slotagendaid}) on conflict do nothing`;
  return { ...slot, status: cancelled.status };
}

/** Gives an encaixe place back (the regular places are untouched). */
export async function freeEncaixe(sql: Sql, slotagendaid: number): Promise<SlotRow | null> {
  const [slot] = await sql<SlotRow>`
    update ca_slotagenda set encaixes_ocupados = encaixes_ocupados - 1, updated_at = now()
    where slotagendaid = ${slotagendaid} and encaixes_ocupados > 0
    returning *`;
  return slot ?? null;
}

export interface HoldInput {
  slotagendaid: number;
  pacienteid: number;
  /** true: a `Proposto` hold that expires after `proposta_validade_horas`; false: `Ativo`. */
  proposta: boolean;
  backlogid?: number | null;
  planoid?: number | null;
  createdBy?: number | null;
  /** An encaixe place (taken with `tryTakeEncaixe`): positions after the regular ones. */
  encaixe?: { motivo: string; limite: number };
}

/**
 * Takes a place and writes the agendamento that holds it: protocolo `AG-YYYYMMDD-NNNNNN`, the
 * first free position in the slot, and for a proposal its expiry.
 */
export async function holdPlace(
  sql: Sql,
  input: HoldInput,
  /** A place already taken with `tryTakePlace` in this transaction. */
  taken?: SlotRow,
): Promise<{ agendamento: AgendamentoRow; slot: SlotRow }> {
  const slot = taken ?? await takePlace(sql, input.slotagendaid);
  return { agendamento: await insertHold(sql, slot, input), slot };
}

/**
 * Writes the agendamento of a place just taken in `slot`, in one statement: the duplicate check,
 * the first free position and the insert. It must be a statement of its own AFTER the one that
 * took the place: that one waited for the slot row lock, and only a later statement's snapshot
 * sees what the previous holder of the lock committed (its agendamento and position).
 */
export async function insertHold(
  sql: Sql,
  slot: Pick<SlotRow, "slotagendaid" | "limitevagas">,
  input: HoldInput,
): Promise<AgendamentoRow> {
  const expira = input.proposta
    ? sql`now() + make_interval(hours => (select proposta_validade_horas
                                           from ca_clinica_configuracao where id = 1))`
    : sql`null::timestamptz`;
  // Regular places hold positions 1..limitevagas; encaixes the ones after them.
  const first = input.encaixe ? slot.limitevagas + 1 : 1;
  const last = input.encaixe ? slot.limitevagas + input.encaixe.limite : slot.limitevagas;
  let agendamento: AgendamentoRow | undefined;
  try {
    [agendamento] = await sql<AgendamentoRow>`
      with pos as (
        select min(g)::int as ordem from generate_series(${first}::int, ${last}::int) g
        where not exists (
          select 1 from ca_agendamento a
          where a.slotagendaid = ${slot.slotagendaid} and a.ordem = g
            and a.status <> ${lit(AGENDAMENTO.cancelado)}))
      insert into ca_agendamento (slotagendaid, pacienteid, backlogid, planoid, protocolo, ordem,
                                  status, expira_em, created_by, encaixe, motivo_encaixe)
      select ${slot.slotagendaid}, ${input.pacienteid}, ${input.backlogid ?? null},
             ${input.planoid ?? null},
             'AG-' || to_char(now() at time zone (select timezone from ca_clinica_configuracao
                                                  where id = 1), 'YYYYMMDD')
               || '-' || lpad(nextval('ca_agendamento_protocolo_seq')::text, 6, '0'),
             pos.ordem, ${input.proposta ? AGENDAMENTO.proposto : AGENDAMENTO.ativo}, ${expira},
             ${input.createdBy ?? null}, ${Boolean(input.encaixe)}, ${input.encaixe?.motivo ?? null}
      from pos
      where not exists (
        select 1 from ca_agendamento d
        where d.slotagendaid = ${slot.slotagendaid} and d.pacienteid = ${input.pacienteid}
          and d.status <> ${lit(AGENDAMENTO.cancelado)})
      returning *`;
  } catch (err) {
    // Backstop: the partial unique indexes answer the same as the checks above.
    if (pgError(err).code === "23505") throw slotIndisponivel();
    throw err;
  }
  if (!agendamento) {
    throw conflict(
      "paciente_ja_no_horario",
      "Este paciente já tem um agendamento ou proposta neste horário.",
    );
  }
  return agendamento;
}

/**
 * Cancels a holding agendamento and gives its place back. Returns null when the agendamento
 * no longer holds a place (already cancelled or finished).
 */
export async function releaseHold(
  sql: Sql,
  agendamentoid: number,
  motivo: string,
  canceladoPor: number | null,
): Promise<{ agendamento: AgendamentoRow; slot: SlotRow | null } | null> {
  const [agendamento] = await sql<AgendamentoRow>`
    update ca_agendamento set status = ${lit(AGENDAMENTO.cancelado)}, expira_em = null,
      motivo_cancelamento = ${motivo}, cancelado_em = now(), cancelado_por = ${canceladoPor},
      proposta_retirada = (status = ${lit(AGENDAMENTO.proposto)}), updated_at = now()
    where agendamentoid = ${agendamentoid} and status in (${lit(AGENDAMENTO_VIVOS)})
    returning *`;
  if (!agendamento) return null;
  const slot = agendamento.encaixe
    ? await freeEncaixe(sql, agendamento.slotagendaid)
    : await freePlace(sql, agendamento.slotagendaid);
  return { agendamento, slot };
}
