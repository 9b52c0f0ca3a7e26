/**
 * The side rows of a booking change, written together: its `ca_evento` rows (audit trail and
 * live feed) and its `ca_notificacao` outbox rows (patient messages), in ONE statement. Their
 * commit wakes the live feeds and the delivery worker with the transaction's one NOTIFY
 * (`server/db/commit.ts`). Booking transactions hold a slot row lock while they write these, so
 * every round trip saved here is time another operator is not kept waiting.
 *
 * @example
 * await writeEffects(sql, actor, {
 *   events: [{ kind: "agendamento.criado", entity: "agendamento", entityId: id, after: row }],
 *   messages: bookingMessages(paciente, "confirmacao", String(id), { slot, protocolo }),
 * });
 */
import type { Sql } from "../db/db.ts";
import { type Actor, type EventInput, eventInsert } from "../events/record.ts";
import { outboxInsert, type OutboxMessage } from "../notify/outbox.ts";

export interface Effects {
  events: EventInput[];
  messages?: OutboxMessage[];
}

/** Answers the new event ids and the ids of the outbox rows that were new (not repeats). */
export async function writeEffects(
  sql: Sql,
  actor: Actor,
  { events, messages = [] }: Effects,
): Promise<{ events: number[]; messages: number[] }> {
  if (events.length === 0 && messages.length === 0) return { events: [], messages: [] };
  const ctes = [];
  if (events.length) ctes.push(sql`ev as (${eventInsert(sql, actor, events)})`);
  if (messages.length) ctes.push(sql`ob as (${outboxInsert(sql, messages)})`);
  const [row] = await sql<{ events: number[] | null; messages: number[] | null }>`
    with ${sql.join(ctes, sql`, `)}
    select ${
    events.length
      ? sql`array(select id from ev order by id) as events`
      : sql`null::bigint[] as events`
  }, ${
    messages.length
      ? sql`array(select notificacaoid from ob order by notificacaoid) as messages`
      : sql`null::bigint[] as messages`
  }`;
  return {
    events: (row.events ?? []).map(Number),
    messages: (row.messages ?? []).map(Number),
  };
}
