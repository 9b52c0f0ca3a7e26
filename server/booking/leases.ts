/**
 * Leases on resources (`backlog:123`, `slot:456`) held by an admin session, in `ca_lock`.
 * Taken when an operator starts dragging or opens an allocation, renewed by the socket
 * heartbeat or a repeated acquire, released on drop, cancel or disconnect, expired by time.
 * Taking, releasing and expiring write `ca_evento` rows (topics `locks` plus the resource's own
 * routing topics), so every instance fans them out like any other event. Renewals write nothing.
 *
 * A lease belongs to the admin session (the token's `jti`). It is released when the session's
 * last socket on an instance closes (not when an instance shuts down: its clients reconnect
 * elsewhere); a client still holding it through another instance re-takes it with its next
 * `renew` unless someone else took it meanwhile.
 *
 * @example
 * await db.begin(async (sql) => {
 *   await assertNotLeasedByOther(sql, `backlog:${id}`, auth); // 423 recurso_bloqueado
 *   // … allocate …
 * });
 */
import { agendaTopics, type EventTopic, parseTopic, TOPIC, topic } from "../events/topics.ts";
import type { Auth, AuthAdmin } from "../app_env.ts";
import type { Db, Sql } from "../db/db.ts";
import { actorOf, recordEvent, recordEvents, SYSTEM } from "../events/record.ts";
import { HttpError } from "../http/errors.ts";
import type { Lease } from "../live/protocol.ts";

export const LEASE_TTL_SEC = 30;

interface LockRow {
  resource: string;
  holder_sessao: string;
  holder_usuarioid: number | null;
  holder_nome: string;
  acquired_at: Date;
  expires_at: Date;
}

export function leaseOf(row: LockRow): Lease {
  return {
    resource: row.resource,
    holder_sessao: row.holder_sessao,
    holder_usuarioid: row.holder_usuarioid,
    holder_nome: row.holder_nome,
    acquired_at: row.acquired_at.toISOString(),
    expires_at: row.expires_at.toISOString(),
  };
}

/**
 * `lockTopics` of many resources with one read of their slots: for the bulk releases (a
 * session's last socket closed, the expiry sweep) that hold the rows they deleted.
 */
async function lockTopicsMany(
  sql: Sql,
  resources: string[],
): Promise<Map<string, EventTopic[]>> {
  const slotIds = resources.map((r) => r.split(":"))
    .filter(([kind, id]) => kind === "slot" && /^\d{1,15}$/.test(id))
    .map(([, id]) => Number(id));
  const slots = new Map<number, EventTopic[]>();
  if (slotIds.length) {
    const rows = await sql<
      {
        slotagendaid: number;
        unidadeid: number;
        especialidadeid: number;
        medicoid: number;
        data: string;
      }
    >`
      select slotagendaid, unidadeid, especialidadeid, medicoid, data from ca_slotagenda
      where slotagendaid = any(${slotIds}::bigint[])`;
    for (const s of rows) {
      slots.set(Number(s.slotagendaid), agendaTopics(s, s.data));
    }
  }
  return new Map(resources.map((resource) => {
    const [kind, id] = resource.split(":");
    const topics: EventTopic[] = [TOPIC.locks];
    if (kind === "backlog") topics.push(TOPIC.backlog);
    // Only a resource that is also a topic (`unidade:3`, not `unidade:abc`): events/topics.ts.
    const own = ["unidade", "medico", "especialidade"].includes(kind) && parseTopic(resource);
    if (own && typeof own !== "string" && own.kind === "id") {
      topics.push(topic[own.entity](own.id));
    }
    if (kind === "slot" && /^\d{1,15}$/.test(id)) topics.push(...(slots.get(Number(id)) ?? []));
    return [resource, topics];
  }));
}

/** What a lease change is routed by: `locks` and whatever the resource itself belongs to. */
export async function lockTopics(sql: Sql, resource: string): Promise<EventTopic[]> {
  return (await lockTopicsMany(sql, [resource])).get(resource)!;
}

/** 423 `recurso_bloqueado` naming the holder: for a take (`POST /api/locks`) and a write alike. */
export function blocked(holder: Pick<LockRow, "holder_nome" | "expires_at">) {
  return new HttpError(
    423,
    "recurso_bloqueado",
    `Recurso em uso por ${holder.holder_nome}. Tente novamente em instantes.`,
    { holder_nome: holder.holder_nome, expires_at: holder.expires_at.toISOString() },
  );
}

/**
 * Takes or renews the lease atomically: a free, expired or own lease is (re)written, someone
 * else's live lease answers 423 `recurso_bloqueado` with the holder's name.
 */
