/**
 * `/adm/`: the dashboard. Calendar (month, week, day) of free and taken places for the shared
 * filters, the selected day's grade statistics, patient search, and the day-detail modal opened
 * by clicking a day. `?data=YYYY-MM-DD&visao=mes|semana|dia` opens a given period.
 */
import { useSearchParams } from "@solidjs/router";
import { Tabs } from "@kobalte/core/tabs";
import { createSignal, Match, Show, Switch } from "solid-js";
import { formatDay, formatMonth } from "../../../client-shared/format.ts";
import { ErrorBox, Loading } from "../../../client-shared/ui/fields.tsx";
import { FiltersBar } from "../app/FiltersBar.tsx";
import { createCalendar } from "./calendar_store.ts";
import { DayModal } from "./DayModal.tsx";
import { DayStatsCard } from "./DayStatsCard.tsx";
import { DayView } from "./DayView.tsx";
import { MonthView } from "./MonthView.tsx";
import { PatientSearch } from "./PatientSearch.tsx";
import type { CalendarView } from "./types.ts";
import { WeekView } from "./WeekView.tsx";

const VIEWS: { value: CalendarView; label: string }[] = [
  { value: "mes", label: "Mês" },
  { value: "semana", label: "Semana" },
  { value: "dia", label: "Dia" },
];

export default function DashboardPage() {
  const [params, setParams] = useSearchParams();
  const initialDay = typeof params.data === "string" && /^\d{4}-\d{2}-\d{2}$/.test(params.data)
    ? params.data
    : undefined;
  const initialView = VIEWS.some((v) => v.value === params.visao)
    ? params.visao as CalendarView
    : undefined;
  const cal = createCalendar({ day: initialDay, view: initialView });
  const [modalDay, setModalDay] = createSignal<string | null>(null);

  const pick = (d: string) => {
    cal.setDay(d);
    setParams({ data: d }, { replace: true });
    setModalDay(d);
  };
  const title = () => {
    const d = cal.day();
    if (cal.view() === "mes") {
      const m = formatMonth(Number(d.slice(0, 4)), Number(d.slice(5, 7)));
      return m.charAt(0).toUpperCase() + m.slice(1);
    }
    if (cal.view() === "semana") {
      const b = cal.bounds();
      return `Semana de ${formatDay(b.from)} a ${formatDay(b.to)}`;
    }
    return formatDay(d);
  };
  const PREV: Record<CalendarView, string> = {
    mes: "Mês anterior",
    semana: "Semana anterior",
    dia: "Dia anterior",
  };
  const NEXT: Record<CalendarView, string> = {
    mes: "Próximo mês",
    semana: "Próxima semana",
    dia: "Próximo dia",
  };

  return (
    <div class="space-y-4">
      <div class="flex flex-wrap items-end justify-between gap-4">
        <h1 class="text-2xl font-bold">Agenda</h1>
        <FiltersBar />
      </div>
      <div class="grid gap-4 lg:grid-cols-[1fr_22rem]">
        <section class="card p-4" aria-labelledby="cal-titulo">
          <Tabs
            value={cal.view()}
            onChange={(v) => {
              cal.setView(v as CalendarView);
              setParams({ visao: v }, { replace: true });
            }}
          >
            <div class="mb-3 flex flex-wrap items-center gap-3">
              <h2 id="cal-titulo" class="min-w-56 text-lg font-bold" aria-live="polite">
                {title()}
              </h2>
              <div class="flex gap-1">
                <button
                  type="button"
                  class="btn btn-secondary btn-sm"
                  aria-label={PREV[cal.view()]}
                  onClick={() => cal.go(-1)}
                >
                  ‹
                </button>
                <button type="button" class="btn btn-secondary btn-sm" onClick={() => cal.today()}>
                  Hoje
                </button>
                <button
                  type="button"
                  class="btn btn-secondary btn-sm"
                  aria-label={NEXT[cal.view()]}
                  onClick={() => cal.go(1)}
                >
                  ›
                </button>
              </div>
              <Tabs.List
                class="ml-auto flex rounded-lg bg-slate-100 p-1"
                aria-label="Visão do calendário"
              >
                {VIEWS.map((v) => (
                  <Tabs.Trigger
                    value={v.value}
                    class="rounded-md px-3 py-1 text-sm font-medium text-ink-muted data-[selected]:bg-white data-[selected]:text-ink data-[selected]:shadow"
                  >
                    {v.label}
                  </Tabs.Trigger>
                ))}
              </Tabs.List>
            </div>
            <div class="relative" aria-busy={cal.loading()}>
              <Switch>
                <Match when={cal.error()}>
                  <ErrorBox error={cal.error()} onRetry={cal.reload} />
                </Match>
                <Match when={cal.loading() && !Object.keys(cal.days()).length}>
                  <Loading label="Carregando a agenda…" />
                </Match>
              </Switch>
              <Tabs.Content value="mes">
                <MonthView cal={cal} onPick={pick} />
              </Tabs.Content>
              <Tabs.Content value="semana">
                <WeekView cal={cal} onPick={pick} />
              </Tabs.Content>
              <Tabs.Content value="dia">
                <Show when={cal.slotDay()} fallback={cal.loading() ? null : <DayView cal={cal} />}>
                  <div class="mb-3 flex justify-end">
                    <button
                      type="button"
                      class="btn btn-primary btn-sm"
                      onClick={() => setModalDay(cal.day())}
                    >
                      Ver agendamentos do dia
                    </button>
                  </div>
                  <DayView cal={cal} />
                </Show>
              </Tabs.Content>
            </div>
          </Tabs>
        </section>
        <div class="space-y-4">
          <DayStatsCard day={cal.day()} onOpen={() => setModalDay(cal.day())} />
          <PatientSearch />
        </div>
      </div>
      <DayModal day={modalDay()} onClose={() => setModalDay(null)} />
    </div>
  );
}
