/**
 * Request and response shapes of `/api/pacientes` (desk registration of patients).
 * The single source of truth for the server and the ADM client.
 */
import { isValidCPF } from "@brazilian-utils/brazilian-utils";
import { z } from "zod";
import {
  blankAsNull,
  Cpf,
  DataNascimento,
  Email,
  Id,
  NomeCompleto,
  OptionalText,
  QueryInt,
  Telefone,
  Timestamp,
} from "../../shared/schemas.ts";
import { Contatos } from "../auth/schemas.ts";
import { STATUS, STATUS_FILTROS, STATUSES } from "../../shared/statuses.ts";

export const TIPOS_PACIENTE = ["Comum", "Prioritário", "Gestante", "Idoso", "PcD"] as const;
export const TipoPaciente = z.enum(TIPOS_PACIENTE, {
  error: `Tipo inválido: use ${TIPOS_PACIENTE.join(", ")}.`,
});

/** Shared with the portal registration (name and birth date rules, up to 3 contacts). */
export { Contatos, DataNascimento, NomeCompleto };

/** Eligible slot types: ids of active ca_tiposlot rows (checked in the service). */
export const TiposSlotIds = z.array(Id, { error: "Informe a lista de tipos de slot." })
  .max(50, "No máximo 50 tipos de slot.")
  .transform((ids) => [...new Set(ids)]);

const fields = {
  nomecompleto: NomeCompleto,
  cpf: Cpf,
  datanascimento: blankAsNull(DataNascimento),
  telefone: blankAsNull(Telefone),
  email: blankAsNull(Email),
  tipo: TipoPaciente,
  tipo_vinculo: OptionalText(60),
  nome_mae: OptionalText(200),
  contatos: Contatos,
  tipos_slot_elegiveis: TiposSlotIds,
};

export const PacienteInput = z.object({
  ...fields,
  tipo: fields.tipo.default("Comum"),
  contatos: fields.contatos.default([]),
  tipos_slot_elegiveis: fields.tipos_slot_elegiveis.default([]),
});
export type PacienteInput = z.output<typeof PacienteInput>;

/** PUT: only the fields sent change; `null` clears an optional one. */
export const PacienteUpdate = z.object({
  nomecompleto: fields.nomecompleto.optional(),
  cpf: fields.cpf.optional(),
  datanascimento: fields.datanascimento,
  telefone: fields.telefone,
  email: fields.email,
  tipo: fields.tipo.optional(),
  tipo_vinculo: z.string().trim().max(60).nullish().transform((v) => (v === "" ? null : v)),
  nome_mae: z.string().trim().max(200).nullish().transform((v) => (v === "" ? null : v)),
  contatos: fields.contatos.optional(),
  tipos_slot_elegiveis: fields.tipos_slot_elegiveis.optional(),
}).refine(
  (v) => Object.values(v).some((x) => x !== undefined),
  "Informe ao menos um campo para atualizar.",
);
export type PacienteUpdate = z.output<typeof PacienteUpdate>;

const digits = (s: string) => s.replace(/\D/g, "");
const emptyAsAbsent = (v: unknown) => (typeof v === "string" && v.trim() === "" ? undefined : v);

/** `cpf`: 1 to 11 digits (punctuation ignored); 11 digits must be a valid CPF (exact match). */
export const CpfFiltro = z.string().trim().transform(digits)
  .refine((v) => v.length >= 1 && v.length <= 11, "CPF: informe de 1 a 11 dígitos.")
  .refine((v) => v.length < 11 || isValidCPF(v), "CPF inválido.");

export const LIST_MAX = 50;

export const PacienteListQuery = z.object({
  search: z.preprocess(emptyAsAbsent, z.string().trim().max(100, "Busca muito longa.").optional()),
  cpf: z.preprocess(emptyAsAbsent, CpfFiltro.optional()),
  status: z.enum(STATUS_FILTROS, { error: "Status: Ativo, Inativo ou todos." })
    .default(STATUS.ativo),
  limit: QueryInt(`No máximo ${LIST_MAX} resultados.`, 1, LIST_MAX).default(LIST_MAX),
  page: QueryInt("Página inválida.", 1, 100_000).default(1),
});
export type PacienteListQuery = z.output<typeof PacienteListQuery>;

