/**
 * The event feed: one LISTEN per instance (the commits that wrote events, `server/db/commit.ts`),
 * turning notifications into ordered batches of event rows.
 *
 * A NOTIFY only says "something committed"; the rows are read back with
 * `where id > cursor order by id limit 500`, re-reading until caught up, so a burst of NOTIFYs
 * costs one query. `cursor` is the highest id below which every event was delivered or is known
 * never to commit, so delivery is strictly in id order and a client's "last id" is a safe resume
 * point.
 *
 * Gaps: identity values are taken before commit, so id 7 may become visible before id 6 (two
 * transactions committing out of order) and some ids never commit (rollback). A missing id holds
 * back later rows until it shows up or is proven dead: we remember which transactions of this
 * database were running (`pg_stat_activity.backend_xid`) at least 50 ms after the gap was first
 * seen (by then the transaction owning the id has its xid, so it is among them); once none of
 * them runs any more, that transaction has ended, and if the row is still not visible it rolled
 * back. Transactions of other databases on the same server never delay this. A gap older than
 * `gapGiveUpMs` (a very long transaction) is skipped but watched: if it commits later it is
 * delivered late, out of order.
 *
 * A lost LISTEN connection (postgres.js reconnects and calls the hook), a slow safety poll and
 * every NOTIFY all trigger the same catch-up from `cursor`, so nothing is skipped.
 */
import type { Db, Listener } from "../db/db.ts";
import { listenWork } from "../db/commit.ts";
import { logError } from "../ops/log.ts";

export interface EventRow {
  id: number;
  at: string;
  kind: string;
  entity: string;
  entity_id: string;
  topics: string[];
  after: unknown;
}

export interface FeedOptions {
  batch?: number;
  pollMs?: number;
  gapRetryMs?: number;
  gapGiveUpMs?: number;
}

interface Gap {
  seen: number;
  /** Transactions running when the gap was 50 ms old; the gap's owner is one of them. */
  ref?: Set<string>;
}

interface Snapshot {
  running: Set<string>;
  at: number;
}

const ended = (ref: Set<string>, snap: Snapshot) => ![...ref].some((x) => snap.running.has(x));

const REF_DELAY_MS = 50;
const LATE_MAX_AGE_MS = 10 * 60_000;

export class EventFeed {
  #db: Db;
  #deliver: (rows: EventRow[]) => void;
  #batch: number;
  #pollMs: number;
  #gapRetryMs: number;
  #gapGiveUpMs: number;
  #cursor = 0;
  #gaps = new Map<number, Gap>();
  #late = new Map<number, { since: number; ref?: Set<string> }>();
  #listener?: Listener;
  #running?: Promise<void>;
  #again = false;
  #stopped = false;
  #timer?: ReturnType<typeof setTimeout>;
  #poll?: ReturnType<typeof setInterval>;
  #failing = false;
  /** Counters for tests and the bench. */
  readonly stats = { reads: 0, delivered: 0, gapsLost: 0, late: 0, reconnects: 0 };

  constructor(db: Db, deliver: (rows: EventRow[]) => void, opts: FeedOptions = {}) {
    this.#db = db;
    this.#deliver = deliver;
    this.#batch = opts.batch ?? 500;
    this.#pollMs = opts.pollMs ?? 2000;
    this.#gapRetryMs = opts.gapRetryMs ?? 25;
    this.#gapGiveUpMs = opts.gapGiveUpMs ?? 10_000;
  }

  /** Highest id delivered in order; every event at or below it has been dispatched. */
  get cursor(): number {
    return this.#cursor;
  }

