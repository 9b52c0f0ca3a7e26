import { z } from "zod";
import { AGENDAMENTO_STATUSES, SEGURO_STATUSES, STATUSES } from "../../shared/statuses.ts";
import { DateOnly, Id, Pagination, QueryBool, Timestamp } from "../../shared/schemas.ts";

export { AGENDAMENTO_STATUSES };
export const AgendamentoStatus = z.enum(AGENDAMENTO_STATUSES);

export const AgendamentoCreate = z.object({
  slotagendaid: Id,
  pacienteid: Id,
  planoid: Id.optional(),
  /** Encaixe beyond a full slot whose grade allows it (gerenciador+); the reason is required. */
  encaixe: z.boolean({ error: "encaixe deve ser verdadeiro ou falso." }).optional(),
  motivo_encaixe: z.string({ error: "Informe o motivo do encaixe." }).trim()
    .min(3, "Informe o motivo do encaixe (ao menos 3 caracteres).").max(500).optional(),
}).superRefine((v, ctx) => {
  if (v.encaixe && !v.motivo_encaixe) {
    ctx.addIssue({
      code: "custom",
      path: ["motivo_encaixe"],
      message: "Informe o motivo do encaixe (ao menos 3 caracteres).",
    });
  }
  if (!v.encaixe && v.motivo_encaixe) {
    ctx.addIssue({
      code: "custom",
      path: ["encaixe"],
      message: "Motivo de encaixe enviado sem encaixe: envie encaixe: true.",
    });
  }
});
export type AgendamentoCreate = z.output<typeof AgendamentoCreate>;

export const CancelarInput = z.object({
  motivo: z.string({ error: "Informe o motivo do cancelamento." }).trim()
    .min(3, "Informe o motivo do cancelamento (ao menos 3 caracteres).").max(500),
});

const MAX_DIAS = 62;

/** The day list ("Modal de Detalhe do Dia") or a date range of at most 62 days. */
export const AgendamentoListQuery = Pagination.extend({
  data: DateOnly.optional(),
  data_inicio: DateOnly.optional(),
  data_fim: DateOnly.optional(),
  q: z.string().trim().min(2, "Busque com ao menos 2 caracteres.").max(100).optional(),
  status: AgendamentoStatus.optional(),
  especialidadeid: Id.optional(),
  medicoid: Id.optional(),
  unidadeid: Id.optional(),
  pacienteid: Id.optional(),
  /** One slot's agendamentos (the operator panel lists a slot's encaixes with their reasons). */
  slotagendaid: Id.optional(),
  encaixe: QueryBool.optional(),
  ordenar: z.enum(["data_cadastro", "horario", "paciente", "medico"]).default("horario"),
}).superRefine((v, ctx) => {
  if (v.data && (v.data_inicio || v.data_fim)) {
    ctx.addIssue({
      code: "custom",
      path: ["data"],
      message: "Use data ou um intervalo, não ambos.",
    });
    return;
  }
  if (v.data) return;
  if (!v.data_inicio || !v.data_fim) {
    ctx.addIssue({
      code: "custom",
      path: ["data"],
      message: "Informe a data ou o intervalo (data_inicio e data_fim).",
    });
    return;
  }
  const dias = Temporal.PlainDate.from(v.data_inicio).until(Temporal.PlainDate.from(v.data_fim))
    .days;
  if (dias < 0) {
    ctx.addIssue({ code: "custom", path: ["data_fim"], message: "Fim antes do início." });
  } else if (dias > MAX_DIAS) {
    ctx.addIssue({
      code: "custom",
      path: ["data_fim"],
      message: `O intervalo pode ter no máximo ${MAX_DIAS} dias.`,
    });
  }
});
export type AgendamentoListQuery = z.output<typeof AgendamentoListQuery>;

export const BuscarPacienteQuery = z.object({
  q: z.string({ error: "Informe o nome ou CPF." }).trim()
    .min(2, "Busque com ao menos 2 caracteres.").max(100),
});

// ---------------------------------------------------------------- responses

export const SeguroStatus = z.enum(SEGURO_STATUSES);

