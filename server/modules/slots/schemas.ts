import { z } from "zod";
import { SLOT_STATUSES } from "../../shared/statuses.ts";
import { DateOnly, Id, TimeOfDay, Timestamp } from "../../shared/schemas.ts";
import { daysInclusive } from "./time.ts";

/** Longest period one generation may cover. */
export const MAX_DIAS_GERACAO = 366;

const Weekday = z.enum(["1", "2", "3", "4", "5", "6", "7"], {
  error: "Dia da semana inválido: use 1 (segunda) a 7 (domingo).",
});

/**
 * Start times per ISO weekday ("1" = segunda ... "6" = sábado; "7" = domingo is accepted for
 * unidades that open on Sundays), each "HH:MM" in the unidade's local wall time:
 * `{ "1": ["08:00", "08:30", "09:00"], "3": ["13:00"] }`.
 * Every start time becomes one slot per tipo de slot of the distribution, lasting the
 * especialidade's `duracao_minutos`.
 */
export const Horarios = z.partialRecord(
  Weekday,
  z.array(TimeOfDay).max(96, "No máximo 96 horários por dia.")
    .refine((l) => new Set(l).size === l.length, "Horário repetido no mesmo dia."),
  { error: "Informe os horários por dia da semana." },
).refine(
  (h) => Object.values(h).some((l) => l && l.length > 0),
  "Informe ao menos um horário.",
);

/**
 * Places per tipo de slot at each start time: one slot row per (day, time, tipo) with
 * `limitevagas = quantidade`. Zero entries are dropped; omitted, the especialidade's cotas
 * (`GET /api/slots/distribuicao-padrao`) are used.
 */
export const Distribuicao = z.array(
  z.object({
    tiposlotid: Id,
    quantidade: z.number({ error: "Quantidade é obrigatória." })
      .int("A quantidade deve ser um número inteiro.")
      .min(0, "A quantidade deve ser de 0 a 100.").max(100, "A quantidade deve ser de 0 a 100."),
  }),
).max(30, "No máximo 30 tipos de slot.")
  .refine(
    (l) => new Set(l.map((d) => d.tiposlotid)).size === l.length,
    "Cada tipo de slot pode aparecer uma única vez na distribuição.",
  )
  .refine(
    (l) => l.reduce((s, d) => s + d.quantidade, 0) <= 100,
    "A soma das quantidades por horário deve ser no máximo 100.",
  );
export type Distribuicao = z.infer<typeof Distribuicao>;

/** Encaixes a grade allows beyond a full slot (migration 190: 0 to 20). */
export const LimiteEncaixe = z.number({ error: "limite_encaixe deve ser um número." })
  .int("limite_encaixe deve ser um número inteiro.")
  .min(0, "O limite de encaixes deve ser de 0 a 20.").max(
    20,
    "O limite de encaixes deve ser de 0 a 20.",
  );

export const GenerateBulkInput = z.object({
  unidadeid: Id,
  especialidadeid: Id,
  medicoid: Id,
  consultorioid: Id.nullish().transform((v) => v ?? null),
  data_inicio: DateOnly,
  data_fim: DateOnly,
  horarios: Horarios,
  distribuicao: Distribuicao.optional(),
  overbooking: z.boolean({ error: "overbooking deve ser verdadeiro ou falso." }).default(false),
  /**
   * Encaixes per full slot when `overbooking` (0–20). Omitted: a new grade takes 1 and an
   * existing grade keeps its own.
   */
  limite_encaixe: LimiteEncaixe.optional(),
  /** true: answer what would be created and the conflicts, write nothing. */
  preview: z.boolean({ error: "preview deve ser verdadeiro ou falso." }).default(false),
  /** true: skip the conflicting times instead of refusing the whole generation. */
  ignorar_conflitos: z.boolean({ error: "ignorar_conflitos deve ser verdadeiro ou falso." })
    .default(false),
}).superRefine((v, ctx) => {
  // Zod runs this even when a field failed; only compare two valid dates.
  if (!DateOnly.safeParse(v.data_inicio).success || !DateOnly.safeParse(v.data_fim).success) return;
  if (v.data_fim < v.data_inicio) {
    ctx.addIssue({
      code: "custom",
      path: ["data_fim"],
      message: "A data final deve ser igual ou posterior à inicial.",
    });
  } else if (daysInclusive(v.data_inicio, v.data_fim) > MAX_DIAS_GERACAO) {
    ctx.addIssue({
      code: "custom",
      path: ["data_fim"],
      message: `O período deve ter no máximo ${MAX_DIAS_GERACAO} dias.`,
    });
  }
});
export type GenerateBulkInput = z.infer<typeof GenerateBulkInput>;

