/**
 * Transactional outbox: a notification is a row written in the same transaction as the state
 * change that causes it. Delivery (drivers, retries) is the worker's job, woken by the commit's
 * NOTIFY (`server/db/commit.ts`); the idempotency key makes a repeated enqueue a no-op.
 *
 * A message carrying a secret (a template of `SECRET_TEMPLATES` with a code, temporary password
 * or token in its payload, or any message with `secrets`) is stored masked: `ca_notificacao`
 * keeps the text and payload with every secret value replaced, the real text goes to
 * `ca_notificacao_segredo`, read only by the delivery worker (see `secrets.ts`).
 */
import type { Sql } from "../db/db.ts";
import { maskPayload, maskText, secretsIn } from "./secrets.ts";

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

/** The secrets of a message, by name; empty for most. */
function secretsOf(m: OutboxMessage): Record<string, string> {
  return { ...secretsIn(m.template, m.payload), ...m.secrets };
}

/** The message as ca_notificacao stores it: every secret value masked. */
function masked(m: OutboxMessage): OutboxMessage {
  const secrets = Object.values(secretsOf(m));
  if (!secrets.length) return m;
  const payload = Object.fromEntries(
    Object.entries(maskPayload(m.payload ?? {})).map((
      [k, v],
    ) => [k, typeof v === "string" ? maskText(v, secrets) : v]),
  );
  return { ...m, corpo: maskText(m.corpo, secrets), payload };
}

/**
 * `insert into ca_notificacao … on conflict do nothing returning notificacaoid` for `ms`
 * (non-empty), as a fragment to nest in a CTE (see `server/booking/effects.ts`).
 */
export function outboxInsert(sql: Sql, ms: OutboxMessage[]) {
  // Masked here so no path stores a secret; only `enqueueBatch` keeps the real text aside.
  const rows = ms.map(masked).map((m) =>
    sql`(${m.canal}, ${m.destino}, ${m.template}, ${m.assunto ?? null}, ${m.corpo},
         ${m.payload ?? {}}, ${m.idempotencyKey}, ${m.pacienteid ?? null}, ${m.usuarioid ?? null})`
  );
  return sql`insert into ca_notificacao (canal, destino, template, assunto, corpo, payload,
                                         idempotency_key, pacienteid, usuarioid)
    values ${sql.join(rows, sql`, `)}
    on conflict (idempotency_key) do nothing
    returning notificacaoid, idempotency_key`;
}

/**
 * Enqueues several messages in one statement a thousand; answers the new rows (a repeated
 * idempotency key is skipped), oldest first.
 */
export async function enqueueBatch(
  sql: Sql,
  ms: OutboxMessage[],
): Promise<{ notificacaoid: number; idempotency_key: string }[]> {
  const out: { notificacaoid: number; idempotency_key: string }[] = [];
  // 9 parameters a row: 1,000 rows a statement stays far below Postgres' 65,535.
  for (let i = 0; i < ms.length; i += 1000) {
    const [row] = await sql<{ rows: { notificacaoid: number; idempotency_key: string }[] }>`
      with ins as (${outboxInsert(sql, ms.slice(i, i + 1000))})
      select coalesce((select jsonb_agg(to_jsonb(ins) order by notificacaoid) from ins), '[]')
               as rows`;
    out.push(...row.rows.map((r) => ({ ...r, notificacaoid: Number(r.notificacaoid) })));
  }
  const secret = new Map(
    ms.map((m) => [m.idempotencyKey, { m, named: secretsOf(m) }] as const)
      .filter(([, x]) => Object.keys(x.named).length),
  );
  for (const r of out) {
    const s = secret.get(r.idempotency_key);
    if (!s) continue;
    await sql`
      insert into ca_notificacao_segredo (notificacaoid, corpo, valores)
      values (${r.notificacaoid}, ${s.m.corpo}, ${s.named})`;
  }
  return out;
}

/** Enqueues several messages; answers the ids of the new rows. */
export async function enqueueMany(sql: Sql, ms: OutboxMessage[]): Promise<number[]> {
  return (await enqueueBatch(sql, ms)).map((r) => r.notificacaoid);
}

/** Returns the new row id, or null when the key was already enqueued. */
export async function enqueue(sql: Sql, m: OutboxMessage): Promise<number | null> {
  const [id] = await enqueueMany(sql, [m]);
  return id ?? null;
}
