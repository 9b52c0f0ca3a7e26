/**
 * Yjs rooms (`GET /api/live/yjs/:room`), compatible with `y-websocket`'s `WebsocketProvider`:
 * sync step 1/2 and update messages (`y-protocols/sync`), awareness and awareness queries
 * (`y-protocols/awareness`), permission denied (`y-protocols/auth`) for a refused token.
 *
 * One room per view (`unidade:3:2026-11-23`); it carries presence only (who looks at which day,
 * which backlog card they drag, which slot is under their pointer), never booking data, and is
 * dropped from memory when its last socket leaves.
 *
 * Instances relay rooms through Postgres: NOTIFY on `ca_yjs` with `{i: instance, r: room,
 * k: kind, d: base64}`; a payload over `NOTIFY_LIMIT` goes through `ca_yjs_update` and the NOTIFY
 * carries its id. Kinds: `u` doc update, `a` awareness update, `q` "I just opened this room",
 * answered by the others with `u` + `a` holding their whole state, addressed to the asker (`t`).
 */
import * as Y from "yjs";
import * as syncProtocol from "y-protocols/sync";
import * as awarenessProtocol from "y-protocols/awareness";
import * as authProtocol from "y-protocols/auth";
import * as encoding from "lib0/encoding";
import * as decoding from "lib0/decoding";
import * as buffer from "lib0/buffer";
import type { Auth, Deps } from "../app_env.ts";
import type { Listener } from "../db/db.ts";
import type { SocketLike } from "./connection.ts";
import { CLOSE } from "./protocol.ts";
import { logError } from "../ops/log.ts";

export const YJS_CHANNEL = "ca_yjs";
export const NOTIFY_LIMIT = 7000;
export const MAX_YJS_FRAME = 1024 * 1024;
const MSG_SYNC = 0;
const MSG_AWARENESS = 1;
const MSG_QUERY_AWARENESS = 3;
/** Origin of changes that came from another instance: applied, broadcast, never re-published. */
const RELAY = Symbol("relay");

interface BinarySocket extends Omit<SocketLike, "send"> {
  send(data: Uint8Array): void;
}

export class YjsConn {
  readonly auth: Auth;
  readonly room: Room;
  readonly controlled = new Set<number>();
  lastSeen = Date.now();
  socket?: BinarySocket;
  closed = false;
  constructor(auth: Auth, room: Room) {
    this.auth = auth;
    this.room = room;
  }
}

interface Room {
  name: string;
  doc: Y.Doc;
  awareness: awarenessProtocol.Awareness;
  conns: Set<YjsConn>;
}

interface RelayMsg {
  i: string;
  r: string;
  k: "u" | "a" | "q";
  d?: string;
  id?: number;
  t?: string;
}

export class YjsRelay {
  readonly instance = crypto.randomUUID();
  readonly rooms = new Map<string, Room>();
  readonly stats = { published: 0, viaTable: 0, received: 0 };
  #deps: Deps;
  #heartbeatMs: number;
  #listener?: Listener;
  #prune?: ReturnType<typeof setInterval>;
  #stopped = false;

  constructor(deps: Deps, opts: { heartbeatMs: number }) {
    this.#deps = deps;
    this.#heartbeatMs = opts.heartbeatMs;
  }

