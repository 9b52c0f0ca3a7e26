/** The panel's dialogs: one Kobalte dialog frame (focus trap, Esc, title and description). */
import { Dialog } from "@kobalte/core/dialog";
import type { JSX } from "solid-js";

export function Modal(props: {
  aberto: boolean;
  fechar: () => void;
  titulo: string;
  descricao?: string;
  largura?: string;
  children: JSX.Element;
}) {
  return (
    <Dialog open={props.aberto} onOpenChange={(o) => !o && props.fechar()} modal>
      <Dialog.Portal>
        <Dialog.Overlay class="fixed inset-0 z-40 bg-slate-900/50" />
        <div class="fixed inset-0 z-50 flex items-center justify-center p-4">
          <Dialog.Content
            class={`card max-h-[90vh] w-full overflow-y-auto p-5 ${props.largura ?? "max-w-lg"}`}
          >
            <div class="mb-3 flex items-start gap-2">
              <Dialog.Title class="flex-1 text-lg font-bold">{props.titulo}</Dialog.Title>
              <Dialog.CloseButton class="btn btn-secondary btn-sm" aria-label="Fechar">
                ×
              </Dialog.CloseButton>
            </div>
            {props.descricao && (
              <Dialog.Description class="mb-3 text-sm text-ink-muted">
                {props.descricao}
              </Dialog.Description>
            )}
            {props.children}
          </Dialog.Content>
        </div>
      </Dialog.Portal>
    </Dialog>
  );
}
