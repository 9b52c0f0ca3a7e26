/**
 * Notifications that carry a secret (a phone code, a temporary password, a single-use link).
 * Their text is needed only until a real provider delivers it: the worker then scrubs the row,
 * and the ADM console never shows it while a real provider serves the canal. With the `outbox`
 * driver the console *is* the delivery (embedded demo), so nothing is hidden there.
 */

export const SECRET_TEMPLATES: ReadonlySet<string> = new Set([
  "codigo_validacao",
  "primeiro_acesso",
]);

/** Payload keys removed or masked for those templates. Keep in sync with `scrubSql` below. */
export const SECRET_KEYS: ReadonlySet<string> = new Set([
  "codigo",
  "senha_temporaria",
  "token",
  "link",
]);

export const CONTEUDO_OMITIDO = "[conteúdo sigiloso omitido: entregue diretamente ao destinatário]";

/** The payload with secret values masked. */
export function maskPayload(payload: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(
    Object.entries(payload).map(([k, v]) => [k, SECRET_KEYS.has(k) ? "[omitido]" : v]),
  );
}
