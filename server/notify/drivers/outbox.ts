/**
 * The default driver: delivers nothing. The row is marked `enviada` with provider_id `outbox`
 * and stays readable in the ADM console (GET /api/notificacoes) with its secrets masked. A
 * message that carries a secret (a code, a first-access link) is printed on the server's console
 * instead: with nothing leaving the server, that is where an embedded demo reads it. Real
 * deployments use `whapi` / `mailjet`, which never print.
 */
import { SECRET_TEMPLATES } from "../secrets.ts";
import type { NotifyDriver } from "./types.ts";

export const outboxDriver: NotifyDriver = {
  name: "outbox",
  send: (d) => {
    if (SECRET_TEMPLATES.has(d.template)) {
      console.info(`[notify:outbox] ${d.canal} para ${d.destino}:\n${d.corpo}`);
    }
    return Promise.resolve({ providerId: "outbox" });
  },
};
