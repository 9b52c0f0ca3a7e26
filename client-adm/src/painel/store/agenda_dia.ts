/**
 * `createAgendaDia`: the day on screen, loaded once and then patched by live rows. Places taken
 * by this console's drops still in flight are an overlay (`pendentes`), never written into the
 * server's rows, so a refusal only has to remove the overlay and a late event cannot be undone
 * by a revert.
 */
import { batch, createSignal } from "solid-js";
import { createStore, produce, reconcile } from "solid-js/store";
import {
  type AgendaFiltro,
  agendaFrom,
  type AgendaState,
  applySlot,
  type SlotDayResponse,
} from "../model/agenda.ts";
import type { Slot } from "../model/types.ts";
import { erroDe, type PainelApi } from "./api.ts";

export function dayQuery(data: string, f: AgendaFiltro): string {
  const q = new URLSearchParams({ data });
  if (f.unidadeid) q.set("unidadeid", String(f.unidadeid));
  if (f.especialidadeid) q.set("especialidadeid", String(f.especialidadeid));
  if (f.medicoid) q.set("medicoid", String(f.medicoid));
  return q.toString();
}

export function createAgendaDia(api: PainelApi) {
  const [state, setState] = createStore<AgendaState>({
    data: "",
    filtro: {},
    slots: {},
    grupos: [],
    totais: { slots: 0, vagas: 0, ocupadas: 0, livres: 0 },
  });
  const [pendentes, setPendentes] = createStore<Record<number, number>>({});
  const [carregando, setCarregando] = createSignal(false);
  const [erro, setErro] = createSignal<string | null>(null);
  let geracao = 0;

  async function carregar(data: string, filtro: AgendaFiltro) {
    const minha = ++geracao;
    setCarregando(true);
    try {
      const day = await api.request<SlotDayResponse>("GET", `/api/slots?${dayQuery(data, filtro)}`);
      if (minha !== geracao) return;
      batch(() => {
        setState(reconcile(agendaFrom(day, filtro), { key: null, merge: false }));
        setErro(null);
      });
    } catch (e) {
      if (minha === geracao) setErro(erroDe(e).message);
    } finally {
      if (minha === geracao) setCarregando(false);
    }
  }

  /** Applies rows already read (events, answers); `null` removes. */
  function aplicar(rows: [number, Slot | null][]) {
    setState(produce((s) => {
      for (const [id, row] of rows) applySlot(s, id, row);
    }));
  }

  /** Re-reads these slots by id and patches them in. */
  async function atualizar(ids: number[]) {
    const data = state.data;
    const rows = await Promise.all(ids.map(async (id): Promise<[number, Slot | null]> => {
      try {
        return [id, await api.request<Slot>("GET", `/api/slots/${id}`)];
      } catch (e) {
        return [id, erroDe(e).status === 404 ? null : state.slots[id] ?? null];
      }
    }));
    if (data === state.data) aplicar(rows);
  }

  /** The overlay of a drop in flight: +1 place on `slotagendaid` until `fim()`. */
  function reservar(slotagendaid: number): () => void {
    setPendentes(slotagendaid, (n) => (n ?? 0) + 1);
    let feito = false;
    return () => {
      if (feito) return;
      feito = true;
      setPendentes(slotagendaid, (n) => Math.max(0, (n ?? 1) - 1));
    };
  }

  return {
    state,
    pendentes,
    carregando,
    erro,
    carregar,
    recarregar: () => carregar(state.data, state.filtro),
    aplicar,
    atualizar,
    reservar,
  };
}
export type AgendaDia = ReturnType<typeof createAgendaDia>;
