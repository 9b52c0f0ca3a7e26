/**
 * Process-level safety for `server/main.ts`: a bounded shutdown on SIGTERM/SIGINT, and a last
 * resort against unhandled promise rejections (which end a Deno process by default).
 *
 * Shutdown never waits on the database without a bound: a server whose database is gone must
 * still exit. It stops accepting connections, closes the sockets, gives in-flight requests and
 * background work until `graceMs` to finish, then exits; a timer exits regardless at `hardMs`.
 *
 * @example
 * installShutdown({ server, stops: [stopJobs, stopWorker, () => live.stop()], db });
 */
import type { Db } from "./db/db.ts";
import { logError } from "./ops/log.ts";

export interface ShutdownParts {
  server: Deno.HttpServer;
  /** Background work to stop first (live hub, jobs, outbox worker), each bounded. */
  stops: Array<() => Promise<unknown>>;
  db: Db;
  graceMs?: number;
  hardMs?: number;
}

/** Resolves with `p`, or after `ms` whatever `p` does; never rejects. */
export function within(p: Promise<unknown>, ms: number): Promise<void> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  return Promise.race([
    p.then(() => {}, () => {}),
    new Promise<void>((resolve) => timer = setTimeout(resolve, ms)),
  ]).finally(() => clearTimeout(timer));
}

export function installShutdown(parts: ShutdownParts): (signal: string) => Promise<void> {
  const grace = parts.graceMs ?? 7000;
  const hard = parts.hardMs ?? 9000;
  let started = false;
  const shutdown = async (signal: string) => {
    if (started) return;
    started = true;
    console.info(`Encerrando (${signal}).`);
    const killer = setTimeout(() => {
      console.warn(`Encerramento forçado: trabalho pendente após ${hard} ms.`);
      Deno.exit(0);
    }, hard);
    Deno.unrefTimer(killer);
    const start = Date.now();
    const left = () => Math.max(0, grace - (Date.now() - start));
    // Stop accepting at once; in-flight requests finish while the rest stops.
    const served = parts.server.shutdown();
    // Sockets, jobs and the worker stop in parallel; each may be stuck on the database.
    await within(Promise.all(parts.stops.map((stop) => within(stop(), left()))), left());
    await within(served, left());
    await within(parts.db.close(), Math.min(2000, left()));
    Deno.exit(0);
  };
  try {
    Deno.addSignalListener("SIGINT", () => void shutdown("SIGINT"));
    Deno.addSignalListener("SIGTERM", () => void shutdown("SIGTERM"));
  } catch { /* platforms without signals (Deno Deploy) */ }
  return shutdown;
}

/**
 * Logs a rejection nobody handled instead of letting it end the process. The sources are fixed
 * (see `db/pg_arrays.ts`, `db/pg_listener.ts`); this stays as the last line of defence.
 */
export function installRejectionGuard(): void {
  globalThis.addEventListener("unhandledrejection", (e) => {
    e.preventDefault();
    logError("rejeição não tratada (processo segue)", e.reason);
  });
}
