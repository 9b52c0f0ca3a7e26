/**
 * Dates and times in pt-BR, in the clinic's time zone (not the browser's: an operator in another
 * zone still sees the unidade's wall clock). Dates without time ("YYYY-MM-DD") are calendar days
 * and are never shifted by a zone.
 *
 * @example
 * setClinicTimeZone("America/Manaus");
 * formatDateTime("2026-11-23T11:00:00Z"); // "23/11/2026 07:00"
 * formatDay("2026-11-23"); // "23/11/2026"
 */
let zone = "America/Sao_Paulo";

export function setClinicTimeZone(tz: string) {
  try {
    new Intl.DateTimeFormat("pt-BR", { timeZone: tz });
    zone = tz;
  } catch { /* unknown zone: keep the previous one */ }
}
export const clinicTimeZone = () => zone;

const cache = new Map<string, Intl.DateTimeFormat>();
function fmt(key: string, o: Intl.DateTimeFormatOptions, tz = zone): Intl.DateTimeFormat {
  const k = `${key}|${tz}`;
  let f = cache.get(k);
  if (!f) {
    f = new Intl.DateTimeFormat("pt-BR", { ...o, timeZone: tz });
    cache.set(k, f);
  }
  return f;
}

type Instant = Date | string | number;
const toDate = (v: Instant) => (v instanceof Date ? v : new Date(v));

/** "23/11/2026 07:00" */
export function formatDateTime(v: Instant, tz?: string): string {
  return fmt("dt", { dateStyle: "short", timeStyle: "short" }, tz).format(toDate(v))
    .replace(",", "");
}

/** "07:00" */
export function formatTime(v: Instant, tz?: string): string {
  return fmt("t", { hour: "2-digit", minute: "2-digit", hourCycle: "h23" }, tz).format(toDate(v));
}

/** The calendar day of an instant in the clinic's zone: "YYYY-MM-DD". */
export function dayOf(v: Instant, tz?: string): string {
  const parts = fmt("iso", { year: "numeric", month: "2-digit", day: "2-digit" }, tz)
    .formatToParts(toDate(v));
  const get = (t: string) => parts.find((p) => p.type === t)!.value;
  return `${get("year")}-${get("month")}-${get("day")}`;
}

/** Today in the clinic's zone. */
export const today = (tz?: string) => dayOf(new Date(), tz);

/** A calendar day as a UTC-noon Date: safe for weekday and month arithmetic. */
export function dayDate(day: string): Date {
  return new Date(`${day}T12:00:00Z`);
}
export function addDays(day: string, n: number): string {
  const d = dayDate(day);
  d.setUTCDate(d.getUTCDate() + n);
  return d.toISOString().slice(0, 10);
}
/** Monday of the week of `day`. */
export function weekStart(day: string): string {
  const wd = (dayDate(day).getUTCDay() + 6) % 7;
  return addDays(day, -wd);
}

/** "23/11/2026" */
export function formatDay(day: string): string {
  const [y, m, d] = day.slice(0, 10).split("-");
  return `${d}/${m}/${y}`;
}
/** "segunda-feira, 23 de novembro de 2026" */
export function formatDayLong(day: string): string {
  return fmt("long", { dateStyle: "full" }, "UTC").format(dayDate(day));
}
/** "novembro de 2026" */
export function formatMonth(year: number, month: number): string {
  return fmt("month", { month: "long", year: "numeric" }, "UTC")
    .format(new Date(Date.UTC(year, month - 1, 15)));
}
/** "seg", "ter", … for Monday first. */
export const WEEKDAYS_SHORT = ["seg", "ter", "qua", "qui", "sex", "sáb", "dom"];
/** "segunda", … */
export function weekdayName(day: string): string {
  return fmt("wd", { weekday: "long" }, "UTC").format(dayDate(day));
}

/** "há 3 dias" style counts for time in queue. */
export function formatDias(n: number): string {
  if (n <= 0) return "hoje";
  return n === 1 ? "1 dia" : `${n} dias`;
}
