/**
 * WhatsApp messages of the booking flows (`proposta`, `confirmacao`, `cancelamento`), written to
 * the outbox inside the caller's transaction. A patient without a phone on file gets none.
 */
import type { Sql } from "../../db/db.ts";
import { enqueue } from "../../notify/outbox.ts";
import { render, type Rendered } from "../../notify/templates.ts";
import type { SlotDetail } from "./details.ts";

export type Template = "proposta" | "confirmacao" | "cancelamento";

interface MessageData {
  slot: SlotDetail;
  protocolo: string;
  /** Proposal deadline. */
  expiraEm?: Date | null;
  motivo?: string | null;
}

function texto(template: Template, paciente: string, d: MessageData): Rendered {
  const consulta = {
    paciente,
    inicio: d.slot.datainicio,
    timezone: d.slot.timezone,
    medico: d.slot.medico_nome,
    especialidade: d.slot.especialidade_nome,
    unidade: {
      nome: d.slot.unidade_nome,
      logradouro: d.slot.logradouro,
      numero: d.slot.numero,
      complemento: d.slot.complemento,
      bairro: d.slot.bairro,
      cidade: d.slot.cidade,
      uf: d.slot.uf,
    },
  };
  switch (template) {
    case "proposta":
      return render("proposta", { ...consulta, expiraEm: d.expiraEm ?? d.slot.datainicio });
    case "confirmacao":
      return render("confirmacao", { ...consulta, protocolo: d.protocolo });
    case "cancelamento":
      return render("cancelamento", {
        ...consulta,
        protocolo: d.protocolo,
        motivo: d.motivo ?? "não informado",
      });
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
  const { assunto, corpo } = texto(template, p.nomecompleto, data);
  return await enqueue(sql, {
    canal: "whatsapp",
    destino: p.telefone,
    template,
    assunto,
    corpo,
    payload: {
      protocolo: data.protocolo,
      slotagendaid: data.slot.slotagendaid,
      data: data.slot.data,
      hora: data.slot.hora,
      medico: data.slot.medico_nome,
      especialidade: data.slot.especialidade_nome,
      unidade: data.slot.unidade_nome,
      expira_em: data.expiraEm ?? null,
      motivo: data.motivo ?? null,
    },
    idempotencyKey: `${template}:${key}:whatsapp`,
    pacienteid,
  });
}
