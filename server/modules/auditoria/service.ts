/**
 * The audit trail (`ca_evento`) read back: newest first by time (`at desc, id desc`), keyset
 * pages (after the event `after`: `(at, id) < (its at, its id)`), so a page costs the same at
 * the millionth row as at the first. Each filter has an index that starts with it and ends with
 * `(at, id)` (migration 131), so the scan walks that index backwards, a period as a range of it.
 */
import type { Sql } from "../../db/db.ts";
import type { AuditoriaItem, AuditoriaPage, AuditoriaQuery } from "./schemas.ts";

interface EventRow {
  id: number;
  at: Date;
  actor_tipo: AuditoriaItem["actor"]["tipo"];
  actor_id: number | null;
  actor_nome: string | null;
  kind: string;
  entity: string;
  entity_id: string;
  before: unknown;
  after: unknown;
}

export async function listAuditoria(sql: Sql, q: AuditoriaQuery): Promise<AuditoriaPage> {
  const tz = sql`(select timezone from ca_clinica_configuracao where id = 1)`;
  const conds = [sql`true`];
  if (q.entity) conds.push(sql`entity = ${q.entity}`);
  if (q.entity_id) conds.push(sql`entity_id = ${q.entity_id}`);
  if (q.kind) conds.push(sql`kind = ${q.kind}`);
  if (q.actor_tipo) conds.push(sql`actor_tipo = ${q.actor_tipo}`);
  if (q.actor_id) conds.push(sql`actor_id = ${q.actor_id}`);
  if (q.de) conds.push(sql`at >= (${q.de}::date)::timestamp at time zone ${tz}`);
  if (q.ate) conds.push(sql`at < (${q.ate}::date + 1)::timestamp at time zone ${tz}`);
  if (q.after) {
    conds.push(sql`(at, id) < (select c.at, c.id from ca_evento c where c.id = ${q.after})`);
  }
  const rows = await sql<EventRow>`
    select id, at, actor_tipo, actor_id, actor_nome, kind, entity, entity_id, before, after
    from ca_evento where ${sql.join(conds, sql` and `)}
    order by at desc, id desc limit ${q.limit}`;
  const items = rows.map((r) => ({
    id: Number(r.id),
    at: r.at.toISOString(),
    actor: { tipo: r.actor_tipo, id: r.actor_id, nome: r.actor_nome },
    kind: r.kind,
    entity: r.entity,
    entity_id: r.entity_id,
    before: r.before ?? null,
    after: r.after ?? null,
  }));
  return { items, next: items.length === q.limit ? items[items.length - 1].id : null };
}
