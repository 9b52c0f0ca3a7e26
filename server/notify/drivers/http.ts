/** The one HTTP call both real drivers make, with a timeout and the retry/give-up rule. */
import { DeliveryError } from "./types.ts";

export const PROVIDER_TIMEOUT_MS = 15_000;

/**
 * A 4xx (except 408 and 429) means the provider read the request and refused it: sending it again
 * changes nothing. Anything else (5xx, 408, 429, network, timeout) may work on the next attempt.
 */
export function isPermanentStatus(status: number): boolean {
  return status >= 400 && status < 500 && status !== 408 && status !== 429;
}

/** The most useful text of a provider's error body, whatever its shape. */
export function providerMessage(body: unknown, text: string): string {
  const b = body as Record<string, unknown> | null;
  const parts: string[] = [];
  const err = b?.error as Record<string, unknown> | string | undefined;
  if (typeof err === "string") parts.push(err);
  else if (err && typeof err.message === "string") parts.push(err.message);
  if (typeof b?.message === "string") parts.push(b.message);
  if (typeof b?.ErrorMessage === "string") parts.push(b.ErrorMessage);
  // Mailjet v3.1: { Messages: [{ Status: "error", Errors: [{ ErrorMessage, ErrorCode }] }] }
  const messages = Array.isArray(b?.Messages) ? b.Messages as Record<string, unknown>[] : [];
  for (const m of messages) {
    for (const e of Array.isArray(m?.Errors) ? m.Errors as Record<string, unknown>[] : []) {
      if (typeof e?.ErrorMessage === "string") parts.push(e.ErrorMessage);
    }
  }
  const out = parts.length ? parts.join("; ") : text.trim();
  return out.slice(0, 500) || "sem detalhes";
}

/** POSTs JSON and answers the parsed 2xx body, or throws a classified `DeliveryError`. */
export async function postJson(
  provider: string,
  url: string,
  headers: Record<string, string>,
  body: unknown,
  timeoutMs = PROVIDER_TIMEOUT_MS,
): Promise<unknown> {
  let res: Response;
  let text: string;
  try {
    res = await fetch(url, {
      method: "POST",
      headers: { "content-type": "application/json", accept: "application/json", ...headers },
      body: JSON.stringify(body),
      signal: AbortSignal.timeout(timeoutMs),
    });
    text = await res.text();
  } catch (err) {
    throw new DeliveryError(`${provider}: falha de rede (${(err as Error).message}).`, false);
  }
  let parsed: unknown = null;
  try {
    parsed = text ? JSON.parse(text) : null;
  } catch {
    parsed = null;
  }
  if (!res.ok) {
    throw new DeliveryError(
      `${provider} respondeu HTTP ${res.status}: ${providerMessage(parsed, text)}`,
      isPermanentStatus(res.status),
    );
  }
  if (parsed === null) {
    throw new DeliveryError(`${provider} respondeu HTTP ${res.status} sem JSON válido.`, false);
  }
  return parsed;
}
