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
 * The jobs are listed in `server/jobs/all.ts`; `server/main.ts` registers them and calls
 * `scheduleJobs()` synchronously, before its first `await`: Deno Deploy only picks up `Deno.cron`
 * calls made while the entry module is evaluated. The cron handlers wait for the dependencies,
 * which `start(deps)` hands over once they are built.
 *
 * @example
 * // server/main.ts, before any await
 * registerJobs(JOBS);
 * const jobs = scheduleJobs();
 * // ... later, once deps exist
 * const stopJobs = jobs.start(deps);
 *
 * // tests
 * await runJobOnce(ctx.deps, "proposta_expirada"); // server/jobs/all.ts
 */
import type { Deps } from "../app_env.ts";
import { loggedJob } from "../ops/job_log.ts";
import { logError } from "../ops/log.ts";

export type JobDeps = Pick<Deps, "db" | "config">;

/** How often a job runs: every N minutes (1–59), or every N hours when N is a multiple of 60. */
export interface JobSchedule {
  everyMinutes: number;
}

/** What a run did, for logs and tests. */
export type JobResult = Record<string, number> | void;

export type JobFn = (deps: JobDeps) => Promise<JobResult>;

export interface Job {
  name: string;
  schedule: JobSchedule;
  fn: JobFn;
}

/**
 * `Deno.cron`, typed here because deno.json's `lib` leaves out the unstable declarations.
 * Undefined when the runtime was started without cron support.
 */
export type DenoCron = (
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

/** Registers a list of jobs (`server/jobs/all.ts`), each as `registerJob` does. */
export function registerJobs(jobs: readonly Job[]): void {
  for (const j of jobs) registerJob(j.name, j.schedule, j.fn);
}

/** Names of the registered jobs. */
export function jobNames(): string[] {
  return [...registry.keys()];
}

class Scheduler {
  #abort = new AbortController();
  #timers: ReturnType<typeof setInterval>[] = [];
  #inFlight = new Map<string, Promise<void>>();
  #crons: Promise<void>[] = [];
  #deps: JobDeps | undefined;
  #ready: Promise<JobDeps>;
  #resolve!: (deps: JobDeps) => void;

  constructor(
    readonly cron: DenoCron | undefined,
    readonly minuteMs: number,
  ) {
    this.#ready = new Promise((r) => this.#resolve = r);
  }

  /** One run at a time per job in this process; a tick that finds it busy is skipped. */
  #run(job: Job, deps: JobDeps): Promise<void> {
    if (this.#abort.signal.aborted) return Promise.resolve();
    const busy = this.#inFlight.get(job.name);
    if (busy) return busy;
    const p = loggedJob(job.name, () => job.fn(deps), { log: deps.config.logRequests })
      .then(() => {})
      .catch((err) => logError("jobs: run failed", err, { job: job.name }))
      .finally(() => this.#inFlight.delete(job.name));
    this.#inFlight.set(job.name, p);
    return p;
  }

  /** On cron: registered now (synchronously); runs wait for `start`. */
  schedule(job: Job) {
    if (this.cron) {
      try {
        // Deno.cron names allow letters, digits, spaces, hyphens and underscores only.
        this.#crons.push(
          this.cron(
            `command-agenda-${job.name}`,
            cronOf(job.schedule),
            { signal: this.#abort.signal },
            async () => this.#run(job, await this.#ready),
          ).catch((err: unknown) => logError("jobs: Deno.cron failed", err, { job: job.name })),
        );
      } catch (err) {
        logError("jobs: could not register on Deno.cron", err, { job: job.name });
      }
    } else if (this.#deps) {
      const deps = this.#deps;
      this.#timers.push(
        setInterval(() => this.#run(job, deps), job.schedule.everyMinutes * this.minuteMs),
      );
    }
  }

  start(deps: JobDeps, jobs: Iterable<Job>) {
    this.#deps = deps;
    this.#resolve(deps);
    if (!this.cron) { for (const job of jobs) this.schedule(job); }
  }

  async stop() {
    this.#abort.abort();
    for (const t of this.#timers) clearInterval(t);
    await Promise.all([...this.#inFlight.values(), ...this.#crons]);
  }
}

export interface ScheduledJobs {
  /** Hands the dependencies to the jobs (and starts the timers of the fallback). */
  start(deps: JobDeps): () => Promise<void>;
}

/**
 * Schedules every registered job: on `Deno.cron` when the runtime has it (registered now,
 * synchronously), else on `setInterval` once `start` is called. `useCron`/`cron` (tests) pick
 * or fake the cron API; `minuteMs` (tests only) shortens the fallback's minute. Only one
 * scheduler runs per process; the function `start` returns stops it and waits for runs in
 * flight.
 */
export function scheduleJobs(
  opts: { useCron?: boolean; cron?: DenoCron; minuteMs?: number } = {},
): ScheduledJobs {
  if (running) throw new Error("Os jobs já foram iniciados neste processo.");
  const useCron = opts.useCron ?? (opts.cron !== undefined || typeof denoCron() === "function");
  const cron = useCron ? opts.cron ?? denoCron() : undefined;
  if (useCron && !cron) throw new Error("Deno.cron indisponível: rode com --unstable-cron.");
  const scheduler = new Scheduler(cron, opts.minuteMs ?? 60_000);
  running = scheduler;
  for (const job of registry.values()) scheduler.schedule(job);
  return {
    start(deps) {
      scheduler.start(deps, registry.values());
      return async () => {
        if (running === scheduler) running = undefined;
        await scheduler.stop();
      };
    },
  };
}

/** `scheduleJobs(opts).start(deps)`, for callers that have their deps already. */
export function startJobs(
  deps: JobDeps,
  opts: { useCron?: boolean; cron?: DenoCron; minuteMs?: number } = {},
): () => Promise<void> {
  return scheduleJobs(opts).start(deps);
}
