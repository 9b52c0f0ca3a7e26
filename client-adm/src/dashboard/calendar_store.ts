/**
 * The calendar's data: the month, week or day on screen for the shared filters, kept in a store
 * and patched by live events (a booking or a cancellation moves one place on its day and slot;
 * anything else touching a visible day reloads the view once).
 *
 * @example
 * const cal = createCalendar();
 * cal.setView("semana"); cal.go(1); // next week
 * cal.days()["2026-11-23"]?.livres;
 */
import { batch, createEffect, createSignal, on, onCleanup } from "solid-js";
import { createStore, produce, reconcile } from "solid-js/store";
import { addDays, today, weekStart } from "../../../client-shared/format.ts";
import { useApp } from "../app/context.tsx";
import { matchesFilters, placeDelta } from "./live_patch.ts";
import type { CalendarView, DayTotalsRow, SlotDayRes } from "./types.ts";

export function monthBounds(day: string): { from: string; to: string } {
  const [y, m] = day.split("-").map(Number);
  const last = new Date(Date.UTC(y, m, 0)).getUTCDate();
  const mm = String(m).padStart(2, "0");
  return { from: `${y}-${mm}-01`, to: `${y}-${mm}-${String(last).padStart(2, "0")}` };
}

export function viewBounds(view: CalendarView, day: string): { from: string; to: string } {
  if (view === "mes") return monthBounds(day);
  if (view === "semana") {
    const from = weekStart(day);
    return { from, to: addDays(from, 6) };
  }
  return { from: day, to: day };
}

interface State {
  days: Record<string, DayTotalsRow>;
  slotDay: SlotDayRes | null;
}

export function createCalendar(initial?: { view?: CalendarView; day?: string }) {
  const app = useApp();
  const f = app.filters;
  const [view, setView] = createSignal<CalendarView>(initial?.view ?? "mes");
  const [day, setDay] = createSignal(initial?.day ?? today());
  const [state, setState] = createStore<State>({ days: {}, slotDay: null });
  const [loading, setLoading] = createSignal(true);
  const [error, setError] = createSignal<unknown>(null);
  const bounds = () => viewBounds(view(), day());
  let seq = 0;
  let ctrl: AbortController | undefined;

  async function load() {
    const my = ++seq;
    ctrl?.abort();
    ctrl = new AbortController();
    const v = view(), d = day(), q = f.query();
    setLoading(true);
    setError(null);
    try {
      if (v === "dia") {
        const res = await app.api.call("GET /api/slots", {
          query: { data: d, ...q },
          signal: ctrl.signal,
        });
        if (my !== seq) return;
        batch(() => {
          setState("slotDay", reconcile(res, { key: "slotagendaid" }));
          setState("days", reconcile({ [res.data]: { data: res.data, ...res.totais } }));
        });
      } else {
        const res = v === "mes"
          ? await app.api.call("GET /api/slots/mes", {
            query: { ano: Number(d.slice(0, 4)), mes: Number(d.slice(5, 7)), ...q },
            signal: ctrl.signal,
          })
          : await app.api.call("GET /api/slots/semana", {
            query: { inicio: weekStart(d), ...q },
            signal: ctrl.signal,
          });
        if (my !== seq) return;
        setState("days", reconcile(Object.fromEntries(res.dias.map((x) => [x.data, x]))));
      }
    } catch (e) {
      if (my === seq && !(e instanceof DOMException && e.name === "AbortError")) setError(e);
    } finally {
      if (my === seq) setLoading(false);
    }
  }

  // Reload whenever what is on screen changes: view, period, filters.
  createEffect(on(
    () => [
      view(),
      bounds().from,
      f.filters.unidadeid,
      f.filters.especialidadeid,
      f.filters.medicoid,
    ],
    () => void load(),
  ));
  onCleanup(() => ctrl?.abort());

  let reloadTimer: ReturnType<typeof setTimeout> | undefined;
  const reloadSoon = () => {
    clearTimeout(reloadTimer);
    reloadTimer = setTimeout(() => void load(), 300);
  };
  onCleanup(() => clearTimeout(reloadTimer));

  app.live.watch(() => [`data:${bounds().from}..${bounds().to}`], {
    onReload: () => void load(),
    onEvent: (ev) => {
      if (!matchesFilters(ev, f.filters)) return;
      const p = placeDelta(ev);
      if (!p) return reloadSoon();
      if (p.delta === 0) return;
      setState(produce((s) => {
        for (const d of p.days) {
          const row = s.days[d];
          if (!row) continue;
          row.ocupadas += p.delta;
          row.livres = Math.max(0, row.livres - p.delta);
        }
        if (s.slotDay && p.days.includes(s.slotDay.data)) {
          s.slotDay.totais.ocupadas += p.delta;
          s.slotDay.totais.livres = Math.max(0, s.slotDay.totais.livres - p.delta);
          for (const g of s.slotDay.grupos) {
            const slot = g.slots.find((x) => x.slotagendaid === p.slotagendaid);
            if (!slot) continue;
            slot.vagas_ocupadas += p.delta;
            slot.livres = Math.max(0, slot.livres - p.delta);
            g.totais.ocupadas += p.delta;
            g.totais.livres = Math.max(0, g.totais.livres - p.delta);
          }
        }
      }));
    },
  });

  return {
    view,
    setView,
    day,
    setDay,
    bounds,
    days: () => state.days,
    slotDay: () => state.slotDay,
    loading,
    error,
    reload: load,
    /** Moves one month, week or day forward (1) or back (-1). */
    go(dir: 1 | -1) {
      const v = view();
      if (v === "dia") setDay(addDays(day(), dir));
      else if (v === "semana") setDay(addDays(day(), 7 * dir));
      else {
        const [y, m] = day().split("-").map(Number);
        const t = new Date(Date.UTC(y, m - 1 + dir, 1));
        setDay(t.toISOString().slice(0, 10));
      }
    },
    today: () => setDay(today()),
  };
}
export type Calendar = ReturnType<typeof createCalendar>;
