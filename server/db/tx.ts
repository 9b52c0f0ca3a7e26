/**
 * Booking transactions. Paths that free places lock rows in different orders (a refusal locks
 * its backlog item, then the agendamento, then the slot; a mass cancellation locks the slots
 * first), so Postgres may, rarely, pick one of two racing transactions as a deadlock victim.
 * The victim rolled back entirely, so running it again is safe: retry a few times before the
 * shared handler answers 409 `conflito_concorrente`.
 */
import type { Db, Sql } from "./db.ts";
import { pgError } from "../http/errors.ts";

const RETRYABLE = new Set(["40P01", "40001"]);

export async function tx<T>(db: Db, fn: (sql: Sql) => Promise<T>, attempts = 3): Promise<T> {
  for (let i = 1;; i++) {
    try {
      return await db.begin(fn);
    } catch (err) {
      if (i >= attempts || !RETRYABLE.has(pgError(err).code ?? "")) throw err;
      await new Promise((r) => setTimeout(r, 10 + Math.random() * 40 * i));
    }
  }
}
