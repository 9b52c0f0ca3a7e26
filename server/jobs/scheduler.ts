/**
 * Scheduled jobs. Each job is a function of the dependencies, registered once under a unique
 * name with how often it runs. `startJobs(deps)` schedules every registered job on `Deno.cron`
 * when the runtime has it (`--unstable-cron`, or `"unstable": ["cron"]` in deno.json) and on a
 * plain `setInterval` otherwise; it returns a function that stops them.
 *
 * Every server instance runs every job, so a job must be idempotent: record what it did in
 * `ca_job_execucao` (`insert (job, chave) … on conflict do nothing returning`) in the same
 * transaction as its effect, and skip when the insert returned nothing. Running a job twice, or
 * on two instances at once, then does its work once.
 *
 * Built-in jobs: `lembrete` (reminders, every 5 min) and `seguro` (insurance check 24 h before,
 * every 15 min). Environment: none of their own; they read `ca_clinica_configuracao` and the
 * NOTIFY_* settings through the outbox worker.
 *
 * Adding a job from another module (e.g. the backlog's proposal expiry): call `registerJob` at
 * the top level of a module that `server/main.ts` loads (your `routes.ts`, or a file it
 * imports). A job registered after `startJobs` is scheduled at once.
 *
 * @example
 * // server/modules/backlog/expiry_job.ts, imported by backlog/routes.ts
 * registerJob("proposta_expirada", { everyMinutes: 1 }, async ({ db }) => {
 *   const expired = await expireProposals(db); // one transaction per item, with its ca_evento
 *   return { processados: expired };
 * });
 *
 * // tests
 * await runJobOnce(ctx.deps, "proposta_expirada");
 */
import type { Deps } from "../app_env.ts";
import { JOB_LIMPEZA, runLimpeza } from "./limpeza.ts";
import { loggedJob } from "../ops/job_log.ts";
import { runLembretes } from "./lembretes.ts";
import { runVerificacaoSeguros } from "./seguros.ts";

export type JobDeps = Pick<Deps, "db" | "config">;

/** How often a job runs: every N minutes (1–59), or every N hours when N is a multiple of 60. */
export interface JobSchedule {
  everyMinutes: number;
}

/** What a run did, for logs and tests. */
export type JobResult = Record<string, number> | void;

export type JobFn = (deps: JobDeps) => Promise<JobResult>;

interface Job {
  name: string;
  schedule: JobSchedule;
  fn: JobFn;
}

/**
 * `Deno.cron`, typed here because deno.json's `lib` leaves out the unstable declarations.
 * Undefined when the runtime was started without cron support.
 */
type DenoCron = (
  name: string,
  schedule: string,
  options: { signal?: AbortSignal },
  handler: () => Promise<void> | void,
) => Promise<void>;
const denoCron = () => (Deno as unknown as { cron?: DenoCron }).cron;

const registry = new Map<string, Job>();
let running: Scheduler | undefined;

/** The `Deno.cron` expression of a schedule (UTC). */
export function cronOf(schedule: JobSchedule): string {
  const n = schedule.everyMinutes;
  if (Number.isInteger(n) && n >= 1 && n <= 59) return n === 1 ? "* * * * *" : `*/${n} * * * *`;
  if (Number.isInteger(n) && n % 60 === 0 && n / 60 >= 1 && n / 60 <= 23) {
    const h = n / 60;
    return h === 1 ? "0 * * * *" : `0 */${h} * * *`;
  }
  throw new Error(`Agendamento de job inválido: a cada ${n} minutos (use 1–59 ou horas inteiras).`);
}

/**
 * Registers a job under a unique name. Throws when the name is taken or the schedule invalid.
 * When jobs are already running, the new one starts at once.
 */
export function registerJob(name: string, schedule: JobSchedule, fn: JobFn): void {
  if (!/^[a-z][a-z0-9_]*$/.test(name)) throw new Error(`Nome de job inválido: ${name}`);
  if (registry.has(name)) throw new Error(`Job já registrado: ${name}`);
  cronOf(schedule);
  const job = { name, schedule, fn };
  registry.set(name, job);
  running?.schedule(job);
}

/** Names of the registered jobs. */
export function jobNames(): string[] {
  return [...registry.keys()];
}

/** Runs one job now, once (tests, manual runs). Throws when the name is unknown. */
export async function runJobOnce(deps: JobDeps, name: string): Promise<JobResult> {
  const job = registry.get(name);
  if (!job) throw new Error(`Job desconhecido: ${name}`);
  return await job.fn(deps);
}

class Scheduler {
  #abort = new AbortController();
  #timers: ReturnType<typeof setInterval>[] = [];
  #inFlight = new Map<string, Promise<void>>();

  constructor(readonly deps: JobDeps, readonly useCron: boolean, readonly minuteMs: number) {}

  /** One run at a time per job in this process; a tick that finds it busy is skipped. */
  #run(job: Job): Promise<void> {
    if (this.#abort.signal.aborted) return Promise.resolve();
    const busy = this.#inFlight.get(job.name);
    if (busy) return busy;
    const p = loggedJob(job.name, () => job.fn(this.deps), { log: this.deps.config.logRequests })
      .then(() => {})
      .catch((err) => console.error(`jobs: ${job.name} failed`, err))
      .finally(() => this.#inFlight.delete(job.name));
    this.#inFlight.set(job.name, p);
    return p;
  }

  schedule(job: Job) {
    if (this.useCron) {
      try {
        // Deno.cron names allow letters, digits, spaces, hyphens and underscores only.
        denoCron()!(
          `command-agenda-${job.name}`,
          cronOf(job.schedule),
          { signal: this.#abort.signal },
          () => this.#run(job),
        ).catch((err: unknown) => console.error(`jobs: Deno.cron failed for ${job.name}`, err));
      } catch (err) {
        console.error(`jobs: could not register ${job.name} on Deno.cron`, err);
      }
    } else {
      this.#timers.push(
        setInterval(() => this.#run(job), job.schedule.everyMinutes * this.minuteMs),
      );
    }
  }

  async stop() {
    this.#abort.abort();
    for (const t of this.#timers) clearInterval(t);
    await Promise.all(this.#inFlight.values());
  }
}

/**
 * Schedules every registered job. `useCron` defaults to whether `Deno.cron` exists; `minuteMs`
 * (tests only) shortens the minute of the `setInterval` fallback. Only one scheduler runs per
 * process; the returned function stops it and waits for runs in flight.
 */
export function startJobs(
  deps: JobDeps,
  opts: { useCron?: boolean; minuteMs?: number } = {},
): () => Promise<void> {
  if (running) throw new Error("Os jobs já foram iniciados neste processo.");
  const useCron = opts.useCron ?? typeof denoCron() === "function";
  if (useCron && !denoCron()) throw new Error("Deno.cron indisponível: rode com --unstable-cron.");
  const scheduler = new Scheduler(deps, useCron, opts.minuteMs ?? 60_000);
  running = scheduler;
  for (const job of registry.values()) scheduler.schedule(job);
  return async () => {
    if (running === scheduler) running = undefined;
    await scheduler.stop();
  };
}

registerJob("lembrete", { everyMinutes: 5 }, runLembretes);
registerJob("seguro", { everyMinutes: 15 }, runVerificacaoSeguros);
registerJob(JOB_LIMPEZA, { everyMinutes: 60 }, runLimpeza);
