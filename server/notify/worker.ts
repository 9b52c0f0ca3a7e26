/**
 * The outbox delivery worker. Every server instance runs one; they share the work through
 * Postgres, never through memory.
 *
 * - Claim: one statement picks due rows (`pendente` whose `proxima_tentativa_em` has come, or
 *   `enviando` whose lease ran out because its sender died) `for update skip locked`, in small
 *   batches, and marks them `enviando` with `tentativas + 1` and a lease
 *   (`proxima_tentativa_em = now() + lease`). Two instances never claim the same row.
 * - Send: the driver of the row's canal (see `drivers/select.ts`, NOTIFY_DRIVER).
 * - Settle, only if the row is still ours (same status and attempt number):
 *   success → `enviada` + provider_id + sent_at; retryable failure → back to `pendente` at
 *   `now() + min(30 s × 2^(tentativas − 1), 1 h)` with `ultimo_erro`; a permanent failure (4xx
 *   other than 408/429) or the last attempt (6) → `falhou`, which writes a `notificacao.falhada`
 *   event on the `admin` topic. Other status changes write no event: they are infrastructure.
 * - Wake-up: every `intervalMs`, and at once when `enqueue` commits (LISTEN `ca_notificacao`).
 *
 * Secrets (`secrets.ts`): the driver gets the real text from `ca_notificacao_segredo`, which a
 * real provider's `enviada` deletes; `ca_notificacao` only ever holds the masked text.
 *
 * Delivery is at least once: a sender that dies after the provider accepted a message but
 * before it recorded `enviada` leaves the row to be sent again when its lease expires.
 *
 * Environment: NOTIFY_DRIVER (outbox | whapi | mailjet | live), WHAPI_URL, WHAPI_TOKEN,
 * MAILJET_URL, MAILJET_API_KEY, MAILJET_API_SECRET, MAIL_FROM (see `server/config.ts`).
 *
 * @example
 * const stop = startWorker(deps, { intervalMs: 5_000 });
 * // on shutdown
 * await stop();
 */
import type { Deps } from "../app_env.ts";
import type { Sql } from "../db/db.ts";
import { recordEvent, SYSTEM } from "../events/record.ts";
import { driversFor } from "./drivers/select.ts";
import { type Canal, type Delivery, DeliveryError, type NotifyDriver } from "./drivers/types.ts";
import { listenWork } from "../db/commit.ts";
import { logError } from "../ops/log.ts";
import { TOPIC } from "../events/topics.ts";
import { lit } from "../db/sql.ts";
import { NOTIFICACAO, NOTIFICACAO_EM_ABERTO } from "../shared/statuses.ts";

export type WorkerDeps = Pick<Deps, "db" | "config">;

export interface WorkerOptions {
  /** Rows claimed per statement. */
  batchSize?: number;
  /** Attempts before a row is given up as `falhou`. */
  maxAttempts?: number;
  /** First retry delay; doubles on each attempt. */
  baseDelayMs?: number;
  /** Longest retry delay. */
  maxDelayMs?: number;
  /** How long a claimed row belongs to its sender before another instance may retry it. */
  leaseMs?: number;
  /** Drivers per canal; built from the configuration when omitted. */
  drivers?: Record<Canal, NotifyDriver>;
}

export const WORKER_DEFAULTS = {
  batchSize: 10,
  maxAttempts: 6,
  baseDelayMs: 30_000,
  maxDelayMs: 3_600_000,
  leaseMs: 5 * 60_000,
} as const;

export interface RunResult {
  claimed: number;
  enviadas: number;
  reagendadas: number;
  falharam: number;
}

/**
 * Delay before the next attempt, after `tentativas` attempts were made.
 *
 * @example
 * backoffMs(1) // 30_000
 * backoffMs(3) // 120_000
 */
export function backoffMs(
  tentativas: number,
  opts: { baseDelayMs?: number; maxDelayMs?: number } = {},
): number {
  const base = opts.baseDelayMs ?? WORKER_DEFAULTS.baseDelayMs;
  const max = opts.maxDelayMs ?? WORKER_DEFAULTS.maxDelayMs;
  return Math.min(base * 2 ** Math.max(0, tentativas - 1), max);
}

interface Claimed extends Delivery {
  tentativas: number;
}

async function claim(sql: Sql, batchSize: number, leaseMs: number): Promise<Claimed[]> {
  return await sql<Claimed>`
    with due as (
      select notificacaoid from ca_notificacao
      where status in (${lit(NOTIFICACAO_EM_ABERTO)}) and proxima_tentativa_em <= now()
      order by proxima_tentativa_em, notificacaoid
      limit ${batchSize}
      for update skip locked
    )
    update ca_notificacao n
    set status = ${lit(NOTIFICACAO.enviando)}, tentativas = n.tentativas + 1,
        proxima_tentativa_em = now() + make_interval(secs => ${leaseMs / 1000})
    from due
    where n.notificacaoid = due.notificacaoid
    returning n.notificacaoid, n.canal, n.destino, n.template, n.assunto,
              coalesce((select s.corpo from ca_notificacao_segredo s
                        where s.notificacaoid = n.notificacaoid), n.corpo) as corpo,
              n.idempotency_key as "idempotencyKey", n.tentativas`;
}

/** `where` of every settle: the row is still the one this sender claimed. */
const ours = (sql: Sql, row: Claimed) =>
  sql`notificacaoid = ${row.notificacaoid} and status = ${lit(NOTIFICACAO.enviando)}
      and tentativas = ${row.tentativas}`;

/**
 * Marks a row delivered. When a real provider delivered it, its secrets leave the database: the
 * recipient has them. With the `outbox` driver nothing was delivered, so they stay in
 * ca_notificacao_segredo (never readable through the API) for whoever runs the demo server.
 */
