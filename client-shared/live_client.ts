/**
 * The one live client of both consoles (and of Deno tests and the bench): subscribes to topics,
 * remembers the last event id and resumes with `since` after any reconnect (exponential backoff
 * with jitter, rotating over the given base URLs), calls `onReload` when the server says the view
 * must be reloaded, and keeps leases (acquire/release over HTTP, renewal over the socket).
 *
 * Plain TypeScript: works in the browser and in Deno. Pass `WebSocket`/`fetch` to use others.
 * The protocol is documented in `server/live/protocol.ts`.
 *
 * @example
 * const live = new LiveClient({
 *   baseUrl: location.origin, token: () => auth.token,
 *   topics: ["unidade:3", "data:2026-11-23"],
 *   onEvent: (ev) => refresh(ev.entity, ev.entity_id),
 *   onReload: () => reloadView(),
 * });
 * live.start();
 * const got = await live.acquire("backlog:123"); // { ok: false, holder_nome } when taken
 */
// The zod-free half of the protocol: the browser's live path (the patient portal on every
// signed-in page) does not download or run zod; frames are checked by `readServerMsg`.
import {
  BEARER_PREFIX,
  CLOSE,
  isFinalClose,
  LIVE_SUBPROTOCOL,
  readServerMsg,
} from "../server/live/protocol_lite.ts";
import type { EventMsg, Lease, ServerMsg } from "../server/live/protocol.ts";

export type { EventMsg, Lease };
export type LiveStatus = "connecting" | "open" | "closed";

export interface LiveClientOptions {
  /** Server origin(s), e.g. `https://agenda.example`; several are tried in turn. */
  baseUrl: string | string[];
  token: string | (() => string);
  topics?: string[];
  /** Resume point (an id received earlier); null or absent: live events only. */
  since?: number | null;
  WebSocket?: typeof WebSocket;
  fetch?: typeof fetch;
  onEvent?: (ev: EventMsg) => void;
  onReload?: (reason: string) => void;
  onStatus?: (status: LiveStatus) => void;
  onError?: (code: string, message: string) => void;
  /** The session was refused or revoked: the client stops. */
  onAuthError?: () => void;
  /** Leases whose renewal failed (taken by someone else meanwhile). */
  onLeaseLost?: (lost: { resource: string; holder_nome: string | null }[]) => void;
  backoff?: { baseMs?: number; maxMs?: number };
  /** How often held leases are renewed over the socket (under the server's 30 s TTL). */
  renewMs?: number;
  /** No frame from the server for this long: the connection is presumed dead. */
  serverTimeoutMs?: number;
}

type Pending = { resolve: (m: ServerMsg) => void; reject: (e: Error) => void };

export type AcquireResult =
  | { ok: true; lease: Lease }
  | { ok: false; status: number; code: string; message: string; holder_nome?: string };

export class LiveClient {
  /** Highest event id received; sent as `since` on every (re)subscription. */
  lastId: number | null;
  topics: string[];
  readonly held = new Set<string>();
  status: LiveStatus = "closed";
  /** Reconnections so far (for tests and diagnostics). */
  reconnects = 0;
  #opts: LiveClientOptions;
  #urls: string[];
  #urlIndex = 0;
  #ws?: WebSocket;
  #attempt = 0;
  #stopped = true;
  #timer?: ReturnType<typeof setTimeout>;
  #renewTimer?: ReturnType<typeof setInterval>;
  #watchdog?: ReturnType<typeof setInterval>;
  #lastFrame = 0;
  #n = 0;
  #pending = new Map<number, Pending>();
  #subscribed?: { promise: Promise<void>; resolve: () => void };

  constructor(opts: LiveClientOptions) {
    this.#opts = opts;
    this.#urls = (Array.isArray(opts.baseUrl) ? opts.baseUrl : [opts.baseUrl])
      .map((u) => u.replace(/\/+$/, ""));
    this.lastId = opts.since ?? null;
    this.topics = opts.topics ?? [];
    this.#resetSubscribed();
  }

