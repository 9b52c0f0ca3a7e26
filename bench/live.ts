/**
 * Live fan-out: 500 subscribed sockets (env `BENCH_SOCKETS`) split over 2 instances sharing one
 * fresh Postgres database. Measured in the same run:
 * - live: from just before an event's transaction starts to its receipt by the last socket
 *   (p50/p99 over sequential events), and events/s sustained under concurrent writers;
 * - raw NOTIFY→LISTEN: the same transaction (event row, its commit's NOTIFY), received by a postgres.js
 *   LISTEN on one connection;
 * - bare broadcast: a frame of the same size sent by a plain Deno WebSocket server to as many
 *   sockets.
 * Target: live p99 ≤ 3 × raw (raw = NOTIFY→LISTEN + bare broadcast, the two hops live adds up).
 */
import { COMMIT_CHANNEL } from "../server/db/commit.ts";
import { topic } from "../server/events/topics.ts";
import { openPostgres } from "../server/db/postgres_driver.ts";
import { BEARER_PREFIX, LIVE_SUBPROTOCOL } from "../server/live/protocol.ts";
import { liveCluster } from "../server/testing/live.ts";

const SOCKETS = Number(Deno.env.get("BENCH_SOCKETS") ?? 500);
const ROUNDS = Number(Deno.env.get("BENCH_ROUNDS") ?? 200);
const BURST = Number(Deno.env.get("BENCH_BURST") ?? 2000);
const WRITERS = 4;

function pct(xs: number[], p: number): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor((p / 100) * s.length))];
}
const ms = (x: number) => x.toFixed(2);

/** Counts receipts per id across all sockets and wakes whoever waits for the n-th one. */
class Tally {
  #seen = new Map<number, { n: number; last: number }>();
  #waiters = new Map<number, { need: number; resolve: (t: number) => void }>();
  hit(id: number) {
    this.hitAt(id, now());
  }
  hitAt(id: number, t: number) {
    let rec = this.#seen.get(id);
    if (!rec) this.#seen.set(id, rec = { n: 0, last: 0 });
    rec.n++;
    rec.last = t;
    const w = this.#waiters.get(id);
    if (w && rec.n >= w.need) {
      this.#waiters.delete(id);
      w.resolve(rec.last);
    }
  }
  /** Resolves with the time the `need`-th receipt of `id` happened. */
  wait(id: number, need: number): Promise<number> {
    const rec = this.#seen.get(id);
    if (rec && rec.n >= need) return Promise.resolve(rec.last);
    return new Promise((resolve) => this.#waiters.set(id, { need, resolve }));
  }
}

function idOf(frame: string): number {
  const i = frame.indexOf('"id":');
  return i < 0 ? -1 : parseInt(frame.slice(i + 5), 10);
}

/** Wall-clock milliseconds comparable across the main thread and the client worker. */
const now = () => performance.timeOrigin + performance.now();

/**
 * The sockets live in a worker (another thread), so the servers' event loop is not also the
 * clients' one. It reports, per event id, when the last of its sockets received it.
 */
class Clients {
  readonly tally = new Tally();
  #worker = new Worker(import.meta.url, { type: "module", name: "live-bench-clients" });
  constructor() {
    this.#worker.onmessage = (e) => {
      const { id, t } = e.data as { id: number; t: number };
      this.tally.hitAt(id, t);
    };
  }
  async open(urls: string[], protocols: string[], subscribe: boolean) {
    this.#worker.postMessage({ urls, protocols, subscribe, count: SOCKETS });
    await this.tally.wait(-1, 1);
  }
  close() {
    this.#worker.terminate();
  }
}

function clientWorker() {
  const self = globalThis as unknown as {
    onmessage: (e: MessageEvent) => void;
    postMessage: (m: unknown) => void;
  };
  self.onmessage = async (e) => {
    const { urls, protocols, subscribe, count } = e.data as {
      urls: string[];
      protocols: string[];
      subscribe: boolean;
      count: number;
    };
    const seen = new Map<number, number>();
    let ready = 0;
    const done = () => ++ready === count && self.postMessage({ id: -1, t: now() });
    for (let i = 0; i < count; i += 50) {
      await Promise.all(
        Array.from(
          { length: Math.min(50, count - i) },
          (_, k) =>
            new Promise<void>((resolve, reject) => {
              const ws = new WebSocket(urls[(i + k) % urls.length], protocols);
              ws.onmessage = (m) => {
                const d = m.data as string;
                if (d.startsWith('{"type":"event"')) {
                  const id = idOf(d);
                  const n = (seen.get(id) ?? 0) + 1;
                  seen.set(id, n);
                  if (n === count) {
                    seen.delete(id);
                    self.postMessage({ id, t: now() });
                  }
                } else if (d.startsWith('{"type":"ready"')) {
                  ws.send(JSON.stringify({ type: "subscribe", topics: ["unidade:1"] }));
                } else if (d.startsWith('{"type":"ping"')) ws.send('{"type":"pong"}');
                else if (d.startsWith('{"type":"subscribed"')) done();
              };
              ws.onopen = () => {
                resolve();
                if (!subscribe) done();
              };
              ws.onerror = () => reject(new Error("socket failed"));
            }),
        ),
      );
    }
  };
}

