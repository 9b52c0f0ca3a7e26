import { z } from "zod";
import { Id } from "../../shared/schemas.ts";
import { STATUS, STATUS_FILTROS, STATUSES } from "../../shared/statuses.ts";

const Nome = z.string({ error: "Nome é obrigatório." }).trim()
  .min(2, "O nome deve ter ao menos 2 caracteres.").max(120, "O nome deve ter até 120 caracteres.");
const LimiteVagas = z.number({ error: "Limite de vagas é obrigatório." })
  .int("O limite de vagas deve ser um número inteiro.")
  .min(1, "O limite de vagas deve ser de 1 a 100.").max(
    100,
    "O limite de vagas deve ser de 1 a 100.",
  );
const DuracaoMinutos = z.number({ error: "Duração inválida." })
  .int("A duração deve ser um número inteiro de minutos.")
  .min(5, "A duração deve ser de 5 a 240 minutos.").max(
    240,
    "A duração deve ser de 5 a 240 minutos.",
  );

export const CotaInput = z.object({
  tiposlotid: Id,
  vagas: z.number({ error: "Vagas é obrigatório." }).int("Vagas deve ser um número inteiro.")
    .min(0, "Vagas deve ser de 0 a 100.").max(100, "Vagas deve ser de 0 a 100."),
});
export type CotaInput = z.infer<typeof CotaInput>;

/** A whole distribution: each tipo at most once. An empty list removes the distribution. */
export const CotasList = z.array(CotaInput, { error: "Informe a lista de cotas." })
  .max(50, "No máximo 50 cotas.")
  .refine(
    (list) => new Set(list.map((c) => c.tiposlotid)).size === list.length,
    "Cada tipo de slot pode aparecer uma única vez nas cotas.",
  );

/** `POST /:id/cotas` accepts the bare list or `{ cotas: [...] }`. */
export const CotasReplace = z.preprocess(
  (v) => (Array.isArray(v) ? { cotas: v } : v),
  z.object({ cotas: CotasList }),
);
export type CotasReplace = z.infer<typeof CotasReplace>;

export const EspecialidadeCreate = z.object({
  nome: Nome,
  limitevagas: LimiteVagas,
  duracao_minutos: DuracaoMinutos.default(30),
  cotas: CotasList.optional(),
});
export type EspecialidadeCreate = z.infer<typeof EspecialidadeCreate>;

export const EspecialidadeUpdate = z.object({
  nome: Nome.optional(),
  limitevagas: LimiteVagas.optional(),
  duracao_minutos: DuracaoMinutos.optional(),
  cotas: CotasList.optional(),
}).refine((v) => Object.values(v).some((x) => x !== undefined), {
  message: "Informe ao menos um campo para alterar.",
});
export type EspecialidadeUpdate = z.infer<typeof EspecialidadeUpdate>;

export const EspecialidadeListQuery = z.object({
  status: z.enum(STATUS_FILTROS, {
    error: "Status inválido: use Ativo, Inativo ou todos.",
  }).default(STATUS.ativo),
  search: z.string().trim().max(120).optional(),
});
export type EspecialidadeListQuery = z.infer<typeof EspecialidadeListQuery>;

export const Cota = z.object({
  tiposlotid: z.number(),
  nome: z.string(),
  cor: z.string(),
  status: z.enum(STATUSES),
  agendavel: z.boolean(),
  vagas: z.number(),
});
export type Cota = z.infer<typeof Cota>;

export const Especialidade = z.object({
  especialidadeid: z.number(),
  nome: z.string(),
  limitevagas: z.number(),
  duracao_minutos: z.number(),
  status: z.enum(STATUSES),
  created_at: z.string(),
  updated_at: z.string(),
  /** Active médicos linked to this especialidade. */
  total_medicos: z.number(),
  cotas: z.array(Cota),
});
export type Especialidade = z.infer<typeof Especialidade>;
export const EspecialidadeList = z.array(Especialidade);

/**
 * What a paciente token reads (portal forms: "Especialidade" of the request wizard): active
 * especialidades only, without the configuration behind them (limits, cotas, counts).
 */
export const EspecialidadePortal = z.strictObject({
  especialidadeid: z.number(),
  nome: z.string(),
  duracao_minutos: z.number(),
});
export type EspecialidadePortal = z.infer<typeof EspecialidadePortal>;
export const EspecialidadePortalList = z.array(EspecialidadePortal);

export const CotasResponse = z.object({
  especialidadeid: z.number(),
  limitevagas: z.number(),
  /** Sum of the distributed vagas; equals limitevagas whenever cotas is not empty. */
  soma: z.number(),
  cotas: z.array(Cota),
});