  async start(): Promise<void> {
    const [row] = await this.#db.sql<{ id: number }>`
      select coalesce(max(id), 0)::bigint as id from ca_evento`;
    this.#cursor = row.id;
    this.#listener = await listenWork(this.#db, "evento", () => this.poke(), () => {
      this.stats.reconnects++;
      this.poke();
    });
    this.#poll = setInterval(() => this.poke(), this.#pollMs);
    // Anything committed between reading max(id) and LISTEN taking effect.
    this.poke();
  }

  async stop(): Promise<void> {
    this.#stopped = true;
    clearInterval(this.#poll);
    clearTimeout(this.#timer);
    await this.#listener?.unlisten().catch(() => {});
    await this.#running?.catch(() => {});
  }

  /** Schedules a catch-up read; calls during a read coalesce into one more pass. */
  poke(): void {
    if (this.#stopped) return;
    if (this.#running) {
      this.#again = true;
      return;
    }
    this.#running = this.#loop().finally(() => {
      this.#running = undefined;
    });
  }

  /** Resolves once every event committed before the call has been read. For tests. */
  async settle(): Promise<void> {
    const [row] = await this.#db.sql<{ id: number }>`
      select coalesce(max(id), 0)::bigint as id from ca_evento`;
    while (this.#cursor < row.id && !this.#stopped) {
      this.poke();
      await new Promise((r) => setTimeout(r, 10));
    }
  }

  async #loop(): Promise<void> {
    do {
      this.#again = false;
      try {
        while (!this.#stopped && await this.#readOnce()) { /* caught up when false */ }
        if (this.#failing) console.info("live: leitura de eventos restabelecida");
        this.#failing = false;
      } catch (err) {
        if (!this.#failing) logError("live: falha ao ler eventos", err);
        this.#failing = true;
        this.#retry(1000);
        return;
      }
    } while (this.#again && !this.#stopped);
  }

  #retry(ms: number) {
    if (this.#stopped || this.#timer !== undefined) return;
    this.#timer = setTimeout(() => {
      this.#timer = undefined;
      this.poke();
    }, ms);
  }

  /** One batch; answers true when a full batch was delivered and more may follow. */
  async #readOnce(): Promise<boolean> {
    const sql = this.#db.sql;
    // The snapshot is taken before the rows are read (see the header comment).
    const snap = this.#gaps.size || this.#late.size ? await this.#snapshot() : undefined;
    if (this.#late.size) await this.#readLate(snap!);
    this.stats.reads++;
    const rows = await sql<EventRow & { at: Date }>`
      select id, at, kind, entity, entity_id, topics, after
      from ca_evento where id > ${this.#cursor} order by id limit ${this.#batch}`;
    const out: EventRow[] = [];
    let blocked = false;
    let expect = this.#cursor + 1;
    for (const row of rows) {
      while (expect < row.id && this.#gapResolved(expect, snap)) expect++;
      if (expect < row.id) {
        blocked = true;
        break;
      }
      this.#gaps.delete(row.id);
      out.push({ ...row, at: row.at.toISOString() });
      this.#cursor = row.id;
      expect = row.id + 1;
    }
    // Ids skipped as dead are behind the cursor now.
    for (const id of this.#gaps.keys()) if (id <= this.#cursor) this.#gaps.delete(id);
    if (out.length) {
      this.stats.delivered += out.length;
      this.#deliver(out);
    }
    if (blocked || this.#late.size) this.#retry(this.#gapRetryMs);
    return !blocked && rows.length === this.#batch;
  }

  /** Whether the missing id may be passed: proven rolled back, or given up on. */
  #gapResolved(id: number, snap?: Snapshot): boolean {
    const now = Date.now();
    let gap = this.#gaps.get(id);
    if (!gap) this.#gaps.set(id, gap = { seen: now });
    if (snap) {
      // The reference is taken from one snapshot and judged on a later one.
      if (gap.ref && ended(gap.ref, snap)) {
        this.stats.gapsLost++;
        return true;
      }
      if (!gap.ref && snap.at - gap.seen >= REF_DELAY_MS) gap.ref = snap.running;
    }
    if (now - gap.seen >= this.#gapGiveUpMs) {
      console.warn(`live: evento ${id} ausente há ${this.#gapGiveUpMs} ms; seguindo adiante`);
      this.#late.set(id, { since: now, ref: gap.ref });
      return true;
    }
    return false;
  }

  async #readLate(snap: Snapshot) {
    const ids = [...this.#late.keys()];
    const rows = await this.#db.sql<EventRow & { at: Date }>`
      select id, at, kind, entity, entity_id, topics, after
      from ca_evento where id = any(${ids}::bigint[]) order by id`;
    for (const row of rows) this.#late.delete(row.id);
    if (rows.length) {
      this.stats.late += rows.length;
      this.#deliver(rows.map((r) => ({ ...r, at: r.at.toISOString() })));
    }
    for (const [id, l] of this.#late) {
      if ((l.ref && ended(l.ref, snap)) || snap.at - l.since > LATE_MAX_AGE_MS) {
        this.#late.delete(id);
      }
    }
  }

  /** Transactions with an xid now running in this database (ours has none: a plain read). */
  async #snapshot(): Promise<Snapshot> {
    const rows = await this.#db.sql<{ x: string }>`
      select backend_xid::text as x from pg_stat_activity
      where datname = current_database() and backend_xid is not null`;
    return { running: new Set(rows.map((r) => r.x)), at: Date.now() };
  }
}
