/**
 * The one NOTIFY of a committed transaction (triggers of migration 200): on `COMMIT_CHANNEL`,
 * with a payload naming the kinds of work the transaction left, in a fixed order, space
 * separated (`"evento notificacao"`). Writers never call `pg_notify`: inserting a `ca_evento` or
 * `ca_notificacao` row, or ending a session, is enough, however many statements do it.
 *
 * @example
 * await listenWork(db, "evento", () => feed.poke(), () => feed.poke());
 */
import type { Db, Listener } from "./db.ts";

export const COMMIT_CHANNEL = "ca_commit";

/** What a commit may leave for listeners; the words of the payload. */
export const WORK = ["evento", "notificacao", "sessao"] as const;
export type Work = typeof WORK[number];

/** Whether a `COMMIT_CHANNEL` payload names `work`. */
export const hasWork = (payload: string, work: Work): boolean => payload.split(" ").includes(work);

/**
 * Calls `fn` after each commit that left `work`, and `onReconnect` after the driver restored a
 * lost LISTEN (the caller catches up on what it may have missed).
 */
export function listenWork(
  db: Db,
  work: Work,
  fn: () => void,
  onReconnect?: () => void,
): Promise<Listener> {
  return db.listen(COMMIT_CHANNEL, (payload) => {
    if (hasWork(payload, work)) fn();
  }, onReconnect);
}
