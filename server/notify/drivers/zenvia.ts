/**
 * Zenvia (SMS, Brazilian gateway), API v2: `POST {zenviaUrl}/v2/channels/sms/messages` with the
 * header `X-API-TOKEN: <token>` and `{ from, to: "55DDDNUMERO", contents: [{ type: "text", text }] }`;
 * an accepted message answers `{ id, from, to, direction: "OUT", channel: "sms", contents }`.
 * Errors answer `{ code, message, details? }` (400 VALIDATION_ERROR, 401 UNAUTHORIZED …).
 * `from` is the sender id (keyword) of the account's SMS integration. Zenvia takes no idempotency
 * key, so (as with Whapi) a retried row may in rare cases be delivered twice.
 */
import { postJson } from "./http.ts";
import { DeliveryError, type NotifyDriver } from "./types.ts";

/** Zenvia's SMS text limit (longer texts are refused with 400). */
export const SMS_MAX = 1152;

/**
 * A Brazilian mobile in the international form Zenvia expects, from what we store (DDD + 9 +
 * eight digits). SMS reaches mobiles only.
 *
 * @example
 * smsNumber("11987654321") // "5511987654321"
 */
export function smsNumber(destino: string): string {
  const d = destino.replace(/\D/g, "");
  const local = /^55[1-9]{2}9\d{8}$/.test(d) ? d.slice(2) : d;
  if (/^[1-9]{2}9\d{8}$/.test(local)) return `55${local}`;
  throw new DeliveryError(`Telefone inválido para SMS (use um celular): ${destino}.`, true);
}

export function zenviaDriver(opts: { url: string; token: string; from: string }): NotifyDriver {
  const base = opts.url.replace(/\/+$/, "");
  return {
    name: "zenvia",
    async send(d) {
      const to = smsNumber(d.destino);
      if (d.corpo.length > SMS_MAX) {
        throw new DeliveryError(`SMS com mais de ${SMS_MAX} caracteres.`, true);
      }
      const res = await postJson("Zenvia", `${base}/v2/channels/sms/messages`, {
        "x-api-token": opts.token,
      }, { from: opts.from, to, contents: [{ type: "text", text: d.corpo }] }) as { id?: unknown };
      if (typeof res?.id !== "string" || !res.id) {
        throw new DeliveryError("Zenvia não devolveu o id da mensagem.", false);
      }
      return { providerId: res.id };
    },
  };
}
