/**
 * Free slots a backlog item may take, best first (smart allocation and `alocar-dia`).
 *
 * Order: preferred médico, preferred unidade, closest to the preferred date, in the preferred
 * period, closest to the preferred time, soonest (then id). Especialidade, eligible tipo, active
 * médico/unidade, a day its grade did not cancel, a future free place within 180 days and a slot
 * the patient never held are hard rules.
 *
 * Scale: an especialidade may have tens of thousands of free slots within 180 days; computing
 * and sorting the keys of all of them takes about 100 ms. The order is lexicographic, so the
 * search walks disjoint segments in rank order instead and stops once it has `limit` rows. Each
 * segment is a small index range sorted by the full key; concatenated in their order the
 * segments are exactly the full order:
 * - tiers of the yes/no keys: preferred médico or not, preferred unidade or not, and without a
 *   preferred date, preferred period or not;
 * - inside a tier, rings of the next key: days from the preferred date; else, without a
 *   preferred time, the start (from the tier's first slot: 2 days, 14 days, the rest); else
 *   minutes from the preferred time: D = the smallest distance in the tier's first 24 hours
 *   from its first slot, then the slots closer than D on any day (read per day by time of day:
 *   usually none), the slots exactly D away (soonest first, in rings of days) and last the farther ones.
 * Only a tier with few slots reaches its last ring, which reads the whole tier. The indexes of
 * `090_slot_candidates.sql` and `110_slot_candidates_periodo.sql` keep tiers of a unidade or
 * period with few or no free slots cheap.
 */
import type { Sql } from "../../db/db.ts";
import type { Fragment } from "../../db/sql.ts";
import { elegivelSql } from "../../booking/eligibility.ts";
import { diaAtivo } from "../../booking/places.ts";
import type { BacklogRow } from "../../booking/proposal.ts";
import { lit } from "../../db/sql.ts";
import { SLOT, STATUS } from "../../shared/statuses.ts";

export interface Candidate {
  slotagendaid: number;
  datainicio: Date;
  data: string;
  hora: string;
  periodo: string;
  medicoid: number;
  medico_nome: string;
  unidadeid: number;
  unidade_nome: string;
  especialidade_nome: string;
  tiposlot_nome: string;
  medico_ok: boolean;
  unidade_ok: boolean;
  dist_dias: number | null;
  periodo_ok: boolean;
  dist_minutos: number | null;
}

/** Last day of the horizon (`now() + 180 days`) counted from today, with a day of slack. */
const HORIZON_DAYS = 181;
/** Ring bounds, best first: days from the preferred date, days from the tier's first slot. */
const DAY_RINGS = [0, 1, 3, 7, 30];
const SOON_RINGS = [2, 14];
const DAY_SECONDS = 24 * 60 * 60;
const PERIODOS = ["Manhã", "Tarde", "Noite"];

interface Segment {
  /** `and …` conditions on `s` alone (médico, unidade, period). */
  tier: Fragment;
  /** More `and …` conditions: which rows of the tier belong to the segment (exact). */
  cond: Fragment;
  /** Local times of day [from, to] (seconds) and days from today [from, to], read by index. */
  drive?: { seconds: [number, number][]; days: [number, number] };
}

/** What the hard rules need, read once: the same rules as `elegivelSql` and the others. */
interface Rules {
  medicos_inativos: number[];
  tipos: number[];
  vistos: number[];
}

