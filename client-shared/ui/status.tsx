/**
 * The soft-delete status of configuration rows: a filter (Ativos / Inativos / Todos, the API's
 * `?status=Ativo|Inativo|todos`) as a radio group, and a badge that says the status in words.
 *
 * @example
 * const [status, setStatus] = createSignal<StatusFiltro>("Ativo");
 * <StatusFilter value={status()} onChange={setStatus} />
 * <StatusBadge status={row.status} />
 */
import { createUniqueId, For } from "solid-js";

export type StatusFiltro = "Ativo" | "Inativo" | "todos";

const OPTIONS: { value: StatusFiltro; label: string }[] = [
  { value: "Ativo", label: "Ativos" },
  { value: "Inativo", label: "Inativos" },
  { value: "todos", label: "Todos" },
];

export function StatusFilter(props: {
  value: StatusFiltro;
  onChange: (v: StatusFiltro) => void;
  label?: string;
}) {
  const name = createUniqueId();
  return (
    <fieldset class="flex items-center gap-1">
      <legend class="sr-only">{props.label ?? "Status"}</legend>
      <span class="mr-1 text-sm font-semibold" aria-hidden="true">{props.label ?? "Status"}</span>
      <For each={OPTIONS}>
        {(o) => (
          <label class="cursor-pointer rounded-md border border-border px-2.5 py-1 text-sm has-[:checked]:border-brand-600 has-[:checked]:bg-brand-100 has-[:checked]:font-semibold has-[:focus-visible]:focus-ring">
            <input
              type="radio"
              class="sr-only"
              name={name}
              value={o.value}
              checked={props.value === o.value}
              onChange={() => props.onChange(o.value)}
            />
            {o.label}
          </label>
        )}
      </For>
    </fieldset>
  );
}

export function StatusBadge(props: { status: string }) {
  const ativo = () => props.status === "Ativo";
  return (
    <span
      class={`inline-block rounded-full px-2 py-0.5 text-xs font-semibold ${
        ativo() ? "bg-livre-bg text-livre" : "bg-cancelado-bg text-slate-700"
      }`}
    >
      {ativo() ? "Ativo" : "Inativo"}
    </span>
  );
}
