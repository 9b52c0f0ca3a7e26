import { z } from "zod";
import { BACKLOG_STATUSES, TODOS } from "../../shared/statuses.ts";
import {
  DateOnly,
  Id,
  OptionalText,
  PageOf,
  Pagination,
  TimeOfDay,
  Timestamp,
} from "../../shared/schemas.ts";
import { AgendamentoRow, SlotResumo } from "../agendamentos/schemas.ts";

export const Periodo = z.enum(["Manhã", "Tarde", "Noite", "Qualquer"], {
  error: "Período inválido: use Manhã, Tarde, Noite ou Qualquer.",
});
export const Prioridade = z.enum(["Alta", "Média", "Baixa"], {
  error: "Prioridade inválida: use Alta, Média ou Baixa.",
});
export { BACKLOG_STATUSES };
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
  status: z.enum([...BACKLOG_STATUSES, "abertos", TODOS]).optional(),
});
export type BacklogListQuery = z.output<typeof BacklogListQuery>;

export const AlocarInput = z.object({ slotagendaid: Id });
export const AlocarDiaInput = z.object({ data: DateOnly, unidadeid: Id.optional() });
export const AlocarInteligenteInput = z.object({ preview: z.boolean().default(false) });
export const RecusarInput = z.object({ motivo: OptionalText(500) });

// ---------------------------------------------------------------- responses

/** A `ca_backlog` row as a write leaves it. */
export const BacklogRow = z.object({
  backlogid: z.number(),
  pacienteid: z.number(),
  especialidadeid: z.number(),
  medicoid: z.number().nullable(),
  unidadeid: z.number().nullable(),
  data_preferida: z.string().nullable(),
  periodo_preferido: z.string().nullable(),
  horario_preferido: z.string().nullable(),
  urgente: z.boolean(),
  prioridade: Prioridade,
  origem: z.string(),
  status: BacklogStatus,
  tipos_slot_elegiveis: z.array(z.number()),
  cpf: z.string().nullable(),
  telefone: z.string().nullable(),
  observacoes: z.string().nullable(),
  ativo: z.boolean(),
  slotagendaid_proposto: z.number().nullable(),
  proposta_expira_em: Timestamp.nullable(),
  motivo_recusa: z.string().nullable(),
  created_by: z.number().nullable(),
  created_at: Timestamp,
  updated_at: Timestamp,
});

/** A queue item as the lists and details show it (patient, especialidade, last agendamento). */
export const BacklogItem = BacklogRow.omit({ cpf: true, telefone: true }).extend({
  paciente_nome: z.string(),
  paciente_cpf: z.string(),
  paciente_telefone: z.string().nullable(),
  especialidade_nome: z.string(),
  medico_nome: z.string().nullable(),
  unidade_nome: z.string().nullable(),
  /** Days since the request was made. */
  dias_espera: z.number(),
  agendamentoid: z.number().nullable(),
  protocolo: z.string().nullable(),
  agendamento_status: z.string().nullable(),
  agendamento_datainicio: Timestamp.nullable(),
});
export type BacklogItem = z.infer<typeof BacklogItem>;

export const BacklogPage = PageOf(BacklogItem);

export const Diferenca = z.object({
  campo: z.enum(["unidade", "medico", "data", "periodo", "horario"]),
  preferido: z.string(),
  proposto: z.string(),
});

/** `GET /api/backlog/:id` and the writes: the item and, while one is open, its proposal. */
export const BacklogDetail = BacklogItem.extend({
  proposta: z.object({
    slot: SlotResumo,
    protocolo: z.string().nullable(),
    agendamentoid: z.number().nullable(),
    expira_em: Timestamp.nullable(),
    diferencas: z.array(Diferenca),
  }).nullable(),
});

/** The slot a search found, with how it fits the request's preferences. */
export const Candidato = z.object({
  slotagendaid: z.number(),
  datainicio: Timestamp,
  data: z.string(),
  hora: z.string(),
  periodo: z.string(),
  medicoid: z.number(),
  medico_nome: z.string(),
  unidadeid: z.number(),
  unidade_nome: z.string(),
  especialidade_nome: z.string(),
  tiposlot_nome: z.string(),
  medico_ok: z.boolean(),
  unidade_ok: z.boolean(),
  dist_dias: z.number().nullable(),
  periodo_ok: z.boolean(),
  dist_minutos: z.number().nullable(),
});

/**
 * `alocar*`: a preview (`preview: true`, the best slot and why) or the proposal made (the item,
 * the held agendamento and the slot).
 */
export const AlocacaoResponse = z.union([
  z.object({ preview: z.literal(true), slot: Candidato, motivos: z.array(z.string()) }),
  z.object({
    preview: z.literal(false),
    backlog: BacklogRow,
    agendamento: AgendamentoRow,
    slot: SlotResumo,
    motivos: z.array(z.string()).optional(),
  }),
]);

/** `PATCH /api/backlog/:id/confirmar`: the item is Agendado and the agendamento Ativo. */
export const PropostaAceita = z.object({
  backlog: BacklogRow,
  agendamento: AgendamentoRow,
  slot: SlotResumo,
});

/** `PATCH /api/backlog/:id/recusar`: the item and, if the place went to someone else, to whom. */
export const PropostaRecusada = z.object({
  backlog: BacklogRow,
  realocacao: z.object({ backlogid: z.number(), agendamentoid: z.number() }).nullable(),
});

/** `PATCH /api/backlog/:id/retirar-proposta`: the item back to Pendente, the hold released. */
export const PropostaRetirada = z.object({ backlog: BacklogRow, agendamento: AgendamentoRow });
