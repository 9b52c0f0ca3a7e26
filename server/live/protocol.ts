/**
 * The live WebSocket protocol (`GET /api/live/ws`), shared by the server and the clients
 * (`client-shared/live_client.ts`). Depends on zod only, so it bundles into the browser.
 *
 * Frames are JSON text, one message each, at most `MAX_FRAME_BYTES`. Every client message may
 * carry a number `n`; the server's direct answer to it carries `re: n`.
 *
 * Authentication: the JWT (admin or paciente) travels either in `Sec-WebSocket-Protocol`
 * (`["ca-live.v1", "bearer.<jwt>"]`, the server answers `ca-live.v1`) or in the first message
 * `{type:"auth", token}` (within `AUTH_TIMEOUT_MS`). Never in the URL.
 *
 * Client → server
 * - `auth {token}`                     → `ready {actor, head}`, close 4401 (refused) or 4503
 * - `subscribe {topics, since?}`       replaces the subscription; the server sends every matching
 *                                        event with id > since (`event` frames, in id order), then
 *                                        `subscribed {topics, head}`, then live events. `since` too
 *                                        old (24 h or `MAX_BEHIND` events) → `reload`.
 * - `ping`                             → `pong`
 * - `pong`                             answer to the server's `ping`
 * - `renew {resources}`                (admin) renews or re-takes leases held by this session
 *                                        → `renewed {held, lost}`
 *
 * Server → client
 * - `event {id, kind, entity, entity_id, topics, at, after?}` (`after` only for staff sockets)
 * - `reload {reason}`                  the client must reload its view (then resubscribe without
 *                                        `since`); sent before closing a client that fell behind
 * - `ping {t}` every heartbeat; no frame from the client for two heartbeats → close 4508
 * - `error {code, message, re?}`       the connection stays open unless a close follows
 *
 * Topics (`server/events/topics.ts`): `unidade:<id>`, `especialidade:<id>`, `medico:<id>`,
 * `paciente:<id>`, `data:<YYYY-MM-DD>`, `data:<YYYY-MM-DD>..<YYYY-MM-DD>` (≤ 366 days), `backlog`,
 * `config`, `admin`, `locks`, `pacientes`. A paciente may subscribe only to its own `paciente:<id>`; every other topic
 * needs a staff token. Events tagged `admin` never reach a paciente socket.
 *
 * Close codes. `y-websocket` (3.1) stops for good on 4400–4499 and retries everything else, and
 * `client-shared/live_client.ts` does the same, so only conditions a reconnect cannot fix use
 * that range: 4401 authentication failed or session revoked, 4413 Yjs update over the size limit.
 * Transient ones are retried with backoff: 4500 protocol abuse (too many bad frames), 4503 the
 * database was unreachable while authenticating, 4508 heartbeat or authentication timeout,
 * 4529 too slow (after `reload`), 1009 frame too big, 1001 server shutting down.
 *
 * @example
 * ws.send(JSON.stringify({ type: "subscribe", n: 1, topics: ["unidade:3", "data:2026-11-23"], since: 41 }));
 */
import { z } from "zod";
import { EVENT_KINDS } from "../events/kinds.ts";

// The constants and the server-frame check live in a zod-free module, so the browser's live
// client does not bundle zod (`protocol_lite.ts`); both are part of this protocol.
export {
  AUTH_TIMEOUT_MS,
  BEARER_PREFIX,
  CLOSE,
  isFinalClose,
  LIVE_SUBPROTOCOL,
  MAX_FRAME_BYTES,
  MAX_TOPICS,
  readServerMsg,
  YJS_SUBPROTOCOL,
} from "./protocol_lite.ts";
import { MAX_TOPICS } from "./protocol_lite.ts";

// ---------------------------------------------------------------------------- topics

// One vocabulary with the writers (`recordEvent` refuses a topic this parser would not accept).
export { parseTopic, type Topic } from "../events/topics.ts";
import type { Topic } from "../events/topics.ts";

/** Whether an actor may subscribe to `t`: staff to anything, a paciente to its own topic only. */
export function mayRead(
  actor: { kind: "admin" } | { kind: "paciente"; pacienteid: number },
  t: Topic,
): boolean {
  if (actor.kind === "admin") return true;
  return t.kind === "id" && t.entity === "paciente" && t.id === actor.pacienteid;
}

// ---------------------------------------------------------------------------- client → server

const N = z.number().int().nonnegative().max(Number.MAX_SAFE_INTEGER).optional();

export const AuthMsg = z.object({
  type: z.literal("auth"),
  n: N,
  token: z.string().min(1).max(4096),
});
export const SubscribeMsg = z.object({
  type: z.literal("subscribe"),
  n: N,
  topics: z.array(z.string().max(40)).max(MAX_TOPICS),
  since: z.number().int().nonnegative().max(Number.MAX_SAFE_INTEGER).nullish(),
});
export const PingMsg = z.object({ type: z.literal("ping"), n: N });
export const PongMsg = z.object({ type: z.literal("pong"), n: N, t: z.number().optional() });
export const RenewMsg = z.object({
  type: z.literal("renew"),
  n: N,
  resources: z.array(z.string().max(80)).max(100),
});

export const ClientMsg = z.discriminatedUnion("type", [
  AuthMsg,
  SubscribeMsg,
  PingMsg,
  PongMsg,
  RenewMsg,
]);
export type ClientMsg = z.infer<typeof ClientMsg>;

// ---------------------------------------------------------------------------- server → client

export const EventMsg = z.object({
  type: z.literal("event"),
  id: z.number(),
  kind: z.enum(EVENT_KINDS),
  entity: z.string(),
  entity_id: z.string(),
  topics: z.array(z.string()),
  at: z.string(),
  after: z.unknown().optional(),
});
export type EventMsg = z.infer<typeof EventMsg>;

export const ServerMsg = z.discriminatedUnion("type", [
  EventMsg,
  z.object({
    type: z.literal("ready"),
    re: N,
    actor: z.object({ kind: z.enum(["admin", "paciente"]), nome: z.string() }),
    head: z.number(),
  }),
  z.object({ type: z.literal("subscribed"), re: N, topics: z.array(z.string()), head: z.number() }),
  z.object({ type: z.literal("reload"), reason: z.string() }),
  z.object({ type: z.literal("ping"), t: z.number() }),
  z.object({ type: z.literal("pong"), re: N }),
  z.object({
    type: z.literal("renewed"),
    re: N,
    held: z.array(z.string()),
    lost: z.array(z.object({ resource: z.string(), holder_nome: z.string().nullable() })),
  }),
  z.object({ type: z.literal("error"), re: N, code: z.string(), message: z.string() }),
]);
export type ServerMsg = z.infer<typeof ServerMsg>;

// ---------------------------------------------------------------------------- leases over HTTP

export const LockResource = z.string().max(80).regex(
  /^[a-z_]+:[0-9A-Za-z_-]+$/,
  "Recurso inválido: use tipo:identificador (ex.: backlog:123).",
);

export const Lease = z.object({
  resource: z.string(),
  holder_sessao: z.string(),
  holder_usuarioid: z.number().nullable(),
  holder_nome: z.string(),
  acquired_at: z.string(),
  expires_at: z.string(),
});
export type Lease = z.infer<typeof Lease>;

// ---------------------------------------------------------------------------- yjs rooms

/** A Yjs room per view, e.g. `unidade:3:2026-11-23` or `backlog`. */
export const YjsRoom = z.string().min(1).max(100).regex(
  /^[a-z_]+(?::[0-9A-Za-z_.-]+){0,4}$/,
  "Sala inválida.",
);
