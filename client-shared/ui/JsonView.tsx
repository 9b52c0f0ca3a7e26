/**
 * Any JSON value for people: objects as labelled definition lists ("queixa_principal" →
 * "Queixa principal"), lists of scalars joined, booleans as Sim/Não, empty as "—".
 *
 * @example
 * <JsonValor valor={ficha.conteudo} />
 */
import { For } from "solid-js";

/** "queixa_principal" → "Queixa principal". */
export const rotulo = (k: string) => {
  const s = k.replace(/[_-]+/g, " ").trim();
  return s.charAt(0).toUpperCase() + s.slice(1);
};

/** Any JSON value, nested objects as indented definition lists. */
export function JsonValor(props: { valor: unknown }) {
  const v = props.valor;
  if (v === null || v === undefined || v === "") return <span class="text-ink-muted">—</span>;
  if (typeof v === "boolean") return <>{v ? "Sim" : "Não"}</>;
  if (Array.isArray(v)) {
    if (v.every((x) => typeof x !== "object" || x === null)) return <>{v.join(", ")}</>;
    return (
      <ol class="list-decimal pl-5">
        <For each={v}>
          {(x) => (
            <li>
              <JsonValor valor={x} />
            </li>
          )}
        </For>
      </ol>
    );
  }
  if (typeof v === "object") {
    return (
      <dl class="grid grid-cols-[minmax(8rem,auto)_1fr] gap-x-4 gap-y-1">
        <For each={Object.entries(v as Record<string, unknown>)}>
          {([k, x]) => (
            <>
              <dt class="font-semibold">{rotulo(k)}</dt>
              <dd>
                <JsonValor valor={x} />
              </dd>
            </>
          )}
        </For>
      </dl>
    );
  }
  return <span class="whitespace-pre-wrap">{String(v)}</span>;
}
