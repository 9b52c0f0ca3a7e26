/**
 * The agendamentos of one day for the day-detail modal: filters and order sent to
 * `/api/agendamentos`, rows kept in a store; a live event about a row on the list changes its
 * status in place, a new one reloads the list (its joined names are not in the event).
 */
import { batch, createEffect, createSignal, on, onCleanup } from "solid-js";
import { createStore, produce, reconcile } from "solid-js/store";
import { digits, looksLikeCpf } from "../../../client-shared/masks.ts";
import { useApp } from "../app/context.tsx";
import type { AgendamentoListRes, AgendamentoRow, AgendamentoStatusT } from "./types.ts";

export type Ordenar = "horario" | "data_cadastro" | "paciente" | "medico";

export interface DayFilters {
  q: string;
  status: AgendamentoStatusT | "";
  especialidadeid: number | null;
  medicoid: number | null;
  unidadeid: number | null;
  ordenar: Ordenar;
}

const LIMIT = 50;

export function createDayList(day: () => string, initial: Partial<DayFilters>) {
  const app = useApp();
  const [filters, setFilters] = createStore<DayFilters>({
    q: "",
    status: "",
    especialidadeid: null,
    medicoid: null,
    unidadeid: null,
    ordenar: "horario",
    ...initial,
  });
  const [data, setData] = createStore<{
    items: AgendamentoRow[];
    total: number;
    stats: AgendamentoListRes["stats"] | null;
  }>({ items: [], total: 0, stats: null });
  const [loading, setLoading] = createSignal(true);
  const [error, setError] = createSignal<unknown>(null);
  let page = 1;
  let seq = 0;

  const query = (p: number) => {
    const text = filters.q.trim();
    const q = looksLikeCpf(text) ? digits(text) : text;
    return {
      data: day(),
      q: q.length >= 2 ? q : undefined,
      status: filters.status || undefined,
      especialidadeid: filters.especialidadeid ?? undefined,
      medicoid: filters.medicoid ?? undefined,
      unidadeid: filters.unidadeid ?? undefined,
      ordenar: filters.ordenar,
      page: p,
      limit: LIMIT,
    };
  };

  async function load(more = false) {
    const my = ++seq;
    const p = more ? page + 1 : 1;
    setLoading(true);
    setError(null);
    try {
      const res = await app.api.call("GET /api/agendamentos", { query: query(p) });
      if (my !== seq) return;
      page = p;
      const rows = res.items;
      batch(() => {
        setData(
          "items",
          more ? [...data.items, ...rows] : reconcile(rows, { key: "agendamentoid" }),
        );
        setData("total", res.total);
        setData("stats", res.stats);
      });
    } catch (e) {
      if (my === seq) setError(e);
    } finally {
      if (my === seq) setLoading(false);
    }
  }

  let typing: ReturnType<typeof setTimeout> | undefined;
  createEffect(on(
    () => [
      day(),
      filters.status,
      filters.especialidadeid,
      filters.medicoid,
      filters.unidadeid,
      filters.ordenar,
    ],
    () => void load(),
  ));
  // The text filter waits for a pause in typing.
  createEffect(on(() => filters.q, () => {
    clearTimeout(typing);
    typing = setTimeout(() => void load(), 300);
  }, { defer: true }));
  onCleanup(() => clearTimeout(typing));

  /**
   * Puts a row's new state in place (after an action or an event) and moves it between the
   * status counts, as the server counts them (ativos: Ativo or Confirmado).
   */
  const patch = (row: Partial<AgendamentoRow> & { agendamentoid: number }) =>
    setData(produce((s) => {
      const cur = s.items.find((x) => x.agendamentoid === row.agendamentoid);
      if (!cur) return;
      const from = cur.status, to = row.status;
      Object.assign(cur, row);
      if (!to || from === to || !s.stats) return;
      const st = s.stats;
      st.por_status[from] = Math.max(0, (st.por_status[from] ?? 1) - 1);
      st.por_status[to] = (st.por_status[to] ?? 0) + 1;
      const ativo = (x: string) => x === "Ativo" || x === "Confirmado";
      st.ativos += (ativo(to) ? 1 : 0) - (ativo(from) ? 1 : 0);
      st.cancelados += (to === "Cancelado" ? 1 : 0) - (from === "Cancelado" ? 1 : 0);
    }));

  let soon: ReturnType<typeof setTimeout> | undefined;
  app.live.watch(() => [`data:${day()}`], {
    onReload: () => void load(),
    onEvent: (ev) => {
      if (ev.entity !== "agendamento") return;
      const after = ev.after as { status?: AgendamentoStatusT } | undefined;
      const id = Number(ev.entity_id);
      // A row on screen changes in place; a new one is read with the list (its names, the
      // médico's and the patient's, are not in the event).
      if (data.items.some((x) => x.agendamentoid === id) && after?.status) {
        patch({ agendamentoid: id, status: after.status });
        return;
      }
      clearTimeout(soon);
      soon = setTimeout(() => void load(), 200);
    },
  });
  onCleanup(() => clearTimeout(soon));

  return {
    filters,
    setFilters,
    items: () => data.items,
    total: () => data.total,
    stats: () => data.stats,
    loading,
    error,
    reload: () => load(),
    more: () => load(true),
    hasMore: () => data.items.length < data.total,
    patch,
  };
}
export type DayList = ReturnType<typeof createDayList>;
