/** Seven days side by side with their totals; a click opens the day. */
import { For } from "solid-js";
import { addDays, formatDay, formatDayLong, weekdayName } from "../../../client-shared/format.ts";
import type { Calendar } from "./calendar_store.ts";
import { DayCounts } from "./DayCell.tsx";

export function WeekView(props: { cal: Calendar; onPick: (day: string) => void }) {
  const days = () => Array.from({ length: 7 }, (_, i) => addDays(props.cal.bounds().from, i));
  return (
    <ul class="grid grid-cols-2 gap-2 sm:grid-cols-4 lg:grid-cols-7" aria-label="Dias da semana">
      <For each={days()}>
        {(d) => (
          <li>
            <button
              type="button"
              class={`card flex h-full w-full flex-col gap-2 p-3 text-left hover:bg-brand-50 ${
                d === props.cal.day() ? "ring-2 ring-brand-500" : ""
              }`}
              data-dia={d}
              onClick={() => props.onPick(d)}
            >
              <span class="text-xs font-semibold uppercase text-ink-muted">{weekdayName(d)}</span>
              <span class="text-lg font-bold">{formatDay(d).slice(0, 5)}</span>
              <span class="sr-only">{formatDayLong(d)}</span>
              <DayCounts totals={props.cal.days()[d]} />
              <span class="text-xs text-ink-muted">
                {props.cal.days()[d]?.slots ?? 0} horários
              </span>
            </button>
          </li>
        )}
      </For>
    </ul>
  );
}
