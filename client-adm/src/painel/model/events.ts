/**
 * What one live event touches on the operator panel. NOTIFY payloads stay small and the rows
 * are read back, so the panel only needs the ids: it collects every slot and backlog id the
 * event's `after` names (at any depth: `after.agendamento.slotagendaid`, `slotagendaid_proposto`
 * ...) and re-reads those rows. Events that reshape a whole day (grade generated, day cancelled,
 * mass cancellation) ask for the day to be reloaded; lease events update the lease map directly.
 */
import type { LiveEvent } from "./types.ts";

export interface Alvos {
  slots: number[];
  backlog: number[];
  /** The day on screen must be reloaded (many slots changed at once). */
  recarregarDia: boolean;
  lease?: { resource: string; holder_nome: string | null; holder_sessao?: string };
}

const DIA_INTEIRO = new Set([
  "grade.gerada",
  "grade.dia_cancelado",
  "grade.dia_restaurado",
  "grade.atualizada",
  "cancelamento_massa.executado",
]);

const SLOT_KEYS = new Set(["slotagendaid", "slotagendaid_proposto"]);

function collect(v: unknown, slots: Set<number>, backlog: Set<number>, depth: number) {
  if (depth > 3 || v === null || typeof v !== "object") return;
  if (Array.isArray(v)) {
    for (const x of v.slice(0, 200)) collect(x, slots, backlog, depth + 1);
    return;
  }
  for (const [k, x] of Object.entries(v as Record<string, unknown>)) {
    if (typeof x === "number" && Number.isInteger(x) && x > 0) {
      if (SLOT_KEYS.has(k)) slots.add(x);
      else if (k === "backlogid") backlog.add(x);
    } else if (typeof x === "object") collect(x, slots, backlog, depth + 1);
  }
}

/**
 * @example
 * alvos({ kind: "backlog.alocado", entity: "backlog", entity_id: "7",
 *         after: { backlogid: 7, agendamento: { slotagendaid: 40 } }, ... })
 * // → { slots: [40], backlog: [7], recarregarDia: false }
 */
export function alvos(ev: LiveEvent, dia?: string): Alvos {
  const slots = new Set<number>();
  const backlog = new Set<number>();
  const id = Number(ev.entity_id);
  if (ev.entity === "lock") {
    const after = ev.after as { holder_nome?: string; holder_sessao?: string } | undefined;
    const taken = ev.kind === "lock.adquirido" && after?.holder_nome;
    return {
      slots: [],
      backlog: [],
      recarregarDia: false,
      lease: {
        resource: ev.entity_id,
        holder_nome: taken ? after!.holder_nome! : null,
        holder_sessao: taken ? after!.holder_sessao : undefined,
      },
    };
  }
  if (Number.isInteger(id) && id > 0) {
    if (ev.entity === "backlog") backlog.add(id);
    if (ev.entity === "slot") slots.add(id);
  }
  collect(ev.after, slots, backlog, 0);
  const recarregarDia = DIA_INTEIRO.has(ev.kind) &&
    (!dia || ev.topics.some((t) => t === `data:${dia}` || t.startsWith("data:") && cobre(t, dia)));
  return { slots: [...slots], backlog: [...backlog], recarregarDia };
}

/** `data:A..B` covers `dia`. */
function cobre(topic: string, dia: string): boolean {
  const [from, to] = topic.slice(5).split("..");
  return to !== undefined && from <= dia && dia <= to;
}

/**
 * The live topics of the panel: the day (slot changes and slot leases carry `data:<dia>`) and
 * the queue (backlog changes and card leases carry `backlog`).
 */
export function topicos(dia: string): string[] {
  return [`data:${dia}`, "backlog"];
}
