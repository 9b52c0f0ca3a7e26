/**
 * One page of the waiting queue as the panel caches it, in the server's order (priority, then
 * arrival). Live rows are placed by the same rules: a row that stops matching the filters leaves,
 * a new matching row enters where it sorts (or only counts, when it sorts onto another page).
 */
import type { BacklogItem, Prioridade } from "./types.ts";

export type StatusFiltro = BacklogItem["status"] | "abertos" | "todos";

export interface BacklogFiltro {
  prioridade?: Prioridade;
  especialidadeid?: number;
  unidadeid?: number;
  medicoid?: number;
  /** One patient's requests (the panel's patient search, `/`). */
  pacienteid?: number;
  status: StatusFiltro;
}

export interface BacklogState {
  filtro: BacklogFiltro;
  page: number;
  limit: number;
  total: number;
  ids: number[];
  items: Record<number, BacklogItem>;
}

export interface BacklogPage {
  items: BacklogItem[];
  total: number;
  page: number;
  limit: number;
}

export const PRIORIDADES: Prioridade[] = ["Alta", "Média", "Baixa"];
const RANK: Record<string, number> = { Alta: 1, "Média": 2, Baixa: 3 };

export function backlogFrom(p: BacklogPage, filtro: BacklogFiltro): BacklogState {
  const items: Record<number, BacklogItem> = {};
  for (const it of p.items) items[it.backlogid] = it;
  return {
    filtro,
    page: p.page,
    limit: p.limit,
    total: p.total,
    ids: p.items.map((i) => i.backlogid),
    items,
  };
}

/** The query string of `GET /api/backlog` for this filter and page. */
export function backlogQuery(f: BacklogFiltro, page: number, limit: number): string {
  const q = new URLSearchParams({ page: String(page), limit: String(limit), status: f.status });
  if (f.prioridade) q.set("prioridade", f.prioridade);
  if (f.especialidadeid) q.set("especialidadeid", String(f.especialidadeid));
  if (f.unidadeid) q.set("unidadeid", String(f.unidadeid));
  if (f.medicoid) q.set("medicoid", String(f.medicoid));
  if (f.pacienteid) q.set("pacienteid", String(f.pacienteid));
  return q.toString();
}

/** The server's list filter, evaluated on one row (the D-30 rule only hides old closed rows). */
export function corresponde(it: BacklogItem, f: BacklogFiltro): boolean {
  if (f.prioridade && it.prioridade !== f.prioridade) return false;
  if (f.especialidadeid && it.especialidadeid !== f.especialidadeid) return false;
  if (f.unidadeid && it.unidadeid !== f.unidadeid) return false;
  if (f.medicoid && it.medicoid !== f.medicoid) return false;
  if (f.pacienteid && it.pacienteid !== f.pacienteid) return false;
  if (f.status === "todos") return true;
  if (f.status === "abertos") {
    return it.ativo && (it.status === "Pendente" || it.status === "Aguardando Confirmação");
  }
  return it.status === f.status;
}

/** The server's order: priority, arrival, id. */
export function compara(a: BacklogItem, b: BacklogItem): number {
  return (RANK[a.prioridade] - RANK[b.prioridade]) ||
    (Date.parse(a.created_at) - Date.parse(b.created_at)) || (a.backlogid - b.backlogid);
}

export type Patch = "atualizado" | "inserido" | "removido" | "contado" | "ignorado";

/**
 * Applies the server's current row of one item (`null`: gone or no longer visible).
 *
 * @example
 * setState(produce((s) => applyItem(s, id, row)));
 */
export function applyItem(state: BacklogState, id: number, row: BacklogItem | null): Patch {
  const at = state.ids.indexOf(id);
  const fits = row !== null && corresponde(row, state.filtro);
  if (at >= 0) {
    if (!fits) {
      state.ids.splice(at, 1);
      delete state.items[id];
      state.total = Math.max(0, state.total - 1);
      return "removido";
    }
    const moved = compara(state.items[id], row!) !== 0;
    state.items[id] = row!;
    if (moved) {
      state.ids.splice(at, 1);
      insertSorted(state, id);
    }
    return "atualizado";
  }
  if (!fits) return "ignorado";
  state.total += 1;
  const first = state.items[state.ids[0]];
  const last = state.items[state.ids[state.ids.length - 1]];
  // Sorts onto an earlier page, or after a full page: it only counts here.
  if (state.page > 1 && first && compara(row!, first) < 0) return "contado";
  if (state.ids.length >= state.limit && last && compara(row!, last) > 0) return "contado";
  state.items[id] = row!;
  insertSorted(state, id);
  if (state.ids.length > state.limit) {
    const dropped = state.ids.pop()!;
    delete state.items[dropped];
  }
  return "inserido";
}

function insertSorted(state: BacklogState, id: number) {
  const row = state.items[id];
  let at = state.ids.findIndex((o) => compara(row, state.items[o]) < 0);
  if (at < 0) at = state.ids.length;
  state.ids.splice(at, 0, id);
}

export const paginas = (s: Pick<BacklogState, "total" | "limit">) =>
  Math.max(1, Math.ceil(s.total / s.limit));

/** "há 3 dias" for the waiting time shown on each card. */
export function tempoNaFila(dias: number): string {
  if (dias <= 0) return "hoje";
  if (dias === 1) return "há 1 dia";
  return `há ${dias} dias`;
}

/** Columns of `ca_backlog` an event's `after` carries that the cached row shows. */
const COLUNAS_DO_EVENTO = [
  "status",
  "ativo",
  "prioridade",
  "urgente",
  "slotagendaid_proposto",
  "proposta_expira_em",
  "motivo_recusa",
  "especialidadeid",
  "unidadeid",
  "medicoid",
  "data_preferida",
  "periodo_preferido",
  "horario_preferido",
  "tipos_slot_elegiveis",
  "observacoes",
] as const;

/**
 * The cached row updated with what a `backlog.*` event's `after` says, so the card moves at once
 * (the row is still re-read: names of a changed médico or unidade come with it). Null when the
 * event carries no row.
 */
export function mesclar(cached: BacklogItem, after: unknown): BacklogItem | null {
  if (!after || typeof after !== "object") return null;
  const a = after as Record<string, unknown>;
  if (typeof a.status !== "string") return null;
  const out = { ...cached } as Record<string, unknown>;
  for (const k of COLUNAS_DO_EVENTO) if (k in a) out[k] = a[k];
  return out as unknown as BacklogItem;
}
