/** Consultórios: rooms of a unidade. Request and response shapes. */
import { z } from "zod";
import { Id, Status } from "../../shared/schemas.ts";
import { STATUS, STATUS_FILTROS } from "../../shared/statuses.ts";

/** An id inside a JSON body: a real integer, never a coerced string or boolean. */
export const BodyId = z.number({ error: "Identificador inválido." })
  .int("Identificador inválido.").positive("Identificador inválido.")
  .max(2_147_483_647, "Identificador inválido.");

export const NomeConsultorio = z.string({ error: "Nome do consultório é obrigatório." }).trim()
  .min(1, "Nome do consultório é obrigatório.")
  .max(120, "Nome do consultório: no máximo 120 caracteres.");

export const ConsultorioCreateInput = z.object({
  unidadeid: BodyId,
  nome: NomeConsultorio,
});
export type ConsultorioCreateInput = z.infer<typeof ConsultorioCreateInput>;

/** PUT: rename and/or move to another unidade. */
export const ConsultorioUpdateInput = z.object({
  nome: NomeConsultorio.optional(),
  unidadeid: BodyId.optional(),
}).refine((v) => v.nome !== undefined || v.unidadeid !== undefined, {
  message: "Informe o novo nome ou a nova unidade.",
});
export type ConsultorioUpdateInput = z.infer<typeof ConsultorioUpdateInput>;

export const StatusFilter = z.enum(STATUS_FILTROS, {
  error: "Status inválido: use Ativo, Inativo ou todos.",
}).default(STATUS.ativo);

export const ConsultorioListQuery = z.object({
  unidadeid: Id.optional(),
  status: StatusFilter,
  search: z.string().trim().max(120).optional(),
});
export type ConsultorioListQuery = z.infer<typeof ConsultorioListQuery>;

export const Consultorio = z.object({
  consultorioid: z.number().int(),
  unidadeid: z.number().int(),
  unidade_nome: z.string(),
  unidade_status: Status,
  nome: z.string(),
  status: Status,
  created_at: z.iso.datetime(),
  updated_at: z.iso.datetime(),
});
export type Consultorio = z.infer<typeof Consultorio>;

/** GET /api/consultorios: every match, not paginated (a few rooms per unidade). */
export const ConsultorioList = z.array(Consultorio);

/** One active grade that keeps a consultório (or unidade) in use; sent in 409 details. */
export const GradeEmUso = z.object({
  gradeagendaid: z.number().int(),
  medicoid: z.number().int(),
  medico: z.string(),
  especialidadeid: z.number().int(),
  especialidade: z.string(),
  vigencia_inicio: z.string(),
  vigencia_fim: z.string(),
});
export type GradeEmUso = z.infer<typeof GradeEmUso>;
