/**
 * Left 60 %: the day's agenda grouped by hour, with the day's totals and day navigation. The list
 * is windowed (`model/janela.ts`): only the rows in view and a margin are in the DOM, so a day of
 * 2,000 slots renders as fast as a short one; the keyboard scrolls the focused slot into the
 * window before focusing it, and each slot says its position in the day (aria-posinset).
 */
import { createMemo, createSignal, For, Match, onCleanup, onMount, Show, Switch } from "solid-js";
import { addDays, formatDayLong, today } from "../../../client-shared/format.ts";
import { usePainel } from "./contexto.tsx";
import { totais } from "./model/agenda.ts";
import { ALTURA_HORA, janela, layout, linhaEm, rolarPara } from "./model/janela.ts";
import { SlotCard } from "./SlotCard.tsx";

export function AgendaColuna(props: {
  dia: string;
  setDia: (d: string) => void;
  /** Receives the function that brings slot `indice` (screen order) into the DOM. */
  revelar: (fn: (indice: number) => void) => void;
}) {
  const { p } = usePainel();
  const t = createMemo(() => totais(p.agenda.state, p.agenda.pendentes));
  const l = createMemo(() => layout(p.agenda.state.grupos));
  const [topo, setTopo] = createSignal(0);
  const [altura, setAltura] = createSignal(800);
  const visiveis = createMemo(() => {
    const { inicio, fim } = janela(l().topos, topo(), altura());
    return l().linhas.slice(inicio, fim);
  });
  const total = () => l().linhaDoSlot.length;
  /** The hour of the row at the top, kept visible above the list while scrolling. */
  const horaAtual = createMemo(() => {
    const ls = l().linhas;
    for (let i = linhaEm(l().topos, topo()); i >= 0; i--) {
      const x = ls[i];
      if (x?.tipo === "hora") return x.hora;
    }
    return null;
  });
  let rolagem: HTMLDivElement | undefined;
  onMount(() => {
    const ro = new ResizeObserver(() => rolagem && setAltura(rolagem.clientHeight));
    if (rolagem) ro.observe(rolagem);
    onCleanup(() => ro.disconnect());
  });
  props.revelar((indice) => {
    if (!rolagem) return;
    const linha = l().linhaDoSlot[indice];
    if (linha === undefined) return;
    const y = rolarPara(l().topos, linha, rolagem.scrollTop, rolagem.clientHeight);
    if (y !== rolagem.scrollTop) rolagem.scrollTop = y;
    setTopo(y); // renders the row now, before the caller focuses it
  });
  return (
    <section aria-labelledby="agenda-titulo" class="flex min-h-0 flex-1 flex-col">
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
        <div class="relative min-h-0 flex-1">
          <div
            ref={rolagem}
            class="absolute inset-0 overflow-y-auto px-1 pb-6"
            onScroll={(e) => setTopo(e.currentTarget.scrollTop)}
            data-agenda
            data-agenda-slots={total()}
          >
            <ul
              class="relative"
              style={{ height: `${l().topos[l().linhas.length]}px` }}
              aria-label={`Horários do dia (${total()})`}
            >
              <For each={visiveis()}>
                {(linha) => (
                  <Switch>
                    <Match when={linha.tipo === "hora" && linha}>
                      {(h) => (
                        <li
                          class="absolute inset-x-0 flex items-end bg-surface-muted pb-1 text-xs font-bold uppercase text-ink-muted"
                          style={{
                            top: `${l().topos[h().linha]}px`,
                            height: `${ALTURA_HORA}px`,
                          }}
                        >
                          <h3>
                            {h().hora}
                            <span class="sr-only">, {h().slots} horários</span>
                          </h3>
                        </li>
                      )}
                    </Match>
                    <Match when={linha.tipo === "slot" && linha}>
                      {(s) => (
                        <SlotCard
                          id={s().id}
                          indice={s().indice}
                          total={total()}
                          topo={l().topos[s().linha]}
                        />
                      )}
                    </Match>
                  </Switch>
                )}
              </For>
            </ul>
          </div>
          <Show when={topo() > 0 && horaAtual()}>
            <div
              class="pointer-events-none absolute inset-x-1 top-0 z-20 bg-surface-muted pb-1 text-xs font-bold uppercase text-ink-muted"
              aria-hidden="true"
            >
              {horaAtual()}
            </div>
          </Show>
        </div>
      </Show>
    </section>
  );
}
