/**
 * A modal dialog on Kobalte's Dialog: focus trapped and restored, `Esc` closes, title and
 * description read by screen readers, a visible close button.
 *
 * @example
 * <Modal open={open()} onOpenChange={setOpen} title="Agendamentos de 23/11/2026">…</Modal>
 */
import { Dialog } from "@kobalte/core/dialog";
import { createSignal, type JSX } from "solid-js";
import { PortalMount } from "./portal_mount.ts";

export function Modal(props: {
  open: boolean;
  onOpenChange: (open: boolean) => void;
  title: JSX.Element;
  description?: JSX.Element;
  children: JSX.Element;
  /** Tailwind max-width class of the panel. */
  size?: string;
}) {
  const [panel, setPanel] = createSignal<HTMLElement>();
  return (
    <Dialog open={props.open} onOpenChange={props.onOpenChange} modal>
      <Dialog.Portal>
        <Dialog.Overlay class="fixed inset-0 z-40 bg-slate-900/50" />
        <div class="fixed inset-0 z-40 flex items-start justify-center overflow-y-auto p-4 sm:p-8">
          <Dialog.Content ref={setPanel} class={`card w-full ${props.size ?? "max-w-4xl"} p-0`}>
            <div class="flex items-start justify-between gap-4 border-b border-slate-200 px-5 py-4">
              <div>
                <Dialog.Title class="text-lg font-bold">{props.title}</Dialog.Title>
                {props.description && (
                  <Dialog.Description class="text-sm text-ink-muted">
                    {props.description}
                  </Dialog.Description>
                )}
              </div>
              <Dialog.CloseButton class="btn btn-secondary btn-sm" aria-label="Fechar">
                Fechar
              </Dialog.CloseButton>
            </div>
            <div class="px-5 py-4">
              <PortalMount.Provider value={panel}>{props.children}</PortalMount.Provider>
            </div>
          </Dialog.Content>
        </div>
      </Dialog.Portal>
    </Dialog>
  );
}
