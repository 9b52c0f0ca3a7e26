/**
 * The default driver: delivers nothing. The row is marked `enviada` with provider_id `outbox`
 * and stays readable in the ADM console (GET /api/notificacoes), which is how the embedded demo
 * "delivers" codes and links.
 */
import type { NotifyDriver } from "./types.ts";

export const outboxDriver: NotifyDriver = {
  name: "outbox",
  send: () => Promise.resolve({ providerId: "outbox" }),
};
