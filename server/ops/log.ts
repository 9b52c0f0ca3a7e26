/**
 * Structured logs: one JSON object per line on stdout, for requests and job runs. Callers pass
 * only what is safe to keep: route patterns (never the raw path or query, which may carry a
 * CPF), ids, statuses and timings; never bodies, tokens or codes.
 *
 * @example
 * logLine({ msg: "job", job: "lembrete", ok: true, ms: 41 });
 */

/** Where lines go; tests swap it to capture them. */
let sink: (line: string) => void = (line) => console.log(line);

export function logLine(fields: Record<string, unknown>) {
  sink(JSON.stringify({ t: new Date().toISOString(), level: "info", ...fields }));
}

/** Replaces the sink and returns a function that restores the previous one. */
export function captureLogs(to: (line: string) => void): () => void {
  const previous = sink;
  sink = to;
  return () => {
    sink = previous;
  };
}

/** This process's name in `pg_stat_activity.application_name` (pool metrics). */
export const INSTANCE_NAME = `command-agenda/${crypto.randomUUID().slice(0, 8)}`;

/**
 * The safe description of an unexpected error: its class, SQLSTATE and stack frames. A Postgres
 * error's message, detail and parameters may quote row values (a CPF, a hash), so only its code
 * is kept; other errors keep their message (they come from our code, not from data).
 */
export function errorFields(err: unknown): Record<string, unknown> {
  const e = err as { name?: string; code?: unknown; message?: string; stack?: string };
  const sqlstate = typeof e?.code === "string" && /^[0-9A-Z]{5}$/.test(e.code) ? e.code : null;
  const frames = (e?.stack ?? "").split("\n").filter((l) => /^\s+at /.test(l)).slice(0, 8)
    .map((l) => l.trim());
  return {
    error: e?.name ?? typeof err,
    code: sqlstate ?? (typeof e?.code === "string" ? e.code : null),
    message: sqlstate ? null : (e?.message ?? String(err)).slice(0, 300),
    stack: frames,
  };
}

/**
 * One JSON error line for a failure outside a request (jobs, sockets, the outbox worker, the
 * LISTEN connection): the error's class, code and stack frames, never its message. Outside a
 * request nobody vouches for the text (a job's or a driver's message may quote a CPF, a phone or
 * a provider's answer), so only what cannot carry data goes out.
 *
 * @example
 * logError("notify: worker run failed", err);
 */
export function logError(msg: string, err: unknown, fields: Record<string, unknown> = {}) {
  const { message: _message, ...safe } = errorFields(err);
  sink(JSON.stringify({ t: new Date().toISOString(), level: "error", msg, ...fields, ...safe }));
}