export const SEARCH_MAX = 20;

/** GET /api/pacientes/search?q= (autocomplete, seed 000): name words or a CPF prefix. */
export const PacienteSearchQuery = z.object({
  q: z.string({ error: "Informe o nome ou CPF." }).trim()
    .max(100, "Busca muito longa.")
    .refine((v) => /[\p{L}\d].*[\p{L}\d]/u.test(v), "Busque com ao menos 2 letras ou dígitos."),
  limit: QueryInt(`No máximo ${SEARCH_MAX} resultados.`, 1, SEARCH_MAX).default(10),
});
export type PacienteSearchQuery = z.output<typeof PacienteSearchQuery>;

export const TiposSlotInput = z.object({ tipos_slot_elegiveis: TiposSlotIds });

export const ConfirmarTelefoneInput = z.object({
  codigo: z.string({ error: "Informe o código." }).trim().regex(
    /^\d{6}$/,
    "O código tem 6 dígitos.",
  ),
});

// ---------------------------------------------------------------- responses

export const TipoSlotResumo = z.strictObject({
  tiposlotid: z.number(),
  nome: z.string(),
  cor: z.string(),
  status: z.enum(STATUSES),
  agendavel: z.boolean(),
});

/** A patient as the API answers it: never the password hash. */
export const Paciente = z.strictObject({
  pacienteid: z.number(),
  nomecompleto: z.string(),
  cpf: z.string(),
  datanascimento: z.string().nullable(),
  telefone: z.string().nullable(),
  email: z.string().nullable(),
  tipo: TipoPaciente,
  tipo_vinculo: z.string().nullable(),
  nome_mae: z.string().nullable(),
  status: z.enum(STATUSES),
  telefone_validado: z.boolean(),
  telefone_validado_em: Timestamp.nullable(),
  funcionario: z.boolean(),
  origem: z.enum(["ADM", "Portal", "Importação"]),
  contatos: z.array(
    z.object({ nome: z.string(), telefone: z.string(), parentesco: z.string().nullable() }),
  ),
  /** The patient has a portal password (the hash itself never leaves the server). */
  acesso_portal: z.boolean(),
  created_at: Timestamp,
  updated_at: Timestamp,
});

export const PacienteDetalhe = Paciente.extend({ tipos_slot: z.array(TipoSlotResumo) });

export const PacienteList = z.strictObject({
  items: z.array(Paciente),
  /** All matches; `items` holds at most `limit` of them, from `(page - 1) * limit` on. */
  total: z.number(),
  page: z.number(),
  limit: z.number(),
});

/** One autocomplete suggestion: enough to tell homonyms apart and pick the right one. */
export const PacienteSugestao = Paciente.pick({
  pacienteid: true,
  nomecompleto: true,
  cpf: true,
  datanascimento: true,
  telefone: true,
  telefone_validado: true,
  tipo: true,
});
export const PacienteSearchResponse = z.strictObject({ items: z.array(PacienteSugestao) });

export const PacienteStats = z.strictObject({
  total: z.number(),
  ativos: z.number(),
  inativos: z.number(),
  telefone_validado: z.number(),
});

export const TiposSlotResponse = z.strictObject({
  pacienteid: z.number(),
  tipos_slot: z.array(TipoSlotResumo),
});

export const CodigoEnviado = z.strictObject({
  enviado: z.literal(true),
  canal: z.literal("sms"),
  telefone: z.string(),
  expires_at: z.string(),
  digitos: z.number(),
});

/** A patient as the portal shows them to themselves (`/api/auth/paciente/...`). */
export const PacientePublico = Paciente.omit({ acesso_portal: true });

/** `GET|PUT /api/auth/paciente/me`: the own record with the eligible slot types. */
export const PacienteProprio = PacientePublico.extend({
  tipos_slot: z.array(TipoSlotResumo.pick({ tiposlotid: true, nome: true, cor: true })),
});

/** `POST /api/auth/paciente/register|login`: the token and the patient. */
export const PacienteSessao = z.object({
  token: z.string(),
  expires_at: Timestamp,
  paciente: PacientePublico,
});
