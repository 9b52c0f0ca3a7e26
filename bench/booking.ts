/**
 * Contended booking: 8 clients, each on its own connection, book patients into the same few
 * slots through the real service `createAgendamento` (what `POST /api/agendamentos` calls), and
 * in the same run the same clients do the same with a raw transaction of the same shape:
 * conditional `update ca_slotagenda … where vagas_ocupadas < limitevagas`, insert
 * `ca_agendamento`, insert `ca_evento` (the commit's one NOTIFY comes from the trigger of
 * migration 200, as for the service). Reported: bookings/s, 409s, latency of a booking, and the
 * ratio of the two. Target: the service at ≥ 50% of the raw bookings/s. The gap
 * is what the service adds (patient, lease, tipo and plano checks, the duplicate and position
 * reads, the outbox rows, the detail it answers); `server/booking/book.ts` does it in one read
 * before the slot lock and two statements after it.
 *
 * Contention: P hot slots (env `BENCH_BOOKING_SLOTS`, default 500) of 4 places each, consecutive
 * slots of the same médicos. Each client books a random one of the first 8 slots not yet seen
 * full, so the 8 clients race for the same places and lose some races with a 409. Both runs
 * book 4 × P patients, each into its own slots.
 * The clinic is the one of `scheduling.ts`, at 100,000 slots (env `BENCH_BOOKING_WORLD`).
 */
import { freshPostgres } from "../server/testing/harness.ts";
import { countingDb } from "../server/testing/statements.ts";
import type { Db } from "../server/db/db.ts";
import { openPostgres } from "../server/db/postgres_driver.ts";
import { HttpError } from "../server/http/errors.ts";
import { slotTopics } from "../server/booking/places.ts";
import { createAgendamento } from "../server/modules/agendamentos/service.ts";
import { buildWorld, latencies, pick, type World } from "./scheduling.ts";

const CLIENTS = 8;
const WINDOW = 8;
const PLACES = 4;

/** Books a place: answers whether the slot is full afterwards, or null for a 409 (it was). */
type Book = (db: Db, slotagendaid: number, pacienteid: number) => Promise<boolean | null>;

interface Run {
  bookings: number;
  conflicts: number;
  seconds: number;
  latencies: number[];
}

/** The raw transaction: the service's writes and nothing else. */
function rawBook(w: World): Book {
  const actor = w.actor;
  return (db, slotagendaid, pacienteid) =>
    db.begin(async (sql) => {
      const [s] = await sql<
        {
          unidadeid: number;
          especialidadeid: number;
          medicoid: number;
          data: string;
          vagas_ocupadas: number;
        }
      >`
        update ca_slotagenda set vagas_ocupadas = vagas_ocupadas + 1,
          status = case when vagas_ocupadas + 1 = limitevagas then 'Ocupado' else status end,
          updated_at = now()
        where slotagendaid = ${slotagendaid} and status = 'Livre'
          and vagas_ocupadas < limitevagas and datainicio > now()
        returning unidadeid, especialidadeid, medicoid, data, vagas_ocupadas`;
      if (!s) return null;
      const [a] = await sql<{ agendamentoid: number }>`
        insert into ca_agendamento (slotagendaid, pacienteid, protocolo, ordem, status, created_by)
        values (${slotagendaid}, ${pacienteid},
                'RAW-' || lpad(nextval('ca_agendamento_protocolo_seq')::text, 6, '0'),
                ${s.vagas_ocupadas}, 'Ativo', ${actor.id})
        returning *`;
      await sql`
        insert into ca_evento (actor_tipo, actor_id, actor_nome, kind, entity, entity_id, topics,
                               after)
        values (${actor.tipo}, ${actor.id}, ${actor.nome}, 'agendamento.criado', 'agendamento',
                ${String(a.agendamentoid)}, ${slotTopics(s, pacienteid)}, ${a})`;
      return s.vagas_ocupadas === PLACES;
    });
}

/** `createAgendamento` as the route calls it; a full slot answers 409. */
function serviceBook(w: World): Book {
  return async (db, slotagendaid, pacienteid) => {
    try {
      const a = await createAgendamento(db, w.actor, w.viewer, { slotagendaid, pacienteid });
      return a.vagas_ocupadas === a.limitevagas;
    } catch (err) {
      if (err instanceof HttpError && err.code === "slot_indisponivel") return null;
      throw err;
    }
  };
}

/**
 * The 8 clients book every place of `slots`. A slot seen full (the booking that filled it, or a
 * 409) is skipped by everyone from then on, as the live feed would tell the operators: 409s
 * come from races for the last places.
 */
async function contend(
  clients: Db[],
  book: Book,
  slots: number[],
  pacientes: () => number,
): Promise<Run> {
  const run: Run = { bookings: 0, conflicts: 0, seconds: 0, latencies: [] };
  const full = new Set<number>();
  const started = performance.now();
  await Promise.all(clients.map(async (db) => {
    for (;;) {
      const open: number[] = [];
      for (const s of slots) {
        if (!full.has(s)) open.push(s);
        if (open.length === WINDOW) break;
      }
      if (open.length === 0) return;
      const slot = pick(open);
      const t0 = performance.now();
      const filled = await book(db, slot, pacientes());
      if (filled === null) run.conflicts++;
      else {
        run.bookings++;
        run.latencies.push(performance.now() - t0);
      }
      if (filled !== false) full.add(slot);
    }
  }));
  run.seconds = (performance.now() - started) / 1000;
  return run;
}

