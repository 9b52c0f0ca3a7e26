import { z } from "zod";
import { DateOnly, Id, Pagination } from "../../shared/schemas.ts";
import { NOTIFICACAO_STATUSES } from "../../shared/statuses.ts";

export const Canal = z.enum(["whatsapp", "email", "sms"], { error: "Canal inválido." });
export const NotificacaoStatus = z.enum(NOTIFICACAO_STATUSES, {
  error: "Status inválido: use pendente, enviando, enviada ou falhou.",
});

/** GET /api/notificacoes: every filter optional; `de`/`ate` are days in the clinic's zone. */
export const NotificacoesQuery = Pagination.extend({
  canal: Canal.optional(),
  status: NotificacaoStatus.optional(),
  template: z.string().trim().min(1).max(60).regex(/^[a-z0-9_]+$/, "Template inválido.")
    .optional(),
  destino: z.string().trim().min(1).max(200).optional(),
  pacienteid: Id.optional(),
  de: DateOnly.optional(),
  ate: DateOnly.optional(),
}).refine((q) => !q.de || !q.ate || q.de <= q.ate, {
  message: "A data final deve ser igual ou posterior à inicial.",
  path: ["ate"],
});
export type NotificacoesQuery = z.output<typeof NotificacoesQuery>;

const Instant = z.string();

/** One outbox row as the ADM console sees it. */
export const Notificacao = z.object({
  notificacaoid: z.number().int(),
  canal: Canal,
  destino: z.string(),
  template: z.string(),
  assunto: z.string().nullable(),
  /** Replaced by a notice for secret-bearing templates delivered by a real provider. */
  corpo: z.string(),
  status: NotificacaoStatus,
  tentativas: z.number().int(),
  proxima_tentativa_em: Instant,
  ultimo_erro: z.string().nullable(),
  provider_id: z.string().nullable(),
  pacienteid: z.number().int().nullable(),
  usuarioid: z.number().int().nullable(),
  created_at: Instant,
  sent_at: Instant.nullable(),
});

export const NotificacaoDetalhe = Notificacao.extend({
  idempotency_key: z.string(),
  payload: z.record(z.string(), z.unknown()),
});

export const NotificacoesPage = z.object({
  items: z.array(Notificacao),
  total: z.number().int(),
  page: z.number().int(),
  limit: z.number().int(),
});
