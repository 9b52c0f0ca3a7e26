/**
 * Scheduling core reads at scale, through the real service functions, on a fresh Postgres
 * database holding N slots (env `BENCH_SLOTS`, default 1,000,000) and B backlog items (env
 * `BENCH_BACKLOG`, default 100,000):
 * - smart allocation: `alocarMelhor` (what `POST /api/backlog/:id/alocar-inteligente` calls) in
 *   preview mode for random Pendente items, p50/p99. Target p99 ≤ 20 ms. Also the committing
 *   call (search + proposal), informational;
 * - month view: `slotMonth` (`GET /api/slots/mes`) for random months, without filters and with
 *   unidade / especialidade / médico filters, p50/p99 per variant. Target p99 ≤ 50 ms.
 *
 * Shape: the grade shape of `generation.ts` (Monday–Friday, 20 consultations a day every 30 min,
 * one year from a Monday a week ahead) for M = ceil(N / 5,200) médicos spread over 4 unidades
 * and 8 especialidades (every pair has médicos); one grade in three has 4 places a slot, the
 * others 1; one slot in seven is of tipo Prioritário; one slot in five already holds an
 * agendamento. Backlog items vary in paciente (several items for some), especialidade,
 * preferences (médico, unidade, date, period, time; drawn independently, so some ask for a
 * period or time no grade offers), priority, eligible tipos and status.
 * Set-up is set-based SQL; ANALYZE before measuring.
 */
import { freshPostgres } from "../server/testing/harness.ts";
import { type Actor, actorOf } from "../server/events/record.ts";
import type { Db } from "../server/db/db.ts";
import { HttpError } from "../server/http/errors.ts";
import type { Viewer } from "../server/booking/access.ts";
import { alocarMelhor } from "../server/modules/backlog/allocation.ts";
import { slotMonth } from "../server/modules/slots/query_service.ts";
import type { SlotFiltros } from "../server/modules/slots/schemas.ts";
import { benchPeriod, insertSlots, PER_MEDICO, TIMES, TZ } from "./generation.ts";

const UNIDADES = 4;
const ESPECIALIDADES = 8;
const WARMUP = 50;

export interface World {
  inicio: string;
  fim: string;
  slots: number;
  unidades: number[];
  especialidades: number[];
  medicos: { medicoid: number; unidadeid: number; especialidadeid: number }[];
  tipoNormal: number;
  tipoPrioritario: number;
  /** An operator to act as (created_by, leases). */
  actor: Actor;
  viewer: Viewer;
}

