/**
 * One live socket: authentication, subscription with catch-up, heartbeat, lease renewal.
 * Defensive by construction (STYLE #10): every frame is handled in try/catch and answered with
 * an error frame, a failed send closes this connection only, a slow reader is dropped with
 * `reload` instead of slowing the others. Frames are processed one at a time, in order.
 */
import type { Auth, Deps } from "../app_env.ts";
import { resolveToken } from "../auth/middleware.ts";
import { HttpError } from "../http/errors.ts";
import { acquireLease } from "../booking/leases.ts";
import type { EventRow } from "./listener.ts";
import {
  ClientMsg,
  CLOSE,
  LockResource,
  MAX_FRAME_BYTES,
  mayRead,
  parseTopic,
  type ServerMsg,
  type Topic,
} from "./protocol.ts";
import { logError } from "../ops/log.ts";

/** The part of a WebSocket the hub uses (Deno's server socket, or a test double). */
export interface SocketLike {
  readonly readyState: number;
  readonly bufferedAmount: number;
  send(data: string): void;
  close(code?: number, reason?: string): void;
}

/** What a connection needs from its hub. */
export interface ConnHost {
  readonly deps: Deps;
  readonly opts: {
    maxBehind: number;
    retainHours: number;
    bufferLimit: number;
    leaseTtlSec: number;
  };
  head(): number;
  setTopics(conn: LiveConn, topics: Topic[]): void;
  detach(conn: LiveConn): void;
  /** Called once the socket's token was accepted. */
  authenticated?(conn: LiveConn): void;
}

export interface EventFrames {
  full: string;
  lean: string;
}

const MAX_BAD_FRAMES = 20;
/** Frames per second a client may send; beyond, each frame is refused (and counts as bad). */
const MAX_RATE = 50;
const CATCH_UP_PAGE = 500;

export async function authenticateToken(deps: Deps, token: string): Promise<Auth> {
  return await resolveToken({ var: { deps, auth: undefined, clientIp: "" } }, token);
}

export class LiveConn {
  auth?: Auth;
  socket?: SocketLike;
  /** Highest event id sent (or known to the client); later frames with lower ids are dropped. */
  lastSent = 0;
  lastSeen = Date.now();
  readonly openedAt = Date.now();
  keys = new Set<string>();
  ranges: { from: string; to: string }[] = [];
  #host: ConnHost;
  #pending?: EventRow[];
  #queue: Promise<void> = Promise.resolve();
  #subGen = 0;
  #bad = 0;
  #rateWindow = 0;
  #rateCount = 0;
  #closed = false;
  /** A token was presented (its check may still be running). */
  authStarted = false;
  /** The close code this side sent, or 1005 when the client closed first. */
  closeCode?: number;
  #presetToken?: string;

  constructor(host: ConnHost, presetToken?: string) {
    this.#host = host;
    this.#presetToken = presetToken;
  }

  get closed() {
    return this.#closed;
  }

  /** The socket is open: authenticate with the `Sec-WebSocket-Protocol` token, if any. */
  attach(socket: SocketLike) {
    this.socket = socket;
    const token = this.#presetToken;
    this.#presetToken = undefined;
    if (token) this.#enqueue(() => this.#auth(token));
  }