/** A `ca_agendamento` row as a write leaves it. */
export const AgendamentoRow = z.object({
  agendamentoid: z.number(),
  slotagendaid: z.number(),
  pacienteid: z.number(),
  backlogid: z.number().nullable(),
  planoid: z.number().nullable(),
  protocolo: z.string(),
  ordem: z.number(),
  status: AgendamentoStatus,
  seguro_status: SeguroStatus,
  datasolicitacao: Timestamp,
  expira_em: Timestamp.nullable(),
  motivo_cancelamento: z.string().nullable(),
  cancelado_em: Timestamp.nullable(),
  cancelado_por: z.number().nullable(),
  created_by: z.number().nullable(),
  created_at: Timestamp,
  updated_at: Timestamp,
  /** Booked beyond the slot's places (migration 190), with its reason. */
  encaixe: z.boolean(),
  motivo_encaixe: z.string().nullable(),
  /** A proposal that was refused, expired or withdrawn (migration 270): not an appointment. */
  proposta_retirada: z.boolean(),
});

/** A slot described for people: time, médico, especialidade, unidade and its address. */
export const SlotResumo = z.object({
  slotagendaid: z.number(),
  datainicio: Timestamp,
  datafim: Timestamp,
  data: z.string(),
  periodo: z.string(),
  slot_status: z.string(),
  /** Wall-clock time at the unidade, HH:MM. */
  hora: z.string(),
  /** DD/MM/YYYY at the unidade. */
  data_br: z.string(),
  medicoid: z.number(),
  medico_nome: z.string(),
  especialidadeid: z.number(),
  especialidade_nome: z.string(),
  unidadeid: z.number(),
  unidade_nome: z.string(),
  logradouro: z.string().nullable(),
  numero: z.string().nullable(),
  complemento: z.string().nullable(),
  bairro: z.string().nullable(),
  cidade: z.string().nullable(),
  uf: z.string().nullable(),
  cep: z.string().nullable(),
  timezone: z.string(),
  tiposlotid: z.number(),
  tiposlot_nome: z.string(),
  tiposlot_cor: z.string(),
  limitevagas: z.number(),
  vagas_ocupadas: z.number(),
  /** One-line address of the unidade. */
  endereco: z.string(),
});
export type SlotResumo = z.infer<typeof SlotResumo>;

/** The slot for people plus the agendamento's own columns (those of the row, one definition). */
export const AgendamentoDetail = SlotResumo.extend({
  ...AgendamentoRow.pick({
    agendamentoid: true,
    pacienteid: true,
    backlogid: true,
    planoid: true,
    protocolo: true,
    ordem: true,
    status: true,
    seguro_status: true,
    datasolicitacao: true,
    expira_em: true,
    motivo_cancelamento: true,
    cancelado_em: true,
    created_at: true,
    updated_at: true,
    encaixe: true,
    motivo_encaixe: true,
  }).shape,
  paciente_nome: z.string(),
  paciente_cpf: z.string(),
  paciente_telefone: z.string().nullable(),
});
export type AgendamentoDetail = z.infer<typeof AgendamentoDetail>;

export const AgendamentoList = z.object({
  items: z.array(AgendamentoDetail),
  total: z.number(),
  page: z.number(),
  limit: z.number(),
  stats: z.object({
    total: z.number(),
    ativos: z.number(),
    cancelados: z.number(),
    especialidades: z.number(),
    medicos: z.number(),
    por_status: z.record(z.string(), z.number()),
  }),
});

/** `GET /api/agendamentos/buscar-paciente`: patients with what is open for them. */
export const BuscarPacienteResponse = z.object({
  items: z.array(z.object({
    pacienteid: z.number(),
    nomecompleto: z.string(),
    cpf: z.string(),
    telefone: z.string().nullable(),
    telefone_validado: z.boolean(),
    tipo: z.string(),
    tipo_vinculo: z.string().nullable(),
    status: z.enum(STATUSES),
    datanascimento: z.string().nullable(),
    proximos_agendamentos: z.array(z.object({
      agendamentoid: z.number(),
      protocolo: z.string(),
      status: AgendamentoStatus,
      datainicio: z.string(),
      data: z.string(),
      hora: z.string(),
      medico_nome: z.string(),
      especialidade_nome: z.string(),
      unidade_nome: z.string(),
    })),
    backlog_aberto: z.array(z.object({
      backlogid: z.number(),
      status: z.string(),
      prioridade: z.string(),
      especialidade_nome: z.string(),
      data_preferida: z.string().nullable(),
      created_at: z.string(),
    })),
  })),
});

/** `GET /api/agendamentos/meus`: the patient's own history, newest first. */
export const MeusAgendamentos = z.object({
  items: z.array(
    AgendamentoDetail.omit({ paciente_cpf: true, paciente_telefone: true }).extend({
      /** How the portal names the status ("Agendado", "Realizado"...). */
      status_exibicao: z.string(),
      pode_cancelar: z.boolean(),
      pode_exportar: z.boolean(),
    }),
  ),
});

export const CalendarLink = z.object({ url: z.string() });