export const Conflito = z.object({
  data: z.string(),
  horario: z.string(),
  motivo: z.enum([
    "unidade_fechada",
    "fora_do_horario",
    "intervalo_insuficiente",
    "dia_cancelado",
    "medico_ocupado",
    "consultorio_ocupado",
  ]),
  mensagem: z.string(),
  /** The existing slot it clashes with, for médico/consultório/interval conflicts. */
  slotagendaid: z.number().nullable(),
});

export const GenerateBulkResult = z.object({
  preview: z.boolean(),
  gradeagendaid: z.number().nullable(),
  grade_nova: z.boolean(),
  /** Slots created (in preview: that would be created). */
  criados: z.number(),
  /** Slots that already existed for the same grade, time and tipo (idempotent re-run). */
  existentes: z.number(),
  /** Slots not created: `existentes` plus every tipo of each conflicting time. */
  ignorados: z.number(),
  conflitos: z.array(Conflito),
  conflitos_total: z.number(),
  conflitos_por_motivo: z.record(z.string(), z.number()),
  periodo: z.object({ data_inicio: z.string(), data_fim: z.string(), dias: z.number() }),
  distribuicao: z.array(
    z.object({ tiposlotid: z.number(), nome: z.string(), quantidade: z.number() }),
  ),
});
export type GenerateBulkResult = z.infer<typeof GenerateBulkResult>;

export const DistribuicaoPadraoQuery = z.object({ especialidadeid: Id });

const Filtros = {
  unidadeid: Id.optional(),
  especialidadeid: Id.optional(),
  medicoid: Id.optional(),
  tiposlotid: Id.optional(),
};
export type SlotFiltros = {
  unidadeid?: number;
  especialidadeid?: number;
  medicoid?: number;
  tiposlotid?: number;
};

export const SlotStatus = z.enum(SLOT_STATUSES, {
  error: "Status inválido: use Livre, Ocupado ou Cancelado.",
});

export const SlotDayQuery = z.object({ data: DateOnly, ...Filtros, status: SlotStatus.optional() });
export type SlotDayQuery = z.infer<typeof SlotDayQuery>;

export const SlotWeekQuery = z.object({ inicio: DateOnly, ...Filtros });
export type SlotWeekQuery = z.infer<typeof SlotWeekQuery>;

export const SlotMonthQuery = z.object({
  ano: z.coerce.number({ error: "Ano inválido." }).int("Ano inválido.").min(2000, "Ano inválido.")
    .max(2100, "Ano inválido."),
  mes: z.coerce.number({ error: "Mês inválido." }).int("Mês inválido.").min(1, "Mês inválido.")
    .max(12, "Mês inválido."),
  ...Filtros,
});
export type SlotMonthQuery = z.infer<typeof SlotMonthQuery>;

/** One slot as the calendar and the operator panel show it. */
export const SlotView = z.object({
  slotagendaid: z.number(),
  gradeagendaid: z.number(),
  data: z.string(),
  hora: z.string(),
  datainicio: z.string(),
  datafim: z.string(),
  periodo: z.enum(["Manhã", "Tarde", "Noite"]),
  status: SlotStatus,
  isoverbooking: z.boolean(),
  limitevagas: z.number(),
  vagas_ocupadas: z.number(),
  /** Places booked beyond `limitevagas` as encaixes (migration 190). */
  encaixes: z.number(),
  /** Encaixes this slot may still take in total (0: its grade does not allow overbooking). */
  limite_encaixe: z.number(),
  /** 0 when cancelled or on a cancelled grade day (its places cannot be taken). */
  livres: z.number(),
  /** On a day its grade cancelled: kept because it holds places, for the operator to move. */
  dia_cancelado: z.boolean(),
  medico: z.object({ medicoid: z.number(), nome: z.string() }),
  especialidade: z.object({ especialidadeid: z.number(), nome: z.string() }),
  unidade: z.object({ unidadeid: z.number(), nome: z.string(), timezone: z.string() }),
  consultorio: z.object({ consultorioid: z.number(), nome: z.string() }).nullable(),
  tiposlot: z.object({ tiposlotid: z.number(), nome: z.string(), cor: z.string() }),
});