async function rulesOf(sql: Sql, item: BacklogRow): Promise<Rules> {
  // The searches below are millisecond index reads whose estimates (per-day windows) can pass
  // `jit_above_cost`: compiling them would take 50-300 ms. Off for this transaction only.
  const [r] = await sql<Rules>`
    select set_config('jit', 'off', true),
      array(select medicoid from ca_medico where status <> ${
    lit(STATUS.ativo)
  }) as medicos_inativos,
      array(select s.tiposlotid from ca_tiposlot s join ca_tiposlot t using (tiposlotid)
            cross join (select ${item.pacienteid}::int as pacienteid,
                               ${item.tipos_slot_elegiveis}::int[] as tipos_slot_elegiveis) bk
            where ${elegivelSql(sql, "bk")}) as tipos,
      -- a slot the patient already held (and refused or cancelled) is not suggested again
      array(select slotagendaid from ca_agendamento where pacienteid = ${item.pacienteid})
        as vistos`;
  return r;
}

/** Minutes between the slot's local start time and `horario`. */
const distMinutos = (sql: Sql, horario: string | null) =>
  sql`(abs(extract(epoch from ((s.datainicio at time zone u.timezone)::time
                               - ${horario}::time))) / 60)::int`;

const secondsOf = (t: string) => Number(t.slice(0, 2)) * 3600 + Number(t.slice(3, 5)) * 60;

/**
 * The slots to read, `s`: all, or the tier's free slots starting within the `drive` windows,
 * read per day by index. The windows are widened by an hour on days a zone's offset changes (a
 * repeated local hour) and merged into disjoint ranges, so that no slot is read twice.
 */
function slotSource(sql: Sql, especialidadeid: number, seg: Segment) {
  const drive = seg.drive;
  if (!drive) return sql`ca_slotagenda s`;
  const from = drive.seconds.map(([a]) => Math.max(0, a));
  const to = drive.seconds.map(([, b]) => Math.min(DAY_SECONDS, b));
  return sql`(
    select lower(x) as de, upper(x) as ate from unnest((
      select range_agg(tstzrange(
        ((d.dia + w.de * interval '1 second') at time zone z.timezone) - d.folga,
        ((d.dia + w.ate * interval '1 second') at time zone z.timezone) + d.folga, '[]'))
      from (select distinct timezone from ca_unidade where status = ${lit(STATUS.ativo)}) z
      cross join unnest(${from}::int[], ${to}::int[]) w(de, ate)
      cross join lateral (
        select g.dia, case when ((g.dia + interval '1 day') at time zone z.timezone)
                                - (g.dia at time zone z.timezone) = interval '24 hours'
                      then interval '0' else interval '1 hour' end as folga
        from generate_series((current_date + ${drive.days[0]}::int)::timestamp,
                             (current_date + ${drive.days[1]}::int)::timestamp,
                             interval '1 day') g(dia)
      ) d
      where w.de <= w.ate
    )) x
  ) r
  cross join lateral (
    select * from ca_slotagenda s
    where s.especialidadeid = ${especialidadeid}::int and s.status = ${lit(SLOT.livre)}
      and s.datainicio >= r.de and s.datainicio <= r.ate ${seg.tier}
    offset 0
  ) s`;
}

/** Rings of `|s.data - data|`, all but the last bounded on `datainicio` for the index. */
function dayRings(sql: Sql, tier: Fragment, data: string): Segment[] {
  // Rings inside the horizon: count from where it begins, seen from `data`.
  const dias = Temporal.Now.plainDateISO("UTC").until(Temporal.PlainDate.from(data)).days;
  const off = Math.max(0, dias - HORIZON_DAYS, -dias - 1);
  const dist = sql`abs(s.data - ${data}::date)`;
  const out: Segment[] = [];
  let lo = 0;
  for (const r of DAY_RINGS) {
    const hi = off + r;
    out.push({
      tier,
      cond: sql`and ${dist} between ${lo}::int and ${hi}::int
        and s.datainicio >= (${data}::date - ${hi + 1}::int)::timestamptz
        and s.datainicio < (${data}::date + ${hi + 2}::int)::timestamptz`,
    });
    lo = hi + 1;
  }
  out.push({ tier, cond: sql`and ${dist} >= ${lo}::int` });
  return out;
}

/** What the search needs to know of a tier: its first start, the distance D (below). */
interface Sample {
  first: Date;
  d: number | null;
}

