/**
 * The live store (client-shared/live_store.ts) loaded on first use: the socket client and the
 * its frame check stay out of the portal's first load (the login screen), and arrive after the
 * first paint (load event, then idle) once a signed-in screen starts the connection or watches a
 * topic. Same `LiveStore` interface: a
 * `watch` made before the module is there registers once it loads, under the same component
 * (and not at all if the component is gone by then).
 */
import { createSignal, getOwner, onCleanup, runWithOwner } from "solid-js";
import type { LiveStore, LiveStoreOptions } from "../../../client-shared/live_store.ts";
import { afterFirstPaint } from "./idle.ts";

export function createLazyLiveStore(opts: LiveStoreOptions): LiveStore {
  const [store, setStore] = createSignal<LiveStore | null>(null);
  let loading: Promise<LiveStore> | undefined;
  let wanted = false;
  const load = () =>
    loading ??= afterFirstPaint().then(() => import("../../../client-shared/live_store.ts")).then(
      (m) => {
        const s = m.createLiveStore(opts);
        setStore(() => s);
        return s;
      },
    );

  return {
    state: () => store()?.state() ?? "offline",
    resyncs: () => store()?.resyncs() ?? 0,
    client: () => store()?.client() ?? null,
    watch(topics, handlers) {
      const now = store();
      if (now) return now.watch(topics, handlers);
      const owner = getOwner();
      let gone = false;
      onCleanup(() => (gone = true));
      void load().then((s) => {
        if (!gone) runWithOwner(owner, () => s.watch(topics, handlers));
      });
    },
    start() {
      wanted = true;
      void load().then((s) => wanted && s.start());
    },
    stop() {
      wanted = false;
      store()?.stop();
    },
    reloadAll(reason) {
      store()?.reloadAll(reason);
    },
  };
}
