/**
 * The live hub of one instance: the event feed (one LISTEN), the sockets subscribed to topics,
 * the Yjs rooms, and the periodic jobs (heartbeat, session re-check, lease renewal and sweep).
 * `startLive(deps)` builds and starts it; `stop()` closes every socket and timer.
 *
 * @example
 * const live = await startLive(deps);
 * deps.live = live;
 * Deno.serve(createApp(deps).fetch);
 */
import type { Auth, Deps } from "../app_env.ts";
import { liveAdminSessions, livePacienteSessions } from "../auth/live_sessions.ts";
import type { Listener } from "../db/db.ts";
import { LiveConn } from "./connection.ts";
import { frames } from "./connection.ts";
import { LEASE_TTL_SEC, releaseSession, renewSessions, sweepExpired } from "../booking/leases.ts";
import { markGone, markPresent, presentElsewhere, purgeStale } from "./presence.ts";
import { EventFeed, type EventRow, type FeedOptions } from "./listener.ts";
import { AUTH_TIMEOUT_MS, CLOSE, type Topic } from "./protocol.ts";
import { listenWork } from "../db/commit.ts";
import { YjsRelay } from "./yjs_relay.ts";
import { countEvents } from "../ops/metrics.ts";
import { logError } from "../ops/log.ts";

export interface LiveOptions extends FeedOptions {
  heartbeatMs: number;
  sessionCheckMs: number;
  sweepMs: number;
  leaseTtlSec: number;
  /** A `since` further behind the head than this many events answers `reload`. */
  maxBehind: number;
  /** A `since` whose next event is older than this answers `reload`. */
  retainHours: number;
  /** Bytes queued on one socket before it is dropped as too slow. */
  bufferLimit: number;
  authTimeoutMs: number;
}

export const DEFAULT_LIVE_OPTIONS: LiveOptions = {
  heartbeatMs: 10_000,
  sessionCheckMs: 30_000,
  sweepMs: 5_000,
  leaseTtlSec: LEASE_TTL_SEC,
  maxBehind: 5_000,
  retainHours: 24,
  bufferLimit: 8 * 1024 * 1024,
  authTimeoutMs: AUTH_TIMEOUT_MS,
};

export class LiveHub {
  /** Completed session re-checks (tests wait on it instead of sleeping). */
  readonly stats = { sessionChecks: 0 };
  readonly deps: Deps;
  readonly opts: LiveOptions;
  readonly feed: EventFeed;
  readonly yjs: YjsRelay;
  readonly conns = new Set<LiveConn>();
  #byKey = new Map<string, Set<LiveConn>>();
  #ranged = new Set<LiveConn>();
  #timers: ReturnType<typeof setInterval>[] = [];
  #stopping = false;
  /** This instance in `ca_live_presenca`. */
  readonly instance = crypto.randomUUID();
  /** Lease releases decided on a disconnect and still running (tests wait on them). */
  readonly pendingReleases = new Set<Promise<void>>();
  #sessionListener?: Listener;
  #recheck?: Promise<void>;
  #recheckAgain = false;

  constructor(deps: Deps, opts: Partial<LiveOptions> = {}) {
    this.deps = deps;
    this.opts = { ...DEFAULT_LIVE_OPTIONS, ...opts };
    this.feed = new EventFeed(deps.db, (rows) => this.dispatch(rows), this.opts);
    this.yjs = new YjsRelay(deps, { heartbeatMs: this.opts.heartbeatMs });
  }

