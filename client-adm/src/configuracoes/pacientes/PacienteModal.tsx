/**
 * A patient's record in a dialog: "Cadastro" (the form, the phone validation by SMS code,
 * inativar/reativar), "Ficha clínica" and "Planos de tratamento" (read views, seed 000).
 * `id` null: a new patient (the form alone until saved).
 */
import { createResource, createSignal, For, Match, Show, Switch } from "solid-js";
import { useApp } from "../../app/context.tsx";
import { Modal } from "../../../../client-shared/ui/Modal.tsx";
import { ConfirmDialog } from "../../../../client-shared/ui/ConfirmDialog.tsx";
import { ErrorBox, Loading } from "../../../../client-shared/ui/fields.tsx";
import { StatusBadge } from "../../../../client-shared/ui/status.tsx";
import { notify } from "../../../../client-shared/ui/toast.tsx";
import { PacienteForm } from "./PacienteForm.tsx";
import { TelefoneValidacao } from "./TelefoneValidacao.tsx";
import { FichaView, PlanosView } from "./Prontuario.tsx";
import { FuncionarioBadge, type PacienteDetalhe } from "./shared.tsx";

type Vista = "cadastro" | "ficha" | "planos";

export function PacienteModal(props: {
  id: number | null;
  onClose: () => void;
  onSaved: (p: PacienteDetalhe) => void;
}) {
  const app = useApp();
  const [vista, setVista] = createSignal<Vista>("cadastro");
  const [confirmar, setConfirmar] = createSignal(false);
  const [paciente, { mutate, refetch }] = createResource(
    () => props.id ?? false,
    (id) => app.api.call("GET /api/pacientes/:id", { params: { id } }),
  );
  app.live.watch(() => (props.id ? [`paciente:${props.id}`] : []), {
    onEvent: () => refetch(),
    onReload: () => refetch(),
  });

  const VISTAS = (): { id: Vista; label: string }[] => [
    { id: "cadastro", label: "Cadastro" },
    // GET /api/fichas needs the desk's permission; the planos are readable by every staff role.
    ...(app.can("pacientes") ? [{ id: "ficha" as Vista, label: "Ficha clínica" }] : []),
    { id: "planos", label: "Planos de tratamento" },
  ];

  const alternarStatus = async (p: PacienteDetalhe) => {
    const next = p.status === "Ativo"
      ? await app.api.call("DELETE /api/pacientes/:id", { params: { id: p.pacienteid } })
      : await app.api.call("PATCH /api/pacientes/:id/reativar", { params: { id: p.pacienteid } });
    mutate(next);
    notify.ok(next.status === "Ativo" ? "Paciente reativado." : "Paciente inativado.");
  };

  return (
    <Modal
      open
      onOpenChange={(o) => !o && props.onClose()}
      title={props.id ? (paciente()?.nomecompleto ?? "Paciente") : "Novo paciente"}
      description={props.id
        ? "Dados cadastrais, ficha clínica e planos de tratamento."
        : "Cadastro no balcão."}
      size="max-w-3xl"
    >
      <Show
        when={props.id}
        fallback={<PacienteForm paciente={null} onSaved={props.onSaved} onCancel={props.onClose} />}
      >
        <Switch>
          <Match when={paciente.error}>
            <ErrorBox error={paciente.error} onRetry={refetch} />
          </Match>
          <Match when={!paciente()}>
            <Loading label="Carregando paciente…" />
          </Match>
          <Match when={paciente()}>
            {(p) => (
              <>
                <div class="mb-3 flex flex-wrap items-center gap-2">
                  <StatusBadge status={p().status} />
                  <Show when={p().funcionario}>
                    <FuncionarioBadge />
                  </Show>
                  <span class="text-sm text-ink-muted">Origem: {p().origem}</span>
                </div>
                <div
                  role="group"
                  aria-label="Seções do paciente"
                  class="mb-4 flex gap-1 border-b border-slate-200"
                >
                  <For each={VISTAS()}>
                    {(v) => (
                      <button
                        type="button"
                        aria-pressed={vista() === v.id}
                        class={`-mb-px border-b-2 px-3 py-2 text-sm font-semibold ${
                          vista() === v.id
                            ? "border-brand-600 text-brand-800"
                            : "border-transparent text-ink-muted hover:text-ink"
                        }`}
                        onClick={() => setVista(v.id)}
                      >
                        {v.label}
                      </button>
                    )}
                  </For>
                </div>
                <Switch>
                  <Match when={vista() === "cadastro"}>
                    <PacienteForm
                      paciente={p()}
                      onSaved={(n) => {
                        mutate(n);
                        props.onSaved(n);
                      }}
                    />
                    <TelefoneValidacao paciente={p()} onChange={mutate} />
                    <Show when={app.can("pacientes")}>
                      <div class="mt-4 flex justify-end border-t border-slate-200 pt-4">
                        <button
                          type="button"
                          class={`btn ${p().status === "Ativo" ? "btn-danger" : "btn-secondary"}`}
                          onClick={() => setConfirmar(true)}
                        >
                          {p().status === "Ativo" ? "Inativar paciente" : "Reativar paciente"}
                        </button>
                      </div>
                      <ConfirmDialog
                        open={confirmar()}
                        onOpenChange={setConfirmar}
                        title={p().status === "Ativo" ? "Inativar paciente?" : "Reativar paciente?"}
                        confirmLabel={p().status === "Ativo" ? "Inativar" : "Reativar"}
                        danger={p().status === "Ativo"}
                        onConfirm={() => alternarStatus(p())}
                      >
                        {p().status === "Ativo"
                          ? `${p().nomecompleto} deixa de aparecer nas buscas e não poderá ser agendado até ser reativado.`
                          : `${p().nomecompleto} volta a aparecer nas buscas e pode ser agendado.`}
                      </ConfirmDialog>
                    </Show>
                  </Match>
                  <Match when={vista() === "ficha"}>
                    <FichaView pacienteid={p().pacienteid} />
                  </Match>
                  <Match when={vista() === "planos"}>
                    <PlanosView pacienteid={p().pacienteid} />
                  </Match>
                </Switch>
              </>
            )}
          </Match>
        </Switch>
      </Show>
    </Modal>
  );
}
