/** One day's free/taken places, as the month and week views show it (words, not colour alone). */
import { Show } from "solid-js";
import type { DayTotalsRow } from "./types.ts";

export function occupancy(t: DayTotalsRow | undefined): number {
  if (!t || !t.vagas) return 0;
  return Math.round((t.ocupadas / t.vagas) * 100);
}

export function DayCounts(props: { totals: DayTotalsRow | undefined; compact?: boolean }) {
  return (
    <Show
      when={props.totals && props.totals.slots > 0}
      fallback={<span class="text-xs text-ink-muted">sem horários</span>}
    >
      <div class="flex flex-col gap-1 text-xs">
        <span class="inline-flex items-center gap-1 font-semibold text-livre" data-livres>
          <span aria-hidden="true" class="h-2 w-2 rounded-full bg-livre" />
          {props.totals!.livres} {props.totals!.livres === 1 ? "livre" : "livres"}
        </span>
        <span class="inline-flex items-center gap-1 font-semibold text-ocupado" data-ocupadas>
          <span aria-hidden="true" class="h-2 w-2 rounded-full bg-ocupado" />
          {props.totals!.ocupadas} {props.totals!.ocupadas === 1 ? "ocupada" : "ocupadas"}
        </span>
        <Show when={!props.compact}>
          <div class="h-1.5 w-full overflow-hidden rounded bg-slate-200" aria-hidden="true">
            <div class="h-full bg-ocupado" style={{ width: `${occupancy(props.totals)}%` }} />
          </div>
        </Show>
      </div>
    </Show>
  );
}
