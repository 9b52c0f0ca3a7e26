/** The live connection state in the header: words and a dot, never the colour alone. */
import type { ConnectionState } from "../../../client-shared/live_store.ts";

const LABEL: Record<ConnectionState, string> = {
  connecting: "Conectando…",
  connected: "Ao vivo",
  reconnecting: "Reconectando…",
  offline: "Sem conexão",
};
const DOT: Record<ConnectionState, string> = {
  connecting: "bg-conn-wait",
  connected: "bg-conn-ok",
  reconnecting: "bg-conn-wait animate-pulse",
  offline: "bg-conn-off",
};

export function ConnectionBadge(props: { state: ConnectionState }) {
  return (
    <span
      class="inline-flex items-center gap-1.5 rounded-full bg-white/10 px-2.5 py-1 text-xs font-semibold"
      role="status"
      aria-live="polite"
      data-conn={props.state}
    >
      <span class={`h-2.5 w-2.5 rounded-full ${DOT[props.state]}`} aria-hidden="true" />
      {LABEL[props.state]}
    </span>
  );
}
