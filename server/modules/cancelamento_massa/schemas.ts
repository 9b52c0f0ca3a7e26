import { z } from "zod";
import { DateOnly, Id } from "../../shared/schemas.ts";

const MAX_DIAS = 92;

const Filtros = z.object({
  data_inicio: DateOnly,
  data_fim: DateOnly,
  periodo: z.enum(["Manhã", "Tarde", "Noite"], {
    error: "Período inválido: use Manhã, Tarde ou Noite.",
  }).optional(),
  medicoid: Id.optional(),
  especialidadeid: Id.optional(),
  unidadeid: Id.optional(),
  tiposlotid: Id.optional(),
});

function intervalo(v: { data_inicio: string; data_fim: string }, ctx: z.RefinementCtx) {
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
}

export const PreviewInput = Filtros.superRefine(intervalo);
export type Filtros = z.output<typeof Filtros>;

export const ExecutarInput = Filtros.extend({
  motivo: z.string({ error: "Informe o motivo do cancelamento." }).trim()
    .min(3, "Informe o motivo do cancelamento (ao menos 3 caracteres).").max(500),
  mover_para_backlog: z.boolean({ error: "Informe se os pacientes voltam para a fila." }),
}).superRefine(intervalo);
export type ExecutarInput = z.output<typeof ExecutarInput>;

export const PreviewResponse = z.object({
  slots: z.array(z.record(z.string(), z.unknown())),
  pacientes: z.array(z.record(z.string(), z.unknown())),
  totais: z.object({
    slots: z.number(),
    agendamentos: z.number(),
    propostas: z.number(),
    pacientes: z.number(),
  }),
});

export const ExecutarResponse = z.object({
  slots_cancelados: z.number(),
  agendamentos_cancelados: z.number(),
  propostas_retiradas: z.number(),
  pacientes_afetados: z.number(),
  backlog_criados: z.number(),
  notificacoes: z.number(),
});
