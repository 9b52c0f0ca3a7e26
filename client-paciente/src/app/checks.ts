/**
 * The checks the portal's forms make before sending (the server checks again and its messages
 * show next to the same fields): the CPF's check digits as it is typed, phone, e-mail, password.
 */
import { digits, validCpf } from "../../../client-shared/masks.ts";

export const SENHA_MIN = 6;

/** The CPF message while typing: nothing until 11 digits, then whether the check digits hold. */
export function cpfError(v: string, required = false): string | null {
  const d = digits(v);
  if (!d) return required ? "Informe o CPF." : null;
  if (d.length < 11) return required ? "O CPF tem 11 números." : null;
  return validCpf(d) ? null : "CPF inválido: confira os números.";
}

export function telefoneError(v: string, required = false): string | null {
  const d = digits(v);
  if (!d) return required ? "Informe o telefone com DDD." : null;
  return /^[1-9][1-9](?:9\d{8}|[2-5]\d{7})$/.test(d)
    ? null
    : "Telefone inválido: use DDD + número (10 ou 11 números).";
}

export function emailError(v: string): string | null {
  const t = v.trim();
  if (!t) return null;
  return /^[^@\s]+@[^@\s]+\.[^@\s]+$/.test(t) ? null : "E-mail inválido.";
}

export function senhaError(v: string): string | null {
  if (!v) return "Informe a senha.";
  return v.length < SENHA_MIN ? `A senha deve ter ao menos ${SENHA_MIN} caracteres.` : null;
}

/** Adds `key → message` when the message is not null. */
export function collect(checks: [string, string | null][]): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, m] of checks) if (m) out[k] = m;
  return out;
}
