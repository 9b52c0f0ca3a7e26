/**
 * Grade days ("Gestão de Dias da Grade"): cancel one day of a grade, restore it, and read the
 * cancellations. A day has at most one standing cancellation (unique index); restored ones stay as
 * history. Cancelling cancels the day's free slots and remembers which (ca_grade_dia_cancelado_slot)
 * so that restoring brings back exactly those. Slots holding places are never dropped silently:
 * they stay and the answer lists them with their patients, for the operator to move.
 */
import type { Db, Sql } from "../../db/db.ts";
import { type Actor, recordEvent } from "../../events/record.ts";
import { conflict, notFound, pgError, unprocessable } from "../../http/errors.ts";
import { todayAt } from "../slots/time.ts";
import type { RowOf } from "../../contract/define.ts";
import type {
  CancelDayInput,
  DayRangeQuery,
  DiaCancelado,
  RestoreDayInput,
  SlotPendente,
} from "./schemas.ts";
import { agendaTopics } from "../../events/topics.ts";
import { lit } from "../../db/sql.ts";
import { AGENDAMENTO, SLOT, STATUS } from "../../shared/statuses.ts";

type DiaCanceladoRow = RowOf<typeof DiaCancelado>;

interface GradeLock {
  gradeagendaid: number;
  unidadeid: number;
  especialidadeid: number;
  medicoid: number;
  status: string;
  timezone: string;
}

const dayTopics = (g: GradeLock, data: string) => agendaTopics(g, data);

/** Locks the grade row: day changes and generations of one grade run one after the other. */
async function lockGrade(sql: Sql, id: number): Promise<GradeLock> {
  const [g] = await sql<GradeLock>`
    select g.gradeagendaid, g.unidadeid, g.especialidadeid, g.medicoid, g.status, u.timezone
    from ca_gradeagenda g join ca_unidade u using (unidadeid)
    where g.gradeagendaid = ${id}
    for update of g`;
  if (!g) throw notFound("Grade");
  if (g.status !== STATUS.ativo) {
    throw unprocessable(
      "grade_inativa",
      "Esta grade está inativa; seus dias não podem ser alterados.",
    );
  }
  return g;
}

async function gradeExists(sql: Sql, id: number) {
  const [g] = await sql`select 1 from ca_gradeagenda where gradeagendaid = ${id}`;
  if (!g) throw notFound("Grade");
}

const cancellationColumns = (sql: Sql) =>
  sql`
  d.cancelamentoid, d.gradeagendaid, d.data, d.motivo, d.cancelado_por,
  uc.nome as cancelado_por_nome, d.cancelado_em, d.restaurado, d.restaurado_por,
  ur.nome as restaurado_por_nome, d.restaurado_em, d.motivo_restauracao,
  (select count(*) from ca_grade_dia_cancelado_slot x
    where x.cancelamentoid = d.cancelamentoid)::int as slots_cancelados
  from ca_grade_dia_cancelado d
  left join ca_usuario_admin uc on uc.usuarioid = d.cancelado_por
  left join ca_usuario_admin ur on ur.usuarioid = d.restaurado_por`;

async function cancellationById(sql: Sql, cancelamentoid: number) {
  const [row] = await sql<DiaCanceladoRow>`
    select ${cancellationColumns(sql)} where d.cancelamentoid = ${cancelamentoid}`;
  return row;
}

/** Standing cancellations of the grade, optionally within [inicio, fim]. */
export async function listCancelledDays(db: Db, id: number, range?: DayRangeQuery) {
  const { sql } = db;
  await gradeExists(sql, id);
  const within = range ? sql`and d.data between ${range.inicio} and ${range.fim}` : sql``;
  return [
    ...await sql<DiaCanceladoRow>`
    select ${cancellationColumns(sql)}
    where d.gradeagendaid = ${id} and not d.restaurado ${within}
    order by d.data`,
  ];
}

/** Every cancellation and restoration of one day of the grade, oldest first. */
export async function dayHistory(db: Db, id: number, data: string) {
  const { sql } = db;
  await gradeExists(sql, id);
  const items = await sql<DiaCanceladoRow>`
    select ${cancellationColumns(sql)}
    where d.gradeagendaid = ${id} and d.data = ${data}
    order by d.cancelado_em, d.cancelamentoid`;
  return { gradeagendaid: id, data, historico: [...items] };
}

/** Slots of the grade's day that still hold places, with the patients holding them. */
async function slotsWithPlaces(sql: Sql, id: number, data: string) {
  return [
    ...await sql<RowOf<typeof SlotPendente, "datainicio">>`
    select s.slotagendaid, to_char(s.datainicio at time zone u.timezone, 'HH24:MI') as hora,
      s.datainicio, s.status, s.limitevagas, s.vagas_ocupadas, t.nome as tiposlot,
      coalesce((
        select jsonb_agg(jsonb_build_object(
          'agendamentoid', a.agendamentoid, 'protocolo', a.protocolo, 'status', a.status,
          'pacienteid', p.pacienteid, 'nome', p.nomecompleto, 'telefone', p.telefone)
          order by a.ordem)
        from ca_agendamento a join ca_paciente p on p.pacienteid = a.pacienteid
        where a.slotagendaid = s.slotagendaid and a.status <> ${lit(AGENDAMENTO.cancelado)}
      ), '[]'::jsonb) as agendamentos
    from ca_slotagenda s
    join ca_unidade u on u.unidadeid = s.unidadeid
    join ca_tiposlot t on t.tiposlotid = s.tiposlotid
    where s.gradeagendaid = ${id} and s.data = ${data} and s.status <> ${lit(SLOT.cancelado)}
      and s.vagas_ocupadas > 0
    order by s.datainicio, s.slotagendaid`,
  ];
}

