/**
 * Notifications that carry a secret (a phone code, a temporary password, a single-use link).
 *
 * Secrets are never readable through the API, by any role: `enqueue` stores the real text in
 * `ca_notificacao_segredo`, which only the delivery worker reads (to hand the driver the real
 * text) and which it deletes once a real provider sent the message; `ca_notificacao` (what GET
 * /api/notificacoes shows) holds the text and payload with the secret values replaced by
 * MASK. With the `outbox` driver nothing leaves the server: the driver prints the message on the
 * server's console and the secret row stays, which is where an embedded demo reads its codes.
 */

export const SECRET_TEMPLATES: ReadonlySet<string> = new Set([
  "codigo_validacao",
  "primeiro_acesso",
]);

/** Payload keys that never leave the server through the API. */
export const SECRET_KEYS: ReadonlySet<string> = new Set([
  "codigo",
  "senha_temporaria",
  "token",
  "link",
]);

export const MASK = "••••••";

/**
 * The text with every occurrence of each secret (as is and URL-encoded) replaced by MASK.
 * Longer secrets first, so one that contains another is masked whole.
 */
export function maskText(text: string, secrets: string[]): string {
  const forms = [...new Set(secrets.flatMap((s) => [s, encodeURIComponent(s)]))]
    .filter((s) => s.length > 0)
    .sort((a, b) => b.length - a.length);
  return forms.reduce((t, s) => t.split(s).join(MASK), text);
}

/** The secret values a secret-bearing template carries in its payload, by key. */
export function secretsIn(
  template: string,
  payload: Record<string, unknown> = {},
): Record<string, string> {
  if (!SECRET_TEMPLATES.has(template)) return {};
  return Object.fromEntries(
    Object.entries(payload).filter(([k, v]) => SECRET_KEYS.has(k) && typeof v === "string"),
  ) as Record<string, string>;
}

/** The payload with secret values masked (defence in depth for rows written by hand). */
export function maskPayload(payload: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(
    Object.entries(payload).map(([k, v]) => [k, SECRET_KEYS.has(k) ? MASK : v]),
  );
}
