/** The contract every delivery driver implements, and the error that tells retry from give-up. */

export type Canal = "whatsapp" | "email" | "sms";

/** One claimed ca_notificacao row, as a driver sees it. */
export interface Delivery {
  notificacaoid: number;
  canal: Canal;
  destino: string;
  template: string;
  assunto: string | null;
  corpo: string;
  /** Unique per message; sent to providers that accept one (Mailjet `CustomID`). */
  idempotencyKey: string;
}

export interface SendResult {
  /** The provider's message id, kept in `ca_notificacao.provider_id`. */
  providerId: string;
}

/**
 * A delivery that did not happen. `permanent` failures (the provider refused the message: bad
 * number, bad credentials, invalid e-mail) are not retried; the rest (5xx, 429, network) are.
 */
export class DeliveryError extends Error {
  constructor(message: string, readonly permanent: boolean) {
    super(message);
    this.name = "DeliveryError";
  }
}

export interface NotifyDriver {
  readonly name: string;
  send(delivery: Delivery): Promise<SendResult>;
}
