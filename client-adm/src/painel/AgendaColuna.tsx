/**
 * Left 60 %: the day's agenda grouped by hour, with the day's totals and day navigation.
 */
import { createMemo, For, Show } from "solid-js";
import { addDays, formatDayLong, today } from "../../../client-shared/format.ts";
import { usePainel } from "./contexto.tsx";
import { totais } from "./model/agenda.ts";
import { HoraGrupo } from "./SlotCard.tsx";

export function AgendaColuna(props: { dia: string; setDia: (d: string) => void }) {
  const { p } = usePainel();
  const t = createMemo(() => totais(p.agenda.state, p.agenda.pendentes));
  /** Index of each hour group's first slot in screen order (keyboard focus walks it). */
  const bases = createMemo(() => {
    let base = 0;
    return p.agenda.state.grupos.map((g) => {
      const b = base;
      base += g.ids.length;
      return b;
    });
  });
  return (
    <section aria-labelledby="agenda-titulo" class="flex min-h-0 flex-col">
      <div class="mb-2 flex flex-wrap items-center gap-2">
        <h2 id="agenda-titulo" class="text-lg font-bold">
          Agenda de {formatDayLong(props.dia)}
        </h2>
        <div class="ml-auto flex items-center gap-1">
          <button
            type="button"
            class="btn btn-secondary btn-sm"
            aria-label="Dia anterior"
            onClick={() => props.setDia(addDays(props.dia, -1))}
          >
            ‹
          </button>
          <button
            type="button"
            class="btn btn-secondary btn-sm"
            onClick={() => props.setDia(today())}
          >
            Hoje
          </button>
          <button
            type="button"
            class="btn btn-secondary btn-sm"
            aria-label="Próximo dia"
            onClick={() => props.setDia(addDays(props.dia, 1))}
          >
            ›
          </button>
          <label class="sr-only" for="painel-dia">Data</label>
          <input
            id="painel-dia"
            type="date"
            class="input !w-auto !py-1 text-sm"
            value={props.dia}
            onChange={(e) => e.currentTarget.value && props.setDia(e.currentTarget.value)}
          />
        </div>
      </div>
      <p class="mb-2 text-sm text-ink-muted" aria-live="polite" data-totais>
        {t().slots} horários · {t().ocupadas} de {t().vagas} vagas ocupadas · {t().livres} livres
      </p>
      <Show when={p.agenda.erro()}>
        <p role="alert" class="text-sm text-red-700">{p.agenda.erro()}</p>
      </Show>
      <Show
        when={p.agenda.state.grupos.length}
        fallback={
          <p class="p-4 text-sm text-ink-muted">
            {p.agenda.carregando() ? "Carregando horários…" : "Nenhum horário neste dia."}
          </p>
        }
      >
        <div
          class="min-h-0 flex-1 overflow-y-auto px-1 pb-6"
          data-agenda
        >
          <For each={p.agenda.state.grupos}>
            {(g, i) => <HoraGrupo hora={g.hora} ids={g.ids} base={bases()[i()] ?? 0} />}
          </For>
        </div>
      </Show>
    </section>
  );
}
