import { z } from "zod";
import {
  Cpf,
  Email,
  OptionalText,
  Pagination,
  QueryBool,
  Role,
  SenhaForte,
} from "../../shared/schemas.ts";
import { STATUS_FILTROS } from "../../shared/statuses.ts";

const Nome = z.string({ error: "Nome é obrigatório." }).trim()
  .min(3, "O nome deve ter ao menos 3 caracteres.").max(200, "O nome deve ter até 200 caracteres.");
/** Optional CPF: "" and null clear it. */
const CpfOpcional = z.preprocess((v) => (v === "" ? null : v), Cpf.nullable());
const RoleInput = z.enum(Role.options, {
  error: `Perfil inválido: use ${Role.options.join(", ")}.`,
});

export const UsuarioCreate = z.object({
  nome: Nome,
  email: z.string({ error: "E-mail é obrigatório." }).pipe(Email),
  cpf: CpfOpcional.optional().transform((v) => v ?? null),
  cargo: OptionalText(120),
  role: RoleInput,
});
export type UsuarioCreate = z.infer<typeof UsuarioCreate>;

export const UsuarioUpdate = z.object({
  nome: Nome.optional(),
  email: Email.optional(),
  cpf: CpfOpcional.optional(),
  cargo: OptionalText(120).optional(),
  role: RoleInput.optional(),
  /** A new password chosen by the master; every session of the user is revoked. */
  senha: SenhaForte.optional(),
  ativo: z.boolean({ error: "ativo deve ser verdadeiro ou falso." }).optional(),
}).refine((v) => Object.values(v).some((x) => x !== undefined), {
  message: "Informe ao menos um campo para alterar.",
});
export type UsuarioUpdate = z.infer<typeof UsuarioUpdate>;

export const UsuarioListQuery = Pagination.extend({
  search: z.string().trim().max(200).optional(),
  role: RoleInput.optional(),
  ativo: QueryBool.optional(),
  /** The spec's "status" filter; `ativo` wins when both are given. */
  status: z.enum(STATUS_FILTROS, {
    error: "Status inválido: use Ativo, Inativo ou todos.",
  }).optional(),
});
export type UsuarioListQuery = z.infer<typeof UsuarioListQuery>;

/** What leaves the server: never the hash nor the first-access token. */
export const Usuario = z.object({
  usuarioid: z.number(),
  nome: z.string(),
  email: z.string(),
  cpf: z.string().nullable(),
  cargo: z.string().nullable(),
  role: Role,
  ativo: z.boolean(),
  senha_temporaria: z.boolean(),
  primeiro_acesso: z.boolean(),
  ultimo_login: z.string().nullable(),
  created_at: z.string(),
  updated_at: z.string(),
});
export type Usuario = z.infer<typeof Usuario>;

export const UsuarioPage = z.object({
  items: z.array(Usuario),
  total: z.number(),
  page: z.number(),
  limit: z.number(),
});
