/**
 * A list screen's table with its states: loading, error (with "Tentar novamente"), empty, and
 * the rows. Columns are declared once; the table has an accessible name (its caption) and each
 * row a `data-key`, so tests and screen readers find a row by what it shows.
 *
 * @example
 * <DataTable caption="Especialidades" rows={list()} loading={list.loading} error={list.error}
 *   onRetry={refetch} empty="Nenhuma especialidade." rowKey={(e) => e.especialidadeid}
 *   columns={[{ header: "Nome", cell: (e) => e.nome }, { header: "Ações", cell: (e) => <Acoes e={e} /> }]} />
 */
import { For, type JSX, Match, Switch } from "solid-js";
import { Empty, ErrorBox, Loading } from "./fields.tsx";

export interface Column<T> {
  header: JSX.Element;
  cell: (row: T) => JSX.Element;
  /** Classes of the header and the cells (width, alignment). */
  class?: string;
}

export function DataTable<T>(props: {
  caption: string;
  /** Shows the caption (default: read by screen readers only). */
  showCaption?: boolean;
  columns: Column<T>[];
  rows: T[] | undefined;
  rowKey: (row: T) => string | number;
  loading?: boolean;
  error?: unknown;
  onRetry?: () => void;
  empty: JSX.Element;
  /** Classes of a row (e.g. dim an inactive one). */
  rowClass?: (row: T) => string;
}) {
  return (
    <Switch>
      <Match when={props.error && !props.loading}>
        <ErrorBox error={props.error} onRetry={props.onRetry} />
      </Match>
      <Match when={props.loading && !props.rows}>
        <Loading />
      </Match>
      <Match when={props.rows && props.rows.length === 0}>
        <Empty>{props.empty}</Empty>
      </Match>
      <Match when={props.rows}>
        <div class="overflow-x-auto">
          <table
            class="w-full border-collapse text-sm"
            aria-busy={props.loading ? "true" : undefined}
          >
            <caption class={props.showCaption ? "mb-2 text-left font-semibold" : "sr-only"}>
              {props.caption}
            </caption>
            <thead>
              <tr class="border-b border-border text-left text-ink-muted">
                <For each={props.columns}>
                  {(c) => (
                    <th scope="col" class={`px-3 py-2 font-semibold ${c.class ?? ""}`}>
                      {c.header}
                    </th>
                  )}
                </For>
              </tr>
            </thead>
            <tbody>
              <For each={props.rows}>
                {(row) => (
                  <tr
                    data-key={props.rowKey(row)}
                    class={`border-b border-slate-100 align-top ${props.rowClass?.(row) ?? ""}`}
                  >
                    <For each={props.columns}>
                      {(c) => <td class={`px-3 py-2 ${c.class ?? ""}`}>{c.cell(row)}</td>}
                    </For>
                  </tr>
                )}
              </For>
            </tbody>
          </table>
        </div>
      </Match>
    </Switch>
  );
}
