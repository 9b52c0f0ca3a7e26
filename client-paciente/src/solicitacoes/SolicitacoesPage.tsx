/**
 * "Minhas solicitações": tabs "Em andamento" (Pendente, Aguardando Confirmação) and "Histórico"
 * (the rest, as the server's D-30 rule leaves them). A request awaiting the patient shows its
 * proposal (`PropostaCard`). The patient's live topic refreshes the list, so a proposal made by
 * an operator appears without a reload.
 */
import { Tabs } from "@kobalte/core/tabs";
import { A } from "@solidjs/router";
import { createMemo, For, type JSX, Show } from "solid-js";
import { usePortal } from "../app/context.tsx";
import { usePacienteLive } from "../agenda/live.ts";
import { PageTitle, StatusPill } from "../agenda/ui.tsx";
import { createRetryingResource } from "../../../client-shared/retrying_resource.ts";
import { LoadState } from "../../../client-shared/ui/LoadState.tsx";
import { Empty } from "../../../client-shared/ui/fields.tsx";
import { formatDateTime, formatDay } from "../../../client-shared/format.ts";
import type { Result } from "../../../client-shared/api_client.ts";
import { PropostaCard } from "./PropostaCard.tsx";
import { firstData } from "../app/first_data.ts";
import { minhasSolicitacoes } from "../app/screen_data.ts";

export type Solicitacao = Result<"GET /api/backlog">["items"][number];

const EM_ANDAMENTO = new Set(["Pendente", "Aguardando Confirmação"]);

export default function SolicitacoesPage() {
  const portal = usePortal();
  const [lista, { refetch }] = createRetryingResource(() =>
    firstData("/solicitacoes", () => minhasSolicitacoes(portal.api))
  );
  const conn = usePacienteLive(() => void refetch());

  return (
    <section class="mx-auto max-w-xl p-4" data-conn={conn()}>
      <PageTitle>Minhas solicitações</PageTitle>
      <LoadState resource={lista} onRetry={refetch} label="Carregando suas solicitações…">
        {(l) => {
          const abertas = createMemo(() => l().items.filter((i) => EM_ANDAMENTO.has(i.status)));
          const historico = createMemo(() => l().items.filter((i) => !EM_ANDAMENTO.has(i.status)));
          return (
            <Tabs defaultValue="andamento">
              <Tabs.List
                class="mb-3 grid grid-cols-2 rounded-lg bg-slate-200 p-1"
                aria-label="Solicitações"
              >
                <Tabs.Trigger
                  value="andamento"
                  class="min-h-11 rounded-md text-sm font-semibold text-ink-muted data-[selected]:bg-white data-[selected]:text-ink data-[selected]:shadow"
                >
                  Em andamento ({abertas().length})
                </Tabs.Trigger>
                <Tabs.Trigger
                  value="historico"
                  class="min-h-11 rounded-md text-sm font-semibold text-ink-muted data-[selected]:bg-white data-[selected]:text-ink data-[selected]:shadow"
                >
                  Histórico
                </Tabs.Trigger>
              </Tabs.List>
              <Tabs.Content value="andamento">
                <Show
                  when={abertas().length}
                  fallback={
                    <Empty>
                      Nenhuma solicitação em andamento.{" "}
                      <A href="/solicitar" class="font-semibold text-brand-700 underline">
                        Solicitar agendamento
                      </A>
                    </Empty>
                  }
                >
                  <ul class="space-y-3">
                    {/* Keyed by id: a refetch keeps each card (and an open dialog) in place. */}
                    <For each={abertas().map((i) => i.backlogid)}>
                      {(id) => {
                        const s = () => abertas().find((i) => i.backlogid === id)!;
                        return (
                          <li>
                            <Show
                              when={s().status === "Aguardando Confirmação"}
                              fallback={<SolicitacaoCard s={s()} />}
                            >
                              <PropostaCard
                                backlogid={id}
                                versao={String(s().updated_at)}
                                onDone={() => void refetch()}
                              />
                            </Show>
                          </li>
                        );
                      }}
                    </For>
                  </ul>
                </Show>
              </Tabs.Content>
              <Tabs.Content value="historico">
                <Show
                  when={historico().length}
                  fallback={<Empty>Nenhuma solicitação no histórico dos últimos 30 dias.</Empty>}
                >
                  <ul class="space-y-3">
                    <For each={historico()}>
                      {(s) => (
                        <li>
                          <SolicitacaoCard s={s} />
                        </li>
                      )}
                    </For>
                  </ul>
                </Show>
                <p class="mt-3 text-sm text-ink-muted">
                  Solicitações encerradas aparecem aqui por 30 dias.
                </p>
              </Tabs.Content>
            </Tabs>
          );
        }}
      </LoadState>
    </section>
  );
}

function Linha(props: { t: string; children: JSX.Element }) {
  return (
    <div class="flex justify-between gap-3 py-1">
      <dt class="text-ink-muted">{props.t}</dt>
      <dd class="text-right">{props.children}</dd>
    </div>
  );
}

/** A request without an open proposal: what was asked, and where it stands. */
function SolicitacaoCard(props: { s: Solicitacao }) {
  const s = () => props.s;
  return (
    <article class="card p-4" aria-label={`Solicitação de ${s().especialidade_nome}`}>
      <div class="mb-2 flex items-start justify-between gap-2">
        <h2 class="text-lg font-bold">{s().especialidade_nome}</h2>
        <StatusPill status={s().status} />
      </div>
      <dl class="text-sm">
        <Linha t="Pedido em">{formatDateTime(s().created_at)}</Linha>
        <Linha t="Unidade">{s().unidade_nome ?? "Qualquer unidade"}</Linha>
        <Linha t="Médico">{s().medico_nome ?? "Qualquer médico"}</Linha>
        <Linha t="Data preferida">
          {s().data_preferida ? formatDay(s().data_preferida!) : "Qualquer dia"}
        </Linha>
        <Linha t="Prioridade">{s().prioridade}</Linha>
        <Show when={s().protocolo}>
          <Linha t="Protocolo">{s().protocolo}</Linha>
        </Show>
        <Show when={s().motivo_recusa}>
          <Linha t="Motivo da recusa">{s().motivo_recusa}</Linha>
        </Show>
      </dl>
      <Show when={s().status === "Pendente"}>
        <p class="mt-2 text-sm text-ink-muted">
          Estamos procurando um horário. Você será avisado quando houver uma proposta.
        </p>
      </Show>
    </article>
  );
}
