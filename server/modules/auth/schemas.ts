import { z } from "zod";
import {
  Cpf,
  DataNascimento,
  Email,
  Id,
  OptionalText,
  SenhaForte,
  Telefone,
} from "../../shared/schemas.ts";

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

export const PacienteRegisterInput = z.object({
  cpf: Cpf,
  nomecompleto: z.string({ error: "Nome completo é obrigatório." }).trim()
    .min(3, "Informe o nome completo.").max(200)
    .refine((v) => v.split(/\s+/).length >= 2, "Informe nome e sobrenome."),
  senha: z.string({ error: "Senha é obrigatória." }).min(
    6,
    "A senha deve ter ao menos 6 caracteres.",
  ).max(128),
  datanascimento: DataNascimento.nullish(),
  email: Email.nullish(),
  telefone: Telefone.nullish(),
  contatos: z.array(Contato).max(3, "No máximo 3 contatos adicionais.").default([]),
});

export const PacienteLoginInput = z.object({
  cpf: Cpf,
  senha: z.string({ error: "Senha é obrigatória." }).min(1, "Senha é obrigatória.").max(128),
});

export const EnviarCodigoInput = z.object({ telefone: Telefone.optional() });
export const ConfirmarCodigoInput = z.object({
  codigo: z.string().regex(/^\d{4}$/, "O código tem 4 dígitos."),
});

export const TokenResponse = z.object({ token: z.string(), expires_at: z.string() });