async function bareBroadcast(frame: string): Promise<number[]> {
  const peers = new Set<WebSocket>();
  const server = Deno.serve({ port: 0, hostname: "127.0.0.1", onListen() {} }, (req) => {
    const { socket, response } = Deno.upgradeWebSocket(req);
    socket.onopen = () => peers.add(socket);
    return response;
  });
  const clients = new Clients();
  await clients.open([`ws://127.0.0.1:${server.addr.port}`], [], false);
  while (peers.size < SOCKETS) await new Promise((r) => setTimeout(r, 10));
  const lat: number[] = [];
  for (let i = 1; i <= ROUNDS; i++) {
    const t0 = now();
    const f = frame.replace('"id":0,', `"id":${i},`);
    for (const p of peers) p.send(f);
    lat.push((await clients.tally.wait(i, 1)) - t0);
  }
  clients.close();
  await server.shutdown();
  return lat;
}

export async function run() {
  const cl = await liveCluster(2);
  try {
    const token = await cl.ctx.login("operador");
    const frameSample = JSON.stringify({
      type: "event",
      id: 0,
      kind: "bench.evento",
      entity: "teste",
      entity_id: "1",
      topics: ["unidade:1"],
      at: new Date().toISOString(),
      after: { ok: true },
    });

    // ---------------------------------------------------------------- raw NOTIFY → LISTEN
    const [{ url }] = [{ url: await dbUrl(cl.ctx.db) }];
    const listenDb = openPostgres(url, { max: 1 });
    const raw = new Tally();
    // The commit's one NOTIFY (migration 200); the rounds are sequential, so the n-th
    // notification is the n-th round's.
    let commits = 0;
    const sub = await listenDb.listen(COMMIT_CHANNEL, () => raw.hit(++commits));
    const rawLat: number[] = [];
    for (let i = 0; i < ROUNDS; i++) {
      const t0 = now();
      await cl.emit([topic.data("2000-01-01")]);
      rawLat.push((await raw.wait(i + 1, 1)) - t0);
    }
    await sub.unlisten();
    await listenDb.close();

    // What the writers manage with nobody subscribed (feeds still read every event).
    const w0 = now();
    const solo: number[] = [];
    await Promise.all(Array.from({ length: WRITERS }, async () => {
      while (solo.length < BURST / 4) solo.push(await cl.emit([topic.data("2000-01-01")]));
    }));
    const soloRate = solo.length / ((now() - w0) / 1000);

    // ---------------------------------------------------------------- bare broadcast
    const bare = await bareBroadcast(frameSample);

    // ---------------------------------------------------------------- live
    const clients = new Clients();
    const urls = cl.instances.map((i) => i.wsUrl);
    await clients.open(urls, [LIVE_SUBPROTOCOL, BEARER_PREFIX + token], true);
    const tally = clients.tally;
    const liveLat: number[] = [];
    for (let i = 0; i < ROUNDS; i++) {
      const t0 = now();
      const id = await cl.emit(["unidade:1"]);
      liveLat.push((await tally.wait(id, 1)) - t0);
    }

    // Sustained: WRITERS concurrent writers commit BURST events as fast as they can.
    const t0 = now();
    const ids: number[] = [];
    await Promise.all(Array.from({ length: WRITERS }, async () => {
      while (ids.length < BURST) ids.push(await cl.emit(["unidade:1"]));
    }));
    const writeS = (now() - t0) / 1000;
    const lastAt = Math.max(...await Promise.all(ids.map((id) => tally.wait(id, 1))));
    const totalS = (lastAt - t0) / 1000;
    clients.close();

    const rawBoth = pct(rawLat, 99) + pct(bare, 99);
    console.log(`live: sockets=${SOCKETS} instances=2 rounds=${ROUNDS}`);
    console.log(`live: raw_notify_listen_ms p50=${ms(pct(rawLat, 50))} p99=${ms(pct(rawLat, 99))}`);
    console.log(`live: bare_ws_broadcast_ms p50=${ms(pct(bare, 50))} p99=${ms(pct(bare, 99))}`);
    console.log(
      `live: commit_to_last_socket_ms p50=${ms(pct(liveLat, 50))} p99=${ms(pct(liveLat, 99))}`,
    );
    console.log(
      `live: sustained events=${ids.length} writers=${WRITERS} write_s=${writeS.toFixed(2)} ` +
        `events_per_s=${(ids.length / totalS).toFixed(0)} deliveries_per_s=${
          ((ids.length * SOCKETS) / totalS).toFixed(0)
        }`,
    );
    console.log(`live: writers_alone events_per_s=${soloRate.toFixed(0)} (no subscribers)`);
    console.log(
      `live: p99_ratio vs_notify+broadcast=${(pct(liveLat, 99) / rawBoth).toFixed(2)} ` +
        `vs_notify_only=${(pct(liveLat, 99) / pct(rawLat, 99)).toFixed(2)} target<=3`,
    );
  } finally {
    await cl.close();
  }
}

async function dbUrl(db: import("../server/db/db.ts").Db): Promise<string> {
  const [{ name }] = await db.sql<{ name: string }>`select current_database() as name`;
  const { TEST_PG_URL } = await import("../server/testing/harness.ts");
  const u = new URL(TEST_PG_URL);
  u.pathname = `/${name}`;
  return u.toString();
}

if ((globalThis as { name?: string }).name === "live-bench-clients") clientWorker();
else if (import.meta.main) {
  await run();
  Deno.exit(0);
}