export async function acquireLease(
  db: Db,
  auth: AuthAdmin,
  resource: string,
  ttlSec = LEASE_TTL_SEC,
): Promise<{ lease: Lease; fresh: boolean }> {
  for (let attempt = 0; attempt < 3; attempt++) {
    const result = await db.begin(async (sql) => {
      const [row] = await sql<LockRow & { fresh: boolean; prev: string | null }>`
        with prev as (select holder_nome from ca_lock where resource = ${resource})
        insert into ca_lock as l (resource, holder_sessao, holder_usuarioid, holder_nome, expires_at)
        values (${resource}, ${auth.jti}, ${auth.usuarioid}, ${auth.nome},
                now() + make_interval(secs => ${ttlSec}))
        on conflict (resource) do update set
          holder_sessao = excluded.holder_sessao,
          holder_usuarioid = excluded.holder_usuarioid,
          holder_nome = excluded.holder_nome,
          expires_at = excluded.expires_at,
          acquired_at = case when l.holder_sessao = excluded.holder_sessao
                             then l.acquired_at else now() end
        where l.expires_at < now() or l.holder_sessao = excluded.holder_sessao
        returning l.*, (l.acquired_at = now()) as fresh, (select holder_nome from prev) as prev`;
      if (!row) {
        const [other] = await sql<LockRow>`select * from ca_lock where resource = ${resource}`;
        return other ? { other } : undefined;
      }
      if (row.fresh) {
        await recordEvent(sql, actorOf(auth), {
          kind: "lock.adquirido",
          entity: "lock",
          entityId: resource,
          topics: await lockTopics(sql, resource),
          before: row.prev ? { holder_nome: row.prev } : null,
          after: leaseOf(row),
        });
      }
      return { lease: leaseOf(row), fresh: row.fresh };
    });
    if (result && "lease" in result) return result as { lease: Lease; fresh: boolean };
    if (result?.other) throw blocked(result.other);
    // The other holder released between our two statements: try again.
  }
  throw new HttpError(409, "conflito_concorrente", "Recurso disputado. Tente de novo.");
}

/** Releases one lease of this session; answers whether there was one. */
export async function releaseLease(
  db: Db,
  auth: Auth,
  resource: string,
  reason = "liberado",
): Promise<boolean> {
  return await db.begin(async (sql) => {
    const [row] = await sql<LockRow>`
      delete from ca_lock where resource = ${resource} and holder_sessao = ${auth.jti}
      returning *`;
    if (!row) return false;
    await recordEvent(sql, actorOf(auth), {
      kind: "lock.liberado",
      entity: "lock",
      entityId: resource,
      topics: await lockTopics(sql, resource),
      before: { ...leaseOf(row), motivo: reason },
    });
    return true;
  });
}

/** Releases every lease of a session (its last socket closed). Others' leases are untouched. */
export async function releaseSession(db: Db, auth: Auth, reason: string): Promise<number> {
  return await db.begin(async (sql) => {
    const rows = await sql<LockRow>`
      delete from ca_lock where holder_sessao = ${auth.jti} returning *`;
    const topics = await lockTopicsMany(sql, rows.map((r) => r.resource));
    await recordEvents(
      sql,
      actorOf(auth),
      rows.map((row) => ({
        kind: "lock.liberado",
        entity: "lock",
        entityId: row.resource,
        topics: topics.get(row.resource),
        before: { ...leaseOf(row), motivo: reason },
      })),
    );
    return rows.length;
  });
}

/** Pushes the expiry of every lease held by these sessions (one query per heartbeat tick). */
export async function renewSessions(db: Db, jtis: string[], ttlSec = LEASE_TTL_SEC) {
  if (!jtis.length) return 0;
  const rows = await db.sql`
    update ca_lock set expires_at = now() + make_interval(secs => ${ttlSec})
    where holder_sessao = any(${jtis}::uuid[]) and expires_at >= now()`;
  return rows.count;
}

/** Deletes expired leases, one `lock.expirado` event each. Safe on many instances at once. */
export async function sweepExpired(db: Db): Promise<number> {
  return await db.begin(async (sql) => {
    const rows = await sql<LockRow>`
      delete from ca_lock where resource in (
        select resource from ca_lock where expires_at < now()
        order by expires_at limit 500 for update skip locked)
      returning *`;
    const topics = await lockTopicsMany(sql, rows.map((r) => r.resource));
    await recordEvents(
      sql,
      SYSTEM,
      rows.map((row) => ({
        kind: "lock.expirado",
        entity: "lock",
        entityId: row.resource,
        topics: topics.get(row.resource),
        before: leaseOf(row),
      })),
    );
    return rows.length;
  });
}

export async function listLeases(db: Db, prefix?: string): Promise<Lease[]> {
  const like = prefix ? prefix.replace(/[\\%_]/g, (ch) => `\\${ch}`) + "%" : "%";
  const rows = await db.sql<LockRow>`
    select * from ca_lock where expires_at >= now() and resource like ${like}
    order by resource limit 1000`;
  return rows.map(leaseOf);
}

/**
 * Refuses a write to a resource leased by another session: 423 `recurso_bloqueado` naming the
 * holder. Free, expired or own leases pass. Call it inside the write's transaction.
 *
 * @example
 * await assertNotLeasedByOther(sql, `slot:${slotId}`, c.var.auth);
 */
export async function assertNotLeasedByOther(
  sql: Sql,
  resource: string,
  auth: Auth | undefined,
): Promise<void> {
  const [row] = await sql<LockRow>`
    select holder_sessao, holder_nome, expires_at from ca_lock
    where resource = ${resource} and expires_at >= now()`;
  const refusal = leasedByOther(row, auth);
  if (refusal) throw refusal;
}

/**
 * The 423 for a write to a resource whose live lease (`row`, read by the caller with
 * `expires_at >= now()`) another session holds; null when free or our own.
 */
export function leasedByOther(
  row: Pick<LockRow, "holder_sessao" | "holder_nome" | "expires_at"> | null | undefined,
  auth: Auth | undefined,
): HttpError | null {
  return row && row.holder_sessao !== auth?.jti ? blocked(row) : null;
}
