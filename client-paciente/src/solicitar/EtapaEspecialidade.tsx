/** Wizard step 1: especialidade (required), then unidade and médico narrowed to it. */
import { createUniqueId, For, Show } from "solid-js";
import type { FieldErrors } from "../../../client-shared/forms.ts";
import { FieldError } from "../../../client-shared/ui/form.tsx";
import { type Catalogo, medicosDe, type Pedido, unidadesDe } from "./pedido.ts";

function Escolha(props: {
  label: string;
  value: number | null;
  options: { value: number; label: string }[];
  vazio: string;
  onChange: (v: number | null) => void;
  error?: string;
  hint?: string;
  disabled?: boolean;
}) {
  const id = createUniqueId();
  const desc = () =>
    [props.hint ? `${id}-hint` : "", props.error ? `${id}-err` : ""].filter(Boolean).join(" ") ||
    undefined;
  return (
    <div class="mb-4">
      <label class="label text-base" for={id}>{props.label}</label>
      <select
        id={id}
        class="input min-h-12 text-base"
        disabled={props.disabled}
        aria-invalid={props.error ? "true" : undefined}
        aria-describedby={desc()}
        onChange={(e) =>
          props.onChange(e.currentTarget.value ? Number(e.currentTarget.value) : null)}
      >
        <option value="" selected={props.value === null}>{props.vazio}</option>
        <For each={props.options}>
          {(o) => <option value={o.value} selected={o.value === props.value}>{o.label}</option>}
        </For>
      </select>
      <Show when={props.hint}>
        <p id={`${id}-hint`} class="mt-1 text-sm text-ink-muted">{props.hint}</p>
      </Show>
      <FieldError id={`${id}-err`} error={props.error} />
    </div>
  );
}

export function EtapaEspecialidade(props: {
  catalogo: Catalogo;
  pedido: Pedido;
  erros: FieldErrors;
  mudar: (p: Partial<Pedido>) => void;
}) {
  const semEsp = () => !props.pedido.especialidadeid;
  return (
    <>
      <Escolha
        label="Especialidade (obrigatório)"
        value={props.pedido.especialidadeid}
        vazio="Escolha a especialidade"
        options={props.catalogo.especialidades.map((e) => ({
          value: e.especialidadeid,
          label: e.nome,
        }))}
        error={props.erros.especialidadeid}
        onChange={(v) => props.mudar({ especialidadeid: v, unidadeid: null, medicoid: null })}
      />
      <Escolha
        label="Unidade (opcional)"
        value={props.pedido.unidadeid}
        vazio="Qualquer unidade"
        disabled={semEsp()}
        hint={semEsp() ? "Escolha a especialidade primeiro." : undefined}
        options={unidadesDe(props.catalogo, props.pedido).map((u) => ({
          value: u.unidadeid,
          label: u.nome,
        }))}
        error={props.erros.unidadeid}
        onChange={(v) => props.mudar({ unidadeid: v, medicoid: null })}
      />
      <Escolha
        label="Médico (opcional)"
        value={props.pedido.medicoid}
        vazio="Qualquer médico"
        disabled={semEsp()}
        options={medicosDe(props.catalogo, props.pedido).map((m) => ({
          value: m.medicoid,
          label: m.nomecompleto,
        }))}
        error={props.erros.medicoid}
        onChange={(v) => props.mudar({ medicoid: v })}
      />
    </>
  );
}
