/**
 * "Minhas consultas" (`GET /api/agendamentos/meus`): date, hour, médico, especialidade, unidade,
 * protocolo and status. A future one may be cancelled (with a reason, after a confirmation) and
 * exported: a Google Calendar link and the `.ics` file (fetched with the session's token, saved
 * from a blob).
 */
import { For, Show } from "solid-js";
import { usePortal } from "../app/context.tsx";
import { usePacienteLive } from "../agenda/live.ts";
import { Dado, EnderecoMapa, PageTitle, StatusPill } from "../agenda/ui.tsx";
import { createRetryingResource } from "../../../client-shared/retrying_resource.ts";
import { firstData } from "../app/first_data.ts";
import { minhasConsultas } from "../app/screen_data.ts";
import { LoadState } from "../../../client-shared/ui/LoadState.tsx";
import { Empty } from "../../../client-shared/ui/fields.tsx";
import { weekdayName } from "../../../client-shared/format.ts";
import type { Result } from "../../../client-shared/api_client.ts";
import { A } from "@solidjs/router";
import { CancelarConsulta } from "./CancelarConsulta.tsx";
import { ExportarConsulta } from "./ExportarConsulta.tsx";

export type Consulta = Result<"GET /api/agendamentos/meus">["items"][number];

export default function ConsultasPage() {
  const portal = usePortal();
  const [lista, { refetch }] = createRetryingResource(() =>
    firstData("/consultas", () => minhasConsultas(portal.api))
  );
  const conn = usePacienteLive(() => void refetch());
  return (
    <section class="mx-auto max-w-xl p-4" data-conn={conn()}>
      <PageTitle>Minhas consultas</PageTitle>
      <LoadState resource={lista} onRetry={refetch} label="Carregando suas consultas…">
        {(l) => (
          <Show
            when={l().items.length}
            fallback={
              <Empty>
                Você ainda não tem consultas.{" "}
                <A href="/solicitar" class="font-semibold text-brand-700 underline">
                  Solicitar agendamento
                </A>
              </Empty>
            }
          >
            <ul class="space-y-3">
              <For each={l().items.map((c) => c.agendamentoid)}>
                {(id) => {
                  const c = () => l().items.find((x) => x.agendamentoid === id)!;
                  return (
                    <li>
                      <ConsultaCard c={c()} onChange={() => void refetch()} />
                    </li>
                  );
                }}
              </For>
            </ul>
          </Show>
        )}
      </LoadState>
    </section>
  );
}

function ConsultaCard(props: { c: Consulta; onChange: () => void }) {
  const c = () => props.c;
  return (
    <article
      class="card p-4"
      aria-labelledby={`consulta-${c().agendamentoid}`}
      data-testid="consulta"
    >
      <div class="mb-1 flex items-start justify-between gap-2">
        <h2 id={`consulta-${c().agendamentoid}`} class="text-lg font-bold">
          {c().data_br} às {c().hora}
        </h2>
        <StatusPill status={c().status_exibicao} />
      </div>
      <p class="mb-2 text-ink-muted first-letter:uppercase">{weekdayName(c().data)}</p>
      <dl class="mb-3 space-y-1">
        <Dado t="Especialidade">{c().especialidade_nome}</Dado>
        <Dado t="Médico">{c().medico_nome}</Dado>
        <Dado t="Unidade">
          {c().unidade_nome}
          <Show when={c().endereco}>
            <EnderecoMapa unidade={c().unidade_nome} endereco={c().endereco} />
          </Show>
        </Dado>
        <Dado t="Protocolo">
          <span class="font-mono" data-testid="protocolo">{c().protocolo}</span>
        </Dado>
        <Show when={c().motivo_cancelamento}>
          <Dado t="Motivo do cancelamento" forte={false}>{c().motivo_cancelamento}</Dado>
        </Show>
      </dl>
      <Show when={c().pode_exportar}>
        <ExportarConsulta c={c()} />
      </Show>
      <Show when={c().pode_cancelar}>
        <CancelarConsulta c={c()} onDone={props.onChange} />
      </Show>
    </article>
  );
}
