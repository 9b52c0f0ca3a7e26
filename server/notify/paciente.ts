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
import { enqueue } from "./outbox.ts";
import { render, type TemplateData, type TemplateName } from "./templates.ts";

export async function notifyPaciente<K extends TemplateName>(
  sql: Sql,
  pacienteid: number,
  template: K,
  data: TemplateData[K],
  opts: {
    /** Makes the message unique: `${template}:${chave}:${canal}` is its idempotency key. */
    chave: string;
    payload?: Record<string, unknown>;
  },
): Promise<number[]> {
  const [p] = await sql<{ telefone: string | null; email: string | null }>`
    select telefone, email from ca_paciente where pacienteid = ${pacienteid}`;
  if (!p) return [];
  const { assunto, corpo } = render(template, data);
  const destinos = [
    ...(p.telefone ? [{ canal: "whatsapp" as const, destino: p.telefone }] : []),
    ...(p.email ? [{ canal: "email" as const, destino: p.email }] : []),
  ];
  const ids: number[] = [];
  for (const { canal, destino } of destinos) {
    const id = await enqueue(sql, {
      canal,
      destino,
      template,
      assunto,
      corpo,
      payload: opts.payload,
      idempotencyKey: `${template}:${opts.chave}:${canal}`,
      pacienteid,
    });
    if (id) ids.push(id);
  }
  return ids;
}
