/**
 * Transactional outbox: a notification is a row written in the same transaction as the state
 * change that causes it. Delivery (drivers, retries) is the worker's job; the idempotency key
 * makes a repeated enqueue a no-op.
 */
import type { Sql } from "../db/db.ts";

/** NOTIFY channel that wakes the delivery worker when a new row commits. */
export const OUTBOX_CHANNEL = "ca_notificacao";

export interface OutboxMessage {
  canal: "whatsapp" | "email" | "sms";
  destino: string;
  template: string;
  assunto?: string;
  corpo: string;
  payload?: Record<string, unknown>;
  idempotencyKey: string;
  pacienteid?: number;
  usuarioid?: number;
}

/** Returns the new row id, or null when the key was already enqueued. */
export async function enqueue(sql: Sql, m: OutboxMessage): Promise<number | null> {
  const rows = await sql<{ notificacaoid: number }>`
    insert into ca_notificacao (canal, destino, template, assunto, corpo, payload, idempotency_key,
                                pacienteid, usuarioid)
    values (${m.canal}, ${m.destino}, ${m.template}, ${m.assunto ?? null}, ${m.corpo},
            ${m.payload ?? {}}, ${m.idempotencyKey}, ${m.pacienteid ?? null}, ${
    m.usuarioid ?? null
  })
    on conflict (idempotency_key) do nothing
    returning notificacaoid`;
  if (!rows[0]) return null;
  // Delivered at commit, so the worker never wakes for a row it cannot see yet.
  await sql`select pg_notify(${OUTBOX_CHANNEL}, ${String(rows[0].notificacaoid)})`;
  return rows[0].notificacaoid;
}
