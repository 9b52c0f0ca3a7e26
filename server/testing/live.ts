/**
 * Test support for the live layer: real servers (`Deno.serve({port: 0})`) on apps built by
 * `createApp`, several instances sharing one fresh database, and a raw test socket that queues
 * frames and answers the server's pings.
 *
 * @example
 * const cl = await liveCluster(2);
 * const ws = await TestSocket.open(cl.instances[0].wsUrl, cl.token("operador"));
 */
import { createApp } from "../app.ts";
import type { Deps } from "../app_env.ts";
import type { Db } from "../db/db.ts";
import { openPostgres } from "../db/postgres_driver.ts";
import type { EventKind } from "../events/kinds.ts";
import type { EventTopic } from "../events/topics.ts";
import { recordEvent, SYSTEM } from "../events/record.ts";
import { freshPglite, freshPostgres, makeCtx, type TestCtx } from "./harness.ts";
import { type LiveHub, type LiveOptions, startLive } from "../live/hub.ts";
import { BEARER_PREFIX, LIVE_SUBPROTOCOL } from "../live/protocol.ts";

export interface Instance {
  db: Db;
  live: LiveHub;
  url: string;
  wsUrl: string;
  stop(): Promise<void>;
}

export interface Cluster {
  ctx: TestCtx;
  instances: Instance[];
  /** Commits one event (through the first open instance's pool unless `db` is given). */
  emit(
    topics: EventTopic[],
    opts?: { db?: Db; after?: unknown; kind?: EventKind },
  ): Promise<number>;
  close(): Promise<void>;
}

export async function startInstance(deps: Deps, opts: Partial<LiveOptions> = {}) {
  const live = await startLive(deps, opts);
  const app = createApp({ ...deps, live });
  const server = Deno.serve({ port: 0, hostname: "127.0.0.1", onListen() {} }, app.fetch);
  const url = `http://127.0.0.1:${server.addr.port}`;
  let stopped = false;
  const instance: Instance = {
    db: deps.db,
    live,
    url,
    wsUrl: `${url.replace("http", "ws")}/api/live/ws`,
    stop: async () => {
      if (stopped) return;
      stopped = true;
      await live.stop();
      await server.shutdown();
    },
  };
  return instance;
}

/** `n` instances on one fresh Postgres database, each with its own pool and LISTEN. */
export async function liveCluster(n = 2, opts: Partial<LiveOptions> = {}): Promise<Cluster> {
  const fresh = await freshPostgres(3);
  const ctx = makeCtx("postgres", fresh.db);
  const dbs: Db[] = [];
  const instances: Instance[] = [];
  for (let i = 0; i < n; i++) {
    const db = openPostgres(fresh.url, { max: 4 });
    dbs.push(db);
    instances.push(await startInstance({ ...ctx.deps, db }, opts));
  }
  return {
    ctx,
    instances,
    emit: (topics, o = {}) => emit(o.db ?? fresh.db, topics, o),
    close: async () => {
      for (const i of instances) await i.stop().catch(() => {});
      for (const db of dbs) await db.close().catch(() => {});
      await fresh.drop();
    },
  };
}

/** One instance on embedded PGlite (the default mode without DATABASE_URL). */
export async function pgliteInstance(opts: Partial<LiveOptions> = {}) {
  const fresh = await freshPglite();
  const ctx = makeCtx("pglite", fresh.db);
  const instance = await startInstance(ctx.deps, opts);
  return {
    ctx,
    instance,
    close: async () => {
      await instance.stop();
      await fresh.drop();
    },
  };
}

export async function emit(
  db: Db,
  topics: EventTopic[],
  opts: { after?: unknown; kind?: EventKind } = {},
): Promise<number> {
  return await db.begin((sql) =>
    recordEvent(sql, SYSTEM, {
      // Any real kind: clients parse kinds against the vocabulary (server/events/kinds.ts).
      kind: opts.kind ?? "clinica.configuracao_atualizada",
      entity: "teste",
      entityId: 1,
      topics,
      after: opts.after ?? { ok: true },
    })
  );
}

