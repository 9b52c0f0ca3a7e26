/**
 * How a live event changes the cached calendar: an agendamento created or cancelled moves one
 * place between free and taken on its day (and its slot), in place, without a refetch. Events
 * this cannot reason about (grades generated, days cancelled, proposals) ask for a reload of the
 * view instead.
 */
import type { EventMsg } from "../../../client-shared/live_store.ts";
import type { AgendamentoStatusT } from "./types.ts";

/** Statuses that hold a place on the slot. */
const HOLDS: ReadonlySet<string> = new Set(["Proposto", "Ativo", "Confirmado", "Concluído"]);

export interface PlaceDelta {
  /** Days the event touches ("YYYY-MM-DD"). */
  days: string[];
  slotagendaid: number | null;
  /** +1 a place taken, -1 a place freed, 0 no change of places. */
  delta: number;
}

export const eventDays = (ev: EventMsg) =>
  ev.topics.map((t) => /^data:(\d{4}-\d{2}-\d{2})$/.exec(t)?.[1]).filter((d): d is string =>
    Boolean(d)
  );

/** Whether the event concerns the filters on screen (each filter set must be in its topics). */
export function matchesFilters(
  ev: EventMsg,
  f: { unidadeid: number | null; especialidadeid: number | null; medicoid: number | null },
): boolean {
  if (f.unidadeid && !ev.topics.includes(`unidade:${f.unidadeid}`)) return false;
  if (f.especialidadeid && !ev.topics.includes(`especialidade:${f.especialidadeid}`)) return false;
  if (f.medicoid && !ev.topics.includes(`medico:${f.medicoid}`)) return false;
  return true;
}

/**
 * The change of places an event makes, or null when the view must be reloaded to know it.
 * `before`/`after` are the agendamento rows the event carries (staff sockets get `after`).
 */
export function placeDelta(ev: EventMsg): PlaceDelta | null {
  const days = eventDays(ev);
  const after = ev.after as { status?: AgendamentoStatusT; slotagendaid?: number } | undefined;
  if (ev.entity !== "agendamento") return null;
  const slotagendaid = after?.slotagendaid ?? null;
  switch (ev.kind) {
    case "agendamento.criado":
      return { days, slotagendaid, delta: after?.status && !HOLDS.has(after.status) ? 0 : 1 };
    case "agendamento.cancelado":
      return { days, slotagendaid, delta: -1 };
    case "agendamento.presenca_confirmada":
    case "agendamento.falta_registrada":
    case "agendamento.concluido":
      return { days, slotagendaid, delta: 0 };
    default:
      return null;
  }
}
