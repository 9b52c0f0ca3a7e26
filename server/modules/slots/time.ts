/**
 * Wall time at a unidade and the instants it maps to. Pure functions on the native `Temporal` API
 * (no database, no clock unless passed in).
 *
 * Slots are generated in the local wall time of the unidade's time zone. The generator's SQL maps
 * a wall time to an instant with `(date + time) at time zone tz`; `wallTimeToInstant` states the
 * same rule in code so that it can be unit-tested across daylight-saving edges:
 * - a wall time that does not exist (the spring-forward gap) moves forward by the gap's length
 *   (02:30 on the day New York springs forward is 03:30 EDT);
 * - a wall time that happens twice (the fall-back overlap) is the later one, in standard time.
 * That is Temporal's `disambiguation: "later"`, and it is what Postgres does.
 */

export type Periodo = "Manhã" | "Tarde" | "Noite";

/**
 * The instant of `time` ("HH:MM") on `date` ("YYYY-MM-DD") in `timeZone`, with the Postgres rule
 * for gaps and overlaps (see the module comment).
 *
 * @example
 * wallTimeToInstant("2027-03-01", "08:00", "America/Sao_Paulo").toString(); // "2027-03-01T11:00:00Z"
 */
export function wallTimeToInstant(date: string, time: string, timeZone: string): Temporal.Instant {
  return Temporal.PlainDate.from(date)
    .toPlainDateTime(Temporal.PlainTime.from(time))
    .toZonedDateTime(timeZone, { disambiguation: "later" })
    .toInstant();
}

/** True when `timeZone` is an IANA zone Temporal (and therefore Postgres' tzdata) knows. */
export function isValidTimeZone(timeZone: string): boolean {
  try {
    Temporal.Now.zonedDateTimeISO(timeZone);
    return true;
  } catch {
    return false;
  }
}

/** The calendar day at `timeZone` of `now` (default: the current instant). */
export function todayAt(timeZone: string, now: Temporal.Instant = Temporal.Now.instant()): string {
  return now.toZonedDateTimeISO(timeZone).toPlainDate().toString();
}

/** ISO weekday of a calendar day: 1 = Monday ... 7 = Sunday. */
export function isoWeekday(date: string): number {
  return Temporal.PlainDate.from(date).dayOfWeek;
}

export function addDays(date: string, days: number): string {
  return Temporal.PlainDate.from(date).add({ days }).toString();
}

/** Number of calendar days from `inicio` to `fim`, both included (1 when equal). */
export function daysInclusive(inicio: string, fim: string): number {
  return Temporal.PlainDate.from(inicio).until(Temporal.PlainDate.from(fim)).days + 1;
}

/** Splits [inicio, fim] into consecutive ranges of at most `size` days. */
export function chunkDays(inicio: string, fim: string, size: number): [string, string][] {
  const out: [string, string][] = [];
  for (let a = inicio; a <= fim; a = addDays(a, size)) {
    const b = addDays(a, size - 1);
    out.push([a, b < fim ? b : fim]);
  }
  return out;
}

/** "08:30" (or "08:30:00") → 510. */
export function minutesOfDay(time: string): number {
  const [h, m] = time.split(":").map(Number);
  return h * 60 + m;
}

/** 510 → "08:30". */
export function formatMinutes(minutes: number): string {
  const h = Math.floor(minutes / 60);
  const m = minutes % 60;
  return `${String(h).padStart(2, "0")}:${String(m).padStart(2, "0")}`;
}

/** Period of the day a slot starting at `time` belongs to: before 12:00, before 18:00, later. */
export function periodoOf(time: string): Periodo {
  const m = minutesOfDay(time);
  if (m < 12 * 60) return "Manhã";
  if (m < 18 * 60) return "Tarde";
  return "Noite";
}
