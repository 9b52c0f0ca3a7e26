/** The notification log of the ADM console: list, detail and resend of failed rows. */
import type { Deps } from "../../app_env.ts";
import type { Sql } from "../../db/db.ts";
import { type Actor, recordEvent } from "../../events/record.ts";
import { conflict, notFound } from "../../http/errors.ts";
import { maskPayload, SECRET_TEMPLATES } from "../../notify/secrets.ts";
import type { RowOf } from "../../contract/define.ts";
import type { Notificacao, NotificacaoDetalhe, NotificacoesQuery } from "./schemas.ts";
import { TOPIC } from "../../events/topics.ts";
import { lit } from "../../db/sql.ts";
import { NOTIFICACAO } from "../../shared/statuses.ts";

const COLUMNS = (sql: Sql) =>
  sql`notificacaoid, canal, destino, template, assunto, corpo, status, tentativas,
      proxima_tentativa_em, ultimo_erro, provider_id, pacienteid, usuarioid, created_at, sent_at`;

type NotificacaoRow = RowOf<typeof Notificacao> & { payload?: Record<string, unknown> };

/**
 * The stored row already has its secrets masked (`notify/outbox.ts`); the mask is applied again
 * on read so a row written any other way cannot leak one either.
 */
function redact<T extends NotificacaoRow>(_config: Deps["config"], row: T): T {
  if (!SECRET_TEMPLATES.has(row.template)) return row;
  return { ...row, ...(row.payload ? { payload: maskPayload(row.payload) } : {}) };
}

export async function listNotificacoes(deps: Deps, q: NotificacoesQuery) {
  const { sql } = deps.db;
  // Day bounds are local midnights in the clinic's time zone.
  const tz = sql`(select timezone from ca_clinica_configuracao where id = 1)`;
  const conds = [sql`true`];
  if (q.canal) conds.push(sql`canal = ${q.canal}`);
  if (q.status) conds.push(sql`status = ${q.status}`);
  if (q.template) conds.push(sql`template = ${q.template}`);
  if (q.destino) conds.push(sql`position(lower(${q.destino}::text) in lower(destino)) > 0`);
  if (q.pacienteid) conds.push(sql`pacienteid = ${q.pacienteid}`);
  if (q.de) conds.push(sql`created_at >= (${q.de}::date)::timestamp at time zone ${tz}`);
  if (q.ate) conds.push(sql`created_at < (${q.ate}::date + 1)::timestamp at time zone ${tz}`);
  const where = sql.join(conds, sql` and `);
  const [{ total }] = await sql<{ total: number }>`
    select count(*)::int as total from ca_notificacao where ${where}`;
  const rows = await sql<NotificacaoRow>`
    select ${COLUMNS(sql)} from ca_notificacao where ${where}
    order by created_at desc, notificacaoid desc
    limit ${q.limit} offset ${(q.page - 1) * q.limit}`;
  return {
    items: rows.map((r) => redact(deps.config, r)),
    total,
    page: q.page,
    limit: q.limit,
  };
}

export async function getNotificacao(deps: Deps, id: number) {
  const { sql } = deps.db;
  const [row] = await sql<RowOf<typeof NotificacaoDetalhe>>`
    select ${COLUMNS(sql)}, idempotency_key, payload from ca_notificacao
    where notificacaoid = ${id}`;
  if (!row) throw notFound("Notificação");
  return redact(deps.config, row);
}

/** A `falhou` row goes back to `pendente` with a fresh attempt count; 409 for any other status. */
export function reenviarNotificacao(deps: Deps, actor: Actor, id: number) {
  return deps.db.begin(async (sql) => {
    const [before] = await sql<NotificacaoRow>`
      select ${COLUMNS(sql)} from ca_notificacao where notificacaoid = ${id} for update`;
    if (!before) throw notFound("Notificação");
    if (before.status !== NOTIFICACAO.falhou) {
      throw conflict(
        "notificacao_nao_falhou",
        `Só uma notificação com falha pode ser reenviada (status atual: ${before.status}).`,
        { status: before.status },
      );
    }
    const [after] = await sql<NotificacaoRow>`
      update ca_notificacao
      set status = ${lit(NOTIFICACAO.pendente)}, tentativas = 0, proxima_tentativa_em = now()
      where notificacaoid = ${id}
      returning ${COLUMNS(sql)}`;
    const summary = (r: NotificacaoRow) => ({
      status: r.status,
      tentativas: r.tentativas,
      ultimo_erro: r.ultimo_erro,
    });
    await recordEvent(sql, actor, {
      kind: "notificacao.reenviada",
      entity: "notificacao",
      entityId: id,
      topics: [TOPIC.admin],
      before: summary(before),
      after: summary(after),
    });
    return redact(deps.config, after);
  });
}
