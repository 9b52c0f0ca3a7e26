/**
 * Mailjet Send API v3.1: `POST {mailjetUrl}/v3.1/send` with HTTP Basic `apiKey:apiSecret`.
 * The outbox idempotency key travels as `CustomID`, so a message can be traced (and a duplicate
 * spotted) in Mailjet's own log.
 */
import { postJson } from "./http.ts";
import { DeliveryError, type NotifyDriver } from "./types.ts";

export const MAIL_FROM_NAME = "Command Agenda";

interface MailjetResponse {
  Messages?: { Status?: string; To?: { MessageID?: unknown }[] }[];
}

export function mailjetDriver(
  opts: { url: string; apiKey: string; apiSecret: string; from: string },
): NotifyDriver {
  const base = opts.url.replace(/\/+$/, "");
  const auth = `Basic ${btoa(`${opts.apiKey}:${opts.apiSecret}`)}`;
  return {
    name: "mailjet",
    async send(d) {
      const res = await postJson("Mailjet", `${base}/v3.1/send`, { authorization: auth }, {
        Messages: [{
          From: { Email: opts.from, Name: MAIL_FROM_NAME },
          To: [{ Email: d.destino }],
          Subject: d.assunto ?? "Command Agenda",
          TextPart: d.corpo,
          CustomID: d.idempotencyKey,
        }],
      }) as MailjetResponse;
      const message = res?.Messages?.[0];
      const id = message?.To?.[0]?.MessageID;
      if (message?.Status !== "success" || (typeof id !== "string" && typeof id !== "number")) {
        throw new DeliveryError(
          `Mailjet não confirmou o envio (Status ${message?.Status ?? "ausente"}).`,
          message?.Status === "error",
        );
      }
      return { providerId: String(id) };
    },
  };
}
