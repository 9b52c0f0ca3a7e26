/**
 * Unidades de saúde: request and response shapes.
 *
 * Hours come in one of two modes (see `hours.ts`): global (`horario_abertura`,
 * `horario_fechamento`, `dias_funcionamento`) or per weekday (`horarios_por_dia`). A body may
 * carry one mode, never both.
 */
import { z } from "zod";
import { Cep, OptionalText, Status, Telefone, TimeOfDay, Uf } from "../../shared/schemas.ts";
import { BufferMinutes, TimeZone } from "../clinica/schemas.ts";
import { BodyId, Consultorio, NomeConsultorio, StatusFilter } from "../consultorios/schemas.ts";

export const TIPOS_UNIDADE = ["Clínica", "Hospital", "Consultório", "Outro"] as const;
export const TipoUnidade = z.enum(TIPOS_UNIDADE, {
  error: "Tipo inválido: use Clínica, Hospital, Consultório ou Outro.",
});

const WEEKDAY_KEYS = ["1", "2", "3", "4", "5", "6", "7"] as const;

/** Hours of one day; opening strictly before closing. */
export const DayHours = z.strictObject({
  abertura: TimeOfDay,
  fechamento: TimeOfDay,
}).refine((d) => d.abertura < d.fechamento, {
  message: "O horário de abertura deve ser anterior ao de fechamento.",
  path: ["abertura"],
});

/** Keys "1" (Monday) .. "7" (Sunday); a missing key is a closed day; at least one day. */
export const HorariosPorDia = z.partialRecord(
  z.enum(WEEKDAY_KEYS, { error: "Dia da semana inválido: use 1 (segunda) a 7 (domingo)." }),
  DayHours,
).refine((v) => Object.keys(v).length > 0, {
  message: "Informe o horário de ao menos um dia da semana.",
});

/** ISO weekdays 1..7, at least one; stored sorted and without repeats. */
export const DiasFuncionamento = z.array(
  z.number({ error: "Dia da semana inválido: use 1 (segunda) a 7 (domingo)." }).int(
    "Dia da semana inválido: use 1 (segunda) a 7 (domingo).",
  ).min(1, "Dia da semana inválido: use 1 (segunda) a 7 (domingo).")
    .max(7, "Dia da semana inválido: use 1 (segunda) a 7 (domingo)."),
).min(1, "Informe ao menos um dia de funcionamento.")
  .transform((days) => [...new Set(days)].sort((a, b) => a - b));

export const NomeUnidade = z.string({ error: "Nome da unidade é obrigatório." }).trim()
  .min(2, "Nome da unidade: ao menos 2 caracteres.")
  .max(200, "Nome da unidade: no máximo 200 caracteres.");

/** One line of the inline consultório management of POST/PUT /api/unidades. */
export const ConsultorioInline = z.object({
  /** Absent: create. Present: rename and/or change status of that consultório. */
  consultorioid: BodyId.optional(),
  nome: NomeConsultorio,
  status: Status.optional(),
});
export type ConsultorioInline = z.infer<typeof ConsultorioInline>;

/** Same name twice in one list would only fail half-way through the transaction. */
const ConsultoriosInline = z.array(ConsultorioInline).max(100, "No máximo 100 consultórios.")
  .superRefine((list, ctx) => {
    const seen = new Map<string, number>();
    list.forEach((c, i) => {
      const key = c.nome.normalize("NFD").replace(/\p{Diacritic}/gu, "").toLowerCase();
      if (seen.has(key)) {
        ctx.addIssue({
          code: "custom",
          path: [i, "nome"],
          message: `Consultório "${c.nome}" repetido na lista.`,
        });
      }
      seen.set(key, i);
      if (
        c.consultorioid !== undefined &&
        list.findIndex((o) => o.consultorioid === c.consultorioid) !== i
      ) {
        ctx.addIssue({
          code: "custom",
          path: [i, "consultorioid"],
          message: "Consultório repetido na lista.",
        });
      }
    });
  });

/** Forms send "" for a field left blank: for optional fields that means "none". */
const blankAsNull = <T extends z.ZodType>(schema: T) =>
  z.preprocess((v) => (typeof v === "string" && v.trim() === "" ? null : v), schema.nullable());

/** Every editable field, none refined: the base of both the POST and the PUT body. */
const UnidadeFields = z.object({
  nome: NomeUnidade,
  tipo: TipoUnidade,
  logradouro: OptionalText(200),
  numero: OptionalText(20),
  complemento: OptionalText(120),
  bairro: OptionalText(120),
  cidade: OptionalText(120),
  uf: blankAsNull(Uf),
  cep: blankAsNull(Cep),
  telefone: blankAsNull(Telefone),
  horario_abertura: blankAsNull(TimeOfDay),
  horario_fechamento: blankAsNull(TimeOfDay),
  dias_funcionamento: DiasFuncionamento,
  horarios_por_dia: HorariosPorDia.nullable(),
  timezone: TimeZone,
  buffer_minutes: BufferMinutes.nullable(),
  realocacao_automatica: z.boolean({
    error: "realocacao_automatica deve ser verdadeiro ou falso.",
  }),
});

type HoursFields = {
  horario_abertura?: string | null;
  horario_fechamento?: string | null;
  dias_funcionamento?: number[];
  horarios_por_dia?: Record<string, unknown> | null;
};

