/**
 * A proposal awaiting the patient (spec "Proposta de Agendamento"): date, hour, médico,
 * especialidade, unidade with its address and a map link, what differs from the patient's
 * preferences, and the time left before it expires. "Confirmar" turns it into an appointment;
 * "Recusar" asks an optional reason and the request goes back to Pendente.
 */
import { A } from "@solidjs/router";
import { createSignal, For, onCleanup, Show } from "solid-js";
import { usePortal } from "../app/context.tsx";
import { Dado, EnderecoMapa, StatusPill } from "../agenda/ui.tsx";
import { createRetryingResource } from "../../../client-shared/retrying_resource.ts";
import { LoadState } from "../../../client-shared/ui/LoadState.tsx";
import { ConfirmDialog } from "../../../client-shared/ui/ConfirmDialog.tsx";
import { TextAreaField } from "../../../client-shared/ui/form.tsx";
import { notify } from "../app/notify.ts";
import { formatDateTime, weekdayName } from "../../../client-shared/format.ts";

const CAMPO: Record<string, string> = {
  unidade: "Unidade",
  medico: "Médico",
  data: "Data",
  periodo: "Período",
  horario: "Horário",
};

/** "2 dias e 3 h", "5 h 10 min", "4 min 09 s". */
export function tempoRestante(ms: number): string {
  if (ms <= 0) return "prazo encerrado";
  const s = Math.floor(ms / 1000);
  const d = Math.floor(s / 86400), h = Math.floor((s % 86400) / 3600);
  const m = Math.floor((s % 3600) / 60), seg = s % 60;
  if (d > 0) return `${d} ${d === 1 ? "dia" : "dias"} e ${h} h`;
  if (h > 0) return `${h} h ${m} min`;
  return `${m} min ${String(seg).padStart(2, "0")} s`;
}

export function PropostaCard(props: { backlogid: number; versao: string; onDone: () => void }) {
  const portal = usePortal();
  const [detalhe, { refetch }] = createRetryingResource(
    () => [props.backlogid, props.versao] as const,
    ([id]) => portal.api.call("GET /api/backlog/:id", { params: { id } }),
  );
  const [agora, setAgora] = createSignal(Date.now());
  const tick = setInterval(() => setAgora(Date.now()), 1000);
  onCleanup(() => clearInterval(tick));
  const [recusar, setRecusar] = createSignal(false);
  const [motivo, setMotivo] = createSignal("");
  const [confirmando, setConfirmando] = createSignal(false);

  const confirmar = async () => {
    setConfirmando(true);
    try {
      const r = await portal.api.call("PATCH /api/backlog/:id/confirmar", {
        params: { id: props.backlogid },
      });
      notify.ok(`Consulta confirmada. Protocolo ${r.agendamento.protocolo}.`);
      props.onDone();
    } catch (e) {
      notify.erro(e);
      void refetch();
    } finally {
      setConfirmando(false);
    }
  };

  return (
    <LoadState resource={detalhe} onRetry={refetch} label="Carregando a proposta…">
      {(d) => (
        <Show
          when={d().proposta}
          fallback={<p class="card p-4 text-ink-muted">Esta proposta não está mais disponível.</p>}
        >
          {(pr) => {
            const slot = () => pr().slot;
            const restante = () =>
              pr().expira_em ? new Date(pr().expira_em!).getTime() - agora() : null;
            const expirada = () => (restante() ?? 1) <= 0;
            return (
              <article
                class="card border-2 border-amber-300 p-4"
                aria-labelledby={`proposta-${props.backlogid}`}
                data-testid="proposta"
              >
                <div class="mb-2 flex items-start justify-between gap-2">
                  <h2 id={`proposta-${props.backlogid}`} class="text-lg font-bold">
                    Proposta de horário: {slot().especialidade_nome}
                  </h2>
                  <StatusPill status="Aguardando Confirmação" />
                </div>
                <p class="text-2xl font-bold">
                  {slot().data_br} às {slot().hora}
                </p>
                <p class="mb-3 text-ink-muted first-letter:uppercase">{weekdayName(slot().data)}</p>
                <dl class="mb-3 space-y-1">
                  <Dado t="Médico">{slot().medico_nome}</Dado>
                  <Dado t="Especialidade">{slot().especialidade_nome}</Dado>
                  <Dado t="Unidade">
                    {slot().unidade_nome}
                    <Show when={slot().endereco}>
                      <EnderecoMapa unidade={slot().unidade_nome} endereco={slot().endereco} />
                    </Show>
                  </Dado>
                </dl>
                <Show when={pr().diferencas.length}>
                  <div class="mb-3 rounded-lg bg-amber-50 p-3" data-testid="diferencas">
                    <h3 class="mb-1 font-semibold">Diferente do que você pediu</h3>
                    <ul class="space-y-1 text-sm">
                      <For each={pr().diferencas}>
                        {(df) => (
                          <li>
                            <strong>{CAMPO[df.campo] ?? df.campo}:</strong> você preferiu{" "}
                            {df.preferido}; proposto {df.proposto}.
                          </li>
                        )}
                      </For>
                    </ul>
                  </div>
                </Show>
                <Show when={restante() !== null}>
                  <p class="mb-3" data-testid="prazo">
                    <span class="text-ink-muted">
                      Responda até {formatDateTime(pr().expira_em!)}:
                    </span>{" "}
                    <strong role="timer" aria-live="off">
                      {expirada() ? "prazo encerrado" : `faltam ${tempoRestante(restante()!)}`}
                    </strong>
                  </p>
                </Show>
                <div class="flex gap-2">
                  <button
                    type="button"
                    class="btn btn-secondary min-h-12 flex-1 text-base"
                    disabled={confirmando()}
                    onClick={() => setRecusar(true)}
                  >
                    Recusar
                  </button>
                  <button
                    type="button"
                    class="btn btn-primary min-h-12 flex-1 text-base"
                    disabled={confirmando() || expirada()}
                    aria-busy={confirmando() ? "true" : undefined}
                    onClick={confirmar}
                  >
                    {confirmando() ? "Confirmando…" : "Confirmar"}
                  </button>
                </div>
                <p class="mt-2 text-sm text-ink-muted">
                  Depois de confirmar, a consulta aparece em{" "}
                  <A href="/consultas" class="text-brand-700 underline">Minhas consultas</A>.
                </p>
                <ConfirmDialog
                  open={recusar()}
                  onOpenChange={(o) => {
                    setRecusar(o);
                    if (!o) setMotivo("");
                  }}
                  title="Recusar esta proposta?"
                  confirmLabel="Recusar proposta"
                  cancelLabel="Voltar"
                  danger
                  onConfirm={async () => {
                    await portal.api.call("PATCH /api/backlog/:id/recusar", {
                      params: { id: props.backlogid },
                      body: { motivo: motivo().trim() || null },
                    });
                    notify.ok("Proposta recusada. Sua solicitação voltou para a fila.");
                    props.onDone();
                  }}
                >
                  <p class="mb-3">Sua solicitação volta para a fila e procuramos outro horário.</p>
                  <TextAreaField
                    label="Motivo (opcional)"
                    value={motivo()}
                    maxLength={500}
                    onInput={setMotivo}
                  />
                </ConfirmDialog>
              </article>
            );
          }}
        </Show>
      )}
    </LoadState>
  );
}
