import { z } from "zod";
import { DateOnly, Id, Pagination } from "../../shared/schemas.ts";

export const AGENDAMENTO_STATUSES = [
  "Proposto",
  "Ativo",
  "Confirmado",
  "Concluído",
  "Cancelado",
  "Não Compareceu",
] as const;
export const AgendamentoStatus = z.enum(AGENDAMENTO_STATUSES);

export const AgendamentoCreate = z.object({
  slotagendaid: Id,
  pacienteid: Id,
  planoid: Id.optional(),
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

export const AgendamentoDetail = z.object({
  agendamentoid: z.number(),
  pacienteid: z.number(),
  paciente_nome: z.string(),
  paciente_cpf: z.string(),
  backlogid: z.number().nullable(),
  planoid: z.number().nullable(),
  protocolo: z.string(),
  ordem: z.number(),
  status: AgendamentoStatus,
  expira_em: z.coerce.date().nullable(),
  motivo_cancelamento: z.string().nullable(),
  slotagendaid: z.number(),
  datainicio: z.coerce.date(),
  datafim: z.coerce.date(),
  data: z.string(),
  hora: z.string(),
  periodo: z.string(),
  medicoid: z.number(),
  medico_nome: z.string(),
  especialidadeid: z.number(),
  especialidade_nome: z.string(),
  unidadeid: z.number(),
  unidade_nome: z.string(),
  endereco: z.string(),
  tiposlotid: z.number(),
  tiposlot_nome: z.string(),
});

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
