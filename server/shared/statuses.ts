/**
 * Every status value the database accepts, one list per column (the `check` constraints of
 * `db/migrations/001_schema.sql`). Dependency-free: schemas, services and the clients import it.
 *
 * @example
 * if (row.status === STATUS.inativo) throw conflict(...);
 * export const AgendamentoStatus = z.enum(AGENDAMENTO_STATUSES);
 */

/** Soft-delete state of configuration rows, pacientes, médicos, usuários and grades. */
export const STATUS = { ativo: "Ativo", inativo: "Inativo" } as const;
export const STATUSES = [STATUS.ativo, STATUS.inativo] as const;
export type Status = typeof STATUSES[number];

export const AGENDAMENTO_STATUSES = [
  "Proposto",
  "Ativo",
  "Confirmado",
  "Concluído",
  "Cancelado",
  "Não Compareceu",
] as const;
export type AgendamentoStatus = typeof AGENDAMENTO_STATUSES[number];
/** An agendamento that still holds its place. */
export const AGENDAMENTO_VIVOS = ["Proposto", "Ativo", "Confirmado"] as const;

export const SLOT_STATUSES = ["Livre", "Ocupado", "Cancelado"] as const;
export type SlotStatus = typeof SLOT_STATUSES[number];

export const BACKLOG_STATUSES = [
  "Pendente",
  "Aguardando Confirmação",
  "Agendado",
  "Recusado",
  "Cancelado",
  "Compareceu",
  "Não Compareceu",
  "Inativo",
] as const;
export type BacklogStatus = typeof BACKLOG_STATUSES[number];

export const SEGURO_STATUSES = ["Não se aplica", "Pendente", "Válido", "Inválido"] as const;
export type SeguroStatus = typeof SEGURO_STATUSES[number];

export const CREDENCIAL_STATUSES = ["Pendente", "Válida", "Inválida"] as const;
export type CredencialStatus = typeof CREDENCIAL_STATUSES[number];

export const PLANO_STATUSES = ["Ativo", "Concluído", "Cancelado"] as const;
export type PlanoStatus = typeof PLANO_STATUSES[number];
