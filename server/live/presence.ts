/**
 * Live-socket presence per (admin session, instance) in `ca_live_presenca` (migration 151), so
 * a lease is kept while its session still has a socket on any instance, and released when the
 * last one anywhere closes.
 *
 * @example
 * await markPresent(db, instance, [auth.jti]);
 * if (!await presentElsewhere(db, instance, auth.jti, 31)) await releaseSession(db, auth, "desconectado");
 */
import type { Db } from "../db/db.ts";

/** Records (or refreshes) that this instance has sockets of these sessions. */
export async function markPresent(db: Db, instance: string, jtis: string[]): Promise<void> {
  if (!jtis.length) return;
  await db.sql`
    insert into ca_live_presenca (jti, instance)
    select unnest(${jtis}::uuid[]), ${instance}::uuid
    on conflict (jti, instance) do update set seen_at = now()`;
}

/** This instance has no socket of the session any more. */
export async function markGone(db: Db, instance: string, jti: string): Promise<void> {
  await db.sql`delete from ca_live_presenca where jti = ${jti} and instance = ${instance}`;
}

/** Whether another instance reported a socket of the session within `freshSec` seconds. */
export async function presentElsewhere(
  db: Db,
  instance: string,
  jti: string,
  freshSec: number,
): Promise<boolean> {
  const [row] = await db.sql`
    select 1 from ca_live_presenca
    where jti = ${jti} and instance <> ${instance}
      and seen_at > now() - make_interval(secs => ${freshSec}) limit 1`;
  return row !== undefined;
}

/** Forgets rows of instances gone for long (crashed without cleaning up). */
export async function purgeStale(db: Db, olderThanSec = 600): Promise<void> {
  await db.sql`
    delete from ca_live_presenca where seen_at < now() - make_interval(secs => ${olderThanSec})`;
}

export async function clearInstance(db: Db, instance: string): Promise<void> {
  await db.sql`delete from ca_live_presenca where instance = ${instance}`;
}