  async start(): Promise<this> {
    await this.feed.start();
    await this.yjs.start();
    const every = (ms: number, job: () => Promise<unknown> | void, name: string) => {
      let busy = false;
      this.#timers.push(setInterval(async () => {
        if (busy || this.#stopping) return;
        busy = true;
        try {
          await job();
        } catch (err) {
          logError("live: tarefa falhou", err, { tarefa: name });
        } finally {
          busy = false;
        }
      }, ms));
    };
    every(this.opts.heartbeatMs, () => this.#heartbeat(), "heartbeat");
    every(this.opts.sessionCheckMs, () => this.recheckSessions(), "sessões");
    every(this.opts.sweepMs, () => sweepExpired(this.deps.db), "expiração");
    every(60_000, () => purgeStale(this.deps.db), "presença");
    // A session ended anywhere (logout, deactivation; migration 200): re-check now, not at the
    // next periodic tick, so its sockets stop receiving events at once on every instance.
    this.#sessionListener = await listenWork(
      this.deps.db,
      "sessao",
      () => this.recheckSessions(),
      () => this.recheckSessions(),
    );
    return this;
  }

  /** Runs the session re-check soon; calls during a running check coalesce into one more. */
  recheckSessions(): Promise<void> {
    if (this.#stopping) return Promise.resolve();
    if (this.#recheck) {
      this.#recheckAgain = true;
      return this.#recheck;
    }
    this.#recheck = (async () => {
      do {
        this.#recheckAgain = false;
        try {
          await this.#checkSessions();
        } catch (err) {
          logError("live: tarefa sessões falhou", err);
        }
      } while (this.#recheckAgain && !this.#stopping);
    })().finally(() => this.#recheck = undefined);
    return this.#recheck;
  }

  async stop(): Promise<void> {
    this.#stopping = true;
    for (const t of this.#timers) clearInterval(t);
    await this.#sessionListener?.unlisten().catch(() => {});
    for (const c of [...this.conns]) c.close(CLOSE.shutdown, "server shutting down");
    await this.yjs.stop();
    await this.feed.stop();
  }

  /** A new socket; `token` comes from `Sec-WebSocket-Protocol` when the client sent it there. */
  open(token?: string): LiveConn {
    const conn = new LiveConn(this, token);
    this.conns.add(conn);
    return conn;
  }

  head(): number {
    return this.feed.cursor;
  }

  setTopics(conn: LiveConn, topics: Topic[]) {
    this.#unindex(conn);
    conn.keys = new Set(topics.filter((t) => t.kind !== "range").map((t) => t.key));
    conn.ranges = topics.flatMap((t) => t.kind === "range" ? [{ from: t.from, to: t.to }] : []);
    for (const key of conn.keys) {
      let set = this.#byKey.get(key);
      if (!set) this.#byKey.set(key, set = new Set());
      set.add(conn);
    }
    if (conn.ranges.length) this.#ranged.add(conn);
  }

  detach(conn: LiveConn) {
    if (!this.conns.delete(conn)) return;
    this.#unindex(conn);
    const auth = conn.auth;
    if (this.#stopping || auth?.kind !== "admin") return;
    // The lease belongs to the session: release it when its last socket here is gone.
    // A restart (stopping) keeps leases: clients reconnect elsewhere and renew.
    if ([...this.conns].some((c) => c.auth?.jti === auth.jti)) return;
    // …and only when no other instance still has a socket of the session (migration 151).
    const db = this.deps.db;
    const fresh = (3 * this.opts.heartbeatMs) / 1000 + 1;
    const done = (async () => {
      await markGone(db, this.instance, auth.jti);
      if (await presentElsewhere(db, this.instance, auth.jti, fresh)) return;
      await releaseSession(db, auth, "desconectado");
    })().catch((err) => logError("live: falha ao liberar reservas", err))
      .finally(() => this.pendingReleases.delete(done));
    this.pendingReleases.add(done);
  }

  /** An admin socket authenticated: other instances now know this session is present here. */
  authenticated(conn: LiveConn) {
    if (conn.auth?.kind !== "admin") return;
    markPresent(this.deps.db, this.instance, [conn.auth.jti]).catch((err) =>
      logError("live: falha ao registrar presença", err)
    );
  }

  #unindex(conn: LiveConn) {
    for (const key of conn.keys) {
      const set = this.#byKey.get(key);
      set?.delete(conn);
      if (set?.size === 0) this.#byKey.delete(key);
    }
    this.#ranged.delete(conn);
  }

  /** Fans a batch of events (in id order) out to the matching sockets. */
  dispatch(rows: EventRow[]) {
    countEvents(rows.length);
    for (const row of rows) {
      const targets = new Set<LiveConn>();
      for (const t of row.topics) {
        const set = this.#byKey.get(t);
        if (set) { for (const c of set) targets.add(c); }
      }
      for (const c of this.#ranged) if (!targets.has(c) && c.matches(row)) targets.add(c);
      if (!targets.size) continue;
      const f = frames(row);
      for (const c of targets) {
        try {
          c.deliver(row, f);
        } catch (err) {
          logError("live: falha ao entregar evento", err);
          c.close(1011, "delivery failed");
        }
      }
    }
  }

  async #heartbeat() {
    const now = Date.now();
    const t = this.opts.heartbeatMs;
    const admins = new Set<string>();
    for (const c of [...this.conns]) {
      if (!c.auth) {
        if (now - c.openedAt > this.opts.authTimeoutMs) {
          c.error("nao_autenticado", "Tempo para autenticação esgotado.");
          // A token still being checked (a slow database) is not the client's fault: retry.
          c.close(c.authStarted ? CLOSE.timeout : CLOSE.unauthorized, "auth timeout");
        }
        continue;
      }
      if (now - c.lastSeen > 2 * t + 1000) {
        c.close(CLOSE.timeout, "heartbeat timeout");
        continue;
      }
      c.send({ type: "ping", t: now });
      if (c.auth.kind === "admin") admins.add(c.auth.jti);
    }
    await renewSessions(this.deps.db, [...admins], this.opts.leaseTtlSec);
    await markPresent(this.deps.db, this.instance, [...admins]);
    this.yjs.heartbeat();
  }

  /** Closes with 4401 every socket whose session was revoked or expired. */
  async #checkSessions() {
    const byKind = { admin: new Set<string>(), paciente: new Set<string>() };
    for (const c of this.conns) if (c.auth) byKind[c.auth.kind].add(c.auth.jti);
    for (const r of this.yjs.actors()) byKind[r.kind].add(r.jti);
    const valid = new Set<string>();
    const { sql } = this.deps.db;
    for (const r of await liveAdminSessions(sql, [...byKind.admin])) valid.add(r.jti);
    for (const r of await livePacienteSessions(sql, [...byKind.paciente])) valid.add(r.jti);
    const revoked = (a: Auth) => !valid.has(a.jti);
    for (const c of [...this.conns]) {
      if (c.auth && revoked(c.auth)) {
        c.error("sessao_revogada", "Sessão encerrada. Entre novamente.");
        c.close(CLOSE.unauthorized, "session revoked");
      }
    }
    this.yjs.closeWhere(revoked);
    this.stats.sessionChecks++;
  }
}

export async function startLive(deps: Deps, opts: Partial<LiveOptions> = {}): Promise<LiveHub> {
  return await new LiveHub(deps, opts).start();
}