  send(msg: ServerMsg | string): boolean {
    const socket = this.socket;
    if (this.#closed || !socket || socket.readyState !== 1) return false;
    try {
      socket.send(typeof msg === "string" ? msg : JSON.stringify(msg));
    } catch {
      this.close(1011, "send failed");
      return false;
    }
    if (socket.bufferedAmount > this.#host.opts.bufferLimit) {
      try {
        socket.send(JSON.stringify({ type: "reload", reason: "cliente_lento" }));
      } catch { /* closing anyway */ }
      this.close(CLOSE.tooSlow, "too slow");
      return false;
    }
    return true;
  }

  error(code: string, message: string, re?: number) {
    this.send({ type: "error", code, message, ...(re === undefined ? {} : { re }) });
  }

  close(code: number, reason: string) {
    if (this.#closed) return;
    this.#closed = true;
    this.closeCode = code;
    try {
      this.socket?.close(code, reason);
    } catch { /* already closed */ }
    this.#host.detach(this);
  }

  /** The socket closed from the other side. */
  onClose() {
    if (this.#closed) return;
    this.#closed = true;
    this.closeCode = 1005;
    this.#host.detach(this);
  }

  onMessage(data: unknown) {
    const now = Date.now();
    this.lastSeen = now;
    if (this.#closed) return;
    if (now - this.#rateWindow >= 1000) {
      this.#rateWindow = now;
      this.#rateCount = 0;
    }
    if (++this.#rateCount > MAX_RATE) {
      return this.#badFrame("muitas_mensagens", "Mensagens demais por segundo.");
    }
    if (typeof data !== "string") {
      const size = data instanceof ArrayBuffer ? data.byteLength : (data as Blob)?.size ?? 0;
      if (size > MAX_FRAME_BYTES) return this.#tooBig();
      return this.#badFrame("frame_invalido", "Somente mensagens de texto JSON são aceitas.");
    }
    if (data.length > MAX_FRAME_BYTES) return this.#tooBig();
    let json: unknown;
    try {
      json = JSON.parse(data);
    } catch {
      return this.#badFrame("json_invalido", "Mensagem não é JSON válido.");
    }
    const parsed = ClientMsg.safeParse(json);
    if (!parsed.success) {
      const type = (json as { type?: unknown })?.type;
      const n = (json as { n?: unknown })?.n;
      const re = typeof n === "number" ? n : undefined;
      const known = ["auth", "subscribe", "ping", "pong", "renew"].includes(type as string);
      return known
        ? this.#badFrame("mensagem_invalida", `Campos inválidos em ${type}.`, re)
        : this.#badFrame("tipo_desconhecido", "Tipo de mensagem desconhecido.", re);
    }
    this.#enqueue(() => this.#handle(parsed.data));
  }

  #enqueue(fn: () => Promise<void>) {
    this.#queue = this.#queue.then(fn).catch((err) => {
      logError("live: falha ao tratar mensagem", err);
      this.error("erro_interno", "Erro interno ao tratar a mensagem.");
    });
  }

  #tooBig() {
    this.error("mensagem_grande", `Mensagem acima de ${MAX_FRAME_BYTES} bytes.`);
    this.close(CLOSE.tooBig, "frame too big");
  }

  #badFrame(code: string, message: string, re?: number) {
    this.error(code, message, re);
    if (++this.#bad > MAX_BAD_FRAMES) this.close(CLOSE.abuse, "too many bad frames");
  }

  async #handle(msg: ClientMsg) {
    if (this.#closed) return;
    if (msg.type === "ping") return void this.send({ type: "pong", re: msg.n });
    if (msg.type === "pong") return;
    if (msg.type === "auth") {
      if (this.auth) return this.error("ja_autenticado", "Conexão já autenticada.", msg.n);
      return await this.#auth(msg.token, msg.n);
    }
    if (!this.auth) {
      return this.#badFrame("nao_autenticado", "Envie {type:'auth', token} primeiro.", msg.n);
    }
    if (msg.type === "subscribe") return await this.#subscribe(msg.topics, msg.since, msg.n);
    if (msg.type === "renew") return await this.#renew(msg.resources, msg.n);
  }

  async #auth(token: string, re?: number) {
    this.authStarted = true;
    try {
      this.auth = await authenticateToken(this.#host.deps, token);
    } catch (err) {
      if (err instanceof HttpError && (err.status === 401 || err.status === 403)) {
        this.error(err.code, err.message, re);
        this.close(CLOSE.unauthorized, "unauthorized");
        return;
      }
      // The session could not be checked (database unreachable): not the client's fault.
      logError("live: autenticação adiada", err);
      this.error("banco_indisponivel", "Serviço temporariamente indisponível. Reconectando.", re);
      this.close(CLOSE.unavailable, "try again later");
      return;
    }
    this.#host.authenticated?.(this);
    this.send({
      type: "ready",
      re,
      actor: { kind: this.auth.kind, nome: this.auth.nome },
      head: this.#host.head(),
    });
  }