  /** The base URL of the current (or next) connection. */
  get baseUrl(): string {
    return this.#urls[this.#urlIndex % this.#urls.length];
  }

  start(): this {
    if (!this.#stopped) return this;
    this.#stopped = false;
    this.#connect();
    this.#renewTimer = setInterval(() => {
      if (this.held.size && this.status === "open") this.renew().catch(() => {});
    }, this.#opts.renewMs ?? 10_000);
    return this;
  }

  /** Resolves once the current subscription is live (catch-up sent). */
  ready(): Promise<void> {
    return this.#subscribed!.promise;
  }

  /** Replaces the topics; the server sends what matches after `lastId`, then live events. */
  subscribe(topics: string[]): Promise<void> {
    this.topics = topics;
    this.#resetSubscribed();
    if (this.status === "open") this.#sendSubscribe();
    return this.ready();
  }

  close() {
    this.#stopped = true;
    clearTimeout(this.#timer);
    clearInterval(this.#renewTimer);
    clearInterval(this.#watchdog);
    const ws = this.#ws;
    this.#ws = undefined;
    try {
      ws?.close(1000, "bye");
    } catch { /* already closed */ }
    this.#setStatus("closed");
    this.#failPending(new Error("closed"));
  }

  // ------------------------------------------------------------------ leases

  async acquire(resource: string): Promise<AcquireResult> {
    const res = await this.#http("POST", "/api/locks", { resource });
    // deno-lint-ignore no-explicit-any
    const body: any = await res.json().catch(() => undefined);
    if (res.ok && body) {
      this.held.add(resource);
      return { ok: true, lease: body as Lease };
    }
    const e = body?.error ?? {};
    return {
      ok: false,
      status: res.status,
      code: e.code ?? "erro",
      message: e.message ?? res.statusText,
      holder_nome: e.details?.holder_nome,
    };
  }

  async release(resource: string): Promise<boolean> {
    this.held.delete(resource);
    const res = await this.#http("DELETE", `/api/locks/${encodeURIComponent(resource)}`);
    await res.body?.cancel();
    return res.ok;
  }

  /** Renews (or re-takes) every held lease over the socket. */
  async renew(): Promise<
    { held: string[]; lost: { resource: string; holder_nome: string | null }[] }
  > {
    const msg = await this.#request({ type: "renew", resources: [...this.held] });
    if (msg.type !== "renewed") throw new Error(`unexpected ${msg.type}`);
    for (const l of msg.lost) this.held.delete(l.resource);
    if (msg.lost.length) this.#opts.onLeaseLost?.(msg.lost);
    return { held: msg.held, lost: msg.lost };
  }

  // ------------------------------------------------------------------ socket

  #token(): string {
    const t = this.#opts.token;
    return typeof t === "function" ? t() : t;
  }

  #http(method: string, path: string, body?: unknown): Promise<Response> {
    const f = this.#opts.fetch ?? fetch;
    const headers: Record<string, string> = { authorization: `Bearer ${this.#token()}` };
    if (body !== undefined) headers["content-type"] = "application/json";
    return f(`${this.baseUrl}${path}`, {
      method,
      headers,
      body: body === undefined ? undefined : JSON.stringify(body),
    });
  }

  #connect() {
    if (this.#stopped) return;
    this.#setStatus("connecting");
    const WS = this.#opts.WebSocket ?? WebSocket;
    const url = this.baseUrl.replace(/^http/, "ws") + "/api/live/ws";
    let ws: WebSocket;
    try {
      ws = new WS(url, [LIVE_SUBPROTOCOL, BEARER_PREFIX + this.#token()]);
    } catch {
      return this.#scheduleReconnect();
    }
    this.#ws = ws;
    this.#lastFrame = Date.now();
    ws.onmessage = (e) => {
      if (ws !== this.#ws) return;
      this.#lastFrame = Date.now();
      try {
        this.#onFrame(e.data);
      } catch (err) {
        this.#opts.onError?.("cliente", (err as Error).message);
      }
    };
    ws.onclose = (e) => {
      if (ws !== this.#ws) return;
      this.#ws = undefined;
      this.#failPending(new Error("connection closed"));
      if (this.#stopped) return;
      // 4400–4499 are final (the y-websocket rule): 4401 the session is invalid or revoked.
      // Everything else (4503 database away, 4508 timeout, 4529 too slow, 1001 restart, …)
      // is transient and retried with backoff.
      if (isFinalClose(e.code)) {
        this.close();
        if (e.code === CLOSE.unauthorized) this.#opts.onAuthError?.();
        else {this.#opts.onError?.(
            "conexao_encerrada",
            e.reason || `Conexão encerrada (${e.code}).`,
          );}
        return;
      }
      this.#scheduleReconnect();
    };
    ws.onerror = () => {/* onclose follows */};
    clearInterval(this.#watchdog);
    const timeout = this.#opts.serverTimeoutMs ?? 30_000;
    this.#watchdog = setInterval(() => {
      if (this.#ws === ws && Date.now() - this.#lastFrame > timeout) {
        try {
          ws.close(CLOSE.timeout, "server silent");
        } catch { /* ignore */ }
        ws.onclose?.(new CloseEvent("close", { code: CLOSE.timeout }));
      }
    }, Math.min(timeout, 5000));
  }

  #scheduleReconnect() {
    this.#setStatus("connecting");
    const base = this.#opts.backoff?.baseMs ?? 500;
    const max = this.#opts.backoff?.maxMs ?? 30_000;
    const delay = Math.min(max, base * 2 ** this.#attempt);
    this.#attempt++;
    this.#urlIndex++;
    this.reconnects++;
    // Full jitter over the upper half: instances restarting are not hit by everyone at once.
    this.#timer = setTimeout(() => this.#connect(), delay * (0.5 + Math.random() / 2));
  }

  #onFrame(data: unknown) {
    if (typeof data !== "string") return;
    const msg = readServerMsg(JSON.parse(data));
    if (!msg) return;
    if ("re" in msg && msg.re !== undefined && msg.type !== "ready") {
      const p = this.#pending.get(msg.re);
      if (p) {
        this.#pending.delete(msg.re);
        if (msg.type === "error") p.reject(new Error(`${msg.code}: ${msg.message}`));
        else p.resolve(msg);
      }
    }
    switch (msg.type) {
      case "ready":
        this.#setStatus("open");
        this.#sendSubscribe();
        return;
      case "event":
        if (this.lastId !== null && msg.id <= this.lastId) return;
        this.lastId = msg.id;
        this.#opts.onEvent?.(msg);
        return;
      case "subscribed":
        this.#attempt = 0;
        this.lastId = Math.max(this.lastId ?? 0, msg.head);
        this.#subscribed?.resolve();
        return;
      case "reload":
        this.lastId = null;
        this.#opts.onReload?.(msg.reason);
        return;
      case "ping":
        this.#send({ type: "pong", t: msg.t });
        return;
      case "error":
        this.#opts.onError?.(msg.code, msg.message);
        return;
    }
  }

  #sendSubscribe() {
    this.#send({ type: "subscribe", n: ++this.#n, topics: this.topics, since: this.lastId });
  }

  #send(msg: Record<string, unknown>): boolean {
    const ws = this.#ws;
    if (!ws || ws.readyState !== 1) return false;
    try {
      ws.send(JSON.stringify(msg));
      return true;
    } catch {
      return false;
    }
  }

  #request(msg: Record<string, unknown>): Promise<ServerMsg> {
    const n = ++this.#n;
    return new Promise((resolve, reject) => {
      if (!this.#send({ ...msg, n })) return reject(new Error("not connected"));
      this.#pending.set(n, { resolve, reject });
    });
  }

  #failPending(err: Error) {
    for (const p of this.#pending.values()) p.reject(err);
    this.#pending.clear();
  }

  #resetSubscribed() {
    let resolve!: () => void;
    const promise = new Promise<void>((r) => resolve = r);
    this.#subscribed = { promise, resolve };
  }

  #setStatus(s: LiveStatus) {
    if (this.status === s) return;
    this.status = s;
    this.#opts.onStatus?.(s);
  }
}
