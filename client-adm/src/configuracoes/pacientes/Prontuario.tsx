/**
 * Read views of a patient's ficha clínica (free JSON, shown as labelled values) and planos de
 * tratamento (each with its consultas), on `/api/fichas/:pacienteid` and `/api/planos`.
 */
import { createResource, createSignal, For, Match, Show, Switch } from "solid-js";
import { useApp } from "../../app/context.tsx";
import { Empty, ErrorBox, Loading } from "../../../../client-shared/ui/fields.tsx";
import { ApiError } from "../../../../client-shared/http.ts";
import { formatDateTime } from "../../../../client-shared/format.ts";
import { JsonValor } from "../../../../client-shared/ui/JsonView.tsx";

export function FichaView(props: { pacienteid: number }) {
  const app = useApp();
  const [ficha, { refetch }] = createResource(
    () => props.pacienteid,
    (id) =>
      app.api.call("GET /api/fichas/:pacienteid", { params: { pacienteid: id } })
        .catch((e) => {
          if (e instanceof ApiError && e.status === 404) return null;
          throw e;
        }),
  );
  return (
    <section aria-label="Ficha clínica">
      <Switch>
        <Match when={ficha.error}>
          <ErrorBox error={ficha.error} onRetry={refetch} />
        </Match>
        <Match when={ficha.loading}>
          <Loading label="Carregando ficha clínica…" />
        </Match>
        <Match when={ficha() === null}>
          <Empty>Nenhuma ficha clínica registrada para este paciente.</Empty>
        </Match>
        <Match when={ficha()}>
          {(f) => (
            <div class="text-sm">
              <p class="mb-3 text-ink-muted">Atualizada em {formatDateTime(f().updated_at)}</p>
              <Show
                when={Object.keys(f().conteudo).length}
                fallback={<Empty>Ficha sem conteúdo.</Empty>}
              >
                <JsonValor valor={f().conteudo} />
              </Show>
            </div>
          )}
        </Match>
      </Switch>
    </section>
  );
}

export function PlanosView(props: { pacienteid: number }) {
  const app = useApp();
  const [aberto, setAberto] = createSignal<number | null>(null);
  const [planos, { refetch }] = createResource(
    () => props.pacienteid,
    (id) => app.api.call("GET /api/planos", { query: { pacienteid: id } }),
  );
  const [detalhe] = createResource(
    aberto,
    (id) => app.api.call("GET /api/planos/:id", { params: { id } }),
  );
  return (
    <section aria-label="Planos de tratamento">
      <Switch>
        <Match when={planos.error}>
          <ErrorBox error={planos.error} onRetry={refetch} />
        </Match>
        <Match when={!planos()}>
          <Loading label="Carregando planos…" />
        </Match>
        <Match when={planos()!.items.length === 0}>
          <Empty>Nenhum plano de tratamento para este paciente.</Empty>
        </Match>
        <Match when={planos()}>
          <ul class="flex flex-col gap-2">
            <For each={planos()!.items}>
              {(pl) => (
                <li class="rounded-lg border border-slate-200 p-3 text-sm">
                  <div class="flex flex-wrap items-center justify-between gap-2">
                    <div>
                      <p class="font-semibold">{pl.titulo}</p>
                      <p class="text-ink-muted">
                        {pl.status} · {pl.consultas} consulta(s) · criado em{" "}
                        {formatDateTime(pl.created_at)}
                      </p>
                    </div>
                    <button
                      type="button"
                      class="btn btn-secondary btn-sm"
                      aria-expanded={aberto() === pl.planoid}
                      onClick={() => setAberto(aberto() === pl.planoid ? null : pl.planoid)}
                    >
                      {aberto() === pl.planoid ? "Ocultar consultas" : "Ver consultas"}
                    </button>
                  </div>
                  <Show when={pl.descricao}>
                    <p class="mt-1">{pl.descricao}</p>
                  </Show>
                  <Show when={aberto() === pl.planoid}>
                    <Switch>
                      <Match when={detalhe.error}>
                        <ErrorBox error={detalhe.error} />
                      </Match>
                      <Match when={detalhe.loading || !detalhe()}>
                        <Loading />
                      </Match>
                      <Match when={detalhe()!.agendamentos.length === 0}>
                        <Empty>Nenhuma consulta vinculada.</Empty>
                      </Match>
                      <Match when={detalhe()}>
                        <ul class="mt-2 list-disc pl-5">
                          <For each={detalhe()!.agendamentos}>
                            {(a) => (
                              <li>
                                {a.data_br} {a.hora} · {a.especialidade_nome} · {a.medico_nome} ·
                                {" "}
                                {a.status}
                              </li>
                            )}
                          </For>
                        </ul>
                      </Match>
                    </Switch>
                  </Show>
                </li>
              )}
            </For>
          </ul>
        </Match>
      </Switch>
    </section>
  );
}
