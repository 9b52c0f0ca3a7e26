import { z } from "zod";
import { DateOnly, Id, OptionalText, Pagination, Timestamp } from "../../shared/schemas.ts";
import { LimiteEncaixe } from "../slots/schemas.ts";
import { STATUS, STATUS_FILTROS, STATUSES } from "../../shared/statuses.ts";

export const GradeListQuery = Pagination.extend({
  unidadeid: Id.optional(),
  especialidadeid: Id.optional(),
  medicoid: Id.optional(),
  status: z.enum(STATUS_FILTROS, {
    error: "Status inválido: use Ativo, Inativo ou todos.",
  }).default(STATUS.ativo),
});
export type GradeListQuery = z.infer<typeof GradeListQuery>;

export const Motivo = z.string({ error: "Informe o motivo." }).trim()
  .min(3, "O motivo deve ter ao menos 3 caracteres.").max(
    500,
    "O motivo deve ter até 500 caracteres.",
  );

export const CancelDayInput = z.object({ data: DateOnly, motivo: Motivo });
export type CancelDayInput = z.infer<typeof CancelDayInput>;

export const RestoreDayInput = z.object({ data: DateOnly, motivo: OptionalText(500) });
export type RestoreDayInput = z.infer<typeof RestoreDayInput>;

export const DayRangeQuery = z.object({ inicio: DateOnly, fim: DateOnly }).refine(
  (v) => v.fim >= v.inicio,
  { message: "A data final deve ser igual ou posterior à inicial.", path: ["fim"] },
);
export type DayRangeQuery = z.infer<typeof DayRangeQuery>;

export const DayParam = z.object({ id: Id, data: DateOnly });

export const Grade = z.object({
  gradeagendaid: z.number(),
  medicoid: z.number(),
  especialidadeid: z.number(),
  unidadeid: z.number(),
  consultorioid: z.number().nullable(),
  vigencia_inicio: z.string(),
  vigencia_fim: z.string(),
  overbooking: z.boolean(),
  /** Encaixes per full slot when `overbooking` (migration 190). */
  limite_encaixe: z.number(),
  limitevagas: z.number(),
  status: z.enum(STATUSES),
  medico_nome: z.string(),
  especialidade_nome: z.string(),
  unidade_nome: z.string(),
  consultorio_nome: z.string().nullable(),
  timezone: z.string(),
  slots_ativos: z.number(),
  dias_cancelados: z.number(),
  created_by: z.number().nullable(),
  created_at: Timestamp,
  updated_at: Timestamp,
});

export const GradeList = z.object({
  items: z.array(Grade),
  total: z.number(),
  page: z.number(),
  limit: z.number(),
});

/** One cancellation of a grade day (standing or restored), with who did what. */
export const DiaCancelado = z.object({
  cancelamentoid: z.number(),
  gradeagendaid: z.number(),
  data: z.string(),
  motivo: z.string(),
  cancelado_por: z.number().nullable(),
  cancelado_por_nome: z.string().nullable(),
  cancelado_em: z.string(),
  restaurado: z.boolean(),
  restaurado_por: z.number().nullable(),
  restaurado_por_nome: z.string().nullable(),
  restaurado_em: z.string().nullable(),
  motivo_restauracao: z.string().nullable(),
  slots_cancelados: z.number(),
});

/** A slot the cancellation left in place because it holds places, with whom to move. */
export const SlotPendente = z.object({
  slotagendaid: z.number(),
  hora: z.string(),
  datainicio: z.string(),
  status: z.string(),
  limitevagas: z.number(),
  vagas_ocupadas: z.number(),
  tiposlot: z.string(),
  agendamentos: z.array(z.object({
    agendamentoid: z.number(),
    protocolo: z.string(),
    status: z.string(),
    pacienteid: z.number(),
    nome: z.string(),
    telefone: z.string().nullable(),
  })),
});

export const CancelDayResult = z.object({
  cancelamento: DiaCancelado,
  slots_cancelados: z.array(z.number()),
  pendentes: z.array(SlotPendente),
});

export const RestoreDayResult = z.object({
  cancelamento: DiaCancelado,
  slots_restaurados: z.array(z.number()),
});

export const DiaCanceladoList = z.array(DiaCancelado);

/** `GET /api/grade-agenda/:id/day-history/:data`: every cancellation of that day, oldest first. */
export const DayHistory = z.object({
  gradeagendaid: z.number(),
  data: z.string(),
  historico: z.array(DiaCancelado),
});

/**
 * `PATCH /api/grade-agenda/:id`: whether the grade takes encaixes and how many per full slot.
 * Turning overbooking on or off applies to the grade's slots from today on.
 */
export const GradeUpdateInput = z.object({
  overbooking: z.boolean({ error: "overbooking deve ser verdadeiro ou falso." }).optional(),
  limite_encaixe: LimiteEncaixe.optional(),
}).strict().refine(
  (v) => v.overbooking !== undefined || v.limite_encaixe !== undefined,
  "Informe overbooking e/ou limite_encaixe.",
);
export type GradeUpdateInput = z.infer<typeof GradeUpdateInput>;