export interface HoursIssue {
  path: string[];
  message: string;
}

/**
 * Cross-field rules of the hours. `complete` when `v` is the whole unidade (a POST body or a
 * stored row merged with a PUT body): then a missing half of the global pair is an error too.
 */
export function hoursIssues(v: HoursFields, complete: boolean): HoursIssue[] {
  const issues: HoursIssue[] = [];
  if (v.horarios_por_dia) {
    for (const k of ["horario_abertura", "horario_fechamento", "dias_funcionamento"] as const) {
      if (v[k] != null) {
        issues.push({
          path: [k],
          message: "Use horário global ou horário por dia da semana, não os dois.",
        });
      }
    }
    return issues;
  }
  const a = v.horario_abertura, f = v.horario_fechamento;
  if (complete && (a == null) !== (f == null)) {
    issues.push({
      path: [a == null ? "horario_abertura" : "horario_fechamento"],
      message: "Informe abertura e fechamento juntos (ou nenhum, para herdar o da clínica).",
    });
  }
  if (a && f && a >= f) {
    issues.push({
      path: ["horario_abertura"],
      message: `O horário de abertura (${a}) deve ser anterior ao de fechamento (${f}).`,
    });
  }
  return issues;
}

const addIssues = (ctx: z.RefinementCtx, issues: HoursIssue[]) =>
  issues.forEach((i) => ctx.addIssue({ code: "custom", ...i }));

export const UnidadeCreateInput = UnidadeFields.partial().required({ nome: true }).extend({
  consultorios: ConsultoriosInline.optional(),
}).superRefine((v, ctx) => {
  addIssues(ctx, hoursIssues(v, true));
  v.consultorios?.forEach((c, i) => {
    if (c.consultorioid !== undefined) {
      ctx.addIssue({
        code: "custom",
        path: ["consultorios", i, "consultorioid"],
        message: "Uma unidade nova ainda não tem consultórios: omita consultorioid.",
      });
    }
  });
});
export type UnidadeCreateInput = z.infer<typeof UnidadeCreateInput>;

/** PUT: any subset of the fields; omitted ones keep their value, null clears an optional one. */
export const UnidadeUpdateInput = UnidadeFields.partial().extend({
  consultorios: ConsultoriosInline.optional(),
}).superRefine((v, ctx) => {
  if (Object.values(v).every((x) => x === undefined)) {
    ctx.addIssue({ code: "custom", path: [], message: "Informe ao menos um campo para alterar." });
  }
  addIssues(ctx, hoursIssues(v, false));
});
export type UnidadeUpdateInput = z.infer<typeof UnidadeUpdateInput>;

export const UnidadeListQuery = z.object({
  status: StatusFilter,
  tipo: TipoUnidade.optional(),
  cidade: z.string().trim().min(1).max(120).optional(),
  search: z.string().trim().max(200).optional(),
});
export type UnidadeListQuery = z.infer<typeof UnidadeListQuery>;

const DayHoursOut = z.object({ abertura: TimeOfDay, fechamento: TimeOfDay });

export const Unidade = z.object({
  unidadeid: z.number().int(),
  nome: z.string(),
  tipo: TipoUnidade,
  status: Status,
  logradouro: z.string().nullable(),
  numero: z.string().nullable(),
  complemento: z.string().nullable(),
  bairro: z.string().nullable(),
  cidade: z.string().nullable(),
  uf: z.string().nullable(),
  cep: z.string().nullable(),
  telefone: z.string().nullable(),
  horario_abertura: blankAsNull(TimeOfDay),
  horario_fechamento: blankAsNull(TimeOfDay),
  dias_funcionamento: z.array(z.number().int()),
  horarios_por_dia: z.partialRecord(z.enum(WEEKDAY_KEYS), DayHoursOut).nullable(),
  timezone: z.string(),
  buffer_minutes: z.number().int().nullable(),
  /** `buffer_minutes` or, when null, the clinic's. */
  buffer_minutes_efetivo: z.number().int(),
  realocacao_automatica: z.boolean(),
  created_at: z.iso.datetime(),
  updated_at: z.iso.datetime(),
  /** Every consultório of the unidade, active and inactive, by name. */
  consultorios: z.array(Consultorio.omit({ unidade_nome: true, unidade_status: true })),
  /** Effective hours per ISO weekday "1".."7" (null = closed), clinic defaults applied. */
  horarios: z.record(z.enum(WEEKDAY_KEYS), DayHoursOut.nullable()),
});
export type Unidade = z.infer<typeof Unidade>;

/** GET /api/unidades: every match, not paginated (a municipality has tens of unidades). */
export const UnidadeList = z.array(Unidade);

/**
 * What a paciente token reads (portal: the request form and the proposal's address): active
 * unidades with address, phone and effective opening hours; no rooms, buffers or settings.
 */
export const UnidadePortal = Unidade.pick({
  unidadeid: true,
  nome: true,
  tipo: true,
  logradouro: true,
  numero: true,
  complemento: true,
  bairro: true,
  cidade: true,
  uf: true,
  cep: true,
  telefone: true,
  timezone: true,
  horarios: true,
}).strict();
export type UnidadePortal = z.infer<typeof UnidadePortal>;
export const UnidadePortalList = z.array(UnidadePortal);
