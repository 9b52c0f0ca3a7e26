/**
 * Grade generation at scale: N slots (env `BENCH_SLOTS`, default 1,000,000) generated through the
 * real service function `generateBulk` on a fresh Postgres database, against a raw
 * `insert … select … generate_series` of the same rows into the same table (same indexes and
 * constraints) in the same run. Target: service ≤ 1.5 × raw.
 *
 * Shape: M médicos, each with its own grade and consultório at one unidade (São Paulo), one year
 * (52 weeks, Monday–Friday = 260 days) of 20 consultations a day (07:00–16:30, every 30 min),
 * one tipo de slot: 5,200 slots per médico, M = ceil(N / 5,200) (1,000,000 → 193 médicos,
 * 1,003,600 slots). Each médico is one `generateBulk` call (one transaction, 12 chunks).
 */
import { freshPostgres } from "../server/testing/harness.ts";
import { SYSTEM } from "../server/events/record.ts";
import type { Db } from "../server/db/db.ts";
import { generateBulk } from "../server/modules/slots/generate_service.ts";
import { GenerateBulkInput } from "../server/modules/slots/schemas.ts";
import { addDays, formatMinutes, todayAt } from "../server/modules/slots/time.ts";

export const TZ = "America/Sao_Paulo";
export const TIMES = Array.from({ length: 20 }, (_, i) => formatMinutes(7 * 60 + 30 * i));
export const DAYS = 364;
export const PER_MEDICO = 260 * TIMES.length;

/** The bench year: from a Monday at least a week ahead (every date in the future), 364 days. */
export function benchPeriod(): { inicio: string; fim: string } {
  let inicio = addDays(todayAt(TZ), 7);
  while (Temporal.PlainDate.from(inicio).dayOfWeek !== 1) inicio = addDays(inicio, 1);
  return { inicio, fim: addDays(inicio, DAYS - 1) };
}

/**
 * Every grade of `ca_gradeagenda` gets its slots of [inicio, fim] in one statement: Monday to
 * Friday at `TIMES`, 30 minutes each, tipo `tiposlotid`, the grade's `limitevagas`.
 */
export async function insertSlots(
  db: Db,
  tiposlotid: number,
  inicio: string,
  fim: string,
): Promise<number> {
  const rows = await db.sql`
    insert into ca_slotagenda (gradeagendaid, medicoid, tiposlotid, unidadeid, especialidadeid,
      consultorioid, datainicio, datafim, data, periodo, limitevagas, isoverbooking)
    select g.gradeagendaid, g.medicoid, ${tiposlotid}::int, g.unidadeid, g.especialidadeid,
      g.consultorioid, (d::date + h) at time zone u.timezone,
      (d::date + h) at time zone u.timezone + interval '30 minutes', d::date,
      case when h < '12:00' then 'Manhã' when h < '18:00' then 'Tarde' else 'Noite' end,
      g.limitevagas, false
    from ca_gradeagenda g
    join ca_unidade u using (unidadeid)
    cross join generate_series(${inicio}::date, ${fim}::date, interval '1 day') d
    cross join unnest(${TIMES}::time[]) h
    where extract(isodow from d) between 1 and 5`;
  return rows.count;
}

interface Setup {
  unidadeid: number;
  especialidadeid: number;
  tiposlotid: number;
  medicos: { medicoid: number; consultorioid: number }[];
}