const Totais = z.object({
  slots: z.number(),
  vagas: z.number(),
  ocupadas: z.number(),
  livres: z.number(),
  canceladas: z.number(),
});

/** `GET /api/slots?data=`: the day grouped by local start hour ("08:00" holds 08:00–08:59). */
export const SlotDay = z.object({
  data: z.string(),
  grupos: z.array(z.object({ hora: z.string(), totais: Totais, slots: z.array(SlotView) })),
  totais: Totais,
});

/** One day of the week and month views; `slots`/`vagas` count the non-cancelled slots. */
export const DayTotals = Totais.extend({ data: z.string() });
export const SlotRange = z.object({
  inicio: z.string(),
  fim: z.string(),
  dias: z.array(DayTotals),
  totais: Totais,
});

/** `GET /api/slots/distribuicao-padrao`: the especialidade and its active cotas per tipo. */
export const DistribuicaoPadrao = z.object({
  especialidadeid: z.number(),
  nome: z.string(),
  limitevagas: z.number(),
  duracao_minutos: z.number(),
  distribuicao: z.array(
    z.object({ tiposlotid: z.number(), nome: z.string(), cor: z.string(), quantidade: z.number() }),
  ),
});

/** `GET /api/slots/:id`: the slot and its places taken (cancelled ones left out). */
export const SlotDetalhe = SlotView.extend({
  agendamentos: z.array(z.object({
    agendamentoid: z.number(),
    protocolo: z.string(),
    ordem: z.number(),
    status: z.string(),
    paciente: z.object({ pacienteid: z.number(), nome: z.string() }),
  })),
});

/**
 * `GET /api/slots/geracoes`: the grade generations that reported progress in the last
 * `GERACOES_JANELA_MIN` minutes (periods longer than one day), newest first, read from their
 * `grade.geracao_avancada` events: running, or ended (`grade.gerada` with its summary,
 * `grade.geracao_interrompida` with its code, or silent for `GERACAO_SILENCIO_S`: code
 * `sem_progresso`). The wizard shows a running one after a reload.
 */
export const Geracao = z.object({
  geracao: z.string(),
  gradeagendaid: z.number(),
  status: z.enum(["em_andamento", "concluida", "interrompida"]),
  /** Who started it (`ca_usuario_admin`), null for the system. */
  usuarioid: z.number().nullable(),
  usuario_nome: z.string().nullable(),
  medico: z.object({ medicoid: z.number(), nome: z.string() }),
  especialidade: z.object({ especialidadeid: z.number(), nome: z.string() }),
  unidade: z.object({ unidadeid: z.number(), nome: z.string() }),
  iniciada_em: Timestamp,
  atualizada_em: Timestamp,
  dias_processados: z.number(),
  dias_total: z.number(),
  /** Slots written so far (uncommitted until the generation ends). */
  criados: z.number(),
  /** The outcome of a concluded generation (`grade.gerada`). */
  resumo: z.object({
    data_inicio: z.string(),
    data_fim: z.string(),
    criados: z.number(),
    existentes: z.number(),
    ignorados: z.number(),
    conflitos_ignorados: z.number(),
  }).nullable(),
  /**
   * Why an interrupted generation stopped (`conflitos_na_grade`, a database code…, or
   * `sem_progresso`: no end and no progress for `GERACAO_SILENCIO_S`, its server stopped).
   */
  codigo: z.string().nullable(),
});
export type Geracao = z.infer<typeof Geracao>;
export const GeracaoList = z.object({ items: z.array(Geracao) });