  async start() {
    this.#listener = await this.#deps.db.listen(YJS_CHANNEL, (p) => this.#onRelay(p));
    this.#prune = setInterval(() => {
      this.#deps.db.sql`delete from ca_yjs_update where at < now() - interval '5 minutes'`
        .catch((err) => logError("live: falha ao limpar ca_yjs_update", err));
    }, 60_000);
  }

  async stop() {
    this.#stopped = true;
    clearInterval(this.#prune);
    for (const room of [...this.rooms.values()]) {
      for (const c of [...room.conns]) this.close(c, CLOSE.shutdown, "server shutting down");
    }
    await this.#listener?.unlisten().catch(() => {});
  }

  /** Sessions behind the open Yjs sockets (for the periodic session re-check). */
  actors(): Auth[] {
    return [...this.rooms.values()].flatMap((r) => [...r.conns].map((c) => c.auth));
  }

  closeWhere(pred: (auth: Auth) => boolean) {
    for (const room of [...this.rooms.values()]) {
      for (const c of [...room.conns]) {
        if (pred(c.auth)) this.close(c, CLOSE.unauthorized, "session revoked");
      }
    }
  }

  /** Closes sockets silent for two heartbeats (clients renew awareness every 15 s). */
  heartbeat() {
    const limit = Math.max(2 * this.#heartbeatMs, 45_000);
    for (const room of [...this.rooms.values()]) {
      for (const c of [...room.conns]) {
        if (Date.now() - c.lastSeen > limit) this.close(c, CLOSE.timeout, "heartbeat timeout");
      }
    }
  }

  /** Refuses a socket the y-websocket way: permission-denied message, then close. */
  static deny(socket: BinarySocket, reason: string) {
    sendDenied(socket, reason);
    try {
      socket.close(CLOSE.unauthorized, "unauthorized");
    } catch { /* already gone */ }
  }

  /** The session could not be checked (database unreachable): y-websocket retries 4503. */
  static unavailable(socket: BinarySocket) {
    try {
      socket.close(CLOSE.unavailable, "try again later");
    } catch { /* already gone */ }
  }

  join(name: string, auth: Auth, socket: BinarySocket): YjsConn {
    const room = this.#room(name);
    const conn = new YjsConn(auth, room);
    conn.socket = socket;
    room.conns.add(conn);
    // Sync step 1 (our state vector) and everyone's presence, as y-websocket's server does.
    const enc = encoding.createEncoder();
    encoding.writeVarUint(enc, MSG_SYNC);
    syncProtocol.writeSyncStep1(enc, room.doc);
    this.#send(conn, encoding.toUint8Array(enc));
    const states = room.awareness.getStates();
    if (states.size) {
      this.#send(conn, awarenessFrame(room.awareness, [...states.keys()]));
    }
    return conn;
  }

  onMessage(conn: YjsConn, data: unknown) {
    if (conn.closed) return;
    conn.lastSeen = Date.now();
    try {
      if (!(data instanceof ArrayBuffer || data instanceof Uint8Array)) {
        return this.close(conn, CLOSE.abuse, "binary frames only");
      }
      const bytes = data instanceof Uint8Array ? data : new Uint8Array(data);
      if (bytes.byteLength > MAX_YJS_FRAME) {
        // Final close: the provider would resend the same update on every reconnect.
        sendDenied(
          conn.socket,
          `Atualização acima de ${MAX_YJS_FRAME} bytes; recarregue a página.`,
        );
        return this.close(conn, CLOSE.updateTooBig, "update too large");
      }
      const dec = decoding.createDecoder(bytes);
      const enc = encoding.createEncoder();
      const type = decoding.readVarUint(dec);
      const room = conn.room;
      if (type === MSG_SYNC) {
        encoding.writeVarUint(enc, MSG_SYNC);
        syncProtocol.readSyncMessage(dec, enc, room.doc, conn);
        if (encoding.length(enc) > 1) this.#send(conn, encoding.toUint8Array(enc));
      } else if (type === MSG_AWARENESS) {
        awarenessProtocol.applyAwarenessUpdate(
          room.awareness,
          decoding.readVarUint8Array(dec),
          conn,
        );
      } else if (type === MSG_QUERY_AWARENESS) {
        const ids = [...room.awareness.getStates().keys()];
        if (ids.length) this.#send(conn, awarenessFrame(room.awareness, ids));
      } else {
        this.close(conn, CLOSE.abuse, "unknown message type");
      }
    } catch (err) {
      // A malformed update from one client never reaches the others.
      logError("live: mensagem Yjs inválida", err);
      this.close(conn, CLOSE.abuse, "malformed message");
    }
  }

  close(conn: YjsConn, code?: number, reason?: string) {
    if (!conn.closed && code !== undefined) {
      try {
        conn.socket?.close(code, reason);
      } catch { /* already closed */ }
    }
    if (conn.closed) return;
    conn.closed = true;
    const room = conn.room;
    room.conns.delete(conn);
    if (conn.controlled.size) {
      awarenessProtocol.removeAwarenessStates(room.awareness, [...conn.controlled], null);
    }
    if (room.conns.size === 0) {
      room.awareness.destroy();
      room.doc.destroy();
      this.rooms.delete(room.name);
    }
  }

  #room(name: string): Room {
    const existing = this.rooms.get(name);
    if (existing) return existing;
    const doc = new Y.Doc({ gc: true });
    const awareness = new awarenessProtocol.Awareness(doc);
    awareness.setLocalState(null);
    const room: Room = { name, doc, awareness, conns: new Set() };
    doc.on("update", (update: Uint8Array, origin: unknown) => {
      const enc = encoding.createEncoder();
      encoding.writeVarUint(enc, MSG_SYNC);
      syncProtocol.writeUpdate(enc, update);
      const frame = encoding.toUint8Array(enc);
      for (const c of room.conns) this.#send(c, frame);
      if (origin !== RELAY) this.#publish(name, "u", update);
    });
    awareness.on(
      "update",
      (ch: { added: number[]; updated: number[]; removed: number[] }, origin: unknown) => {
        const changed = [...ch.added, ...ch.updated, ...ch.removed];
        if (origin instanceof YjsConn) {
          for (const id of ch.added) origin.controlled.add(id);
          for (const id of ch.removed) origin.controlled.delete(id);
        }
        const update = awarenessProtocol.encodeAwarenessUpdate(awareness, changed);
        const frame = wrapAwareness(update);
        for (const c of room.conns) this.#send(c, frame);
        if (origin !== RELAY) this.#publish(name, "a", update);
      },
    );
    this.rooms.set(name, room);
    // Ask the other instances for what this room already holds there.
    this.#publish(name, "q", new Uint8Array());
    return room;
  }

  #send(conn: YjsConn, frame: Uint8Array) {
    const s = conn.socket;
    if (conn.closed || !s || s.readyState !== 1) return;
    try {
      s.send(frame);
      if (s.bufferedAmount > 4 * 1024 * 1024) this.close(conn, CLOSE.tooSlow, "too slow");
    } catch {
      this.close(conn, 1011, "send failed");
    }
  }

  #publish(room: string, k: RelayMsg["k"], data: Uint8Array, t?: string) {
    if (this.#stopped) return;
    const db = this.#deps.db;
    const msg: RelayMsg = { i: this.instance, r: room, k, d: buffer.toBase64(data), t };
    const payload = JSON.stringify(msg);
    this.stats.published++;
    const done = payload.length <= NOTIFY_LIMIT
      ? db.sql`select pg_notify(${YJS_CHANNEL}, ${payload})`
      : db.begin(async (sql) => {
        this.stats.viaTable++;
        const [row] = await sql<{ id: number }>`
          insert into ca_yjs_update (room, instance, kind, data)
          values (${room}, ${this.instance}, ${k}, ${data}) returning id`;
        const small: RelayMsg = { i: this.instance, r: room, k, id: row.id, t };
        await sql`select pg_notify(${YJS_CHANNEL}, ${JSON.stringify(small)})`;
      });
    done.then(() => {}, (err) => logError("live: falha ao retransmitir Yjs", err));
  }

  async #onRelay(payload: string) {
    try {
      const msg = JSON.parse(payload) as RelayMsg;
      if (msg.i === this.instance || (msg.t && msg.t !== this.instance)) return;
      const room = this.rooms.get(msg.r);
      if (!room) return;
      this.stats.received++;
      if (msg.k === "q") {
        // A new copy of the room elsewhere: send it our whole state, addressed to it.
        this.#publish(room.name, "u", Y.encodeStateAsUpdate(room.doc), msg.i);
        const ids = [...room.awareness.getStates().keys()];
        if (ids.length) {
          const update = awarenessProtocol.encodeAwarenessUpdate(room.awareness, ids);
          this.#publish(room.name, "a", update, msg.i);
        }
        return;
      }
      let data: Uint8Array;
      if (msg.id !== undefined) {
        const [row] = await this.#deps.db.sql<{ data: Uint8Array }>`
          select data from ca_yjs_update where id = ${msg.id}`;
        if (!row) return;
        data = new Uint8Array(row.data);
      } else data = buffer.fromBase64(msg.d ?? "");
      if (room.conns.size === 0) return;
      if (msg.k === "u") Y.applyUpdate(room.doc, data, RELAY);
      else if (msg.k === "a") awarenessProtocol.applyAwarenessUpdate(room.awareness, data, RELAY);
    } catch (err) {
      logError("live: mensagem de retransmissão Yjs inválida", err);
    }
  }
}

/** y-protocols' permission-denied message: y-websocket logs its reason. */
function sendDenied(socket: BinarySocket | undefined, reason: string) {
  try {
    const enc = encoding.createEncoder();
    encoding.writeVarUint(enc, 2);
    authProtocol.writePermissionDenied(enc, reason);
    socket?.send(encoding.toUint8Array(enc));
  } catch { /* already gone */ }
}

function wrapAwareness(update: Uint8Array): Uint8Array {
  const enc = encoding.createEncoder();
  encoding.writeVarUint(enc, MSG_AWARENESS);
  encoding.writeVarUint8Array(enc, update);
  return encoding.toUint8Array(enc);
}

function awarenessFrame(awareness: awarenessProtocol.Awareness, ids: number[]) {
  return wrapAwareness(awarenessProtocol.encodeAwarenessUpdate(awareness, ids));
}