async function setUp(db: Db, medicos: number): Promise<Setup> {
  const { sql } = db;
  const [u] = await sql<{ id: number }>`
    insert into ca_unidade (nome, horario_abertura, horario_fechamento, dias_funcionamento, timezone)
    values ('UBS Bench', '07:00', '19:00', '{1,2,3,4,5}', ${TZ}) returning unidadeid as id`;
  const [e] = await sql<{ id: number }>`
    insert into ca_especialidade (nome, limitevagas, duracao_minutos)
    values ('Clínica Bench', 1, 30) returning especialidadeid as id`;
  const [t] = await sql<{ id: number }>`
    insert into ca_tiposlot (nome) values ('Normal') returning tiposlotid as id`;
  await sql`
    insert into ca_medico (nomecompleto, crm, crm_uf)
    select 'Médico Bench ' || i, lpad(i::text, 6, '0'), 'SP' from generate_series(1, ${medicos}) i`;
  await sql`
    insert into ca_medico_especialidade (medicoid, especialidadeid)
    select medicoid, ${e.id}::int from ca_medico`;
  await sql`
    insert into ca_consultorio (unidadeid, nome)
    select ${u.id}::int, 'Sala ' || i from generate_series(1, ${medicos}) i`;
  const rows = await sql<{ medicoid: number; consultorioid: number }>`
    select m.medicoid, c.consultorioid
    from (select medicoid, row_number() over (order by medicoid) as n from ca_medico) m
    join (select consultorioid, row_number() over (order by consultorioid) as n
          from ca_consultorio) c using (n)
    order by m.medicoid`;
  return { unidadeid: u.id, especialidadeid: e.id, tiposlotid: t.id, medicos: [...rows] };
}

/** The same rows as the service would write, in one statement. */
async function rawInsert(db: Db, s: Setup, inicio: string, fim: string): Promise<number> {
  const { sql } = db;
  await sql`
    insert into ca_gradeagenda (medicoid, especialidadeid, unidadeid, consultorioid,
      vigencia_inicio, vigencia_fim, limitevagas)
    select m.medicoid, ${s.especialidadeid}::int, ${s.unidadeid}::int, c.consultorioid,
      ${inicio}::date, ${fim}::date, 1
    from jsonb_to_recordset(${JSON.stringify(s.medicos)}::text::jsonb)
      as m(medicoid int, consultorioid int)
    join ca_consultorio c using (consultorioid)`;
  const started = performance.now();
  const count = await insertSlots(db, s.tiposlotid, inicio, fim);
  const seconds = (performance.now() - started) / 1000;
  console.log(`generation: raw_rows=${count}`);
  return seconds;
}

async function viaService(db: Db, s: Setup, inicio: string, fim: string): Promise<number> {
  let criados = 0;
  const started = performance.now();
  for (const m of s.medicos) {
    const input = GenerateBulkInput.parse({
      unidadeid: s.unidadeid,
      especialidadeid: s.especialidadeid,
      medicoid: m.medicoid,
      consultorioid: m.consultorioid,
      data_inicio: inicio,
      data_fim: fim,
      horarios: Object.fromEntries(["1", "2", "3", "4", "5"].map((d) => [d, TIMES])),
      distribuicao: [{ tiposlotid: s.tiposlotid, quantidade: 1 }],
    });
    const r = await generateBulk(db, SYSTEM, input);
    if (r.conflitos_total > 0) throw new Error(`unexpected conflicts: ${r.conflitos_total}`);
    criados += r.criados;
  }
  const seconds = (performance.now() - started) / 1000;
  console.log(`generation: service_rows=${criados}`);
  return seconds;
}

export async function run() {
  const target = Number(Deno.env.get("BENCH_SLOTS") ?? 1_000_000);
  if (!Number.isInteger(target) || target < 1) {
    throw new Error("BENCH_SLOTS must be a positive integer");
  }
  const medicos = Math.ceil(target / PER_MEDICO);
  const { inicio, fim } = benchPeriod();
  console.log(
    `generation: slots=${medicos * PER_MEDICO} medicos=${medicos} dias=${DAYS} ` +
      `periodo=${inicio}..${fim}`,
  );

  const fresh = await freshPostgres(4);
  try {
    const setup = await setUp(fresh.db, medicos);
    const raw = await rawInsert(fresh.db, setup, inicio, fim);
    console.log(`generation: raw_insert_seconds=${raw.toFixed(2)}`);
    // Same table, same indexes and constraints, emptied for the real run.
    await fresh.db.script(`truncate ca_slotagenda, ca_gradeagenda, ca_evento cascade; checkpoint`);
    const svc = await viaService(fresh.db, setup, inicio, fim);
    console.log(`generation: service_seconds=${svc.toFixed(2)}`);
    console.log(`generation: slots_per_second=${Math.round((medicos * PER_MEDICO) / svc)}`);
    console.log(`generation: ratio=${(svc / raw).toFixed(2)} (target <= 1.5)`);
  } finally {
    await fresh.drop();
  }
}
