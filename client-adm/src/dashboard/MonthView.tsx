/** Month grid, Monday first; each day a button naming its free and taken places. */
import { For } from "solid-js";
import {
  addDays,
  formatDayLong,
  today,
  WEEKDAYS_SHORT,
  weekStart,
} from "../../../client-shared/format.ts";
import type { Calendar } from "./calendar_store.ts";
import { DayCounts } from "./DayCell.tsx";

function weeksOf(from: string, to: string): string[][] {
  const weeks: string[][] = [];
  let d = weekStart(from);
  while (d <= to) {
    weeks.push(Array.from({ length: 7 }, (_, i) => addDays(d, i)));
    d = addDays(d, 7);
  }
  return weeks;
}

/** Arrow keys move the selected day (a grid with one tab stop), Enter opens it. */
const MOVES: Record<string, (d: string) => string> = {
  ArrowLeft: (d) => addDays(d, -1),
  ArrowRight: (d) => addDays(d, 1),
  ArrowUp: (d) => addDays(d, -7),
  ArrowDown: (d) => addDays(d, 7),
  Home: (d) => weekStart(d),
  End: (d) => addDays(weekStart(d), 6),
  PageUp: (d) => addDays(d, -28),
  PageDown: (d) => addDays(d, 28),
};

export function MonthView(props: { cal: Calendar; onPick: (day: string) => void }) {
  const b = () => props.cal.bounds();
  const hoje = today();
  let table: HTMLTableElement | undefined;
  const onKey = (e: KeyboardEvent, d: string) => {
    const move = MOVES[e.key];
    if (!move) return;
    e.preventDefault();
    const next = move(d);
    props.cal.setDay(next);
    // The new day may be in another month: focus it once it is drawn.
    requestAnimationFrame(() =>
      table?.querySelector<HTMLButtonElement>(`[data-dia="${next}"]`)?.focus()
    );
  };
  return (
    <table
      ref={table}
      class="w-full table-fixed border-collapse"
      aria-label="Calendário do mês"
      aria-describedby="cal-teclas"
    >
      <caption id="cal-teclas" class="sr-only">
        Use as setas para mudar de dia e Enter para abrir os agendamentos do dia.
      </caption>
      <thead>
        <tr>
          <For each={WEEKDAYS_SHORT}>
            {(w) => (
              <th scope="col" class="pb-2 text-xs font-semibold uppercase text-ink-muted">{w}</th>
            )}
          </For>
        </tr>
      </thead>
      <tbody>
        <For each={weeksOf(b().from, b().to)}>
          {(week) => (
            <tr>
              <For each={week}>
                {(d) => {
                  const inMonth = () => d >= b().from && d <= b().to;
                  const totals = () => props.cal.days()[d];
                  return (
                    <td class="h-24 border border-slate-200 p-0 align-top">
                      {inMonth()
                        ? (
                          <button
                            type="button"
                            class={`flex h-full w-full flex-col gap-1 p-1.5 text-left hover:bg-brand-50 ${
                              d === props.cal.day()
                                ? "bg-brand-50 ring-2 ring-brand-500 ring-inset"
                                : ""
                            }`}
                            aria-current={d === hoje ? "date" : undefined}
                            data-dia={d}
                            tabindex={d === props.cal.day() ? 0 : -1}
                            onKeyDown={(e) => onKey(e, d)}
                            onClick={() => props.onPick(d)}
                          >
                            <span
                              class={`text-sm font-bold ${
                                d === hoje
                                  ? "inline-flex h-6 w-6 items-center justify-center rounded-full bg-brand-600 text-white"
                                  : ""
                              }`}
                            >
                              {Number(d.slice(8))}
                            </span>
                            <span class="sr-only">{formatDayLong(d)}</span>
                            <DayCounts totals={totals()} compact />
                          </button>
                        )
                        : <span class="sr-only">fora do mês</span>}
                    </td>
                  );
                }}
              </For>
            </tr>
          )}
        </For>
      </tbody>
    </table>
  );
}
