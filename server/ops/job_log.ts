/**
 * One JSON log line and one metrics sample per scheduled job run: name, outcome, time and what
 * the job reported it did (counts only, e.g. `{ enviados: 3 }`). Rethrows, so the scheduler's own
 * error handling stays as it is.
 */
import type { JobResult } from "../jobs/scheduler.ts";
import { logLine } from "./log.ts";
import { countJobRun } from "./metrics.ts";

export async function loggedJob(
  name: string,
  run: () => Promise<JobResult>,
  opts: { log: boolean },
): Promise<JobResult> {
  const started = performance.now();
  const ms = () => Math.round((performance.now() - started) * 10) / 10;
  try {
    const result = await run();
    countJobRun(name, true);
    if (opts.log) logLine({ msg: "job", job: name, ok: true, ms: ms(), result: result ?? null });
    return result;
  } catch (err) {
    countJobRun(name, false);
    if (opts.log) {
      // The error's class and Postgres code only: a message may quote a row's values.
      const e = err as { name?: string; code?: string };
      logLine({ msg: "job", job: name, ok: false, ms: ms(), error: e?.code ?? e?.name ?? "Error" });
    }
    throw err;
  }
}
