/**
 * Grade statistics of the selected day (`/api/grade-stats/day/:date`): totals, and the split by
 * especialidade, médico and tipo de slot. Reloaded when an event touches that day.
 */
import { createResource, For, Match, Switch } from "solid-js";
import { formatDayLong } from "../../../client-shared/format.ts";
import { Empty, ErrorBox, Loading } from "../../../client-shared/ui/fields.tsx";
import { useApp } from "../app/context.tsx";
import { matchesFilters } from "./live_patch.ts";

function Stat(props: { label: string; value: number; tone?: string }) {
  return (
    <div class="rounded-lg bg-surface-muted p-2 text-center">
      <dt class="text-xs text-ink-muted">{props.label}</dt>
      <dd class={`text-xl font-bold ${props.tone ?? ""}`}>{props.value}</dd>
    </div>
  );
}

export function DayStatsCard(props: { day: string; onOpen: () => void }) {
  const app = useApp();
  const f = app.filters;
  const [stats, { refetch }] = createResource(
    () => ({ day: props.day, ...f.query() }),
    ({ day, ...q }) =>
      app.api.call("GET /api/grade-stats/day/:date", { params: { date: day }, query: q }),
  );
  let t: ReturnType<typeof setTimeout> | undefined;
  app.live.watch(() => [`data:${props.day}`], {
    onEvent: (ev) => {
      if (!matchesFilters(ev, f.filters)) return;
      clearTimeout(t);
      t = setTimeout(() => refetch(), 300);
    },
    onReload: () => refetch(),
  });
  return (
    <section class="card p-4" aria-labelledby="stats-titulo">
      <h2 id="stats-titulo" class="text-base font-bold">Estatísticas do dia</h2>
      <p class="mb-3 text-sm text-ink-muted">{formatDayLong(props.day)}</p>
      <Switch>
        <Match when={stats.error}>
          <ErrorBox error={stats.error} onRetry={refetch} />
        </Match>
        <Match when={!stats.latest && stats.loading}>
          <Loading />
        </Match>
        <Match when={stats.latest && stats.latest.totais.slots === 0}>
          <Empty>Nenhum horário neste dia.</Empty>
        </Match>
        <Match when={stats.latest}>
          {(s) => (
            <>
              <dl class="grid grid-cols-3 gap-2" data-testid="stats-dia">
                <Stat label="Horários" value={s().totais.slots} />
                <Stat label="Vagas livres" value={s().totais.livres} tone="text-livre" />
                <Stat label="Ocupadas" value={s().totais.ocupadas} tone="text-ocupado" />
                <Stat label="Médicos" value={s().totais.medicos} />
                <Stat label="Especialidades" value={s().totais.especialidades} />
                <Stat label="Cancelados" value={s().totais.canceladas} />
              </dl>
              <h3 class="mt-4 mb-1 text-sm font-semibold">Por tipo de slot</h3>
              <ul class="space-y-1 text-sm">
                <For each={s().por_tiposlot}>
                  {(x) => (
                    <li class="flex items-center gap-2">
                      <span
                        class="h-3 w-3 rounded-sm"
                        style={{ background: x.cor }}
                        aria-hidden="true"
                      />
                      <span class="flex-1">{x.nome}</span>
                      <span class="text-ink-muted">{x.livres} livres / {x.vagas}</span>
                    </li>
                  )}
                </For>
              </ul>
              <h3 class="mt-3 mb-1 text-sm font-semibold">Por médico</h3>
              <ul class="space-y-1 text-sm">
                <For each={s().por_medico}>
                  {(x) => (
                    <li class="flex justify-between gap-2">
                      <span>{x.nome}</span>
                      <span class="text-ink-muted">{x.ocupadas}/{x.vagas} ocupadas</span>
                    </li>
                  )}
                </For>
              </ul>
              <button type="button" class="btn btn-primary mt-4 w-full" onClick={props.onOpen}>
                Ver agendamentos do dia
              </button>
            </>
          )}
        </Match>
      </Switch>
    </section>
  );
}
