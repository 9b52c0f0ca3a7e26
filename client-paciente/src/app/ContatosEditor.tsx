/**
 * Up to 3 additional contacts (nome, telefone, parentesco), used by cadastro and minha conta.
 * Errors come keyed as the server names them: `contatos.<i>.<campo>`.
 */
import { Index, Show } from "solid-js";
import { TextField } from "../../../client-shared/ui/fields.tsx";
import { maskTelefone } from "../../../client-shared/masks.ts";

export interface ContatoForm {
  nome: string;
  telefone: string;
  parentesco: string;
}

export const MAX_CONTATOS = 3;
export const emptyContato = (): ContatoForm => ({ nome: "", telefone: "", parentesco: "" });

export function ContatosEditor(props: {
  value: ContatoForm[];
  onChange: (v: ContatoForm[]) => void;
  error: (key: string) => string | null;
}) {
  const set = (i: number, patch: Partial<ContatoForm>) =>
    props.onChange(props.value.map((c, j) => (j === i ? { ...c, ...patch } : c)));
  const add = () => {
    props.onChange([...props.value, emptyContato()]);
    queueMicrotask(() =>
      document.getElementById(`contato-${props.value.length - 1}-nome`)?.focus()
    );
  };
  return (
    <fieldset class="mb-4">
      <legend class="label">Contatos adicionais (opcional, até {MAX_CONTATOS})</legend>
      <Show when={props.error("contatos")}>
        <p class="mb-2 text-sm font-medium text-red-700" role="alert">{props.error("contatos")}</p>
      </Show>
      <Index each={props.value}>
        {(c, i) => (
          <div class="mb-3 rounded-lg border border-border bg-surface-muted p-3">
            <p class="mb-2 text-sm font-semibold">Contato {i + 1}</p>
            <TextField
              id={`contato-${i}-nome`}
              label="Nome do contato"
              value={c().nome}
              onInput={(v) => set(i, { nome: v })}
              autocomplete="off"
              error={props.error(`contatos.${i}.nome`)}
            />
            <TextField
              label="Telefone do contato"
              type="tel"
              inputMode="tel"
              value={c().telefone}
              mask={maskTelefone}
              onInput={(v) => set(i, { telefone: v })}
              placeholder="(11) 91234-5678"
              error={props.error(`contatos.${i}.telefone`)}
            />
            <TextField
              label="Parentesco (opcional)"
              value={c().parentesco}
              onInput={(v) => set(i, { parentesco: v })}
              placeholder="Mãe, filho, vizinha…"
              error={props.error(`contatos.${i}.parentesco`)}
            />
            <button
              type="button"
              class="btn btn-secondary btn-sm"
              onClick={() => props.onChange(props.value.filter((_, j) => j !== i))}
            >
              Remover contato {i + 1}
            </button>
          </div>
        )}
      </Index>
      <Show when={props.value.length < MAX_CONTATOS}>
        <button type="button" class="btn btn-secondary w-full" onClick={add}>
          + Adicionar contato
        </button>
      </Show>
    </fieldset>
  );
}

/** The contacts as the API takes them (phone digits, blank parentesco left out). */
export function contatosBody(v: ContatoForm[]) {
  return v.map((c) => ({
    nome: c.nome.trim(),
    telefone: c.telefone.replace(/\D/g, ""),
    ...(c.parentesco.trim() ? { parentesco: c.parentesco.trim() } : {}),
  }));
}

/** Local checks of the contacts, keyed as the server keys them. */
export function contatosChecks(
  v: ContatoForm[],
  telefoneError: (s: string, r: boolean) => string | null,
) {
  const out: [string, string | null][] = [];
  v.forEach((c, i) => {
    out.push([
      `contatos.${i}.nome`,
      c.nome.trim().length < 2 ? "Informe o nome do contato." : null,
    ]);
    out.push([`contatos.${i}.telefone`, telefoneError(c.telefone, true)]);
  });
  return out;
}
