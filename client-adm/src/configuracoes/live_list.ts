/**
 * The data of a configuration tab: loaded for the filters on screen, reloaded when they change
 * and when another user changes configuration (live topic `config`, filtered by entity), without
 * a Suspense flash: the rows on screen stay until the new ones arrive and are then updated in
 * place (by `idKey`), so open dialogs survive.
 *
 * @example
 * const list = createLiveList(() => ({ status: status() }),
 *   (q) => app.api.call("GET /api/tipos-slot", { query: q }), ["tiposlot"]);
 * <DataTable rows={list.data()} loading={list.loading()} error={list.error()} onRetry={list.reload} … />
 */
import { type Accessor, createEffect, createSignal, on } from "solid-js";
import { createStore, reconcile } from "solid-js/store";
import { useApp } from "../app/context.tsx";

export interface LiveList<T> {
  data: Accessor<T | undefined>;
  loading: Accessor<boolean>;
  error: Accessor<unknown>;
  reload: () => void;
}

export function createLiveList<K, T>(
  key: Accessor<K>,
  fetch: (key: K) => Promise<T>,
  /** Event entities that change this list (`ca_evento.entity`); all config events if omitted. */
  entities?: string[],
  /**
   * The rows' id field: a reload then updates the rows on screen in place (same objects), so a
   * row's open confirmation or menu survives another user's change.
   */
  idKey?: string,
): LiveList<T> {
  const app = useApp();
  const [store, setStore] = createStore<{ v?: T }>({});
  const [plain, setPlain] = createSignal<T>();
  // With an id field the rows are reconciled into a store (same objects, fields updated);
  // without one the value is replaced (a single record: its readers see a new object).
  const data = () => (idKey ? store.v : plain());
  const setData = (v: T) =>
    idKey
      ? setStore("v", reconcile(v as NonNullable<T>, { key: idKey }) as never)
      : setPlain(() => v);
  const [loading, setLoading] = createSignal(true);
  const [error, setError] = createSignal<unknown>();
  let seq = 0;
  const load = async () => {
    const mine = ++seq;
    setLoading(true);
    try {
      const v = await fetch(key());
      if (mine !== seq) return;
      setData(v);
      setError(undefined);
    } catch (e) {
      if (mine === seq) setError(e);
    } finally {
      if (mine === seq) setLoading(false);
    }
  };
  createEffect(on(key, () => void load()));
  app.live.watch(() => ["config"], {
    onEvent: (ev) => {
      if (!entities || entities.includes(ev.entity)) void load();
    },
    onReload: () => void load(),
  });
  return { data, loading, error, reload: () => void load() };
}
