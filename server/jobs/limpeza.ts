/**
 * Pruning (job `limpeza`, hourly): rows nothing reads any more, deleted in bounded batches so
 * a large backlog never holds one long transaction.
 *
 * - `ca_rate_limit`: windows that ended more than a day ago (the longest window is an hour).
 * - `ca_sessao`, `ca_sessao_paciente`: sessions expired more than a day ago (revoked or not: the
 *   token died with them; the day keeps them for a support look at a recent logout).
 * - `ca_senha_reset`: "esqueci minha senha" requests expired more than a day ago (a code lives
 *   5 minutes; the cooldown reads the last request of the minute).
 * - `ca_job_execucao`: idempotency rows older than 30 days. A reminder or insurance check runs
 *   at most 168 hours before its consultation, so by then the consultation has passed and no
 *   run can pick the same agendamento again.
 *
 * Deleting is idempotent, so several instances running it at once only share the work.
 */
import type { Sql } from "../db/db.ts";
import type { JobDeps } from "./scheduler.ts";

export const JOB_LIMPEZA = "limpeza";

const BATCH = 5000;

/** Deletes up to BATCH rows of `table` matching `stale`, repeatedly; answers how many. */
async function prune(sql: Sql, table: string, stale: string): Promise<number> {
  let total = 0;
  for (;;) {
    const rows = await sql`
      delete from ${sql.ident(table)} where ctid in (
        select ctid from ${sql.ident(table)} where ${sql.raw(stale)} limit ${BATCH})`;
    total += rows.count;
    if (rows.count < BATCH) return total;
  }
}

export async function runLimpeza({ db }: JobDeps) {
  return {
    rate_limit: await prune(db.sql, "ca_rate_limit", "janela < now() - interval '1 day'"),
    sessoes: await prune(db.sql, "ca_sessao", "expires_at < now() - interval '1 day'"),
    sessoes_paciente: await prune(
      db.sql,
      "ca_sessao_paciente",
      "expires_at < now() - interval '1 day'",
    ),
    senha_reset: await prune(db.sql, "ca_senha_reset", "expires_at < now() - interval '1 day'"),
    job_execucao: await prune(
      db.sql,
      "ca_job_execucao",
      "executado_em < now() - interval '30 days'",
    ),
  };
}
