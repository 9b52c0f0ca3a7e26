/**
 * The agenda filters (unidade, especialidade, médico) shared by the dashboard calendar and the
 * operator panel's backlog: one store, so a change on either side shows on the other (the spec's
 * "sincronização bidirecional"). Kept in sessionStorage so a reload keeps them.
 *
 * @example
 * const { filters, setFilter } = useApp().filters;
 * setFilter("unidadeid", 3); // the calendar and the backlog both refetch with unidadeid=3
 */
import { createStore } from "solid-js/store";

export interface AgendaFilters {
  unidadeid: number | null;
  especialidadeid: number | null;
  medicoid: number | null;
}

const KEY = "ca.adm.filtros";
const EMPTY: AgendaFilters = { unidadeid: null, especialidadeid: null, medicoid: null };

function load(): AgendaFilters {
  try {
    const raw = globalThis.sessionStorage?.getItem(KEY);
    if (raw) return { ...EMPTY, ...JSON.parse(raw) };
  } catch { /* corrupt or unavailable: start empty */ }
  return { ...EMPTY };
}

export function createFilters() {
  const [filters, set] = createStore<AgendaFilters>(load());
  const save = () => {
    try {
      globalThis.sessionStorage?.setItem(KEY, JSON.stringify(filters));
    } catch { /* private mode */ }
  };
  return {
    filters,
    setFilter<K extends keyof AgendaFilters>(key: K, value: AgendaFilters[K]) {
      set(key, value);
      // A médico belongs to especialidades/unidades: changing those may leave him out.
      if (key !== "medicoid" && value !== null) set("medicoid", null);
      save();
    },
    clear() {
      set({ ...EMPTY });
      save();
    },
    /** Query parameters of the current filters (empty ones left out). */
    query(): Record<string, number | undefined> {
      return {
        unidadeid: filters.unidadeid ?? undefined,
        especialidadeid: filters.especialidadeid ?? undefined,
        medicoid: filters.medicoid ?? undefined,
      };
    },
    /** Live topics of the filters (narrowest first); none set: the dates alone. */
    topics(): string[] {
      if (filters.medicoid) return [`medico:${filters.medicoid}`];
      if (filters.unidadeid) return [`unidade:${filters.unidadeid}`];
      if (filters.especialidadeid) return [`especialidade:${filters.especialidadeid}`];
      return [];
    },
  };
}
export type Filters = ReturnType<typeof createFilters>;
