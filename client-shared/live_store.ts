/**
 * The live store of a console, in Solid, on top of `live_client.ts`: one socket per tab; each
 * screen says which topics it shows (`watch`) and gets the events of those topics; the union of
 * the topics on screen is the subscription. The connection state (connected / reconnecting /
 * offline) is a signal the header shows. After a reconnect the client resumes with `since`, so
 * the handlers see what happened meanwhile; on `reload` each screen reloads its view.
 *
 * @example
 * const live = createLiveStore({ token: session.token, onAuthError: () => session.expire("…") });
 * // inside a component:
 * live.watch(() => [`data:${day()}`], {
 *   onEvent: (ev) => patchRow(ev),
 *   onReload: () => refetch(),
 * });
 */
import { type Accessor, createEffect, createSignal, on, onCleanup } from "solid-js";
import { type EventMsg, LiveClient, type LiveClientOptions } from "./live_client.ts";

export type { EventMsg };
export type ConnectionState = "connecting" | "connected" | "reconnecting" | "offline";

export interface LiveHandlers {
  onEvent?: (ev: EventMsg) => void;
  onReload?: (reason: string) => void;
}

export interface LiveStore {
  state: Accessor<ConnectionState>;
  /** Increases each time a reconnection has caught up (screens may say "atualizado"). */
  resyncs: Accessor<number>;
  /** Registers the topics of a component; removed with the component (onCleanup). */
  watch(topics: Accessor<string[]>, handlers: LiveHandlers): void;
  /** The raw client (leases: acquire/release). Null until started. */
  client(): LiveClient | null;
  start(): void;
  stop(): void;
  /** Asks every screen on display to reload its data (e.g. after signing in again). */
  reloadAll(reason: string): void;
}

export interface LiveStoreOptions {
  token: () => string | null;
  baseUrl?: string | string[];
  onAuthError?: () => void;
  /** Passed through to the client (tests use short backoffs). */
  client?: Partial<LiveClientOptions>;
}

/** Whether the event's topics meet the watched ones (day ranges included). */
export function topicsMeet(eventTopics: string[], watched: string[]): boolean {
  for (const w of watched) {
    if (eventTopics.includes(w)) return true;
    const range = /^data:(\d{4}-\d{2}-\d{2})\.\.(\d{4}-\d{2}-\d{2})$/.exec(w);
    if (range) {
      for (const t of eventTopics) {
        const d = /^data:(\d{4}-\d{2}-\d{2})$/.exec(t)?.[1];
        if (d && d >= range[1] && d <= range[2]) return true;
      }
    }
  }
  return false;
}

export function createLiveStore(opts: LiveStoreOptions): LiveStore {
  const [state, setState] = createSignal<ConnectionState>("offline");
  const [resyncs, setResyncs] = createSignal(0);
  const regs = new Map<number, { topics: Accessor<string[]>; h: LiveHandlers }>();
  let seq = 0;
  let client: LiveClient | null = null;
  let everOpen = false;
  let pending: ReturnType<typeof setTimeout> | undefined;

  const union = () => {
    const all = new Set<string>();
    for (const r of regs.values()) for (const t of r.topics()) all.add(t);
    return [...all].sort();
  };

  // Several components change their topics in one tick: subscribe once for all of them.
  const resubscribe = () => {
    clearTimeout(pending);
    pending = setTimeout(() => {
      const next = union();
      if (!client) return;
      if (next.join("|") === client.topics.join("|")) return;
      client.subscribe(next).catch(() => {});
    }, 0);
  };

  const goOffline = () => setState("offline");
  const goOnline = () => {
    if (client && client.status !== "open") setState(everOpen ? "reconnecting" : "connecting");
  };

  const store: LiveStore = {
    state,
    resyncs,
    client: () => client,
    watch(topics, h) {
      const id = ++seq;
      regs.set(id, { topics, h });
      // The topics follow what is on screen (another day, other filters): resubscribe on change.
      createEffect(on(topics, resubscribe));
      onCleanup(() => {
        regs.delete(id);
        resubscribe();
      });
    },
    start() {
      if (client) return;
      const token = opts.token();
      if (!token) return;
      everOpen = false;
      client = new LiveClient({
        baseUrl: opts.baseUrl ?? globalThis.location?.origin ?? "",
        token: () => opts.token() ?? "",
        topics: union(),
        ...opts.client,
        onStatus: (s) => {
          if (s === "open") {
            // A reopened socket resumes with `since`: the screens are caught up.
            if (everOpen) setResyncs((n) => n + 1);
            everOpen = true;
            setState("connected");
          } else if (s === "connecting") {
            if (globalThis.navigator?.onLine === false) setState("offline");
            else setState(everOpen ? "reconnecting" : "connecting");
          } else setState("offline");
        },
        onEvent: (ev) => {
          for (const r of [...regs.values()]) {
            if (topicsMeet(ev.topics, r.topics())) r.h.onEvent?.(ev);
          }
        },
        onReload: (reason) => {
          for (const r of [...regs.values()]) r.h.onReload?.(reason);
        },
        onAuthError: () => {
          store.stop();
          opts.onAuthError?.();
        },
      });
      client.start();
      globalThis.addEventListener?.("offline", goOffline);
      globalThis.addEventListener?.("online", goOnline);
    },
    reloadAll(reason) {
      for (const r of [...regs.values()]) r.h.onReload?.(reason);
    },
    stop() {
      client?.close();
      client = null;
      setState("offline");
      globalThis.removeEventListener?.("offline", goOffline);
      globalThis.removeEventListener?.("online", goOnline);
    },
  };
  return store;
}
