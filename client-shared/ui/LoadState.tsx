/**
 * The three states of a loaded screen part, said the same way everywhere: loading, the error
 * (a lost connection as a banner that says it retries by itself, see `retrying_resource.ts`;
 * anything else with "Tentar novamente"), and the data. While a refetch runs, the data already
 * shown stays on screen, and the children are not rebuilt.
 *
 * @example
 * <LoadState resource={lista} onRetry={refetch} label="Carregando suas consultas…">
 *   {(l) => <Show when={l().items.length} fallback={<Empty>Nenhuma consulta.</Empty>}>…</Show>}
 * </LoadState>
 */
import { type JSX, Match, type Resource, Switch } from "solid-js";
import { isTransient } from "../retrying_resource.ts";
import { ErrorBox, Loading } from "./fields.tsx";

export function LoadState<T>(props: {
  resource: Resource<T>;
  onRetry: () => void;
  label?: string;
  /** Called once; `value` follows refetches (so open dialogs inside survive a reload). */
  children: (value: () => T) => JSX.Element;
}) {
  return (
    <Switch>
      <Match when={props.resource.error && isTransient(props.resource.error)}>
        <div
          class="m-2 rounded-lg border border-amber-300 bg-amber-50 p-3 text-amber-900"
          role="status"
          data-testid="sem-conexao"
        >
          <p class="font-semibold">Não foi possível carregar agora.</p>
          <p class="text-sm">Sem conexão com o servidor: tentaremos de novo automaticamente.</p>
          <button type="button" class="btn btn-secondary mt-2 min-h-11" onClick={props.onRetry}>
            Tentar agora
          </button>
        </div>
      </Match>
      <Match when={props.resource.error}>
        <ErrorBox error={props.resource.error} onRetry={props.onRetry} />
      </Match>
      <Match when={props.resource.latest !== undefined}>
        {props.children(() => props.resource.latest as T)}
      </Match>
      <Match when>
        <Loading label={props.label} />
      </Match>
    </Switch>
  );
}
