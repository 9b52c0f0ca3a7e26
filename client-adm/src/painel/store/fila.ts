/**
 * `createBacklog`: one page of the queue, loaded for the filters on screen and patched by live
 * rows. Cards dropped by this console and not yet answered are hidden (`saindo`), and shown
 * again when the server refuses.
 */
import { batch, createMemo, createSignal } from "solid-js";
import { createStore, produce, reconcile } from "solid-js/store";
import {
  applyItem,
  type BacklogFiltro,
  backlogFrom,
  type BacklogPage,
  backlogQuery,
  type BacklogState,
} from "../model/backlog.ts";
import type { BacklogItem } from "../model/types.ts";
import { erroDe, type PainelApi } from "./api.ts";

export const POR_PAGINA = 50;

export function createBacklog(api: PainelApi) {
  const [state, setState] = createStore<BacklogState>({
    filtro: { status: "Pendente" },
    page: 1,
    limit: POR_PAGINA,
    total: 0,
    ids: [],
    items: {},
  });
  const [saindo, setSaindo] = createStore<Record<number, boolean>>({});
  const [carregando, setCarregando] = createSignal(false);
  const [erro, setErro] = createSignal<string | null>(null);
  let geracao = 0;

  async function carregar(filtro: BacklogFiltro, page = 1) {
    const minha = ++geracao;
    setCarregando(true);
    try {
      const p = await api.request<BacklogPage>(
        "GET",
        `/api/backlog?${backlogQuery(filtro, page, POR_PAGINA)}`,
      );
      if (minha !== geracao) return;
      batch(() => {
        setState(reconcile(backlogFrom(p, filtro), { key: null, merge: false }));
        setErro(null);
      });
    } catch (e) {
      if (minha === geracao) setErro(erroDe(e).message);
    } finally {
      if (minha === geracao) setCarregando(false);
    }
  }

  function aplicar(rows: [number, BacklogItem | null][]) {
    setState(produce((s) => {
      for (const [id, row] of rows) applyItem(s, id, row);
    }));
  }

  async function atualizar(ids: number[]) {
    const rows = await Promise.all(ids.map(async (id): Promise<[number, BacklogItem | null]> => {
      try {
        return [id, await api.request<BacklogItem>("GET", `/api/backlog/${id}`)];
      } catch (e) {
        return [id, erroDe(e).status === 404 ? null : state.items[id] ?? null];
      }
    }));
    aplicar(rows);
  }

  /** Hides a card while its drop is in flight; the returned function shows it again. */
  function ocultar(id: number): () => void {
    setSaindo(id, true);
    return () => setSaindo(id, false);
  }

  // One pass per change of the page or of the cards in flight, shared by the list, the keyboard
  // model and the cards' indexes.
  const visiveis = createMemo(() => state.ids.filter((id) => !saindo[id]));

  return {
    state,
    saindo,
    visiveis,
    carregando,
    erro,
    carregar,
    recarregar: () => carregar(state.filtro, state.page),
    pagina: (p: number) => carregar(state.filtro, p),
    aplicar,
    atualizar,
    ocultar,
  };
}
export type Backlog = ReturnType<typeof createBacklog>;
