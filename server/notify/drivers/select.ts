/**
 * Which driver delivers each canal, from NOTIFY_DRIVER:
 * - `outbox` (default): nothing leaves the server; rows are read in the ADM console.
 * - `whapi`: WhatsApp and SMS through Whapi (an SMS goes as a WhatsApp text to the same number,
 *   unless SMS_DRIVER says otherwise); e-mail stays in the outbox.
 * - `mailjet`: e-mail through Mailjet; WhatsApp and SMS stay in the outbox.
 * - `live`: both.
 * SMS_DRIVER, when set, chooses SMS apart: `zenvia` (a real SMS gateway), `whapi` or `outbox`.
 */
import type { Config } from "../../config.ts";
import { mailjetDriver } from "./mailjet.ts";
import { outboxDriver } from "./outbox.ts";
import type { Canal, NotifyDriver } from "./types.ts";
import { whapiDriver } from "./whapi.ts";
import { zenviaDriver } from "./zenvia.ts";

export type DriverName = "outbox" | "whapi" | "mailjet" | "zenvia";
type NotifyConfig = Pick<
  Config,
  | "notifyDriver"
  | "whapiUrl"
  | "whapiToken"
  | "mailjetUrl"
  | "mailjetApiKey"
  | "mailjetApiSecret"
  | "mailFrom"
  | "smsDriver"
  | "zenviaUrl"
  | "zenviaToken"
  | "zenviaFrom"
>;

const ROUTES: Record<Config["notifyDriver"], Record<Canal, DriverName>> = {
  outbox: { whatsapp: "outbox", sms: "outbox", email: "outbox" },
  whapi: { whatsapp: "whapi", sms: "whapi", email: "outbox" },
  mailjet: { whatsapp: "outbox", sms: "outbox", email: "mailjet" },
  live: { whatsapp: "whapi", sms: "whapi", email: "mailjet" },
};

/** The driver name for a canal under this configuration (no credentials needed). */
export function driverNameFor(
  config: Pick<Config, "notifyDriver" | "smsDriver">,
  canal: Canal,
): DriverName {
  if (canal === "sms" && config.smsDriver) return config.smsDriver;
  const routes = ROUTES[config.notifyDriver];
  if (!routes) {
    throw new Error(
      `NOTIFY_DRIVER inválido: "${config.notifyDriver}" (use outbox, whapi, mailjet ou live).`,
    );
  }
  return routes[canal];
}

/** Builds the drivers; throws at start when the chosen ones lack credentials. */
export function driversFor(config: NotifyConfig): Record<Canal, NotifyDriver> {
  const build: Record<DriverName, () => NotifyDriver> = {
    outbox: () => outboxDriver,
    whapi: () => {
      if (!config.whapiToken) {
        throw new Error(`NOTIFY_DRIVER=${config.notifyDriver} exige WHAPI_TOKEN.`);
      }
      return whapiDriver({ url: config.whapiUrl, token: config.whapiToken });
    },
    mailjet: () => {
      if (!config.mailjetApiKey || !config.mailjetApiSecret) {
        throw new Error(
          `NOTIFY_DRIVER=${config.notifyDriver} exige MAILJET_API_KEY e MAILJET_API_SECRET.`,
        );
      }
      return mailjetDriver({
        url: config.mailjetUrl,
        apiKey: config.mailjetApiKey,
        apiSecret: config.mailjetApiSecret,
        from: config.mailFrom,
      });
    },
    zenvia: () => {
      if (!config.zenviaToken || !config.zenviaFrom) {
        throw new Error("SMS_DRIVER=zenvia exige ZENVIA_TOKEN e ZENVIA_FROM.");
      }
      return zenviaDriver({
        url: config.zenviaUrl,
        token: config.zenviaToken,
        from: config.zenviaFrom,
      });
    },
  };
  const cache = new Map<DriverName, NotifyDriver>();
  const get = (canal: Canal) => {
    const name = driverNameFor(config, canal);
    if (!cache.has(name)) cache.set(name, build[name]());
    return cache.get(name)!;
  };
  return { whatsapp: get("whatsapp"), sms: get("sms"), email: get("email") };
}