const alreadyCancelled = (data: string) =>
  conflict("dia_ja_cancelado", `O dia ${data} já está cancelado nesta grade.`, { data });

export async function cancelDay(db: Db, actor: Actor, id: number, input: CancelDayInput) {
  return await db.begin(async (sql) => {
    const grade = await lockGrade(sql, id);
    if (input.data < todayAt(grade.timezone)) {
      throw unprocessable("data_passada", "Não é possível cancelar um dia que já passou.");
    }
    const [standing] = await sql`
      select 1 from ca_grade_dia_cancelado
      where gradeagendaid = ${id} and data = ${input.data} and not restaurado`;
    if (standing) throw alreadyCancelled(input.data);
    const [{ cancelamentoid }] = await sql<{ cancelamentoid: number }>`
      insert into ca_grade_dia_cancelado (gradeagendaid, data, motivo, cancelado_por)
      values (${id}, ${input.data}, ${input.motivo}, ${actor.tipo === "admin" ? actor.id : null})
      returning cancelamentoid`;
    // Only free slots (no place held) are cancelled; the rest is listed below.
    const cancelled = await sql<{ slotagendaid: number }>`
      with upd as (
        update ca_slotagenda set status = ${lit(SLOT.cancelado)}, updated_at = now()
        where gradeagendaid = ${id} and data = ${input.data} and status = ${lit(SLOT.livre)}
          and vagas_ocupadas = 0
        returning slotagendaid
      ), link as (
        insert into ca_grade_dia_cancelado_slot (cancelamentoid, slotagendaid)
        select ${cancelamentoid}::int, slotagendaid from upd
      )
      select slotagendaid from upd order by slotagendaid`;
    const pendentes = await slotsWithPlaces(sql, id, input.data);
    const cancelamento = await cancellationById(sql, cancelamentoid);
    const slots_cancelados = cancelled.map((s) => s.slotagendaid);
    await recordEvent(sql, actor, {
      kind: "grade.dia_cancelado",
      entity: "gradeagenda",
      entityId: id,
      topics: dayTopics(grade, input.data),
      // The day stood; the slots now cancelled were free, the others held places (still do).
      before: {
        cancelamento: null,
        slots_livres: slots_cancelados,
        slots_com_agendamentos: pendentes.map((p) => p.slotagendaid),
      },
      after: {
        cancelamento,
        slots_cancelados,
        slots_com_agendamentos: pendentes.map((p) => p.slotagendaid),
      },
    });
    return { cancelamento, slots_cancelados, pendentes };
  }).catch((err) => {
    if (pgError(err).constraint === "ca_grade_dia_cancelado_uq") throw alreadyCancelled(input.data);
    throw err;
  });
}

export async function restoreDay(db: Db, actor: Actor, id: number, input: RestoreDayInput) {
  return await db.begin(async (sql) => {
    const grade = await lockGrade(sql, id);
    const [standing] = await sql<{ cancelamentoid: number }>`
      select cancelamentoid from ca_grade_dia_cancelado
      where gradeagendaid = ${id} and data = ${input.data} and not restaurado
      for update`;
    if (!standing) {
      throw conflict("dia_nao_cancelado", `O dia ${input.data} não está cancelado nesta grade.`, {
        data: input.data,
      });
    }
    const before = await cancellationById(sql, standing.cancelamentoid);
    await sql`
      update ca_grade_dia_cancelado set restaurado = true, restaurado_em = now(),
        restaurado_por = ${actor.tipo === "admin" ? actor.id : null},
        motivo_restauracao = ${input.motivo}
      where cancelamentoid = ${standing.cancelamentoid}`;
    // Exactly the slots this cancellation cancelled, if nothing else touched them since.
    const restored = await sql<{ slotagendaid: number }>`
      update ca_slotagenda s set status = ${lit(SLOT.livre)}, updated_at = now()
      from ca_grade_dia_cancelado_slot x
      where x.cancelamentoid = ${standing.cancelamentoid} and s.slotagendaid = x.slotagendaid
        and s.status = ${lit(SLOT.cancelado)} and s.vagas_ocupadas = 0
      returning s.slotagendaid`;
    const cancelamento = await cancellationById(sql, standing.cancelamentoid);
    const slots_restaurados = restored.map((s) => s.slotagendaid).sort((a, b) => a - b);
    await recordEvent(sql, actor, {
      kind: "grade.dia_restaurado",
      entity: "gradeagenda",
      entityId: id,
      topics: dayTopics(grade, input.data),
      before,
      after: { cancelamento, slots_restaurados },
    });
    return { cancelamento, slots_restaurados };
  }).catch((err) => {
    const { code } = pgError(err);
    if (code === "23P01" || code === "23505") {
      throw conflict(
        "conflito_ao_restaurar",
        "Não foi possível restaurar: o médico ou o consultório já tem outro atendimento em algum " +
          "horário deste dia.",
        { constraint: pgError(err).constraint },
      );
    }
    throw err;
  });
}
