/** Slot and calendar reads: the day grouped by hour, week and month totals, one slot. */
import type { Db, Sql } from "../../db/db.ts";
import { type Fragment, lit } from "../../db/sql.ts";
import { notFound } from "../../http/errors.ts";
import { diaAtivo } from "../../booking/places.ts";
import { defaultDistribuicao } from "./generate_context.ts";
import type { z } from "zod";
import type { RowOf } from "../../contract/define.ts";
import type {
  SlotDayQuery,
  SlotDetalhe,
  SlotFiltros,
  SlotMonthQuery,
  SlotView,
  SlotWeekQuery,
} from "./schemas.ts";

/** One row of `slotColumns`. */
type SlotRow = RowOf<typeof SlotView, "datainicio" | "datafim">;
import { addDays } from "./time.ts";
import { AGENDAMENTO, SLOT } from "../../shared/statuses.ts";

/** `and …` conditions on `s` (ca_slotagenda) for the optional list filters. */
export function slotFilters(sql: Sql, f: SlotFiltros & { status?: string }): Fragment {
  const parts: Fragment[] = [];
  if (f.unidadeid) parts.push(sql`and s.unidadeid = ${f.unidadeid}`);
  if (f.especialidadeid) parts.push(sql`and s.especialidadeid = ${f.especialidadeid}`);
  if (f.medicoid) parts.push(sql`and s.medicoid = ${f.medicoid}`);
  if (f.tiposlotid) parts.push(sql`and s.tiposlotid = ${f.tiposlotid}`);
  if (f.status) parts.push(sql`and s.status = ${f.status}`);
  return sql.join(parts, sql` `);
}

/** Columns of one slot as `SlotView` (schemas.ts); the joins are in `SLOT_FROM`. */
const slotColumns = (sql: Sql) =>
  sql`
  s.slotagendaid, s.gradeagendaid, s.data,
  to_char(s.datainicio at time zone u.timezone, 'HH24:MI') as hora,
  s.datainicio, s.datafim, s.periodo, s.status, s.isoverbooking, s.limitevagas, s.vagas_ocupadas,
  s.encaixes_ocupados as encaixes,
  case when g.overbooking and s.isoverbooking then g.limite_encaixe else 0 end as limite_encaixe,
  not ${diaAtivo(sql, "s")} as dia_cancelado,
  case when s.status = ${lit(SLOT.cancelado)} or not ${diaAtivo(sql, "s")} then 0
    else s.limitevagas - s.vagas_ocupadas end as livres,
  jsonb_build_object('medicoid', m.medicoid, 'nome', m.nomecompleto) as medico,
  jsonb_build_object('especialidadeid', e.especialidadeid, 'nome', e.nome) as especialidade,
  jsonb_build_object('unidadeid', u.unidadeid, 'nome', u.nome, 'timezone', u.timezone) as unidade,
  case when c.consultorioid is null then null
    else jsonb_build_object('consultorioid', c.consultorioid, 'nome', c.nome) end as consultorio,
  jsonb_build_object('tiposlotid', t.tiposlotid, 'nome', t.nome, 'cor', t.cor) as tiposlot`;

const slotFrom = (sql: Sql) =>
  sql`
  from ca_slotagenda s
  join ca_gradeagenda g on g.gradeagendaid = s.gradeagendaid
  join ca_medico m on m.medicoid = s.medicoid
  join ca_especialidade e on e.especialidadeid = s.especialidadeid
  join ca_unidade u on u.unidadeid = s.unidadeid
  join ca_tiposlot t on t.tiposlotid = s.tiposlotid
  left join ca_consultorio c on c.consultorioid = s.consultorioid`;

export interface Totais {
  slots: number;
  vagas: number;
  ocupadas: number;
  livres: number;
  canceladas: number;
}

const zero = (): Totais => ({ slots: 0, vagas: 0, ocupadas: 0, livres: 0, canceladas: 0 });

/** `livres` is 0 for a cancelled slot and on a cancelled grade day (nothing may be taken). */
function add(
  t: Totais,
  s: { status: string; limitevagas: number; vagas_ocupadas: number; livres: number },
) {
  if (s.status === SLOT.cancelado) {
    t.canceladas++;
    return;
  }
  t.slots++;
  t.vagas += s.limitevagas;
  t.ocupadas += s.vagas_ocupadas;
  t.livres += s.livres;
}

