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

export const SEGURO_STATUSES = ["Não se aplica", "Pendente", "Válido", "Inválido"] as const;
export type SeguroStatus = typeof SEGURO_STATUSES[number];

export const CREDENCIAL_STATUSES = ["Pendente", "Válida", "Inválida"] as const;
export type CredencialStatus = typeof CREDENCIAL_STATUSES[number];

export const PLANO_STATUSES = ["Ativo", "Concluído", "Cancelado"] as const;
export type PlanoStatus = typeof PLANO_STATUSES[number];
