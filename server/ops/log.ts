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
