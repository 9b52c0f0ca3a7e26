/**
 * Shapes the operator panel works with, inferred from the server's zod schemas (type-only
 * imports: nothing of the server reaches the bundle).
 */
import type { z } from "zod";
import type { SlotView } from "../../../../server/modules/slots/schemas.ts";
import type { BacklogItem as BacklogItemSchema } from "../../../../server/modules/backlog/schemas.ts";

/** A slot of the day; `encaixes` counts the places booked beyond `limitevagas`. */
export type Slot = z.output<typeof SlotView>;

/**
 * A backlog row as `GET /api/backlog` answers it: the fields the panel reads (dates arrive as ISO
 * strings over JSON). Picked from the server's schema so a renamed field fails the type check.
 */
type BacklogSchema = z.output<typeof BacklogItemSchema>;
export type BacklogItem =
  & Pick<
    BacklogSchema,
    | "backlogid"
    | "pacienteid"
    | "paciente_nome"
    | "paciente_cpf"
    | "especialidadeid"
    | "especialidade_nome"
    | "medicoid"
    | "medico_nome"
    | "unidadeid"
    | "unidade_nome"
    | "data_preferida"
    | "periodo_preferido"
    | "horario_preferido"
    | "urgente"
    | "prioridade"
    | "origem"
    | "status"
    | "tipos_slot_elegiveis"
    | "observacoes"
    | "ativo"
    | "slotagendaid_proposto"
    | "motivo_recusa"
    | "dias_espera"
  >
  & {
    created_at: string;
    proposta_expira_em: string | null;
    paciente_telefone?: string | null;
  };

export type Prioridade = BacklogItem["prioridade"];

/** The event frame of the live socket (`server/live/protocol.ts`). */
export interface LiveEvent {
  id: number;
  kind: string;
  entity: string;
  entity_id: string;
  topics: string[];
  at: string;
  after?: unknown;
}
