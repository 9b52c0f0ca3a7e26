/**
 * Cancelling a future consultation: asks the reason (the API requires one) and confirms before
 * `PUT /api/agendamentos/:id/cancelar`; the place goes back to the queue.
 */
import { createSignal } from "solid-js";
import { usePortal } from "../app/context.tsx";
import { ConfirmDialog } from "../../../client-shared/ui/ConfirmDialog.tsx";
import { TextAreaField } from "../../../client-shared/ui/form.tsx";
import { notify } from "../app/notify.ts";
import { ApiError } from "../../../client-shared/http.ts";
import type { Consulta } from "./ConsultasPage.tsx";

export function CancelarConsulta(props: { c: Consulta; onDone: () => void }) {
  const portal = usePortal();
  const [aberto, setAberto] = createSignal(false);
  const [motivo, setMotivo] = createSignal("");
  const [erro, setErro] = createSignal<string | null>(null);
  return (
    <>
      <button
        type="button"
        class="btn min-h-12 w-full border-red-300 bg-white text-red-800"
        onClick={() => setAberto(true)}
      >
        Cancelar consulta
      </button>
      <ConfirmDialog
        open={aberto()}
        onOpenChange={(o) => {
          setAberto(o);
          if (!o) {
            setMotivo("");
            setErro(null);
          }
        }}
        title="Cancelar esta consulta?"
        confirmLabel="Cancelar consulta"
        cancelLabel="Voltar"
        danger
        onConfirm={async () => {
          const m = motivo().trim();
          if (m.length < 3) {
            setErro("Informe o motivo do cancelamento (ao menos 3 caracteres).");
            // Keeps the dialog open; the message is the field's, so the dialog shows none.
            throw new Error("");
          }
          try {
            await portal.api.call("PUT /api/agendamentos/:id/cancelar", {
              params: { id: props.c.agendamentoid },
              body: { motivo: m },
            });
          } catch (e) {
            if (e instanceof ApiError) setErro(e.fieldErrors.motivo ?? null);
            throw e;
          }
          notify.ok("Consulta cancelada.");
          props.onDone();
        }}
      >
        <p class="mb-3">
          {props.c.data_br} às {props.c.hora}, {props.c.especialidade_nome} com{" "}
          {props.c.medico_nome}. O horário fica livre para outra pessoa.
        </p>
        <TextAreaField
          label="Motivo do cancelamento"
          value={motivo()}
          maxLength={500}
          error={erro()}
          onInput={(v) => {
            setMotivo(v);
            setErro(null);
          }}
        />
      </ConfirmDialog>
    </>
  );
}