/** Builds the bench clinic of `slots` slots (rounded up to whole médicos) and `backlog` items. */
export async function buildWorld(db: Db, slots: number, backlog: number): Promise<World> {
  const { sql } = db;
  const { inicio, fim } = benchPeriod();
  const medicoCount = Math.ceil(slots / PER_MEDICO);
  const ids = async (q: PromiseLike<{ id: number }[]>) => (await q).map((r) => r.id);
  const unidades = await ids(sql<{ id: number }>`
    insert into ca_unidade (nome, logradouro, numero, bairro, cidade, uf, cep, horario_abertura,
                            horario_fechamento, timezone)
    select 'UBS Bench ' || i, 'Rua Bench', i::text, 'Centro', 'São Paulo', 'SP', '01001000',
      '07:00', '19:00', ${TZ}
    from generate_series(1, ${UNIDADES}) i order by i returning unidadeid as id`);
  const especialidades = await ids(sql<{ id: number }>`
    insert into ca_especialidade (nome, limitevagas, duracao_minutos)
    select 'Especialidade Bench ' || i, 1, 30 from generate_series(1, ${ESPECIALIDADES}) i
    order by i returning especialidadeid as id`);
  const [tipoNormal, tipoPrioritario] = await ids(sql<{ id: number }>`
    insert into ca_tiposlot (nome) values ('Normal'), ('Prioritário') returning tiposlotid as id`);
  await sql`insert into ca_tiposlot (nome, agendavel) values ('Bloqueio', false)`;
  // Médico i: especialidade (i - 1) % 8, unidade ((i - 1) / 8) % 4, own consultório there.
  const medicos = await sql<{ medicoid: number; unidadeid: number; especialidadeid: number }>`
    with m as (
      insert into ca_medico (nomecompleto, crm, crm_uf)
      select 'Médico Bench ' || i, lpad(i::text, 6, '0'), 'SP'
      from generate_series(1, ${medicoCount}) i
      returning medicoid
    ), n as (select medicoid, row_number() over (order by medicoid) - 1 as k from m)
    select medicoid, (${unidades}::int[])[1 + (k / ${ESPECIALIDADES}) % ${UNIDADES}] as unidadeid,
      (${especialidades}::int[])[1 + k % ${ESPECIALIDADES}] as especialidadeid
    from n order by medicoid`;
  const m = JSON.stringify(medicos);
  await sql`
    insert into ca_medico_especialidade (medicoid, especialidadeid)
    select medicoid, especialidadeid from jsonb_to_recordset(${m}::text::jsonb)
      as x(medicoid int, especialidadeid int)`;
  await sql`
    insert into ca_consultorio (unidadeid, nome)
    select unidadeid, 'Sala ' || medicoid from jsonb_to_recordset(${m}::text::jsonb)
      as x(medicoid int, unidadeid int) order by medicoid`;
  await sql`
    insert into ca_gradeagenda (medicoid, especialidadeid, unidadeid, consultorioid,
      vigencia_inicio, vigencia_fim, limitevagas)
    select x.medicoid, x.especialidadeid, x.unidadeid, c.consultorioid, ${inicio}::date,
      ${fim}::date, case when x.medicoid % 3 = 0 then 4 else 1 end
    from jsonb_to_recordset(${m}::text::jsonb)
      as x(medicoid int, unidadeid int, especialidadeid int)
    join ca_consultorio c on c.nome = 'Sala ' || x.medicoid`;
  const count = await insertSlots(db, tipoNormal, inicio, fim);
  await sql`update ca_slotagenda set tiposlotid = ${tipoPrioritario} where slotagendaid % 7 = 3`;

  const pacientes = Math.max(1000, Math.ceil(backlog * 0.7));
  await sql`
    insert into ca_paciente (nomecompleto, cpf, telefone, datanascimento)
    select 'Paciente Bench ' || i, lpad(i::text, 11, '0'), '119' || lpad(i::text, 8, '0'),
      date '1950-01-01' + (i % 25000)
    from generate_series(1, ${pacientes}) i`;
  // One patient in twenty is restricted to the Prioritário tipo.
  await sql`
    insert into ca_paciente_tiposlot (pacienteid, tiposlotid)
    select pacienteid, ${tipoPrioritario}::int from ca_paciente where pacienteid % 20 = 0`;
  const [usuario] = await sql<{ usuarioid: number; nome: string; email: string }>`
    insert into ca_usuario_admin (nome, email, role, senhahash, senha_temporaria, primeiro_acesso)
    values ('Operador Bench', 'operador@bench.local', 'operador', 'x', false, false)
    returning usuarioid, nome, email`;

  // One slot in five already holds an agendamento (position 1) of some patient.
  await sql`
    with s as (
      update ca_slotagenda set vagas_ocupadas = 1,
        status = case when limitevagas = 1 then 'Ocupado' else 'Livre' end
      where slotagendaid % 5 = 0 returning slotagendaid
    )
    insert into ca_agendamento (slotagendaid, pacienteid, protocolo, ordem, status, created_by)
    select slotagendaid, 1 + (slotagendaid * 7919) % ${pacientes}, 'BENCH-' || slotagendaid, 1,
      'Ativo', ${usuario.usuarioid}::int
    from s`;

  // Item i: paciente 1 + (i - 1) % P (so some patients wait for several especialidades), with
  // an especialidade no other open item of that patient has.
  await db.begin(async (tx) => {
    await tx`select setseed(0.42)`;
    await tx`
      with esp as (
        select especialidadeid, array_agg(medicoid order by medicoid) as medicos
        from ca_medico_especialidade group by especialidadeid
      ), med as (
        select medicoid, unidadeid from ca_gradeagenda
      ), base as (
        select i, 1 + (i - 1) % ${pacientes} as pacienteid,
          (${especialidades}::int[])[1 + ((i - 1) % ${pacientes} + (i - 1) / ${pacientes})
                                         % ${ESPECIALIDADES}] as especialidadeid,
          random() as r1, random() as r2, random() as r3, random() as r4, random() as r5,
          random() as r6, random() as r7, random() as r8, random() as r9,
          random() as r10
        from generate_series(1, ${backlog}) i
      ), pref as (
        select b.*, case when r1 < 0.3
            then e.medicos[1 + floor(r2 * cardinality(e.medicos))::int] end as medicoid
        from base b left join esp e using (especialidadeid)
      )
      insert into ca_backlog (pacienteid, especialidadeid, medicoid, unidadeid, data_preferida,
        periodo_preferido, horario_preferido, urgente, prioridade, origem, status, ativo,
        tipos_slot_elegiveis, created_at)
      select p.pacienteid, p.especialidadeid, p.medicoid,
        case when p.medicoid is not null and r3 < 0.8 then med.unidadeid
             when r3 < 0.5 then (${unidades}::int[])[1 + floor(r4 * ${UNIDADES})::int] end,
        case when r5 < 0.6 then ${inicio}::date + floor(r6 * 200)::int end,
        case when r7 < 0.3 then 'Manhã' when r7 < 0.6 then 'Tarde' when r7 < 0.65 then 'Noite'
             when r7 < 0.8 then 'Qualquer' end,
        -- a preferred time: mostly one of the grade's, else any quarter hour 06:00-21:45
        case when r8 < 0.32 then (${TIMES}::time[])[1 + floor(r9 * ${TIMES.length})::int]
             when r8 < 0.4 then time '06:00' + floor(r9 * 64)::int * interval '15 minutes' end,
        r4 < 0.05,
        case when r2 < 0.1 then 'Alta' when r2 < 0.4 then 'Média' else 'Baixa' end,
        case when r5 < 0.7 then 'ADM' else 'Portal' end,
        case when r10 < 0.9 then 'Pendente' when r10 < 0.95 then 'Cancelado' else 'Inativo' end,
        r10 < 0.9,
        case when r1 > 0.95 then array[${tipoNormal}::int, ${tipoPrioritario}::int]
             when r1 > 0.9 then array[${tipoPrioritario}::int] else '{}'::int[] end,
        now() - r3 * interval '90 days'
      from pref p left join med using (medicoid)`;
  });
  await db.script("analyze");
  const auth = {
    kind: "admin" as const,
    usuarioid: usuario.usuarioid,
    role: "operador" as const,
    nome: usuario.nome,
    email: usuario.email,
    jti: crypto.randomUUID(),
  };
  return {
    inicio,
    fim,
    slots: count,
    unidades,
    especialidades,
    medicos: [...medicos],
    tipoNormal,
    tipoPrioritario,
    actor: actorOf(auth),
    viewer: { kind: "admin", usuarioid: usuario.usuarioid, auth },
  };
}

