/** Request and response shapes of the médicos module (shared with the clients). */
import { z } from "zod";
import {
  Cpf,
  DataNascimento,
  Email,
  Id,
  OptionalText,
  Pagination,
  Telefone,
  Uf,
} from "../../shared/schemas.ts";
import { STATUS, STATUS_FILTROS, STATUSES } from "../../shared/statuses.ts";

/** CRM number: 4 to 7 digits (dots and spaces of a pasted "123.456" are dropped). */
export const Crm = z.string({ error: "CRM é obrigatório." }).trim()
  .transform((v) => v.replace(/[.\s]/g, ""))
  .refine((v) => /^\d{4,7}$/.test(v), "CRM inválido: use de 4 a 7 dígitos.");

export const TIPOS_CONTA = ["Corrente", "Poupança", "Salário", "Pagamento"] as const;

/** Bank details for paying the doctor; readable only by administrador and above. */
export const DadosBancarios = z.strictObject({
  banco: z.string({ error: "Informe o banco." }).trim().min(2, "Informe o banco.").max(100),
  agencia: z.string({ error: "Informe a agência." }).trim()
    .regex(/^\d{1,5}(-[\dXx])?$/, "Agência inválida: até 5 dígitos e dígito opcional (1234-5)."),
  conta: z.string({ error: "Informe a conta." }).trim()
    .regex(/^\d{1,13}-?[\dXx]$/, "Conta inválida: número com dígito verificador (12345-6)."),
  tipo: z.enum(TIPOS_CONTA, { error: `Tipo de conta: ${TIPOS_CONTA.join(", ")}.` }),
  pix: z.string().trim().min(1).max(140, "Chave PIX muito longa.").nullish()
    .transform((v) => v ?? null),
});
export type DadosBancarios = z.infer<typeof DadosBancarios>;

/** What roles below administrador see instead of the bank details. */
export const DadosBancariosMascarados = z.object({
  mascarado: z.literal(true),
  banco: z.string(),
  tipo: z.string(),
  agencia: z.string(),
  conta: z.string(),
  pix: z.string().nullable(),
});

const NomeCompleto = z.string({ error: "Nome completo é obrigatório." }).trim()
  .min(3, "Informe o nome completo.").max(200, "Nome muito longo.");

/**
 * Create and full update (PUT) share one shape: on PUT an optional field left out is cleared,
 * except `dadosbancarios`, which left out keeps what is stored (roles below administrador never
 * see it, so they cannot send it back); `null` clears it. Unknown fields are refused, so the
 * masked bank details of a GET cannot be written back by mistake.
 */
export const MedicoInput = z.strictObject({
  nomecompleto: NomeCompleto,
  crm: Crm,
  crm_uf: Uf,
  cpf: Cpf.nullish().transform((v) => v ?? null),
  datanascimento: DataNascimento.nullish().transform((v) => v ?? null),
  telefone: Telefone.nullish().transform((v) => v ?? null),
  email: Email.nullish().transform((v) => v ?? null),
  endereco: OptionalText(300),
  unidadeid: Id.nullish().transform((v) => v ?? null),
  limitevagas: z.number().int("Limite de vagas deve ser inteiro.")
    .min(1, "Limite de vagas entre 1 e 100.").max(100, "Limite de vagas entre 1 e 100.")
    .nullish().transform((v) => v ?? null),
  observacoes: OptionalText(2000),
  dadosbancarios: DadosBancarios.nullable().optional(),
  especialidades: z.array(Id, { error: "Informe as especialidades do médico." })
    .min(1, "Informe ao menos uma especialidade.").max(30, "No máximo 30 especialidades.")
    .transform((ids) => [...new Set(ids)]),
});
export type MedicoInput = z.output<typeof MedicoInput>;

export const StatusFiltro = z.enum(STATUS_FILTROS, {
  error: "Status: Ativo, Inativo ou todos.",
});

export const MedicoListQuery = Pagination.extend({
  especialidadeid: Id.optional(),
  unidadeid: Id.optional(),
  status: StatusFiltro.default(STATUS.ativo),
  search: z.string().trim().max(100, "Busca muito longa.").optional()
    .transform((v) => v || undefined),
});
export type MedicoListQuery = z.output<typeof MedicoListQuery>;

export const MedicoEspecialidade = z.object({
  especialidadeid: z.number(),
  nome: z.string(),
  status: z.enum(STATUSES),
});

export const Medico = z.object({
  medicoid: z.number(),
  nomecompleto: z.string(),
  crm: z.string(),
  crm_uf: z.string(),
  cpf: z.string().nullable(),
  datanascimento: z.string().nullable(),
  telefone: z.string().nullable(),
  email: z.string().nullable(),
  endereco: z.string().nullable(),
  unidadeid: z.number().nullable(),
  unidade_nome: z.string().nullable(),
  status: z.enum(STATUSES),
  limitevagas: z.number().nullable(),
  observacoes: z.string().nullable(),
  foto_url: z.string().nullable(),
  dadosbancarios: z.union([DadosBancarios, DadosBancariosMascarados]).nullable(),
  especialidades: z.array(MedicoEspecialidade),
  created_at: z.string(),
  updated_at: z.string(),
});
export type Medico = z.infer<typeof Medico>;

export const MedicoList = z.object({
  items: z.array(Medico),
  total: z.number(),
  page: z.number(),
  limit: z.number(),
});

/**
 * What a paciente token reads (portal: the optional "médico" of the request form): active
 * médicos with their public professional identity and active especialidades; never CPF,
 * contacts, address, birth date, bank details or internal notes.
 */
export const MedicoPortal = z.strictObject({
  medicoid: z.number(),
  nomecompleto: z.string(),
  crm: z.string(),
  crm_uf: z.string(),
  foto_url: z.string().nullable(),
  unidadeid: z.number().nullable(),
  unidade_nome: z.string().nullable(),
  especialidades: z.array(MedicoEspecialidade.omit({ status: true }).strict()),
});
export type MedicoPortal = z.infer<typeof MedicoPortal>;

export const MedicoPortalList = MedicoList.extend({ items: z.array(MedicoPortal) }).strict();

/** Multipart body of the photo upload. */
export const FotoForm = z.object({
  foto: z.instanceof(File, { error: "Envie a imagem no campo foto (multipart/form-data)." }),
});

export const FOTO_MAX_BYTES = 2 * 1024 * 1024;
