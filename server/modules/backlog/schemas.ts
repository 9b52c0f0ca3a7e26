import { z } from "zod";
import { DateOnly, Id, OptionalText, Pagination, TimeOfDay } from "../../shared/schemas.ts";

export const Periodo = z.enum(["Manhã", "Tarde", "Noite", "Qualquer"], {
  error: "Período inválido: use Manhã, Tarde, Noite ou Qualquer.",
});
export const Prioridade = z.enum(["Alta", "Média", "Baixa"], {
  error: "Prioridade inválida: use Alta, Média ou Baixa.",
});
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
export const BacklogStatus = z.enum(BACKLOG_STATUSES);

/** Preferences a patient may set on their own request (portal wizard). */
const Preferencias = {
  unidadeid: Id.nullish(),
  medicoid: Id.nullish(),
  data_preferida: DateOnly.nullish(),
  periodo_preferido: Periodo.nullish(),
  horario_preferido: TimeOfDay.nullish(),
  urgente: z.boolean({ error: "Urgência deve ser verdadeiro ou falso." }).optional(),
  observacoes: OptionalText(1000).optional(),
};

/** Fields only the staff may set. */
const SomenteEquipe = {
  prioridade: Prioridade.optional(),
  origem: z.enum(["ADM", "Programa Municipal", "Realocação"]).optional(),
  tipos_slot_elegiveis: z.array(Id).max(20, "No máximo 20 tipos de slot.").optional(),
};
export const STAFF_ONLY_FIELDS = ["prioridade", "origem", "tipos_slot_elegiveis"] as const;

export const BacklogCreate = z.object({
  pacienteid: Id.optional(),
  especialidadeid: z.number({ error: "Especialidade é obrigatória." }).int(
    "Identificador inválido.",
  )
    .positive("Identificador inválido.").max(2_147_483_647, "Identificador inválido."),
  ...Preferencias,
  ...SomenteEquipe,
});
export type BacklogCreate = z.output<typeof BacklogCreate>;

export const BacklogUpdate = z.object({
  especialidadeid: Id.optional(),
  ...Preferencias,
  ...SomenteEquipe,
}).refine((v) => Object.values(v).some((x) => x !== undefined), {
  message: "Informe ao menos um campo para alterar.",
});
export type BacklogUpdate = z.output<typeof BacklogUpdate>;

export const BacklogListQuery = Pagination.extend({
  prioridade: Prioridade.optional(),
  especialidadeid: Id.optional(),
  unidadeid: Id.optional(),
  medicoid: Id.optional(),
  pacienteid: Id.optional(),
  /** Default: every status but Inativo. */
  status: z.enum([...BACKLOG_STATUSES, "abertos", "todos"]).optional(),
});
export type BacklogListQuery = z.output<typeof BacklogListQuery>;

export const AlocarInput = z.object({ slotagendaid: Id });
export const AlocarDiaInput = z.object({ data: DateOnly, unidadeid: Id.optional() });
export const AlocarInteligenteInput = z.object({ preview: z.boolean().default(false) });
export const RecusarInput = z.object({ motivo: OptionalText(500) });

// ---------------------------------------------------------------- responses

export const BacklogItem = z.object({
  backlogid: z.number(),
  pacienteid: z.number(),
  paciente_nome: z.string(),
  paciente_cpf: z.string(),
  especialidadeid: z.number(),
  especialidade_nome: z.string(),
  medicoid: z.number().nullable(),
  medico_nome: z.string().nullable(),
  unidadeid: z.number().nullable(),
  unidade_nome: z.string().nullable(),
  data_preferida: z.string().nullable(),
  periodo_preferido: z.string().nullable(),
  horario_preferido: z.string().nullable(),
  urgente: z.boolean(),
  prioridade: Prioridade,
  origem: z.string(),
  status: BacklogStatus,
  tipos_slot_elegiveis: z.array(z.number()),
  observacoes: z.string().nullable(),
  ativo: z.boolean(),
  slotagendaid_proposto: z.number().nullable(),
  proposta_expira_em: z.coerce.date().nullable(),
  motivo_recusa: z.string().nullable(),
  dias_espera: z.number(),
  created_at: z.coerce.date(),
});

export const Diferenca = z.object({
  campo: z.enum(["unidade", "medico", "data", "periodo", "horario"]),
  preferido: z.string(),
  proposto: z.string(),
});

export const AlocacaoResponse = z.object({
  preview: z.boolean(),
  slot: z.record(z.string(), z.unknown()),
  motivos: z.array(z.string()),
  backlog: z.record(z.string(), z.unknown()).optional(),
  agendamento: z.record(z.string(), z.unknown()).optional(),
});
