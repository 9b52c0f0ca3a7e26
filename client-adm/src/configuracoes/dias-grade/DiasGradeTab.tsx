/**
 * "Dias da grade" (spec "Gestão de Dias da Grade"): the grades filtered by unidade, especialidade
 * and médico; for the chosen grade a mini-calendar of its month where a day is cancelled with a
 * required reason (the booked slots that remain are listed for the operators), restored, and its
 * history read. Write controls only for `gerarGrades`.
 */
import { createResource, createSignal, For, Show } from "solid-js";
import { createStore } from "solid-js/store";
import type { Result } from "../../../../client-shared/api_client.ts";
import { formatDay } from "../../../../client-shared/format.ts";
import { Empty } from "../../../../client-shared/ui/fields.tsx";
import { LoadState } from "../../../../client-shared/ui/LoadState.tsx";
import { PageHeader } from "../../../../client-shared/ui/form.tsx";
import { RefSelects } from "../../app/FiltersBar.tsx";
import { useApp } from "../../app/context.tsx";
import type { AgendaFilters } from "../../state/filters.ts";
import { GradeCalendario } from "./GradeCalendario.tsx";

export type GradeRow = Result<"GET /api/grade-agenda">["items"][number];

export default function DiasGradeTab() {
  const app = useApp();
  const [f, setF] = createStore<AgendaFilters>({
    unidadeid: null,
    especialidadeid: null,
    medicoid: null,
  });
  const [escolhida, setEscolhida] = createSignal<number | null>(null);
  const [grades, { refetch }] = createResource(
    () => ({ ...f }),
    (q) =>
      app.api.call("GET /api/grade-agenda", {
        query: {
          unidadeid: q.unidadeid ?? undefined,
          especialidadeid: q.especialidadeid ?? undefined,
          medicoid: q.medicoid ?? undefined,
          limit: 200,
        },
      }),
  );
  // A grade created, extended or with a day changed elsewhere: the list's counts follow.
  app.live.watch(
    () =>
      (grades()?.items ?? []).map((g) => `medico:${g.medicoid}`).filter((t, i, a) =>
        a.indexOf(t) === i
      ).slice(0, 40).concat(["config"]),
    {
      onEvent: (ev) => {
        if (ev.kind.startsWith("grade.") && ev.kind !== "grade.geracao_avancada") refetch();
      },
      onReload: () => refetch(),
    },
  );
  const atual = () => grades()?.items.find((g) => g.gradeagendaid === escolhida()) ?? null;

  return (
    <div>
      <PageHeader
        title="Dias da grade"
        description="Cancele ou restaure dias específicos de uma grade e consulte o histórico."
      />
      <div class="card mb-4 flex flex-wrap items-end gap-3 p-4" role="group" aria-label="Filtros">
        <RefSelects
          value={f}
          set={(k, v) => {
            setF(k, v);
            setEscolhida(null);
          }}
        />
      </div>
      <div class="grid gap-4 lg:grid-cols-[20rem_1fr]">
        <section class="card p-3" aria-labelledby="grades-titulo">
          <h3 id="grades-titulo" class="mb-2 px-1 font-bold">Grades ativas</h3>
          <LoadState resource={grades} onRetry={refetch} label="Carregando grades…">
            {(l) => (
              <Show
                when={l().items.length}
                fallback={<Empty>Nenhuma grade ativa com estes filtros.</Empty>}
              >
                <ul class="flex flex-col gap-1">
                  <For each={l().items}>
                    {(g) => (
                      <li>
                        <button
                          type="button"
                          class={`w-full rounded-lg border px-3 py-2 text-left text-sm ${
                            escolhida() === g.gradeagendaid
                              ? "border-brand-500 bg-brand-50"
                              : "border-transparent hover:bg-surface-muted"
                          }`}
                          aria-pressed={escolhida() === g.gradeagendaid}
                          data-grade={g.gradeagendaid}
                          onClick={() => setEscolhida(g.gradeagendaid)}
                        >
                          <span class="block font-semibold">{g.medico_nome}</span>
                          <span class="block text-ink-muted">
                            {g.especialidade_nome} · {g.unidade_nome}
                            {g.consultorio_nome ? ` · ${g.consultorio_nome}` : ""}
                          </span>
                          <span class="block text-xs text-ink-muted">
                            {formatDay(g.vigencia_inicio)} a {formatDay(g.vigencia_fim)} ·{" "}
                            {g.slots_ativos} horários · {g.dias_cancelados} dia(s) cancelado(s)
                          </span>
                        </button>
                      </li>
                    )}
                  </For>
                </ul>
              </Show>
            )}
          </LoadState>
        </section>
        <Show
          when={atual() && escolhida()}
          keyed
          fallback={
            <div class="card p-6 text-ink-muted">
              Escolha uma grade para ver seus dias.
            </div>
          }
        >
          {/* keyed on the grade's id: another grade starts afresh, a refetch keeps the day */}
          {(_id) => <GradeCalendario grade={atual()!} />}
        </Show>
      </div>
    </div>
  );
}