/** p-th percentile (nearest rank) of `xs`. */
export function percentile(xs: number[], p: number): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.max(0, Math.ceil((p / 100) * s.length) - 1))];
}

/** `p50=… ms p99=… ms max=… ms (n=…)` of latencies in milliseconds. */
export function latencies(xs: number[]): string {
  const f = (x: number) => x.toFixed(2);
  return `p50=${f(percentile(xs, 50))} ms p99=${f(percentile(xs, 99))} ms ` +
    `max=${f(Math.max(...xs))} ms (n=${xs.length})`;
}

export const pick = <T>(xs: T[]): T => xs[Math.floor(Math.random() * xs.length)];

/** Times `fn` once per input after `WARMUP` untimed calls; answers the latencies in ms. */
async function timed<T>(inputs: T[], fn: (x: T) => Promise<unknown>): Promise<number[]> {
  for (const x of inputs.slice(0, WARMUP)) await fn(x);
  const out: number[] = [];
  for (const x of inputs.slice(WARMUP)) {
    const t0 = performance.now();
    await fn(x);
    out.push(performance.now() - t0);
  }
  return out;
}

async function smartAllocation(db: Db, w: World, rounds: number) {
  const items = await db.sql<{ backlogid: number }>`
    select backlogid from ca_backlog where status = 'Pendente' and ativo
    order by random() limit ${WARMUP + rounds * 2}`;
  const ids = items.map((r) => r.backlogid);
  const semVaga = { n: 0 };
  const alocar = (preview: boolean) => async (id: number) => {
    try {
      await alocarMelhor(db, w.actor, w.viewer, id, {
        preview,
        kind: "backlog.alocado_inteligente",
      });
    } catch (err) {
      if (!(err instanceof HttpError && err.code === "sem_vaga")) throw err;
      semVaga.n++;
    }
  };
  const preview = await timed(ids.slice(0, WARMUP + rounds), alocar(true));
  const previewSemVaga = semVaga.n;
  console.log(
    `scheduling: smart_allocation ${latencies(preview)} sem_vaga=${previewSemVaga} ` +
      `target p99<=20ms`,
  );
  // The committing call: the same search, then the place is held and the proposal written.
  const commit = await timed(ids.slice(rounds), alocar(false));
  console.log(
    `scheduling: smart_allocation_commit ${latencies(commit)} ` +
      `sem_vaga=${semVaga.n - previewSemVaga}`,
  );
}

