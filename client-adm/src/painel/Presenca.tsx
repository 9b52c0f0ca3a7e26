/** Avatars of the operators on the same unidade-day (Yjs awareness), and what each one drags. */
import { For, Show } from "solid-js";
import { usePainel } from "./contexto.tsx";

const iniciais = (nome: string) =>
  nome.split(/\s+/).filter(Boolean).slice(0, 2).map((w) => w[0]!.toUpperCase()).join("");

export function Presenca() {
  const { presenca, p } = usePainel();
  const rotulo = (o: { nome: string; eu: boolean; arrastando: number | null }) => {
    const quem = o.eu ? `${o.nome} (você)` : o.nome;
    const item = o.arrastando ? p.fila.state.items[o.arrastando] : undefined;
    return o.arrastando ? `${quem}, arrastando ${item?.paciente_nome ?? "um cartão"}` : quem;
  };
  return (
    <div
      class="flex items-center gap-1"
      aria-label="Operadores neste dia"
      role="group"
      data-presenca
    >
      <span class="mr-1 text-xs text-ink-muted">Neste dia:</span>
      <ul class="flex -space-x-1.5">
        <For each={presenca.presentes()}>
          {(o) => (
            <li
              class="flex h-8 w-8 items-center justify-center rounded-full border-2 border-white text-xs font-bold text-white"
              style={{ background: o.cor }}
              title={rotulo(o)}
              aria-label={rotulo(o)}
              data-operador={o.nome}
            >
              {iniciais(o.nome)}
            </li>
          )}
        </For>
      </ul>
      <Show when={presenca.presentes().length === 0}>
        <span class="text-xs text-ink-muted">—</span>
      </Show>
    </div>
  );
}
