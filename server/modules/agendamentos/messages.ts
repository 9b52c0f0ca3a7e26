/**
 * WhatsApp messages of the booking flows (`proposta`, `confirmacao`, `cancelamento`), written to
 * the outbox inside the caller's transaction. A patient without a phone on file gets none.
 */
import type { Sql } from "../../db/db.ts";
import { enqueue } from "../../notify/outbox.ts";
import type { SlotDetail } from "./details.ts";

export type Template = "proposta" | "confirmacao" | "cancelamento";

interface MessageData {
  slot: SlotDetail & { endereco: string };
  protocolo: string;
  /** Proposal deadline, already formatted in local time. */
  expiraEm?: string | null;
  motivo?: string | null;
}

function texto(template: Template, nome: string, d: MessageData): string {
  const quando = `${d.slot.data_br} às ${d.slot.hora}`;
  const onde = `${d.slot.unidade_nome}${d.slot.endereco ? ` (${d.slot.endereco})` : ""}`;
  const consulta = `${d.slot.especialidade_nome} com ${d.slot.medico_nome}`;
  switch (template) {
    case "proposta":
      return `Olá, ${nome}! Temos uma vaga para a sua consulta de ${consulta} em ${quando}, ` +
        `na unidade ${onde}. Confirme ou recuse pelo Portal do Paciente` +
        `${d.expiraEm ? ` até ${d.expiraEm}` : ""}. Protocolo ${d.protocolo}.`;
    case "confirmacao":
      return `Olá, ${nome}! Sua consulta de ${consulta} está confirmada para ${quando}, ` +
        `na unidade ${onde}. Protocolo ${d.protocolo}.`;
    case "cancelamento":
      return `Olá, ${nome}. Sua consulta de ${consulta} em ${quando} foi cancelada` +
        `${d.motivo ? ` (motivo: ${d.motivo})` : ""}. Protocolo ${d.protocolo}. ` +
        `Em caso de dúvida, procure a unidade ${d.slot.unidade_nome}.`;
  }
}

/** Enqueues `template` for the patient; `key` makes a repeat a no-op. */
export async function notifyPaciente(
  sql: Sql,
  pacienteid: number,
  template: Template,
  key: string,
  data: MessageData,
): Promise<number | null> {
  const [p] = await sql<{ nomecompleto: string; telefone: string | null }>`
    select nomecompleto, telefone from ca_paciente where pacienteid = ${pacienteid}`;
  if (!p?.telefone) return null;
  const nome = p.nomecompleto.split(/\s+/)[0];
  return await enqueue(sql, {
    canal: "whatsapp",
    destino: p.telefone,
    template,
    corpo: texto(template, nome, data),
    payload: {
      protocolo: data.protocolo,
      slotagendaid: data.slot.slotagendaid,
      data: data.slot.data,
      hora: data.slot.hora,
      medico: data.slot.medico_nome,
      especialidade: data.slot.especialidade_nome,
      unidade: data.slot.unidade_nome,
      endereco: data.slot.endereco,
      expira_em: data.expiraEm ?? null,
      motivo: data.motivo ?? null,
    },
    idempotencyKey: `${template}:${key}`,
    pacienteid,
  });
}
