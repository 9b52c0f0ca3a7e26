/**
 * The actions of a configuration row: "Editar" and "Inativar"/"Reativar", the latter behind a
 * confirmation. Shown only to whoever may write (`configurar` unless told otherwise); others
 * read the row as it is.
 */
import { createSignal, type JSX, Show } from "solid-js";
import { ConfirmDialog } from "../../../client-shared/ui/ConfirmDialog.tsx";
import { notify } from "../../../client-shared/ui/toast.tsx";

export function RowActions(props: {
  /** What the row is, for the labels ("especialidade Cardiologia"). */
  name: string;
  /** Feminine noun ("especialidade", "unidade"): "inativada" in the message. */
  feminino?: boolean;
  status: string;
  onEdit?: () => void;
  inativar: () => Promise<unknown>;
  reativar: () => Promise<unknown>;
  /** What inactivating does, said in the confirmation. */
  consequence?: JSX.Element;
}) {
  const [ask, setAsk] = createSignal(false);
  const ativo = () => props.status === "Ativo";
  return (
    <div class="flex flex-wrap justify-end gap-1.5">
      <Show when={props.onEdit}>
        <button
          type="button"
          class="btn btn-secondary btn-sm"
          aria-label={`Editar ${props.name}`}
          onClick={() => props.onEdit!()}
        >
          Editar
        </button>
      </Show>
      <button
        type="button"
        class="btn btn-secondary btn-sm"
        aria-label={`${ativo() ? "Inativar" : "Reativar"} ${props.name}`}
        onClick={() => setAsk(true)}
      >
        {ativo() ? "Inativar" : "Reativar"}
      </button>
      <ConfirmDialog
        open={ask()}
        onOpenChange={setAsk}
        title={`${ativo() ? "Inativar" : "Reativar"} ${props.name}?`}
        confirmLabel={ativo() ? "Inativar" : "Reativar"}
        danger={ativo()}
        onConfirm={async () => {
          const was = ativo();
          await (was ? props.inativar() : props.reativar());
          const feito = `${was ? "inativad" : "reativad"}${props.feminino ? "a" : "o"}`;
          const nome = props.name.charAt(0).toUpperCase() + props.name.slice(1);
          notify.ok(`${nome} ${feito}.`);
        }}
      >
        {ativo()
          ? (props.consequence ?? "O registro deixa de aparecer nas listas e nos formulários.")
          : "O registro volta a aparecer nas listas e nos formulários."}
      </ConfirmDialog>
    </div>
  );
}