function report(name: string, r: Run) {
  console.log(
    `booking: ${name} bookings=${r.bookings} conflicts_409=${r.conflicts} ` +
      `seconds=${r.seconds.toFixed(2)} bookings_per_s=${(r.bookings / r.seconds).toFixed(0)} ` +
      `latency ${latencies(r.latencies)}`,
  );
}

export async function run() {
  const hot = Number(Deno.env.get("BENCH_BOOKING_SLOTS") ?? 500);
  const size = Number(Deno.env.get("BENCH_BOOKING_WORLD") ?? 100_000);
  if (!Number.isInteger(hot) || hot < WINDOW || !Number.isInteger(size) || size < 1) {
    throw new Error(`BENCH_BOOKING_SLOTS: integer ≥ ${WINDOW}; BENCH_BOOKING_WORLD: ≥ 1`);
  }
  const fresh = await freshPostgres(2);
  const clients = Array.from({ length: CLIENTS }, () => openPostgres(fresh.url, { max: 1 }));
  try {
    const w = await buildWorld(fresh.db, size, 10_000);
    // Free slots of 4 places nobody holds yet, a médico's day after another: a warm-up set and
    // one set per run.
    const rows = await fresh.db.sql<{ id: number }>`
      select slotagendaid as id from ca_slotagenda
      where limitevagas = ${PLACES} and vagas_ocupadas = 0 and status = 'Livre'
        and datainicio > now() + interval '1 day'
      order by medicoid, datainicio, slotagendaid limit ${2 * hot + 2 * WINDOW + 2}`;
    const ids = rows.map((r) => r.id);
    if (ids.length < 2 * hot + 2 * WINDOW + 2) {
      throw new Error(
        `only ${ids.length} free slots of ${PLACES} places: a larger world is needed`,
      );
    }
    const warm = ids.slice(0, 2 * WINDOW);
    const sets = [
      ids.slice(2 * WINDOW, 2 * WINDOW + hot),
      ids.slice(2 * WINDOW + hot, 2 * WINDOW + 2 * hot),
    ];
    const [countRaw, countService] = ids.slice(2 * WINDOW + 2 * hot);
    // Patients free to take any tipo (one in twenty is restricted to Prioritário).
    const livres = (await fresh.db.sql<{ id: number }>`
      select pacienteid as id from ca_paciente p
      where not exists (select 1 from ca_paciente_tiposlot t where t.pacienteid = p.pacienteid)
      order by 1`).map((r) => r.id);
    let next = 0;
    const pacientes = () => livres[next++ % livres.length];
    console.log(
      `booking: clients=${CLIENTS} hot_slots=${hot} places_each=${PLACES} window=${WINDOW} ` +
        `world_slots=${w.slots}`,
    );
    // Warm-up: both paths, every connection, on slots of their own.
    await contend(clients, rawBook(w), warm.slice(0, WINDOW), pacientes);
    await contend(clients, serviceBook(w), warm.slice(WINDOW), pacientes);
    // Statements inside one booking transaction of each path, on slots of their own.
    const counted = countingDb(fresh.db);
    await rawBook(w)(counted.db, countRaw, pacientes());
    const rawStatements = counted.stats.inTransaction;
    counted.reset();
    await serviceBook(w)(counted.db, countService, pacientes());
    console.log(
      `booking: statements_in_transaction raw=${rawStatements} ` +
        `service=${counted.stats.inTransaction}`,
    );
    const raw = await contend(clients, rawBook(w), sets[0], pacientes);
    const svc = await contend(clients, serviceBook(w), sets[1], pacientes);
    report("raw", raw);
    report("service", svc);
    const [{ held }] = await fresh.db.sql<{ held: number }>`
      select count(*)::int as held from ca_agendamento
      where slotagendaid = any(${[...sets[0], ...sets[1]]}::bigint[])`;
    if (held !== 2 * PLACES * hot) throw new Error(`expected ${2 * PLACES * hot}, got ${held}`);
    console.log(
      `booking: ratio service/raw time=${(svc.seconds / raw.seconds).toFixed(2)} ` +
        `(raw ${(raw.bookings / raw.seconds / (svc.bookings / svc.seconds)).toFixed(2)}x ` +
        `the bookings/s of the service; service at ` +
        `${(100 * (svc.bookings / svc.seconds) / (raw.bookings / raw.seconds)).toFixed(0)}% ` +
        `of raw, target ≥ 50%)`,
    );
  } finally {
    await Promise.all(clients.map((c) => c.close()));
    await fresh.drop();
  }
}

if (import.meta.main) {
  await run();
  Deno.exit(0);
}
