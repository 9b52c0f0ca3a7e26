/**
 * The médico's photo: the current one or a preview of the chosen file, type (JPEG, PNG, WebP)
 * and size (the server's limit) checked before anything is sent; removal behind a confirmation.
 * The chosen file is uploaded by the form after saving the médico.
 */
import { createSignal, onCleanup, Show } from "solid-js";
import { FOTO_MAX_BYTES } from "../../../../server/modules/medicos/schemas.ts";
import { ConfirmDialog } from "../../../../client-shared/ui/ConfirmDialog.tsx";

export const FOTO_TIPOS = ["image/jpeg", "image/png", "image/webp"];
const MB = FOTO_MAX_BYTES / 1024 / 1024;

/** Why a file cannot be the photo, or null. */
export function fotoProblem(file: File): string | null {
  if (!FOTO_TIPOS.includes(file.type)) return "Formato não aceito: envie JPEG, PNG ou WebP.";
  if (file.size > FOTO_MAX_BYTES) {
    return `Arquivo muito grande (${(file.size / 1024 / 1024).toFixed(1)} MB): máximo ${MB} MB.`;
  }
  return null;
}

export function FotoField(props: {
  nome: string;
  /** URL of the stored photo. */
  url: string | null;
  file: File | null;
  onFile: (f: File | null) => void;
  /** Removes the stored photo (absent for a médico not yet saved). */
  onRemove?: () => Promise<unknown>;
  error?: string | null;
}) {
  const [problem, setProblem] = createSignal<string | null>(null);
  const [preview, setPreview] = createSignal<string | null>(null);
  const [ask, setAsk] = createSignal(false);
  let input!: HTMLInputElement;
  const clearPreview = () => {
    const p = preview();
    if (p) URL.revokeObjectURL(p);
    setPreview(null);
  };
  onCleanup(clearPreview);
  const choose = (f: File | undefined) => {
    clearPreview();
    if (!f) return props.onFile(null);
    const why = fotoProblem(f);
    setProblem(why);
    if (why) {
      input.value = "";
      return props.onFile(null);
    }
    setPreview(URL.createObjectURL(f));
    props.onFile(f);
  };
  const shown = () => preview() ?? props.url;
  const err = () => problem() ?? props.error;
  return (
    <div class="mb-4 flex items-start gap-4">
      <div class="flex h-24 w-24 shrink-0 items-center justify-center overflow-hidden rounded-full border border-border bg-slate-100">
        <Show when={shown()} fallback={<span class="text-xs text-ink-muted">Sem foto</span>}>
          <img
            src={shown()!}
            alt={preview() ? `Prévia da nova foto de ${props.nome}` : `Foto de ${props.nome}`}
            class="h-full w-full object-cover"
          />
        </Show>
      </div>
      <div>
        <span class="label" aria-hidden="true">Foto</span>
        {/* The native button speaks the browser's language: a Portuguese one stands in for it. */}
        <div class="flex items-center gap-2">
          <label class="btn btn-secondary btn-sm has-[:focus-visible]:focus-ring">
            Escolher foto
            <input
              ref={input}
              id="medico-foto"
              type="file"
              class="sr-only"
              aria-label="Foto"
              accept={FOTO_TIPOS.join(",")}
              aria-describedby="medico-foto-hint"
              aria-invalid={err() ? "true" : undefined}
              onChange={(e) => choose(e.currentTarget.files?.[0])}
            />
          </label>
          <span class="text-sm text-ink-muted">
            {props.file?.name ?? "Nenhum arquivo escolhido"}
          </span>
        </div>
        <p id="medico-foto-hint" class="mt-1 text-xs text-ink-muted">
          JPEG, PNG ou WebP, até {MB} MB. Enviada ao salvar.
        </p>
        <Show when={err()}>
          <p class="mt-1 text-sm font-medium text-red-700" role="alert">{err()}</p>
        </Show>
        <div class="mt-2 flex gap-2">
          <Show when={props.file}>
            <button
              type="button"
              class="btn btn-secondary btn-sm"
              onClick={() => {
                input.value = "";
                choose(undefined);
              }}
            >
              Descartar nova foto
            </button>
          </Show>
          <Show when={props.url && props.onRemove && !props.file}>
            <button type="button" class="btn btn-secondary btn-sm" onClick={() => setAsk(true)}>
              Remover foto
            </button>
            <ConfirmDialog
              open={ask()}
              onOpenChange={setAsk}
              title="Remover a foto?"
              confirmLabel="Remover"
              danger
              onConfirm={() => props.onRemove!()}
            >
              A foto de {props.nome} será apagada.
            </ConfirmDialog>
          </Show>
        </div>
      </div>
    </div>
  );
}