  /** Replaces the subscription, sends what the client missed after `since`, then live events. */
  async #subscribe(raw: string[], since: number | null | undefined, re?: number) {
    const auth = this.auth!;
    const topics: Topic[] = [];
    for (const r of new Set(raw)) {
      const t = parseTopic(r);
      if (typeof t === "string") return this.error("topico_invalido", t, re);
      if (!mayRead(auth, t)) {
        return this.error("topico_proibido", `Sem permissão para o tópico ${r}.`, re);
      }
      topics.push(t);
    }
    const gen = ++this.#subGen;
    // Installed synchronously with the head read: every later event comes live (id > head),
    // every earlier one through the catch-up below.
    const head = this.#host.head();
    this.#host.setTopics(this, topics);
    if (since === undefined || since === null || since >= head) {
      this.#pending = undefined;
      this.lastSent = Math.max(since ?? 0, head);
      this.send({ type: "subscribed", re, topics: topics.map((t) => t.key), head: this.lastSent });
      return;
    }
    this.lastSent = since;
    this.#pending = [];
    try {
      if (!await this.#withinWindow(since, head)) {
        this.#pending = undefined;
        this.lastSent = head;
        this.send({ type: "reload", reason: "historico_indisponivel" });
      } else {
        await this.#catchUp(since, head, gen);
        if (gen !== this.#subGen) return;
        const pending = this.#pending ?? [];
        this.#pending = undefined;
        for (const row of pending) this.deliver(row, frames(row));
      }
    } catch (err) {
      if (gen === this.#subGen) this.#pending = undefined;
      throw err;
    }
    if (gen === this.#subGen) {
      const keys = topics.map((t) => t.key);
      this.send({ type: "subscribed", re, topics: keys, head: Math.max(this.lastSent, head) });
    }
  }

  async #withinWindow(since: number, head: number): Promise<boolean> {
    if (head - since > this.#host.opts.maxBehind) return false;
    const [first] = await this.#host.deps.db.sql<{ old: boolean }>`
      select at < now() - make_interval(hours => ${this.#host.opts.retainHours}) as old
      from ca_evento where id > ${since} order by id limit 1`;
    return !first?.old;
  }

  async #catchUp(since: number, head: number, gen: number) {
    let from = since;
    while (from < head && gen === this.#subGen && !this.#closed) {
      const rows = await this.#host.deps.db.sql<EventRow & { at: Date }>`
        select id, at, kind, entity, entity_id, topics, after from ca_evento
        where id > ${from} and id <= ${head} order by id limit ${CATCH_UP_PAGE}`;
      if (!rows.length || gen !== this.#subGen) break;
      for (const r of rows) {
        const row = { ...r, at: r.at.toISOString() };
        if (this.matches(row)) this.#sendEvent(row, frames(row));
      }
      from = rows[rows.length - 1].id;
      if (rows.length < CATCH_UP_PAGE) break;
    }
    if (gen === this.#subGen) this.lastSent = Math.max(this.lastSent, head);
  }

  matches(row: EventRow): boolean {
    if (this.auth?.kind === "paciente" && row.topics.includes("admin")) return false;
    for (const t of row.topics) {
      if (this.keys.has(t)) return true;
      if (this.ranges.length && t.startsWith("data:")) {
        const day = t.slice(5);
        if (this.ranges.some((r) => r.from <= day && day <= r.to)) return true;
      }
    }
    return false;
  }

  /** A live event the hub routed here (already matched by topic). */
  deliver(row: EventRow, f: EventFrames) {
    if (this.auth?.kind === "paciente" && row.topics.includes("admin")) return;
    if (this.#pending) {
      this.#pending.push(row);
      return;
    }
    this.#sendEvent(row, f);
  }

  #sendEvent(row: EventRow, f: EventFrames) {
    if (row.id <= this.lastSent) return;
    if (this.send(this.auth?.kind === "admin" ? f.full : f.lean)) this.lastSent = row.id;
  }

  async #renew(resources: string[], re?: number) {
    const auth = this.auth!;
    if (auth.kind !== "admin") {
      return this.error("sem_permissao", "Reservas são exclusivas da equipe.", re);
    }
    const bad = resources.find((r) => !LockResource.safeParse(r).success);
    if (bad !== undefined) return this.error("recurso_invalido", `Recurso inválido: ${bad}`, re);
    const held: string[] = [];
    const lost: { resource: string; holder_nome: string | null }[] = [];
    for (const resource of new Set(resources)) {
      try {
        await acquireLease(this.#host.deps.db, auth, resource, this.#host.opts.leaseTtlSec);
        held.push(resource);
      } catch (err) {
        if (!(err instanceof HttpError)) throw err;
        const holder = (err.details as { holder_nome?: string } | undefined)?.holder_nome;
        lost.push({ resource, holder_nome: holder ?? null });
      }
    }
    this.send({ type: "renewed", re, held, lost });
  }
}

/** The two serialisations of an event: with `after` for staff, without for pacientes. */
export function frames(row: EventRow): EventFrames {
  const base = {
    type: "event",
    id: row.id,
    kind: row.kind,
    entity: row.entity,
    entity_id: row.entity_id,
    topics: row.topics,
    at: row.at,
  };
  const lean = JSON.stringify(base);
  if (row.after === null || row.after === undefined) return { full: lean, lean };
  const after = JSON.stringify(row.after);
  // Large snapshots stay out of the frame; the client refetches the entity.
  const full = after.length > 8192 ? lean : `${lean.slice(0, -1)},"after":${after}}`;
  return { full, lean };
}
