/**
 * Every status value the database accepts, one list per column (the `check` constraints of
 * `db/migrations/001_schema.sql`). Dependency-free: schemas, services and the clients import it.
 *
 * In SQL text a status is written with `lit` of `server/db/sql.ts` (a quoted constant, so a
 * partial index `where status <> 'Cancelado'` still matches), never as a literal in the text.
 *
 * @example
 * if (row.status === STATUS.inativo) throw conflict(...);
 * export const AgendamentoStatus = z.enum(AGENDAMENTO_STATUSES);
 * sql`update ca_slotagenda set status = ${lit(SLOT.livre)} where …`
 */

/** Soft-delete state of configuration rows, pacientes, médicos, usuários and grades. */
export const STATUS = { ativo: "Ativo", inativo: "Inativo" } as const;
export const STATUSES = [STATUS.ativo, STATUS.inativo] as const;
export type Status = typeof STATUSES[number];

export const AGENDAMENTO = {
  proposto: "Proposto",
  ativo: "Ativo",
  confirmado: "Confirmado",
  concluido: "Concluído",
  cancelado: "Cancelado",
  naoCompareceu: "Não Compareceu",
} as const;
export const AGENDAMENTO_STATUSES = [
  AGENDAMENTO.proposto,
  AGENDAMENTO.ativo,
  AGENDAMENTO.confirmado,
  AGENDAMENTO.concluido,
  AGENDAMENTO.cancelado,
  AGENDAMENTO.naoCompareceu,
] as const;
export type AgendamentoStatus = typeof AGENDAMENTO_STATUSES[number];
/** An agendamento booked and not yet settled (attended, missed or cancelled). */
export const AGENDAMENTO_MARCADOS = [AGENDAMENTO.ativo, AGENDAMENTO.confirmado] as const;
/** An agendamento that still holds its place. */
export const AGENDAMENTO_VIVOS = [
  AGENDAMENTO.proposto,
  AGENDAMENTO.ativo,
  AGENDAMENTO.confirmado,
] as const;

export const SLOT = { livre: "Livre", ocupado: "Ocupado", cancelado: "Cancelado" } as const;
export const SLOT_STATUSES = [SLOT.livre, SLOT.ocupado, SLOT.cancelado] as const;
export type SlotStatus = typeof SLOT_STATUSES[number];

export const BACKLOG = {
  pendente: "Pendente",
  aguardando: "Aguardando Confirmação",
  agendado: "Agendado",
  recusado: "Recusado",
  cancelado: "Cancelado",
  compareceu: "Compareceu",
  naoCompareceu: "Não Compareceu",
  inativo: "Inativo",
} as const;
export const BACKLOG_STATUSES = [
  BACKLOG.pendente,
  BACKLOG.aguardando,
  BACKLOG.agendado,
  BACKLOG.recusado,
  BACKLOG.cancelado,
  BACKLOG.compareceu,
  BACKLOG.naoCompareceu,
  BACKLOG.inativo,
] as const;
export type BacklogStatus = typeof BACKLOG_STATUSES[number];

/** Insurance check of one agendamento (`ca_agendamento.seguro_status`). */
export const SEGURO = {
  naoSeAplica: "Não se aplica",
  pendente: "Pendente",
  valido: "Válido",
  invalido: "Inválido",
} as const;
export const SEGURO_STATUSES = [
  SEGURO.naoSeAplica,
  SEGURO.pendente,
  SEGURO.valido,
  SEGURO.invalido,
] as const;
export type SeguroStatus = typeof SEGURO_STATUSES[number];

/** A patient's insurance card (`ca_seguro_credencial.status`). */
export const CREDENCIAL = { pendente: "Pendente", valida: "Válida", invalida: "Inválida" } as const;
export const CREDENCIAL_STATUSES = [
  CREDENCIAL.pendente,
  CREDENCIAL.valida,
  CREDENCIAL.invalida,
] as const;
export type CredencialStatus = typeof CREDENCIAL_STATUSES[number];

/** A treatment plan (`ca_plano_tratamento.status`). */
export const PLANO = { ativo: "Ativo", concluido: "Concluído", cancelado: "Cancelado" } as const;
export const PLANO_STATUSES = [PLANO.ativo, PLANO.concluido, PLANO.cancelado] as const;
export type PlanoStatus = typeof PLANO_STATUSES[number];

/** An outbox row (`ca_notificacao.status`): lower case, as the worker's states. */
export const NOTIFICACAO = {
  pendente: "pendente",
  enviando: "enviando",
  enviada: "enviada",
  falhou: "falhou",
} as const;
export const NOTIFICACAO_STATUSES = [
  NOTIFICACAO.pendente,
  NOTIFICACAO.enviando,
  NOTIFICACAO.enviada,
  NOTIFICACAO.falhou,
] as const;
export type NotificacaoStatus = typeof NOTIFICACAO_STATUSES[number];
/** Rows the worker still has to deliver (due, or leased by a sender). */
export const NOTIFICACAO_EM_ABERTO = [NOTIFICACAO.pendente, NOTIFICACAO.enviando] as const;

/** The `?status=` filter of list routes over soft-deleted rows: one status or both. */
export const TODOS = "todos";
export const STATUS_FILTROS = [STATUS.ativo, STATUS.inativo, TODOS] as const;
export type StatusFiltro = typeof STATUS_FILTROS[number];
