/**
 * Toasts (Kobalte): one region per console, `notify.ok/erro/info` from anywhere. A toast may carry
 * one action (e.g. "Desfazer") and its own duration.
 *
 * @example
 * notify.erro(err); // an ApiError's Portuguese message
 * notify.ok("Presença confirmada.", { action: { label: "Desfazer", run: undo }, duration: 10_000 });
 */
import { Toast, toaster } from "@kobalte/core/toast";
import { Show } from "solid-js";
import { Portal } from "solid-js/web";

type Kind = "ok" | "erro" | "info";
interface Opts {
  duration?: number;
  action?: { label: string; run: () => void };
}

const STYLE: Record<Kind, string> = {
  ok: "border-green-300 bg-green-50 text-green-900",
  erro: "border-red-300 bg-red-50 text-red-900",
  info: "border-brand-200 bg-brand-50 text-brand-900",
};
const TITLE: Record<Kind, string> = { ok: "Pronto", erro: "Erro", info: "Aviso" };

function show(kind: Kind, message: string, o: Opts = {}) {
  return toaster.show((p) => (
    <Toast
      as="div"
      toastId={p.toastId}
      duration={o.duration ?? (kind === "erro" ? 8000 : 5000)}
      class={`card mb-2 flex w-80 items-start gap-3 border p-3 shadow-lg ${STYLE[kind]}`}
      priority={kind === "erro" ? "high" : "low"}
    >
      <div class="flex-1">
        <Toast.Title class="text-sm font-bold">{TITLE[kind]}</Toast.Title>
        <Toast.Description class="text-sm">{message}</Toast.Description>
      </div>
      <Show when={o.action}>
        <button
          type="button"
          class="btn btn-secondary btn-sm"
          onClick={() => {
            o.action!.run();
            toaster.dismiss(p.toastId);
          }}
        >
          {o.action!.label}
        </button>
      </Show>
      <Toast.CloseButton class="btn btn-sm" aria-label="Fechar aviso">×</Toast.CloseButton>
    </Toast>
  ));
}

export const notify = {
  ok: (m: string, o?: Opts) => show("ok", m, o),
  info: (m: string, o?: Opts) => show("info", m, o),
  erro: (e: unknown, o?: Opts) =>
    show("erro", e instanceof Error ? e.message : String(e ?? "Erro inesperado."), o),
  dismiss: (id: number) => toaster.dismiss(id),
};

/**
 * `class` places the list (default: bottom right; the patient portal puts it above its bottom
 * navigation). The list and its toasts render as divs: Kobalte's default `<ol>` of `<li role="status">` is a
 * list whose children are not list items (axe: serious "list" violation).
 */
export function ToastRegion(props: { class?: string }) {
  return (
    <Portal>
      <Toast.Region aria-label="Avisos" swipeDirection="right">
        <Toast.List
          as="div"
          class={`fixed z-50 flex flex-col outline-none ${props.class ?? "bottom-4 right-4"}`}
        />
      </Toast.Region>
    </Portal>
  );
}
