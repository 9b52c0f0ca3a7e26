/**
 * The event log. Every state change calls `recordEvent` inside its own transaction: the row is
 * the audit trail (who, what, before, after) and the live feed (its commit wakes the feeds
 * through the transaction's one NOTIFY, `server/db/commit.ts`).
 *
 * @example
 * await db.begin(async (sql) => {
 *   const [after] = await sql`update ca_tiposlot set cor = ${cor} where tiposlotid = ${id} returning *`;
 *   await recordEvent(sql, actor, { kind: "tiposlot.atualizado", entity: "tiposlot", entityId: id, before, after });
 * });
 */
import type { Sql } from "../db/db.ts";
import type { Auth } from "../app_env.ts";
import type { EventKind } from "./kinds.ts";
import { assertEventTopics, type EventTopic } from "./topics.ts";

export interface Actor {
  tipo: "admin" | "paciente" | "sistema";
  id: number | null;
  nome: string | null;
}

export const SYSTEM: Actor = { tipo: "sistema", id: null, nome: "Sistema" };

export function actorOf(auth: Auth | undefined): Actor {
  if (!auth) return SYSTEM;
  return auth.kind === "admin"
    ? { tipo: "admin", id: auth.usuarioid, nome: auth.nome }
    : { tipo: "paciente", id: auth.pacienteid, nome: auth.nome };
}

export interface EventInput {
  kind: EventKind;
  entity: string;
  entityId: string | number;
  /**
   * Routing keys for live subscriptions, built with `TOPIC` and `topic` of `./topics.ts` (e.g.
   * `[TOPIC.config, topic.unidade(3)]`); a string that is not a topic does not compile.
   */
  topics?: readonly EventTopic[];
  before?: unknown;
  after?: unknown;
}

/** Fields never copied into the log. */
const SECRET_FIELDS = new Set(["senhahash", "token_primeiro_acesso", "codigo_hash", "bytes"]);

function scrub(value: unknown): unknown {
  if (value === undefined || value === null) return null;
  if (typeof value !== "object" || Array.isArray(value) || value instanceof Date) return value;
  return Object.fromEntries(
    Object.entries(value as Record<string, unknown>).filter(([k]) => !SECRET_FIELDS.has(k)),
  );
}

/** Rows per INSERT: 9 parameters each stays far below Postgres' 65,535. */
const BATCH = 1000;

/**
 * `insert into ca_evento … returning id` for `evs` (non-empty), as a fragment: callers that
 * write other rows in the same statement (`server/booking/effects.ts`) nest it in a CTE.
 */
export function eventInsert(sql: Sql, actor: Actor, evs: EventInput[]) {
  for (const ev of evs) assertEventTopics(ev.topics ?? []);
  const rows = evs.map((ev) =>
    sql`(${actor.tipo}, ${actor.id}, ${actor.nome}, ${ev.kind}, ${ev.entity}, ${
      String(ev.entityId)
    }, ${ev.topics ?? []}, ${scrub(ev.before)}, ${scrub(ev.after)})`
  );
  return sql`insert into ca_evento (actor_tipo, actor_id, actor_nome, kind, entity, entity_id,
                                    topics, before, after)
    values ${sql.join(rows, sql`, `)} returning id`;
}

/**
 * Writes several events in one statement (one round trip per 1,000 rows). Answers the new ids
 * in the order of `evs`. Bulk paths (mass cancellation, lease sweeps) use it so a transaction
 * holding locks does not loop a statement per row.
 */
export async function recordEvents(
  sql: Sql,
  actor: Actor,
  evs: EventInput[],
): Promise<number[]> {
  const ids: number[] = [];
  for (let i = 0; i < evs.length; i += BATCH) {
    const [row] = await sql<{ ids: number[] }>`
      with ins as (${eventInsert(sql, actor, evs.slice(i, i + BATCH))})
      select array(select id from ins order by id) as ids`;
    ids.push(...row.ids.map(Number));
  }
  return ids;
}

export async function recordEvent(sql: Sql, actor: Actor, ev: EventInput): Promise<number> {
  const [id] = await recordEvents(sql, actor, [ev]);
  return id;
}
