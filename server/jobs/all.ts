/**
 * Every scheduled job of the server, in one list. `server/main.ts` registers them explicitly
 * (`registerJobs(JOBS)`); no module registers a job by being imported.
 *
 * @example
 * await runJobOnce(ctx.deps, "lembrete"); // tests, manual runs
 */
import { EXPIRY_JOB } from "../modules/backlog/expiry_job.ts";
import { runLembretes } from "./lembretes.ts";
import { JOB_LIMPEZA, runLimpeza } from "./limpeza.ts";
import type { Job, JobDeps, JobResult } from "./scheduler.ts";
import { runVerificacaoSeguros } from "./seguros.ts";

export const JOBS: readonly Job[] = [
  /** Reminders before each consultation. */
  { name: "lembrete", schedule: { everyMinutes: 5 }, fn: runLembretes },
  /** Insurance check 24 h before. */
  { name: "seguro", schedule: { everyMinutes: 15 }, fn: runVerificacaoSeguros },
  /** Proposals past their deadline go back to the queue. */
  EXPIRY_JOB,
  /** Prunes stale rate-limit windows, sessions and job runs. */
  { name: JOB_LIMPEZA, schedule: { everyMinutes: 60 }, fn: runLimpeza },
];

/** Runs one job of the list now, once. Throws when the name is unknown. */
export async function runJobOnce(deps: JobDeps, name: string): Promise<JobResult> {
  const job = JOBS.find((j) => j.name === name);
  if (!job) throw new Error(`Job desconhecido: ${name}`);
  return await job.fn(deps);
}