/** Rings of the start, from the tier's `first` one: two days, two weeks, the rest. */
function soonRings(
  sql: Sql,
  tier: Fragment,
  first: Date,
  extra: Fragment,
  seconds?: [number, number][],
): Segment[] {
  const out: Segment[] = [];
  const day0 = Math.floor((first.getTime() - Date.now()) / 86_400_000);
  let lo = 0;
  for (const hi of [...SOON_RINGS, HORIZON_DAYS]) {
    const upTo = hi === HORIZON_DAYS
      ? sql.empty
      : sql`and s.datainicio <= ${first}::timestamptz + ${hi}::int * interval '1 day'`;
    const from = lo
      ? sql`and s.datainicio > ${first}::timestamptz + ${lo}::int * interval '1 day'`
      : sql.empty;
    out.push({
      tier,
      cond: sql`${extra} ${from} ${upTo}`,
      drive: seconds && { seconds, days: [day0 + lo - 1, Math.min(day0 + hi, HORIZON_DAYS) + 1] },
    });
    lo = hi;
  }
  return out;
}

/** Segments of one tier, in rank order. */
async function* tierSegments(
  sql: Sql,
  item: BacklogRow,
  tier: Fragment,
  sample: (tier: Fragment) => Promise<Sample | null>,
): AsyncGenerator<Segment> {
  if (item.data_preferida) {
    yield* dayRings(sql, tier, item.data_preferida);
    return;
  }
  const s = await sample(tier);
  if (!s) return; // an empty tier
  if (!item.horario_preferido || s.d === null) {
    yield* soonRings(sql, tier, s.first, sql.empty);
    return;
  }
  // `dist_minutos` rounds: k minutes away is [60k - 30, 60k + 30) seconds away.
  const d = s.d;
  const h = secondsOf(item.horario_preferido);
  const dist = distMinutos(sql, item.horario_preferido);
  if (d > 0) {
    const r = 60 * d - 30;
    yield {
      tier,
      cond: sql`and ${dist} < ${d}::int`,
      drive: { seconds: [[h - r, h + r]], days: [-1, HORIZON_DAYS] },
    };
  }
  yield* soonRings(sql, tier, s.first, sql`and ${dist} = ${d}::int`, [
    [h - 60 * d - 30, h - 60 * d + 30],
    [h + 60 * d - 30, h + 60 * d + 30],
  ]);
  yield { tier, cond: sql`and ${dist} > ${d}::int` };
}

async function* segments(
  sql: Sql,
  item: BacklogRow,
  periodo: string | null,
  sample: (tier: Fragment) => Promise<Sample | null>,
): AsyncGenerator<Segment> {
  const yesNo = (col: Fragment, v: number | null) =>
    v === null ? [sql.empty] : [sql`and ${col} = ${v}::int`, sql`and ${col} <> ${v}::int`];
  // Periods as lists (periodo is always one of the three): the indexes of migration 110 range
  // on datainicio inside each period, also for "any period" and "another period".
  const inPeriodos = (l: string[]) => sql`and s.periodo = any(${l}::text[])`;
  const periodos = item.data_preferida || !periodo
    ? [null]
    : [inPeriodos([periodo]), inPeriodos(PERIODOS.filter((p) => p !== periodo))];
  for (const m of yesNo(sql`s.medicoid`, item.medicoid)) {
    for (const [i, u] of yesNo(sql`s.unidadeid`, item.unidadeid).entries()) {
      const preferida = item.unidadeid !== null && i === 0;
      for (const p of periodos) {
        const tier = sql`${m} ${u} ${p ?? (preferida ? inPeriodos(PERIODOS) : sql.empty)}`;
        yield* tierSegments(sql, item, tier, sample);
      }
    }
  }
}

