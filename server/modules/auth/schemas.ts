import { z } from "zod";
import { isCommonPassword, SENHA_COMUM } from "../../auth/common_passwords.ts";
import {
  blankAsNull,
  Cpf,
  DataNascimento,
  Email,
  Id,
  NomeCompleto,
  OptionalText,
  Role,
  SenhaForte,
  Telefone,
  Timestamp,
} from "../../shared/schemas.ts";
import { Usuario } from "../usuarios/schemas.ts";

export const AdminLoginInput = z.object({
  email: Email,
  senha: z.string({ error: "Senha é obrigatória." }).min(1, "Senha é obrigatória.").max(128),
});

export const ValidateFirstAccessInput = z.object({
  token: z.string().min(20, "Token inválido.").max(200),
});

export const FirstAccessInput = z.object({
  token: z.string().min(20, "Token inválido.").max(200),
  email: Email,
  senha_temporaria: z.string().min(1, "Informe a senha temporária.").max(128),
  nova_senha: SenhaForte,
});

export const ResendFirstAccessInput = z.object({ usuarioid: Id });

export const Contato = z.object({
  nome: z.string().trim().min(2, "Nome do contato é obrigatório.").max(120),
  telefone: Telefone,
  parentesco: OptionalText(60),
});

/** Up to 3 additional contacts (spec "Cadastro do Paciente"). */
export const Contatos = z.array(Contato, { error: "Contatos devem ser uma lista." })
  .max(3, "No máximo 3 contatos adicionais.");

/** Portal password: the spec asks for at least 6 characters. */
const SenhaPaciente = z.string({ error: "Senha é obrigatória." })
  .min(6, "A senha deve ter ao menos 6 caracteres.").max(128)
  .refine((v) => !isCommonPassword(v), SENHA_COMUM);

export const PacienteRegisterInput = z.object({
  cpf: Cpf,
  nomecompleto: NomeCompleto,
  senha: SenhaPaciente,
  datanascimento: DataNascimento.nullish(),
  email: Email.nullish(),
  telefone: Telefone.nullish(),
  contatos: Contatos.default([]),
  /** Claiming a desk record: the WhatsApp code sent to the phone on file. */
  codigo: z.string().regex(/^\d{4}$/, "O código tem 4 dígitos.").optional(),
});

export const PacienteLoginInput = z.object({
  cpf: Cpf,
  senha: z.string({ error: "Senha é obrigatória." }).min(1, "Senha é obrigatória.").max(128),
});

/**
 * PUT /api/auth/paciente/me: what a patient may change on their own record. Name, CPF and birth
 * date identify them at the unidade and change only at the desk. Only the fields sent change;
 * `null` or "" clears e-mail and phone. A new phone starts unvalidated.
 */
export const PacientePerfilInput = z.strictObject({
  email: blankAsNull(Email),
  telefone: blankAsNull(Telefone),
  contatos: Contatos.optional(),
}, { error: (i) => i.code === "unrecognized_keys" ? "Campo não editável pelo portal." : undefined })
  .refine((v) => Object.values(v).some((x) => x !== undefined), {
    message: "Informe ao menos um campo para atualizar.",
  });
export type PacientePerfilInput = z.output<typeof PacientePerfilInput>;

/** PUT /api/auth/paciente/senha. */
export const PacienteSenhaInput = z.object({
  senha_atual: z.string({ error: "Informe a senha atual." }).min(1, "Informe a senha atual.")
    .max(128),
  nova_senha: SenhaPaciente,
}).refine((v) => v.senha_atual !== v.nova_senha, {
  message: "A nova senha deve ser diferente da atual.",
  path: ["nova_senha"],
});

/** POST /api/auth/paciente/senha/esqueci. */
export const SenhaEsqueciInput = z.object({ cpf: Cpf });

/** POST /api/auth/paciente/senha/redefinir. */
export const SenhaRedefinirInput = z.object({
  cpf: Cpf,
  codigo: z.string({ error: "Informe o código." }).regex(/^\d{4}$/, "O código tem 4 dígitos."),
  nova_senha: SenhaPaciente,
});

export const EnviarCodigoInput = z.object({ telefone: Telefone.optional() });
export const ConfirmarCodigoInput = z.object({
  codigo: z.string().regex(/^\d{4}$/, "O código tem 4 dígitos."),
});

// ---------------------------------------------------------------- responses

export const TokenResponse = z.object({ token: z.string(), expires_at: Timestamp });

/** What each capability of the permission matrix allows this user (menus, buttons). */
export const Permissoes = z.object({
  ler: z.boolean(),
  agendar: z.boolean(),
  pacientes: z.boolean(),
  configurar: z.boolean(),
  gerarGrades: z.boolean(),
  administrar: z.boolean(),
  usuarios: z.boolean(),
});

/** `POST /api/auth/login`: the token and who it belongs to. */
export const AdminSession = TokenResponse.extend({
  usuario: z.object({
    usuarioid: z.number(),
    nome: z.string(),
    email: z.string(),
    role: Role,
    ativo: z.boolean(),
    primeiro_acesso: z.boolean(),
    permissoes: Permissoes,
  }),
});

/** `GET /api/auth/me`. */
export const AdminMe = Usuario.extend({ permissoes: Permissoes });

export const FirstAccessValid = z.object({
  valido: z.literal(true),
  email: z.string(),
  nome: z.string(),
});

/** `POST /api/auth/first-access`: the password is set and a session opened. */
export const FirstAccessDone = TokenResponse.extend({
  usuario: z.object({ usuarioid: z.number(), nome: z.string(), email: z.string(), role: Role }),
});

export const FirstAccessResent = z.object({ enviado: z.literal(true), email: z.string() });

export const SenhaAlterada = z.object({
  ok: z.literal(true),
  /** The paciente's other sessions, closed by the change. */
  sessoes_encerradas: z.number(),
});

export const CodigoWhatsappEnviado = z.object({
  enviado: z.literal(true),
  canal: z.literal("whatsapp"),
  telefone: z.string(),
  expires_at: Timestamp,
  digitos: z.number(),
});

/**
 * The answer of "esqueci minha senha", the same whether or not the CPF is registered (and has a
 * validated phone): `expires_at` is when a code sent now would expire.
 */
export const SenhaCodigoPedido = z.object({
  enviado: z.literal(true),
  canal: z.literal("whatsapp"),
  mensagem: z.string(),
  expires_at: Timestamp,
  digitos: z.number(),
});

export const TelefoneValidado = z.object({ validado: z.literal(true), telefone: z.string() });