async function monthView(db: Db, w: World, rounds: number) {
  const first = Temporal.PlainDate.from(w.inicio);
  const months = Array.from({ length: 12 }, (_, i) => first.add({ months: i }));
  const variants: Record<string, () => SlotFiltros> = {
    todas: () => ({}),
    unidade: () => ({ unidadeid: pick(w.unidades) }),
    especialidade: () => ({ especialidadeid: pick(w.especialidades) }),
    medico: () => ({ medicoid: pick(w.medicos).medicoid }),
    unidade_especialidade: () => ({
      unidadeid: pick(w.unidades),
      especialidadeid: pick(w.especialidades),
    }),
  };
  const all: number[] = [];
  for (const [name, filtros] of Object.entries(variants)) {
    const inputs = Array.from({ length: WARMUP + rounds }, () => {
      const m = pick(months);
      return { ano: m.year, mes: m.month, ...filtros() };
    });
    const lat = await timed(inputs, (q) => slotMonth(db, q));
    all.push(...lat);
    console.log(`scheduling: month_view[${name}] ${latencies(lat)}`);
  }
  console.log(`scheduling: month_view ${latencies(all)} target p99<=50ms`);
}

export async function run() {
  const slots = Number(Deno.env.get("BENCH_SLOTS") ?? 1_000_000);
  const backlog = Number(Deno.env.get("BENCH_BACKLOG") ?? 100_000);
  const rounds = Number(Deno.env.get("BENCH_ROUNDS") ?? 500);
  for (const [k, v] of Object.entries({ slots, backlog, rounds })) {
    if (!Number.isInteger(v) || v < 1) throw new Error(`BENCH_${k.toUpperCase()}: integer ≥ 1`);
  }
  const fresh = await freshPostgres(4);
  try {
    const started = performance.now();
    const w = await buildWorld(fresh.db, slots, backlog);
    const [n] = await fresh.db.sql<{ backlog: number; agendamentos: number }>`
      select (select count(*) from ca_backlog)::int as backlog,
        (select count(*) from ca_agendamento)::int as agendamentos`;
    console.log(
      `scheduling: slots=${w.slots} backlog=${n.backlog} agendamentos=${n.agendamentos} ` +
        `medicos=${w.medicos.length} unidades=${UNIDADES} especialidades=${ESPECIALIDADES} ` +
        `periodo=${w.inicio}..${w.fim} setup_seconds=${
          ((performance.now() - started) / 1000).toFixed(1)
        }`,
    );
    await smartAllocation(fresh.db, w, rounds);
    await monthView(fresh.db, w, rounds);
  } finally {
    await fresh.drop();
  }
}

if (import.meta.main) {
  await run();
  Deno.exit(0);
}
