/**
 * The zod-free part of the live protocol (`protocol.ts` documents it and re-exports all of this):
 * the constants, and `readServerMsg`, a plain check of a server frame that the browser's live
 * client (`client-shared/live_client.ts`) uses instead of `ServerMsg.safeParse`, so the patient
 * portal's live connection does not download and run zod (≈ 28 KB gzip). It accepts exactly the
 * frames `ServerMsg` accepts (`protocol_lite_test.ts` compares both on valid and broken frames);
 * unlike zod it keeps unknown keys, which the client ignores.
 *
 * @example
 * const msg = readServerMsg(JSON.parse(frame)); // null when the frame is not a server message
 */
import type { ServerMsg } from "./protocol.ts";
import { EVENT_KINDS } from "../events/kinds.ts";

export const LIVE_SUBPROTOCOL = "ca-live.v1";
export const YJS_SUBPROTOCOL = "ca-yjs.v1";
export const BEARER_PREFIX = "bearer.";
export const MAX_FRAME_BYTES = 16 * 1024;
export const MAX_TOPICS = 50;
export const AUTH_TIMEOUT_MS = 10_000;

export const CLOSE = {
  shutdown: 1001,
  tooBig: 1009,
  /** Final: the token is invalid, expired or its session revoked. */
  unauthorized: 4401,
  /** Final: a Yjs update over `MAX_YJS_FRAME` would be resent on every reconnect. */
  updateTooBig: 4413,
  abuse: 4500,
  /** The database could not be reached while authenticating: try again later. */
  unavailable: 4503,
  timeout: 4508,
  tooSlow: 4529,
} as const;

/** Close codes after which a client must not reconnect (same rule as y-websocket 3.1). */
export const isFinalClose = (code: number) => code >= 4400 && code < 4500;

const KINDS = new Set<string>(EVENT_KINDS);
// deno-lint-ignore no-explicit-any
type Obj = Record<string, any>;
const str = (v: unknown): v is string => typeof v === "string";
const num = (v: unknown): v is number => typeof v === "number" && Number.isFinite(v);
const strs = (v: unknown) => Array.isArray(v) && v.every(str);
/** The optional `re` (answer to `n`): absent, or a safe non-negative integer. */
const re = (m: Obj) => m.re === undefined || (Number.isSafeInteger(m.re) && (m.re as number) >= 0);

const CHECKS: Record<string, (m: Obj) => boolean> = {
  event: (m) =>
    num(m.id) && str(m.kind) && KINDS.has(m.kind) && str(m.entity) && str(m.entity_id) &&
    strs(m.topics) && str(m.at),
  ready: (m) =>
    re(m) && num(m.head) && typeof m.actor === "object" && m.actor !== null &&
    (m.actor.kind === "admin" || m.actor.kind === "paciente") && str(m.actor.nome),
  subscribed: (m) => re(m) && strs(m.topics) && num(m.head),
  reload: (m) => str(m.reason),
  ping: (m) => num(m.t),
  pong: (m) => re(m),
  renewed: (m) =>
    re(m) && strs(m.held) && Array.isArray(m.lost) &&
    m.lost.every((l: unknown) =>
      typeof l === "object" && l !== null && str((l as Obj).resource) &&
      ((l as Obj).holder_nome === null || str((l as Obj).holder_nome))
    ),
  error: (m) => re(m) && str(m.code) && str(m.message),
};

/** The frame as a `ServerMsg`, or null when it is not one (same acceptance as the zod schema). */
export function readServerMsg(raw: unknown): ServerMsg | null {
  if (typeof raw !== "object" || raw === null || Array.isArray(raw)) return null;
  const m = raw as Obj;
  const check = Object.hasOwn(CHECKS, m.type) ? CHECKS[m.type] : undefined;
  return check?.(m) ? (m as ServerMsg) : null;
}
