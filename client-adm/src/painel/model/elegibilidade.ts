/**
 * Whether a backlog card may be dropped on a slot, decided in the browser while dragging (the
 * server decides again on the drop). Mirrors the server's rules: same especialidade, a free
 * place, not cancelled, not past, not on a cancelled grade day, an eligible tipo de slot (the
 * item's list, else the patient's, else any), and nobody else holding the slot or the card.
 */
import type { BacklogItem, Slot } from "./types.ts";

export type Veredito = { ok: true } | { ok: false; motivo: string };

export interface Contexto {
  /** The patient's own eligible tipos (`GET /api/pacientes/:id`), when the item lists none. */
  tiposPaciente?: number[];
  /** Places taken by this operator's drops still in flight, per slot. */
  pendentes?: number;
  /** Holder of another operator's lease on the slot. */
  slotDe?: string | null;
  agora?: number;
}

export function tiposElegiveis(item: BacklogItem, tiposPaciente?: number[]): number[] {
  return item.tipos_slot_elegiveis.length ? item.tipos_slot_elegiveis : tiposPaciente ?? [];
}

export function podeSoltar(item: BacklogItem, slot: Slot, ctx: Contexto = {}): Veredito {
  if (item.status !== "Pendente" || !item.ativo) {
    return { ok: false, motivo: `A solicitação está "${item.status}", não pendente.` };
  }
  if (slot.especialidade.especialidadeid !== item.especialidadeid) {
    return {
      ok: false,
      motivo:
        `Horário de ${slot.especialidade.nome}; a solicitação é de ${item.especialidade_nome}.`,
    };
  }
  if (slot.status === "Cancelado") return { ok: false, motivo: "Este horário foi cancelado." };
  if (slot.dia_cancelado) {
    return { ok: false, motivo: "O dia deste horário foi cancelado na grade do médico." };
  }
  if (Date.parse(slot.datainicio) <= (ctx.agora ?? Date.now())) {
    return { ok: false, motivo: "Este horário já passou." };
  }
  if (slot.livres - (ctx.pendentes ?? 0) <= 0) {
    return { ok: false, motivo: "Horário lotado: não há vaga livre." };
  }
  const tipos = tiposElegiveis(item, ctx.tiposPaciente);
  if (tipos.length && !tipos.includes(slot.tiposlot.tiposlotid)) {
    return {
      ok: false,
      motivo: `O paciente não é elegível para horários do tipo "${slot.tiposlot.nome}".`,
    };
  }
  if (ctx.slotDe) return { ok: false, motivo: `Horário em uso por ${ctx.slotDe}.` };
  return { ok: true };
}