/** The day view: slots grouped by local start hour ("08:00" holds 08:00–08:59). */
export async function listSlotsByDay(db: Db, q: SlotDayQuery) {
  const { sql } = db;
  const rows = await sql<SlotRow>`
    select ${slotColumns(sql)} ${slotFrom(sql)}
    where s.data = ${q.data} ${slotFilters(sql, q)}
    order by s.datainicio, lower(m.nomecompleto), lower(t.nome), s.slotagendaid`;
  const grupos: { hora: string; totais: Totais; slots: typeof rows[number][] }[] = [];
  const totais = zero();
  for (const row of rows) {
    const hora = `${row.hora.slice(0, 2)}:00`;
    let g = grupos[grupos.length - 1];
    if (!g || g.hora !== hora) grupos.push(g = { hora, totais: zero(), slots: [] });
    g.slots.push(row);
    add(g.totais, row);
    add(totais, row);
  }
  // Slots crossing a DST change could arrive out of local-hour order; keep the groups sorted.
  grupos.sort((a, b) => a.hora.localeCompare(b.hora));
  return { data: q.data, grupos, totais };
}

/**
 * Per-day totals of [inicio, fim]: the kept totals of `ca_slot_dia_total` (migration 100), less
 * the free places of slots on cancelled grade days (which count as none; such days are few).
 */
export async function slotTotalsByDay(db: Db, inicio: string, fim: string, f: SlotFiltros) {
  const { sql } = db;
  const dias = await sql<Totais & { data: string }>`
    with agg as (
      select s.data, sum(s.slots)::int as slots, sum(s.vagas)::int as vagas,
        sum(s.ocupadas)::int as ocupadas, sum(s.canceladas)::int as canceladas
      from ca_slot_dia_total s
      where s.data between ${inicio}::date and ${fim}::date ${slotFilters(sql, f)}
      group by s.data
    ), fechados as (
      select s.data, sum(s.limitevagas - s.vagas_ocupadas)::int as livres
      from ca_grade_dia_cancelado dc
      join ca_slotagenda s on s.gradeagendaid = dc.gradeagendaid and s.data = dc.data
      where not dc.restaurado and dc.data between ${inicio}::date and ${fim}::date
        and s.status <> ${lit(SLOT.cancelado)} ${slotFilters(sql, f)}
      group by s.data
    )
    select d::date as data, coalesce(agg.slots, 0) as slots, coalesce(agg.vagas, 0) as vagas,
      coalesce(agg.ocupadas, 0) as ocupadas,
      coalesce(agg.vagas - agg.ocupadas - coalesce(fechados.livres, 0), 0) as livres,
      coalesce(agg.canceladas, 0) as canceladas
    from generate_series(${inicio}::date, ${fim}::date, interval '1 day') as d
    left join agg on agg.data = d::date
    left join fechados on fechados.data = d::date
    order by d`;
  const totais = zero();
  for (const d of dias) {
    totais.slots += d.slots;
    totais.vagas += d.vagas;
    totais.ocupadas += d.ocupadas;
    totais.livres += d.livres;
    totais.canceladas += d.canceladas;
  }
  return { inicio, fim, dias: [...dias], totais };
}

export function slotWeek(db: Db, q: SlotWeekQuery) {
  return slotTotalsByDay(db, q.inicio, addDays(q.inicio, 6), q);
}

export function slotMonth(db: Db, q: SlotMonthQuery) {
  const first = Temporal.PlainDate.from({ year: q.ano, month: q.mes, day: 1 });
  const last = first.add({ months: 1 }).subtract({ days: 1 });
  return slotTotalsByDay(db, first.toString(), last.toString(), q);
}

/** One slot with its live agendamentos (the places it holds). */
export async function getSlot(db: Db, id: number) {
  const { sql } = db;
  const [slot] = await sql<SlotRow>`
    select ${slotColumns(sql)} ${slotFrom(sql)} where s.slotagendaid = ${id}`;
  if (!slot) throw notFound("Slot");
  const agendamentos = await sql<z.output<typeof SlotDetalhe>["agendamentos"][number]>`
    select a.agendamentoid, a.protocolo, a.ordem, a.status,
      jsonb_build_object('pacienteid', p.pacienteid, 'nome', p.nomecompleto) as paciente
    from ca_agendamento a join ca_paciente p using (pacienteid)
    where a.slotagendaid = ${id} and a.status <> ${lit(AGENDAMENTO.cancelado)}
    order by a.ordem`;
  return { ...slot, agendamentos: [...agendamentos] };
}

/** The wizard's step 4 pre-fill: the especialidade's cotas per tipo de slot. */
export async function distribuicaoPadrao(db: Db, especialidadeid: number) {
  const [e] = await db.sql<
    { especialidadeid: number; nome: string; limitevagas: number; duracao_minutos: number }
  >`
    select especialidadeid, nome, limitevagas, duracao_minutos from ca_especialidade
    where especialidadeid = ${especialidadeid}`;
  if (!e) throw notFound("Especialidade");
  return { ...e, distribuicao: [...await defaultDistribuicao(db.sql, especialidadeid)] };
}
