/**
 * Whapi.cloud (WhatsApp): `POST {whapiUrl}/messages/text` with `Authorization: Bearer <token>` and
 * `{ to: "55DDDNUMERO", body }`; a sent message answers `{ sent: true, message: { id } }`.
 * Whapi takes no idempotency key; a retried row may in rare cases (crash between the provider's
 * answer and our update) be delivered twice.
 */
import { postJson } from "./http.ts";
import { DeliveryError, type NotifyDriver } from "./types.ts";

/**
 * The international number Whapi expects, from what we store (DDD + number, 10 or 11 digits).
 *
 * @example
 * whatsappNumber("11987654321") // "5511987654321"
 */
export function whatsappNumber(destino: string): string {
  const d = destino.replace(/\D/g, "");
  if (/^[1-9]{2}\d{8,9}$/.test(d)) return `55${d}`;
  if (/^55[1-9]{2}\d{8,9}$/.test(d)) return d;
  throw new DeliveryError(`Telefone inválido para WhatsApp: ${destino}.`, true);
}

export function whapiDriver(opts: { url: string; token: string }): NotifyDriver {
  const base = opts.url.replace(/\/+$/, "");
  return {
    name: "whapi",
    async send(d) {
      const res = await postJson("Whapi", `${base}/messages/text`, {
        authorization: `Bearer ${opts.token}`,
      }, { to: whatsappNumber(d.destino), body: d.corpo }) as {
        sent?: boolean;
        message?: { id?: unknown };
      };
      const id = res?.message?.id;
      if (res?.sent !== true || (typeof id !== "string" && typeof id !== "number")) {
        throw new DeliveryError("Whapi não confirmou o envio (sent != true).", false);
      }
      return { providerId: String(id) };
    },
  };
}
