/**
 * The set-based SQL of the grade generator: one statement per chunk of days builds every
 * candidate (day × requested time) with `generate_series`, marks the ones in conflict and, when
 * executing, inserts one slot per (candidate, tipo de slot) with `insert … select`.
 *
 * Wall time → instant is `(day + time) at time zone tz` (the rule `time.ts` states and tests).
 * Candidate conflicts, in order of precedence:
 * 1. the weekday rule computed in `plan.ts` (closed weekday, outside hours, interval);
 * 2. `dia_cancelado`: a standing cancellation of this grade on that day;
 * 3. `medico_ocupado` / `intervalo_insuficiente`: a live slot of the médico overlapping the
 *    consultation, or closer than the buffer (any grade; the same grade's slot at the very same
 *    start is not a conflict: it is another tipo at that time, or the slot already exists);
 * 4. `consultorio_ocupado`: a live slot of another médico in the consultório overlapping it.
 * Slots never last a day (especialidade duration ≤ 240 min), so looking one day back bounds the
 * index scans of (3) and (4).
 */
import type { Sql } from "../../db/db.ts";
import { type Fragment, lit } from "../../db/sql.ts";
import type { MotivoConflito, WeekdayTime } from "./plan.ts";
import { SLOT } from "../../shared/statuses.ts";

export interface GenParams {
  /** null in a preview for a grade that does not exist yet. */
  gradeagendaid: number | null;
  medicoid: number;
  unidadeid: number;
  especialidadeid: number;
  consultorioid: number | null;
  timezone: string;
  duracaoMinutos: number;
  bufferMinutes: number;
  overbooking: boolean;
  horas: WeekdayTime[];
  distribuicao: { tiposlotid: number; quantidade: number }[];
}

export interface ChunkConflict {
  data: string;
  horario: string;
  motivo: MotivoConflito;
  slotagendaid: number | null;
}

export interface ChunkResult {
  /** Candidate times without conflict (each yields one slot per tipo). */
  livres: number;
  /** Slots already present for the same grade, start and tipo. */
  existentes: number;
  /** Slots inserted (0 in preview). */
  criados: number;
  conflitos_total: number;
  por_motivo: Record<string, number>;
  conflitos: ChunkConflict[];
}

function marked(sql: Sql, p: GenParams, inicio: string, fim: string): Fragment {
  const g = p.gradeagendaid;
  const buffer = sql`(${p.bufferMinutes}::int * interval '1 minute')`;
  return sql`
    with horas as (
      select h.dow, h.hora::time as hora, h.periodo, h.motivo
      from jsonb_to_recordset(${JSON.stringify(p.horas)}::text::jsonb)
        as h(dow int, hora text, periodo text, motivo text)
    ),
    dist as (
      select d.tiposlotid, d.quantidade
      from jsonb_to_recordset(${JSON.stringify(p.distribuicao)}::text::jsonb)
        as d(tiposlotid int, quantidade int)
    ),
    cand as (
      select dia::date as data, horas.hora, horas.periodo, horas.motivo,
        (dia::date + horas.hora) at time zone ${p.timezone}::text as inicio,
        (dia::date + horas.hora) at time zone ${p.timezone}::text
          + ${p.duracaoMinutos}::int * interval '1 minute' as fim
      from generate_series(${inicio}::date, ${fim}::date, interval '1 day') as dia
      join horas on horas.dow = extract(isodow from dia)::int
    ),
    marcado as (
      select c.data, c.hora, c.periodo, c.inicio, c.fim,
        coalesce(c.motivo, dc.motivo, med.motivo, cons.motivo) as conflito,
        coalesce(med.slotagendaid, cons.slotagendaid) as conflito_slot
      from cand c
      left join lateral (
        select 'dia_cancelado'::text as motivo
        from ca_grade_dia_cancelado x
        where x.gradeagendaid = ${g}::int and x.data = c.data and not x.restaurado
      ) dc on c.motivo is null
      left join lateral (
        select s.slotagendaid,
          case when s.datainicio < c.fim and s.datafim > c.inicio
            then 'medico_ocupado' else 'intervalo_insuficiente' end as motivo
        from ca_slotagenda s
        where s.medicoid = ${p.medicoid}::int and s.status <> ${lit(SLOT.cancelado)}
          and s.datainicio > c.inicio - interval '1 day'
          and s.datainicio < c.fim + ${buffer}
          and s.datafim + ${buffer} > c.inicio
          and (s.gradeagendaid is distinct from ${g}::int or s.datainicio <> c.inicio)
        order by (s.datainicio < c.fim and s.datafim > c.inicio) desc, s.datainicio
        limit 1
      ) med on c.motivo is null
      left join lateral (
        select s.slotagendaid, 'consultorio_ocupado'::text as motivo
        from ca_slotagenda s
        where s.consultorioid = ${p.consultorioid}::int and s.medicoid <> ${p.medicoid}::int
          and s.status <> ${lit(SLOT.cancelado)}
          and s.datainicio > c.inicio - interval '1 day'
          and s.datainicio < c.fim and s.datafim > c.inicio
        order by s.datainicio
        limit 1
      ) cons on c.motivo is null
    )`;
}