// deno-lint-ignore no-explicit-any
export type Frame = any;

/** A raw protocol client: frames queue up until a test takes them with `next`. */
export class TestSocket {
  readonly ws: WebSocket;
  readonly frames: Frame[] = [];
  readonly closed: Promise<CloseEvent>;
  /** Answer the server's pings (turn off to play a dead client). */
  autoPong = true;
  /** Pings received from the server. */
  pings = 0;
  #wake?: () => void;

  private constructor(ws: WebSocket) {
    this.ws = ws;
    ws.onmessage = (e) => {
      const frame = typeof e.data === "string" ? JSON.parse(e.data) : e.data;
      if (frame?.type === "ping") {
        this.pings++;
        return this.autoPong && this.send({ type: "pong" });
      }
      this.frames.push(frame);
      this.#wake?.();
    };
    this.closed = new Promise((resolve) => {
      ws.addEventListener("close", (e) => {
        resolve(e);
        this.#wake?.();
      });
    });
  }

  /** Opens a socket; with `token` it authenticates through `Sec-WebSocket-Protocol`. */
  static async open(url: string, token?: string): Promise<TestSocket> {
    const ws = new WebSocket(url, token ? [LIVE_SUBPROTOCOL, BEARER_PREFIX + token] : []);
    const s = new TestSocket(ws);
    await new Promise<void>((resolve, reject) => {
      ws.addEventListener("open", () => resolve(), { once: true });
      ws.addEventListener("error", () => reject(new Error("socket failed")), { once: true });
    });
    return s;
  }

  /** Opens, authenticates and waits for `ready`. */
  static async ready(url: string, token: string): Promise<TestSocket> {
    const s = await TestSocket.open(url, token);
    const f = await s.next();
    if (f.type !== "ready") throw new Error(`expected ready, got ${JSON.stringify(f)}`);
    return s;
  }

  send(msg: unknown) {
    if (this.ws.readyState === WebSocket.OPEN) {
      this.ws.send(typeof msg === "string" ? msg : JSON.stringify(msg));
    }
  }

  /** The next frame (optionally the next one matching `pred`), or throws after `ms`. */
  async next(pred: (f: Frame) => boolean = () => true, ms = 5000): Promise<Frame> {
    const deadline = Date.now() + ms;
    while (true) {
      const i = this.frames.findIndex(pred);
      if (i >= 0) return this.frames.splice(i, 1)[0];
      if (this.ws.readyState === WebSocket.CLOSED) {
        throw new Error(`socket closed; frames: ${JSON.stringify(this.frames)}`);
      }
      const left = deadline - Date.now();
      if (left <= 0) throw new Error(`timeout; frames: ${JSON.stringify(this.frames)}`);
      await new Promise<void>((resolve) => {
        const t = setTimeout(resolve, left);
        this.#wake = () => {
          clearTimeout(t);
          resolve();
        };
      });
    }
  }

  /** Subscribes and waits for `subscribed`; answers the events sent before it (catch-up). */
  async subscribe(topics: string[], since?: number | null): Promise<Frame[]> {
    this.send({ type: "subscribe", n: 1, topics, since });
    const events: Frame[] = [];
    while (true) {
      const f = await this.next();
      if (f.type === "subscribed") return events;
      if (f.type !== "event") throw new Error(`unexpected ${JSON.stringify(f)}`);
      events.push(f);
    }
  }

  close() {
    try {
      this.ws.close();
    } catch { /* closed */ }
  }
}

/** Polls until `fn` is truthy, or throws after `ms`. */
export async function until(fn: () => boolean | Promise<boolean>, ms = 5000, what = "condition") {
  const deadline = Date.now() + ms;
  while (!(await fn())) {
    if (Date.now() > deadline) throw new Error(`timeout waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 10));
  }
}