/**
 * Up to `limit` candidates, best first; `only` narrows to one day and/or unidade. `todos` sorts
 * every free slot at once instead of walking the segments: what one day (`only.data`) does, and
 * what the tests compare the segments with.
 */
export async function candidates(
  sql: Sql,
  item: BacklogRow,
  only: { data?: string; unidadeid?: number },
  limit = 10,
  todos = !!only.data,
): Promise<Candidate[]> {
  const periodo = item.periodo_preferido === "Qualquer" ? null : item.periodo_preferido;
  const rules = await rulesOf(sql, item);
  const conds: Fragment[] = [];
  if (only.data) conds.push(sql`and s.data = ${only.data}`);
  if (only.unidadeid) conds.push(sql`and s.unidadeid = ${only.unidadeid}`);
  const dist = distMinutos(sql, item.horario_preferido);
  const where = (seg: Segment) =>
    sql`
    from ${slotSource(sql, item.especialidadeid, seg)}
    join ca_unidade u on u.unidadeid = s.unidadeid
    where s.especialidadeid = ${item.especialidadeid}::int and s.status = ${lit(SLOT.livre)}
      and s.vagas_ocupadas < s.limitevagas
      and s.datainicio > now() and s.datainicio < now() + interval '180 days'
      and u.status = ${
      lit(STATUS.ativo)
    } and not (s.medicoid = any(${rules.medicos_inativos}::int[]))
      and s.tiposlotid = any(${rules.tipos}::int[])
      and not (s.slotagendaid = any(${rules.vistos}::bigint[]))
      and ${diaAtivo(sql, "s")}
      ${seg.tier} ${seg.cond} ${sql.join(conds, sql` `)}`;
  // The names are subqueries so that they are read for the rows kept by the limit only.
  const query = async (seg: Segment, n: number) =>
    await sql<Candidate>`
      select s.slotagendaid, s.datainicio, s.data, s.periodo, s.medicoid, s.unidadeid,
        to_char(s.datainicio at time zone u.timezone, 'HH24:MI') as hora,
        (select nomecompleto from ca_medico where medicoid = s.medicoid) as medico_nome,
        u.nome as unidade_nome,
        (select nome from ca_especialidade where especialidadeid = s.especialidadeid)
          as especialidade_nome,
        (select nome from ca_tiposlot where tiposlotid = s.tiposlotid) as tiposlot_nome,
        coalesce(s.medicoid = ${item.medicoid}::int, false) as medico_ok,
        coalesce(s.unidadeid = ${item.unidadeid}::int, false) as unidade_ok,
        abs(s.data - ${item.data_preferida}::date) as dist_dias,
        (${periodo}::text is null or s.periodo = ${periodo}::text) as periodo_ok,
        ${dist} as dist_minutos
      ${where(seg)}
      order by medico_ok desc, unidade_ok desc, dist_dias asc nulls last, periodo_ok desc,
               dist_minutos asc nulls last, s.datainicio, s.slotagendaid
      limit ${n}`;
  // The tier's first start and, with a preferred time, the smallest distance to it in the
  // 24 hours from there.
  const sample = async (tier: Fragment): Promise<Sample | null> => {
    const seg = { tier, cond: sql.empty };
    const [r] = await sql<{ first: Date | null; d: number | null }>`
      with f as (select s.datainicio as at ${where(seg)} order by s.datainicio limit 1)
      select (select at from f) as first,
        ${
      item.horario_preferido
        ? sql`(select min(${dist}) ${where(seg)}
                and s.datainicio < (select at from f) + interval '1 day')`
        : sql`null::int`
    } as d`;
    return r.first ? { first: r.first, d: r.d } : null;
  };

  if (todos) return [...await query({ tier: sql.empty, cond: sql.empty }, limit)];
  const found: Candidate[] = [];
  for await (const seg of segments(sql, item, periodo, sample)) {
    found.push(...await query(seg, limit - found.length));
    if (found.length >= limit) break;
  }
  return found;
}
