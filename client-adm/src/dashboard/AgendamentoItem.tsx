/**
 * One agendamento in the day modal: time, patient, médico, status (word and colour), the actions
 * the user's role allows (confirmar presença, não compareceu, cancelar with a reason) and the
 * details behind an expand button.
 */
import { createSignal, createUniqueId, Show } from "solid-js";
import { formatDateTime } from "../../../client-shared/format.ts";
import { maskCpf } from "../../../client-shared/masks.ts";
import { notify } from "../../../client-shared/ui/toast.tsx";
import { useApp } from "../app/context.tsx";
import type { AgendamentoRow } from "./types.ts";

const STATUS_STYLE: Record<string, string> = {
  Ativo: "bg-brand-100 text-brand-800",
  Confirmado: "bg-livre-bg text-livre",
  Proposto: "bg-ocupado-bg text-ocupado",
  Cancelado: "bg-cancelado-bg text-cancelado line-through",
  "Não Compareceu": "bg-cheio-bg text-cheio",
  "Concluído": "bg-slate-200 text-slate-800",
};

type Acao =
  | "PUT /api/agendamentos/:id/confirmar-presenca"
  | "PUT /api/agendamentos/:id/nao-compareceu"
  | "PUT /api/agendamentos/:id/cancelar";

export function AgendamentoItem(props: {
  a: AgendamentoRow;
  onChanged: (row: AgendamentoRow) => void;
}) {
  const app = useApp();
  const a = () => props.a;
  const [open, setOpen] = createSignal(false);
  const [cancelando, setCancelando] = createSignal(false);
  const [motivo, setMotivo] = createSignal("");
  const [busy, setBusy] = createSignal(false);
  const detailsId = createUniqueId();
  const motivoId = createUniqueId();

  const act = async (key: Acao, ok: string, motivo?: string) => {
    setBusy(true);
    try {
      const params = { id: a().agendamentoid };
      const row = key === "PUT /api/agendamentos/:id/cancelar"
        ? await app.api.call(key, { params, body: { motivo: motivo ?? "" } })
        : await app.api.call(key, { params });
      props.onChanged(row);
      notify.ok(ok);
      return true;
    } catch (e) {
      notify.erro(e);
      return false;
    } finally {
      setBusy(false);
    }
  };

  const canAct = () => app.can("agendar");
  const ativo = () => a().status === "Ativo" || a().status === "Confirmado";

  return (
    <li class="rounded-lg border border-slate-200 bg-white" data-agendamento={a().agendamentoid}>
      <div class="flex flex-wrap items-center gap-3 px-3 py-2">
        <span class="w-12 font-mono text-sm font-semibold">{a().hora.slice(0, 5)}</span>
        <div class="min-w-48 flex-1">
          <p class="font-semibold">{a().paciente_nome}</p>
          <p class="text-xs text-ink-muted">
            {a().especialidade_nome} · {a().medico_nome} · {a().unidade_nome}
          </p>
          <Show when={a().encaixe}>
            <p class="text-xs text-red-800" data-motivo-encaixe>
              Motivo do encaixe: {a().motivo_encaixe}
            </p>
          </Show>
        </div>
        <Show when={a().encaixe}>
          <span
            class="rounded border border-red-300 bg-red-100 px-2 py-0.5 text-xs font-bold text-red-800"
            data-encaixe
          >
            Encaixe
          </span>
        </Show>
        <span
          class={`rounded-full px-2 py-0.5 text-xs font-semibold ${STATUS_STYLE[a().status] ?? ""}`}
          data-status
        >
          {a().status}
        </span>
        <Show when={canAct()}>
          <div class="flex flex-wrap gap-1">
            <Show when={a().status === "Ativo"}>
              <button
                type="button"
                class="btn btn-secondary btn-sm"
                disabled={busy()}
                onClick={() =>
                  act("PUT /api/agendamentos/:id/confirmar-presenca", "Presença confirmada.")}
              >
                Confirmar presença
              </button>
            </Show>
            <Show when={ativo()}>
              <button
                type="button"
                class="btn btn-secondary btn-sm"
                disabled={busy()}
                onClick={() =>
                  act("PUT /api/agendamentos/:id/nao-compareceu", "Falta registrada.")}
              >
                Não compareceu
              </button>
              <button
                type="button"
                class="btn btn-secondary btn-sm text-red-800"
                disabled={busy()}
                aria-expanded={cancelando()}
                onClick={() =>
                  setCancelando(!cancelando())}
              >
                Cancelar
              </button>
            </Show>
          </div>
        </Show>
        <button
          type="button"
          class="btn btn-sm"
          aria-expanded={open()}
          aria-controls={detailsId}
          onClick={() => setOpen(!open())}
        >
          {open() ? "Ocultar detalhes" : "Detalhes"}
          <span class="sr-only">de {a().paciente_nome}</span>
        </button>
      </div>
      <Show when={cancelando() && ativo()}>
        <form
          class="flex flex-wrap items-end gap-2 border-t border-slate-200 bg-red-50 px-3 py-2"
          onSubmit={async (e) => {
            e.preventDefault();
            if (motivo().trim().length < 3) {
              notify.erro("Informe o motivo do cancelamento (ao menos 3 caracteres).");
              return;
            }
            const done = await act(
              "PUT /api/agendamentos/:id/cancelar",
              "Agendamento cancelado.",
              motivo().trim(),
            );
            if (done) {
              setCancelando(false);
            }
          }}
        >
          <div class="flex-1">
            <label class="label" for={motivoId}>Motivo do cancelamento</label>
            <input
              id={motivoId}
              class="input"
              value={motivo()}
              onInput={(e) => setMotivo(e.currentTarget.value)}
            />
          </div>
          <button type="submit" class="btn btn-danger btn-sm" disabled={busy()}>
            Confirmar cancelamento
          </button>
        </form>
      </Show>
      <Show when={open()}>
        <dl
          id={detailsId}
          class="grid grid-cols-2 gap-x-4 gap-y-1 border-t border-slate-200 px-3 py-2 text-sm sm:grid-cols-4"
        >
          <dt class="text-ink-muted">Protocolo</dt>
          <dd class="font-mono">{a().protocolo}</dd>
          <dt class="text-ink-muted">CPF</dt>
          <dd>{maskCpf(a().paciente_cpf)}</dd>
          <dt class="text-ink-muted">Tipo de slot</dt>
          <dd>{a().tiposlot_nome}</dd>
          <dt class="text-ink-muted">Período</dt>
          <dd>{a().periodo}</dd>
          <dt class="text-ink-muted">Início</dt>
          <dd>{formatDateTime(a().datainicio)}</dd>
          <dt class="text-ink-muted">Endereço</dt>
          <dd>{a().endereco || "—"}</dd>
          <Show when={a().motivo_cancelamento}>
            <dt class="text-ink-muted">Motivo do cancelamento</dt>
            <dd>{a().motivo_cancelamento}</dd>
          </Show>
        </dl>
      </Show>
    </li>
  );
}
