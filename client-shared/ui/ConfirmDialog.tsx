/**
 * A confirmation before a destructive action, on Kobalte's Dialog with role `alertdialog`: focus starts on
 * "Cancelar", `Esc` cancels, the confirm button shows progress while `onConfirm` runs and the
 * dialog shows the server's message if it fails (it stays open so the user can retry or cancel).
 *
 * @example
 * <ConfirmDialog open={ask()} onOpenChange={setAsk} title="Inativar paciente?"
 *   confirmLabel="Inativar" danger onConfirm={() => api.call("DELETE /api/pacientes/:id", …)}>
 *   O paciente deixa de aparecer nas buscas.
 * </ConfirmDialog>
 */
// Not "@kobalte/core/alert-dialog": that module assigns its Content onto the shared DialogRoot
// object (Kobalte 0.13), turning every <Modal> of the bundle into an alertdialog once loaded.
import { Dialog as AlertDialog } from "@kobalte/core/dialog";
import { createSignal, type JSX, Show } from "solid-js";

export function ConfirmDialog(props: {
  open: boolean;
  onOpenChange: (open: boolean) => void;
  title: string;
  children?: JSX.Element;
  confirmLabel?: string;
  cancelLabel?: string;
  /** Red confirm button (inativar, cancelar, excluir). */
  danger?: boolean;
  /** Runs on confirm; the dialog closes when it resolves and shows the error when it throws. */
  onConfirm: () => unknown | Promise<unknown>;
}) {
  const [busy, setBusy] = createSignal(false);
  const [error, setError] = createSignal<string | null>(null);
  const change = (open: boolean) => {
    if (busy()) return;
    setError(null);
    props.onOpenChange(open);
  };
  const confirm = async () => {
    setBusy(true);
    setError(null);
    try {
      await props.onConfirm();
      setBusy(false);
      props.onOpenChange(false);
    } catch (e) {
      setBusy(false);
      setError(e instanceof Error ? e.message : "Não foi possível concluir.");
    }
  };
  return (
    <AlertDialog open={props.open} onOpenChange={change}>
      <AlertDialog.Portal>
        <AlertDialog.Overlay class="fixed inset-0 z-40 bg-slate-900/50" />
        <div class="fixed inset-0 z-40 flex items-start justify-center p-4 sm:p-16">
          <AlertDialog.Content role="alertdialog" class="card w-full max-w-md p-5">
            <AlertDialog.Title class="text-lg font-bold">{props.title}</AlertDialog.Title>
            <AlertDialog.Description as="div" class="mt-2 text-sm text-ink-muted">
              {props.children}
            </AlertDialog.Description>
            <Show when={error()}>
              <p
                class="mt-3 rounded-lg border border-red-200 bg-red-50 p-2 text-sm text-red-800"
                role="alert"
              >
                {error()}
              </p>
            </Show>
            <div class="mt-5 flex justify-end gap-2">
              {/* Kobalte names its close button "Dismiss": the visible text must be the name. */}
              <AlertDialog.CloseButton
                class="btn btn-secondary"
                disabled={busy()}
                aria-label={props.cancelLabel ?? "Cancelar"}
              >
                {props.cancelLabel ?? "Cancelar"}
              </AlertDialog.CloseButton>
              <button
                type="button"
                class={`btn ${props.danger ? "btn-danger" : "btn-primary"}`}
                disabled={busy()}
                aria-busy={busy() ? "true" : undefined}
                onClick={confirm}
              >
                {busy() ? "Aguarde…" : (props.confirmLabel ?? "Confirmar")}
              </button>
            </div>
          </AlertDialog.Content>
        </div>
      </AlertDialog.Portal>
    </AlertDialog>
  );
}
