/**
 * The day's agenda as the operator panel caches it: slots by id, grouped by local hour. Pure
 * functions over a mutable state, so the Solid store runs them inside `produce` and the Deno
 * tests run them on plain objects.
 */
import type { Slot } from "./types.ts";

export interface AgendaFiltro {
  unidadeid?: number;
  especialidadeid?: number;
  medicoid?: number;
}

export interface HoraGrupo {
  hora: string;
  ids: number[];
}

export interface Totais {
  slots: number;
  vagas: number;
  ocupadas: number;
  livres: number;
}

export interface AgendaState {
  data: string;
  filtro: AgendaFiltro;
  slots: Record<number, Slot>;
  grupos: HoraGrupo[];
  /** Kept by every patch (one row's difference), so a live row never re-sums the whole day. */
  totais: Totais;
}

/** What one slot adds to the day's totals (a cancelled slot counts, its places do not). */
function parte(s: Slot, sinal: 1 | -1, t: Totais) {
  t.slots += sinal;
  if (s.status === "Cancelado") return;
  t.vagas += sinal * s.limitevagas;
  t.ocupadas += sinal * s.vagas_ocupadas;
  t.livres += sinal * s.livres;
}

/** The `GET /api/slots?data=` answer. */
export interface SlotDayResponse {
  data: string;
  grupos: { hora: string; slots: Slot[] }[];
}

export function agendaFrom(day: SlotDayResponse, filtro: AgendaFiltro = {}): AgendaState {
  const slots: Record<number, Slot> = {};
  const grupos: HoraGrupo[] = [];
  const t: Totais = { slots: 0, vagas: 0, ocupadas: 0, livres: 0 };
  for (const g of day.grupos) {
    const ids: number[] = [];
    for (const s of g.slots) {
      slots[s.slotagendaid] = s;
      ids.push(s.slotagendaid);
      parte(s, 1, t);
    }
    grupos.push({ hora: g.hora, ids });
  }
  return { data: day.data, filtro, slots, grupos, totais: t };
}

export const horaDe = (s: Pick<Slot, "hora">) => `${s.hora.slice(0, 2)}:00`;

/** Whether `s` belongs on screen: same day and inside the filters. */
export function pertence(state: AgendaState, s: Slot): boolean {
  const f = state.filtro;
  return s.data === state.data &&
    (!f.unidadeid || s.unidade.unidadeid === f.unidadeid) &&
    (!f.especialidadeid || s.especialidade.especialidadeid === f.especialidadeid) &&
    (!f.medicoid || s.medico.medicoid === f.medicoid);
}

/** Same order as the server: start time, then médico, then slot id. */
function antes(a: Slot, b: Slot): boolean {
  if (a.datainicio !== b.datainicio) return a.datainicio < b.datainicio;
  const ma = a.medico.nome.toLowerCase(), mb = b.medico.nome.toLowerCase();
  if (ma !== mb) return ma < mb;
  return a.slotagendaid < b.slotagendaid;
}

function removeId(state: AgendaState, id: number) {
  for (let i = 0; i < state.grupos.length; i++) {
    const g = state.grupos[i];
    const at = g.ids.indexOf(id);
    if (at < 0) continue;
    g.ids.splice(at, 1);
    if (g.ids.length === 0) state.grupos.splice(i, 1);
    return;
  }
}

export type Patch = "atualizado" | "inserido" | "removido" | "ignorado";

/**
 * Applies the server's current row of one slot (`null`: it no longer exists). Rows of other days
 * or outside the filters are dropped; a new slot of the day is inserted in order.
 *
 * @example
 * setState(produce((s) => applySlot(s, id, row)));
 */
export function applySlot(state: AgendaState, id: number, row: Slot | null): Patch {
  const had = id in state.slots;
  if (!row || !pertence(state, row)) {
    if (!had) return "ignorado";
    parte(state.slots[id], -1, state.totais);
    delete state.slots[id];
    removeId(state, id);
    return "removido";
  }
  if (had) parte(state.slots[id], -1, state.totais);
  parte(row, 1, state.totais);
  if (had && horaDe(state.slots[id]) === horaDe(row)) {
    state.slots[id] = row;
    return "atualizado";
  }
  if (had) removeId(state, id);
  state.slots[id] = row;
  const hora = horaDe(row);
  let gi = state.grupos.findIndex((g) => g.hora >= hora);
  if (gi < 0) gi = state.grupos.length;
  if (state.grupos[gi]?.hora !== hora) state.grupos.splice(gi, 0, { hora, ids: [] });
  const ids = state.grupos[gi].ids;
  let at = ids.findIndex((other) => antes(row, state.slots[other]));
  if (at < 0) at = ids.length;
  ids.splice(at, 0, id);
  return had ? "atualizado" : "inserido";
}

/** Totals of the day on screen, with this console's drops still in flight (a few at most). */
export function totais(state: AgendaState, pendentes: Record<number, number> = {}): Totais {
  let p = 0;
  for (const id in pendentes) if (id in state.slots) p += pendentes[id];
  const t = state.totais;
  return { slots: t.slots, vagas: t.vagas, ocupadas: t.ocupadas + p, livres: t.livres - p };
}

/** Slot ids in screen order (keyboard navigation walks this). */
export function ordem(state: AgendaState): number[] {
  return state.grupos.flatMap((g) => g.ids);
}
