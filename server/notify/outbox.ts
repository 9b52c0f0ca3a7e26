/**
 * Transactional outbox: a notification is a row written in the same transaction as the state
 * change that causes it. Delivery (drivers, retries) is the worker's job; the idempotency key
 * makes a repeated enqueue a no-op.
 *
 * A message carrying a secret names it in `secrets`: the real text goes to
 * `ca_notificacao_segredo` (read only by the delivery worker), `ca_notificacao` keeps the text
 * and payload with every secret value masked (see `secrets.ts`).
 */
import type { Sql } from "../db/db.ts";
import { maskPayload, maskText, secretsIn } from "./secrets.ts";

/** NOTIFY channel that wakes the delivery worker when a new row commits. */
export const OUTBOX_CHANNEL = "ca_notificacao";

export interface OutboxMessage {
  canal: "whatsapp" | "email" | "sms";
  destino: string;
  template: string;
  assunto?: string;
  corpo: string;
  payload?: Record<string, unknown>;
  /** Values only the recipient may read (code, temporary password, token), by name. */
  secrets?: Record<string, string>;
  idempotencyKey: string;
  pacienteid?: number;
  usuarioid?: number;
}

/** Returns the new row id, or null when the key was already enqueued. */
export async function enqueue(sql: Sql, m: OutboxMessage): Promise<number | null> {
  const named = { ...secretsIn(m.template, m.payload), ...m.secrets };
  const secrets = Object.values(named);
  const corpo = maskText(m.corpo, secrets);
  const payload = Object.fromEntries(
    Object.entries(secrets.length ? maskPayload(m.payload ?? {}) : m.payload ?? {}).map((
      [k, v],
    ) => [k, typeof v === "string" ? maskText(v, secrets) : v]),
  );
  const rows = await sql<{ notificacaoid: number }>`
    insert into ca_notificacao (canal, destino, template, assunto, corpo, payload, idempotency_key,
                                pacienteid, usuarioid)
    values (${m.canal}, ${m.destino}, ${m.template}, ${m.assunto ?? null}, ${corpo},
            ${payload}, ${m.idempotencyKey}, ${m.pacienteid ?? null}, ${m.usuarioid ?? null})
    on conflict (idempotency_key) do nothing
    returning notificacaoid`;
  if (!rows[0]) return null;
  if (secrets.length) {
    await sql`
      insert into ca_notificacao_segredo (notificacaoid, corpo, valores)
      values (${rows[0].notificacaoid}, ${m.corpo}, ${named})`;
  }
  // Delivered at commit, so the worker never wakes for a row it cannot see yet.
  await sql`select pg_notify(${OUTBOX_CHANNEL}, ${String(rows[0].notificacaoid)})`;
  return rows[0].notificacaoid;
}
