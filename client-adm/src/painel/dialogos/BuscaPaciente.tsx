/**
 * Patient autocomplete (`GET /api/pacientes/search?q=`): name words or a CPF prefix, as an ARIA
 * combobox (input + listbox, arrow keys and Enter to choose).
 */
import { createSignal, createUniqueId, For, onCleanup, Show } from "solid-js";
import { maskCpf } from "../../../../client-shared/masks.ts";
import type { PainelApi } from "../store/api.ts";

export interface Sugestao {
  pacienteid: number;
  nomecompleto: string;
  cpf: string;
  datanascimento: string | null;
  telefone_validado: boolean;
  tipo: string;
}

export function BuscaPaciente(props: {
  api: PainelApi;
  escolher: (p: Sugestao) => void;
  label?: string;
  autofocus?: boolean;
}) {
  const id = createUniqueId();
  const [q, setQ] = createSignal("");
  const [itens, setItens] = createSignal<Sugestao[]>([]);
  const [ativo, setAtivo] = createSignal(0);
  const [aberto, setAberto] = createSignal(false);
  const [msg, setMsg] = createSignal("");
  let timer: ReturnType<typeof setTimeout> | undefined;
  let seq = 0;
  onCleanup(() => clearTimeout(timer));

  const buscar = (texto: string) => {
    clearTimeout(timer);
    if (texto.replace(/[^\p{L}\d]/gu, "").length < 2) {
      setItens([]);
      setAberto(false);
      setMsg("");
      return;
    }
    timer = setTimeout(async () => {
      const minha = ++seq;
      try {
        const r = await props.api.request<{ items: Sugestao[] }>(
          "GET",
          `/api/pacientes/search?q=${encodeURIComponent(texto)}&limit=8`,
        );
        if (minha !== seq) return;
        setItens(r.items);
        setAtivo(0);
        setAberto(true);
        setMsg(
          r.items.length
            ? `${r.items.length} paciente(s) encontrado(s).`
            : "Nenhum paciente encontrado.",
        );
      } catch {
        if (minha === seq) setMsg("Falha na busca.");
      }
    }, 200);
  };

  const escolher = (s: Sugestao) => {
    setAberto(false);
    setQ(s.nomecompleto);
    props.escolher(s);
  };

  return (
    <div class="relative mb-3">
      <label class="label" for={id}>{props.label ?? "Paciente (nome ou CPF)"}</label>
      <input
        id={id}
        class="input"
        role="combobox"
        autocomplete="off"
        aria-autocomplete="list"
        aria-expanded={aberto()}
        aria-controls={`${id}-lista`}
        aria-activedescendant={aberto() && itens().length ? `${id}-op-${ativo()}` : undefined}
        value={q()}
        autofocus={props.autofocus}
        onInput={(e) => {
          setQ(e.currentTarget.value);
          buscar(e.currentTarget.value);
        }}
        onKeyDown={(e) => {
          if (!aberto()) return;
          if (e.key === "ArrowDown") {
            e.preventDefault();
            setAtivo((i) => Math.min(i + 1, itens().length - 1));
          } else if (e.key === "ArrowUp") {
            e.preventDefault();
            setAtivo((i) => Math.max(i - 1, 0));
          } else if (e.key === "Enter" && itens()[ativo()]) {
            e.preventDefault();
            escolher(itens()[ativo()]);
          } else if (e.key === "Escape") {
            e.stopPropagation();
            setAberto(false);
          }
        }}
      />
      <span class="sr-only" aria-live="polite">{msg()}</span>
      <Show when={aberto() && itens().length}>
        <ul
          id={`${id}-lista`}
          role="listbox"
          aria-label="Pacientes encontrados"
          class="card absolute z-10 mt-1 max-h-64 w-full overflow-y-auto p-1"
        >
          <For each={itens()}>
            {(s, i) => (
              <li
                id={`${id}-op-${i()}`}
                role="option"
                aria-selected={i() === ativo()}
                class={`cursor-pointer rounded px-2 py-1.5 text-sm ${
                  i() === ativo() ? "bg-brand-100" : ""
                }`}
                onMouseDown={(e) => {
                  e.preventDefault();
                  escolher(s);
                }}
              >
                <span class="font-medium">{s.nomecompleto}</span>{" "}
                <span class="text-ink-muted">
                  {maskCpf(s.cpf)} · {s.tipo}
                  {s.telefone_validado ? " · tel. ✓" : ""}
                </span>
              </li>
            )}
          </For>
        </ul>
      </Show>
    </div>
  );
}
