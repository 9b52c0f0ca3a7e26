/**
 * The frame of a cadastro tab: header with the "Novo…" button (only for who may write), the
 * status filter and any other filters, the table with its states, an optional footer (pager),
 * an actions column (only for who may write) and the create/edit form in a modal. The row being
 * edited is followed by key in the live rows, so the form sees other users' changes to it
 * (e.g. its consultórios).
 */
import { createMemo, createSignal, type JSX, Show, untrack } from "solid-js";
import { type Column, DataTable } from "../../../client-shared/ui/DataTable.tsx";
import { PageHeader } from "../../../client-shared/ui/form.tsx";
import { Modal } from "../../../client-shared/ui/Modal.tsx";
import { StatusFilter, type StatusFiltro } from "../../../client-shared/ui/status.tsx";
import { useApp } from "../app/context.tsx";
import type { LiveList } from "./live_list.ts";

export function CadastroLista<T>(props: {
  title: string;
  description: string;
  /** "Nova especialidade": the button and the modal's title. */
  newLabel: string;
  /** The modal's title when editing a row. */
  editTitle: (row: T) => string;
  empty: string;
  status: StatusFiltro;
  onStatus: (s: StatusFiltro) => void;
  filters?: JSX.Element;
  list: LiveList<T[]>;
  rowKey: (row: T) => number;
  columns: Column<T>[];
  /** The write actions of a row; `edit` opens the form on it. */
  actions: (row: T, edit: () => void) => JSX.Element;
  /**
   * The form, built once per opening with the row as it was then (`live` follows it, for parts
   * that show other users' changes while the form is open).
   */
  form: (row: T | undefined, done: () => void, live: () => T | undefined) => JSX.Element;
  footer?: JSX.Element;
  modalSize?: string;
}) {
  const app = useApp();
  const canWrite = () => app.can("configurar");
  // undefined: closed; null: new; a key: editing that row.
  const [editing, setEditing] = createSignal<number | null | undefined>(undefined);
  const current = createMemo(() => {
    const k = editing();
    return typeof k === "number"
      ? props.list.data()?.find((r) => props.rowKey(r) === k)
      : undefined;
  });
  const done = () => {
    setEditing(undefined);
    props.list.reload();
  };
  const columns = () =>
    canWrite()
      ? [...props.columns, {
        header: <span class="sr-only">Ações</span>,
        cell: (r: T) => props.actions(r, () => setEditing(props.rowKey(r))),
      }]
      : props.columns;

  return (
    <div>
      <PageHeader
        title={props.title}
        description={props.description}
        actions={
          <Show when={canWrite()}>
            <button type="button" class="btn btn-primary" onClick={() => setEditing(null)}>
              {props.newLabel}
            </button>
          </Show>
        }
      />
      <div class="card p-4">
        <div class="mb-3 flex flex-wrap items-end gap-4">
          {props.filters}
          <StatusFilter value={props.status} onChange={props.onStatus} />
        </div>
        <DataTable
          caption={props.title}
          rows={props.list.data()}
          loading={props.list.loading()}
          error={props.list.error()}
          onRetry={props.list.reload}
          rowKey={props.rowKey}
          empty={props.empty}
          columns={columns()}
        />
        {props.footer}
      </div>
      <Modal
        open={editing() !== undefined}
        onOpenChange={(o) => !o && setEditing(undefined)}
        title={current() ? props.editTitle(current()!) : props.newLabel}
        size={props.modalSize ?? "max-w-2xl"}
      >
        {untrack(() => props.form(current(), done, current))}
      </Modal>
    </div>
  );
}
