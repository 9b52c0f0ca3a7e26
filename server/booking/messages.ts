/**
 * Messages of the booking flows (`proposta`, `confirmacao`, `cancelamento`), written to the
 * outbox inside the caller's transaction (with its event, `writeEffects`): by WhatsApp to the
 * patient's phone and by e-mail when they have one (a patient with neither gets none). The
 * idempotency key is `${template}:${key}:${canal}`, so a repeat is a no-op.
 */
import type { OutboxMessage } from "../notify/outbox.ts";
import { pacienteMessages } from "../notify/paciente.ts";
import type { TemplateData } from "../notify/templates.ts";
import type { SlotDetail } from "./details.ts";

export type Template = "proposta" | "confirmacao" | "cancelamento";

export interface MessageData {
  slot: SlotDetail;
  protocolo: string;
  /** Proposal deadline. */
  expiraEm?: Date | null;
  motivo?: string | null;
}

function dataOf<K extends Template>(template: K, paciente: string, d: MessageData) {
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
  const byTemplate: { [T in Template]: TemplateData[T] } = {
    proposta: { ...consulta, expiraEm: d.expiraEm ?? d.slot.datainicio },
    confirmacao: { ...consulta, protocolo: d.protocolo },
    cancelamento: { ...consulta, protocolo: d.protocolo, motivo: d.motivo ?? "não informado" },
  };
  return byTemplate[template];
}

/** What a booking message needs of the patient (read once by the caller). */
export interface Destinatario {
  pacienteid: number;
  nomecompleto: string;
  telefone: string | null;
  email: string | null;
}

/** The outbox rows of `template` for the patient, one per channel on file. */
export function bookingMessages(
  p: Destinatario,
  template: Template,
  key: string,
  data: MessageData,
): OutboxMessage[] {
  return pacienteMessages(p, template, dataOf(template, p.nomecompleto, data), {
    chave: key,
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
  });
}