async function markSent(sql: Sql, row: Claimed, providerId: string, scrub: boolean) {
  const done = await sql`
    update ca_notificacao
    set status = ${lit(NOTIFICACAO.enviada)}, provider_id = ${providerId}, sent_at = now(),
        proxima_tentativa_em = now()
    where ${ours(sql, row)}
    returning notificacaoid`;
  if (done.length && scrub) {
    await sql`delete from ca_notificacao_segredo where notificacaoid = ${row.notificacaoid}`;
  }
}

async function markRetry(sql: Sql, row: Claimed, error: string, delayMs: number) {
  await sql`
    update ca_notificacao
    set status = ${lit(NOTIFICACAO.pendente)}, ultimo_erro = ${error},
        proxima_tentativa_em = now() + make_interval(secs => ${delayMs / 1000})
    where ${ours(sql, row)}`;
}

async function markFailed(deps: WorkerDeps, row: Claimed, error: string) {
  await deps.db.begin(async (sql) => {
    const [after] = await sql<{ notificacaoid: number; pacienteid: number | null }>`
      update ca_notificacao
      set status = ${lit(NOTIFICACAO.falhou)}, ultimo_erro = ${error}, proxima_tentativa_em = now()
      where ${ours(sql, row)}
      returning notificacaoid, canal, destino, template, tentativas, ultimo_erro, pacienteid,
                usuarioid`;
    if (!after) return;
    await recordEvent(sql, SYSTEM, {
      kind: "notificacao.falhada",
      entity: "notificacao",
      entityId: row.notificacaoid,
      topics: [TOPIC.admin],
      before: { status: NOTIFICACAO.enviando },
      after: { ...after, status: NOTIFICACAO.falhou },
    });
  });
}

type Outcome = "enviada" | "reagendada" | "falhou";

async function deliver(
  deps: WorkerDeps,
  drivers: Record<Canal, NotifyDriver>,
  opts: Required<Omit<WorkerOptions, "drivers">>,
  row: Claimed,
): Promise<Outcome> {
  if (row.tentativas > opts.maxAttempts) {
    // Only a row whose sender died on its last attempt gets here.
    await markFailed(deps, row, "Envio interrompido na última tentativa.");
    return "falhou";
  }
  const driver = drivers[row.canal];
  let providerId: string;
  try {
    ({ providerId } = await driver.send(row));
  } catch (err) {
    const permanent = err instanceof DeliveryError && err.permanent;
    const message = (err instanceof Error ? err.message : String(err)).slice(0, 1000);
    if (!(err instanceof DeliveryError)) logError("notify: unexpected driver error", err);
    if (permanent || row.tentativas >= opts.maxAttempts) {
      await markFailed(deps, row, message);
      return "falhou";
    }
    await markRetry(deps.db.sql, row, message, backoffMs(row.tentativas, opts));
    return "reagendada";
  }
  // Outside the try: a database error here must not count as a failed send (the lease
  // expires and the row is retried, at least once).
  await markSent(deps.db.sql, row, providerId, driver.name !== "outbox");
  return "enviada";
}

/** Claims and delivers one batch. Tests call it directly; `startWorker` calls it in a loop. */
export async function runOnce(deps: WorkerDeps, options: WorkerOptions = {}): Promise<RunResult> {
  const opts = { ...WORKER_DEFAULTS, ...options };
  const drivers = options.drivers ?? driversFor(deps.config);
  const rows = await claim(deps.db.sql, opts.batchSize, opts.leaseMs);
  const outcomes = await Promise.allSettled(
    rows.map((row) => deliver(deps, drivers, opts, row)),
  );
  const result: RunResult = { claimed: rows.length, enviadas: 0, reagendadas: 0, falharam: 0 };
  for (const o of outcomes) {
    if (o.status === "rejected") {
      // A database error while settling: the lease expires and the row is retried.
      logError("notify: could not settle a notification", o.reason);
    } else if (o.value === "enviada") result.enviadas++;
    else if (o.value === "reagendada") result.reagendadas++;
    else result.falharam++;
  }
  return result;
}

/**
 * Starts delivering in the background. Throws at once when NOTIFY_DRIVER names a provider whose
 * credentials are missing. Returns a function that stops the worker and waits for the batch in
 * flight.
 */
export function startWorker(
  deps: WorkerDeps,
  options: WorkerOptions & { intervalMs?: number } = {},
): () => Promise<void> {
  const { intervalMs = 5_000, ...rest } = options;
  const opts = { ...rest, drivers: rest.drivers ?? driversFor(deps.config) };
  const batchSize = opts.batchSize ?? WORKER_DEFAULTS.batchSize;
  let stopped = false;
  let pending = false;
  let running: Promise<void> | undefined;

  const drain = async () => {
    do {
      pending = false;
      // Keep going while batches come back full: a backlog drains without waiting a tick.
      for (let i = 0; i < 100 && !stopped; i++) {
        const r = await runOnce(deps, opts);
        if (r.claimed < batchSize) break;
      }
    } while (pending && !stopped);
  };

  const tick = () => {
    if (stopped) return;
    if (running) {
      pending = true;
      return;
    }
    running = drain()
      .catch((err) => logError("notify: worker run failed", err))
      .finally(() => running = undefined);
  };

  const timer = setInterval(tick, intervalMs);
  const listener = listenWork(deps.db, "notificacao", tick, tick).catch((err) => {
    logError("notify: LISTEN failed, polling only", err);
    return undefined;
  });
  tick();

  return async () => {
    stopped = true;
    clearInterval(timer);
    await (await listener)?.unlisten();
    await running;
  };
}
