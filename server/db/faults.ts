/**
 * Database faults as the HTTP and live layers see them: which errors mean "the database is
 * unreachable right now" (answer 503 `banco_indisponivel`, retry later), and which of those are
 * safe to retry at once because the statement cannot have run.
 *
 * postgres.js reports a lost or refused connection either as a Node-style socket error
 * (`ECONNRESET`, `EPIPE`, "This socket has been ended by the other party"), as one of its own
 * codes (`CONNECTION_CLOSED`, `CONNECTION_DESTROYED`, `CONNECT_TIMEOUT`, …) or as a server
 * `ErrorResponse` with a class 57/08/53 SQLSTATE (`57P01` terminated by administrator, `57P03`
 * cannot connect now, `53300` too many connections, `55000` database not accepting connections).
 */

/** SQLSTATEs that mean the server (or this database) is going away or refusing us. */
const UNAVAILABLE_SQLSTATE = new Set([
  "57P01", // admin_shutdown: pg_terminate_backend, fast shutdown
  "57P02", // crash_shutdown
  "57P03", // cannot_connect_now: starting up / shutting down
  "57P05", // idle_session_timeout
  "53300", // too_many_connections (also `connection limit` reached)
  "3D000", // database does not exist (dropped under us)
]);

/** Errors raised before the statement left this process: safe to retry, even a write. */
const NEVER_SENT = new Set([
  "ECONNREFUSED",
  "ENOTFOUND",
  "EHOSTUNREACH",
  "ENETUNREACH",
  "EPIPE",
  "CONNECT_TIMEOUT",
  "CONNECTION_ENDED",
  "57P03",
  "53300",
  "3D000",
]);

const REFUSED = new Set([
  "ECONNREFUSED",
  "ENOTFOUND",
  "EHOSTUNREACH",
  "ENETUNREACH",
  "CONNECT_TIMEOUT",
  "57P03",
  "53300",
  "3D000",
]);

/** Errors of a connection that broke while the statement may have been running. */
const LOST = new Set([
  "ECONNRESET",
  "ETIMEDOUT",
  "CONNECTION_CLOSED",
  "CONNECTION_DESTROYED",
  "ERR_SOCKET_CLOSED",
  "ERR_STREAM_WRITE_AFTER_END",
  "ERR_STREAM_DESTROYED",
]);

function codeOf(err: unknown): string | undefined {
  const e = err as { code?: unknown; errno?: unknown } | undefined;
  const code = e?.code ?? e?.errno;
  return typeof code === "string" ? code : undefined;
}

function messageOf(err: unknown): string {
  return String((err as { message?: unknown } | undefined)?.message ?? "");
}

/** A write on a socket the other side already closed never reached the server. */
const ENDED_SOCKET = /socket has been ended|write after end|socket is closed|broken pipe/i;
const NOT_ACCEPTING = /not currently accepting connections|too many connections/i;

/** The statement provably never reached the server (connect failed, dead socket on write). */
export function neverSent(err: unknown): boolean {
  const code = codeOf(err);
  if (code && NEVER_SENT.has(code)) return true;
  // 55000 is also raised mid-query for other reasons; only its connection-time message counts.
  if (code === "55000" && NOT_ACCEPTING.test(messageOf(err))) return true;
  return ENDED_SOCKET.test(messageOf(err));
}

/** The server refused a new connection (down, starting, not accepting, full). */
export function isRefused(err: unknown): boolean {
  const code = codeOf(err);
  if (code === "55000") return NOT_ACCEPTING.test(messageOf(err));
  return code !== undefined && REFUSED.has(code);
}

/** The database is unreachable or dropped the connection: a transient condition, never a 500. */
export function isDbUnavailable(err: unknown): boolean {
  if (neverSent(err)) return true;
  const code = codeOf(err);
  if (!code) return /ECONNRESET|connection (terminated|closed|reset)/i.test(messageOf(err));
  if (UNAVAILABLE_SQLSTATE.has(code) || LOST.has(code)) return true;
  // Class 08: connection exceptions reported by the server.
  return code.length === 5 && code.startsWith("08");
}

/** Statements whose repetition changes nothing: plain reads. */
const READ = /^\s*(\(\s*)*(select|with|values|show|table)\b/i;
const SIDE_EFFECT =
  /\b(insert|update|delete|merge|nextval|setval|pg_notify|pg_advisory\w*|for\s+(no\s+key\s+)?update|for\s+share|lock)\b/i;

export function isReadOnly(text: string): boolean {
  return READ.test(text) && !SIDE_EFFECT.test(text);
}

/** Seconds a client should wait before retrying after a 503 `banco_indisponivel`. */
export const RETRY_AFTER_SEC = 2;
