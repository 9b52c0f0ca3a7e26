/** The mini-calendar of one grade's month: slots per day, cancelled days marked; a day opens. */
import { createMemo, createResource, createSignal, For, onCleanup, Show } from "solid-js";
import {
  addDays,
  formatDay,
  formatMonth,
  today,
  WEEKDAYS_SHORT,
  weekStart,
} from "../../../../client-shared/format.ts";
import { ErrorBox, Loading } from "../../../../client-shared/ui/fields.tsx";
import { useApp } from "../../app/context.tsx";
import { monthBounds } from "../../dashboard/calendar_store.ts";
import type { GradeRow } from "./DiasGradeTab.tsx";
import { DiaPainel } from "./DiaPainel.tsx";

export function GradeCalendario(props: { grade: GradeRow }) {
  const app = useApp();
  const g = () => props.grade;
  const inicial = () => {
    const t = today();
    return t >= g().vigencia_inicio && t <= g().vigencia_fim ? t : g().vigencia_inicio;
  };
  const [mes, setMes] = createSignal(inicial().slice(0, 7) + "-01");
  const [dia, setDia] = createSignal<string | null>(null);
  const bounds = () => monthBounds(mes());

  const [dados, { refetch }] = createResource(
    () => ({ ...bounds(), id: g().gradeagendaid }),
    async (b) => {
      const [ano, m] = b.from.split("-").map(Number);
      const [totais, cancelados] = await Promise.all([
        app.api.call("GET /api/slots/mes", {
          query: {
            ano,
            mes: m,
            medicoid: g().medicoid,
            unidadeid: g().unidadeid,
            especialidadeid: g().especialidadeid,
          },
        }),
        app.api.call("GET /api/grade-agenda/:id/cancelled-days/range", {
          params: { id: b.id },
          query: { inicio: b.from, fim: b.to },
        }),
      ]);
      return {
        dias: Object.fromEntries(totais.dias.map((d) => [d.data, d])),
        cancelados: new Set(cancelados.filter((c) => !c.restaurado).map((c) => c.data)),
      };
    },
  );
  // A burst of bookings on this médico reloads the month once.
  let timer: ReturnType<typeof setTimeout> | undefined;
  onCleanup(() => clearTimeout(timer));
  app.live.watch(() => [`medico:${g().medicoid}`], {
    onEvent: (ev) => {
      if (ev.kind === "grade.geracao_avancada") return;
      clearTimeout(timer);
      timer = setTimeout(() => void refetch(), 200);
    },
    onReload: () => refetch(),
  });

  const celulas = createMemo(() => {
    const { from, to } = bounds();
    const out: string[] = [];
    for (let d = weekStart(from); d <= to || out.length % 7; d = addDays(d, 1)) out.push(d);
    return out;
  });
  const mover = (n: number) => {
    const [y, m] = mes().split("-").map(Number);
    setMes(new Date(Date.UTC(y, m - 1 + n, 1)).toISOString().slice(0, 10));
  };
  /** Arrow keys move the focus between the month's days (a week up or down). */
  const setas = (e: KeyboardEvent) => {
    const passo = { ArrowLeft: -1, ArrowRight: 1, ArrowUp: -7, ArrowDown: 7 }[e.key];
    const atual = (e.target as HTMLElement).dataset?.dia;
    if (!passo || !atual) return;
    const alvo = (e.currentTarget as HTMLElement).querySelector<HTMLElement>(
      `[data-dia="${addDays(atual, passo)}"]`,
    );
    if (!alvo) return;
    e.preventDefault();
    alvo.focus();
  };
  const mesExtenso = () => {
    const t = formatMonth(Number(mes().slice(0, 4)), Number(mes().slice(5, 7)));
    return t.charAt(0).toUpperCase() + t.slice(1);
  };

  return (
    <div class="flex flex-col gap-4">
      <section class="card p-4" aria-labelledby="cal-titulo">
        <div class="mb-3 flex items-center justify-between gap-2">
          <h3 id="cal-titulo" class="font-bold">
            {g().medico_nome} — {mesExtenso()}
          </h3>
          <div class="flex gap-2">
            <button type="button" class="btn btn-secondary btn-sm" onClick={() => mover(-1)}>
              ‹ Mês anterior
            </button>
            <button type="button" class="btn btn-secondary btn-sm" onClick={() => mover(1)}>
              Próximo mês ›
            </button>
          </div>
        </div>
        <p class="mb-2 text-xs text-ink-muted">
          Vigência de {formatDay(g().vigencia_inicio)} a {formatDay(g().vigencia_fim)}.
        </p>
        <Show when={dados.error}>
          <ErrorBox error={dados.error} onRetry={refetch} />
        </Show>
        <Show when={dados.loading && !dados.latest}>
          <Loading label="Carregando o mês…" />
        </Show>
        <Show when={dados.latest}>
          {(d) => (
            <div
              class="grid grid-cols-7 gap-1"
              role="group"
              aria-label="Dias do mês (setas movem entre os dias)"
              onKeyDown={setas}
            >
              <For each={WEEKDAYS_SHORT}>
                {(w) => (
                  <div
                    class="text-center text-xs font-semibold uppercase text-ink-muted"
                    aria-hidden="true"
                  >
                    {w}
                  </div>
                )}
              </For>
              <For each={celulas()}>
                {(c) => {
                  const fora = () => c.slice(0, 7) !== mes().slice(0, 7);
                  const cancelado = () => d().cancelados.has(c);
                  const slots = () => d().dias[c]?.slots ?? 0;
                  const ocupadas = () => d().dias[c]?.ocupadas ?? 0;
                  const texto = () =>
                    cancelado() ? "Cancelado" : slots() ? `${slots()} horários` : "—";
                  return (
                    <Show when={!fora()} fallback={<div aria-hidden="true" />}>
                      <button
                        type="button"
                        data-dia={c}
                        data-cancelado={cancelado() ? "true" : undefined}
                        aria-pressed={dia() === c}
                        class={`min-h-16 rounded-lg border p-1.5 text-left text-xs ${
                          dia() === c ? "ring-2 ring-brand-500" : ""
                        } ${
                          cancelado()
                            ? "border-red-300 bg-red-50 text-red-900"
                            : slots()
                            ? "border-brand-200 bg-brand-50"
                            : "border-slate-200 bg-white text-ink-muted"
                        }`}
                        onClick={() => setDia(c)}
                      >
                        <span class="sr-only">{formatDay(c)}:</span>
                        <span class="block text-sm font-bold" aria-hidden="true">
                          {Number(c.slice(8))}
                        </span>
                        <span class="block">{texto()}</span>
                        <Show when={ocupadas()}>
                          <span class="sr-only">, {ocupadas()} vagas ocupadas</span>
                        </Show>
                      </button>
                    </Show>
                  );
                }}
              </For>
            </div>
          )}
        </Show>
      </section>
      <Show when={dia()} keyed>
        {(d) => (
          <DiaPainel
            grade={g()}
            dia={d}
            cancelado={dados.latest?.cancelados.has(d) ?? false}
            onMudou={refetch}
          />
        )}
      </Show>
    </div>
  );
}
