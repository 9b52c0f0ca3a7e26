/**
 * The usual way to message a patient: render a template and enqueue it by WhatsApp to their
 * phone and, when they have one, by e-mail. Call it inside the transaction of the state change.
 *
 * @example
 * await db.begin(async (sql) => {
 *   // ... confirm the agendamento, recordEvent(...)
 *   await notifyPaciente(sql, pacienteid, "confirmacao", { ...consulta, protocolo }, {
 *     chave: String(agendamentoid),
 *     payload: { agendamentoid },
 *   });
 * });
 */
import type { Sql } from "../db/db.ts";
import { enqueueMany, type OutboxMessage } from "./outbox.ts";
import { render, type TemplateData, type TemplateName } from "./templates.ts";

export interface MessageOptions {
  /** Makes the message unique: `${template}:${chave}:${canal}` is its idempotency key. */
  chave: string;
  payload?: Record<string, unknown>;
}

/**
 * The outbox rows of one message to a patient already read (WhatsApp to the phone, e-mail to
 * the address), for callers that write them in a batch with other rows.
 */
export function pacienteMessages<K extends TemplateName>(
  p: { pacienteid: number; telefone: string | null; email: string | null },
  template: K,
  data: TemplateData[K],
  opts: MessageOptions,
): OutboxMessage[] {
  const { assunto, corpo } = render(template, data);
  const destinos = [
    ...(p.telefone ? [{ canal: "whatsapp" as const, destino: p.telefone }] : []),
    ...(p.email ? [{ canal: "email" as const, destino: p.email }] : []),
  ];
  return destinos.map(({ canal, destino }) => ({
    canal,
    destino,
    template,
    assunto,
    corpo,
    payload: opts.payload,
    idempotencyKey: `${template}:${opts.chave}:${canal}`,
    pacienteid: p.pacienteid,
  }));
}

export async function notifyPaciente<K extends TemplateName>(
  sql: Sql,
  pacienteid: number,
  template: K,
  data: TemplateData[K],
  opts: MessageOptions,
): Promise<number[]> {
  const [p] = await sql<{ telefone: string | null; email: string | null }>`
    select telefone, email from ca_paciente where pacienteid = ${pacienteid}`;
  if (!p) return [];
  return await enqueueMany(sql, pacienteMessages({ pacienteid, ...p }, template, data, opts));
}