function summary(sql: Sql, maxConflitos: number): Fragment {
  return sql`
    (select count(*)::int from marcado where conflito is null) as livres,
    (select count(*)::int from marcado where conflito is not null) as conflitos_total,
    (select coalesce(jsonb_object_agg(conflito, n), '{}'::jsonb)
       from (select conflito, count(*)::int as n from marcado
             where conflito is not null group by conflito) x) as por_motivo,
    (select coalesce(jsonb_agg(jsonb_build_object(
         'data', x.data, 'horario', to_char(x.hora, 'HH24:MI'), 'motivo', x.conflito,
         'slotagendaid', x.conflito_slot) order by x.data, x.hora), '[]'::jsonb)
       from (select * from marcado where conflito is not null
             order by data, hora limit ${maxConflitos}::int) x) as conflitos`;
}

/** Marks the candidates of [inicio, fim] and counts the slots that already exist. No writes. */
export async function previewChunk(
  sql: Sql,
  p: GenParams,
  inicio: string,
  fim: string,
  maxConflitos: number,
): Promise<ChunkResult> {
  const [row] = await sql<Omit<ChunkResult, "criados">>`
    ${marked(sql, p, inicio, fim)}
    select ${summary(sql, maxConflitos)},
      (select count(*)::int from marcado m cross join dist d
        where m.conflito is null and exists (
          select 1 from ca_slotagenda s
          where s.gradeagendaid = ${p.gradeagendaid}::int and s.datainicio = m.inicio
            and s.tiposlotid = d.tiposlotid and s.status <> ${lit(SLOT.cancelado)})) as existentes`;
  return { ...row, criados: 0 };
}

/**
 * Inserts the slots of [inicio, fim] that have no conflict, in one `insert … select`. Slots that
 * already exist are skipped by the unique index (grade, start, tipo); `existentes` is derived.
 */
export async function insertChunk(
  sql: Sql,
  p: GenParams & { gradeagendaid: number },
  inicio: string,
  fim: string,
  maxConflitos: number,
): Promise<ChunkResult> {
  const [row] = await sql<Omit<ChunkResult, "existentes">>`
    ${marked(sql, p, inicio, fim)},
    ins as (
      insert into ca_slotagenda (gradeagendaid, medicoid, tiposlotid, unidadeid, especialidadeid,
        consultorioid, datainicio, datafim, data, periodo, limitevagas, isoverbooking)
      select ${p.gradeagendaid}::int, ${p.medicoid}::int, d.tiposlotid, ${p.unidadeid}::int,
        ${p.especialidadeid}::int, ${p.consultorioid}::int, m.inicio, m.fim, m.data, m.periodo,
        d.quantidade, ${p.overbooking}::boolean
      from marcado m cross join dist d
      where m.conflito is null
      on conflict (gradeagendaid, datainicio, tiposlotid) where status <> ${
    lit(SLOT.cancelado)
  } do nothing
      returning 1
    )
    select ${summary(sql, maxConflitos)}, (select count(*)::int from ins) as criados`;
  return { ...row, existentes: row.livres * p.distribuicao.length - row.criados };
}
