/**
 * Opening hours and consultation buffer of a unidade, resolved against the clinic configuration.
 * Pure functions (no database, no clock): the grade generator and the unidades API both use them.
 *
 * A unidade keeps its hours in one of two modes:
 * - **per weekday** (`horarios_por_dia` has at least one entry): a weekday is open exactly when it
 *   has an entry, and the entry gives its hours. `dias_funcionamento` and the global pair are
 *   ignored (the service keeps `dias_funcionamento` equal to the entry keys).
 * - **global** (`horarios_por_dia` null or empty): a weekday is open when it is listed in
 *   `dias_funcionamento`; the hours are the unidade's `horario_abertura`/`horario_fechamento`
 *   when both are set, otherwise the clinic's default pair (ca_clinica_configuracao).
 *
 * Times are wall-clock in the unidade's own time zone, as "HH:MM" (a "HH:MM:SS" input from the
 * database is accepted and shortened).
 */

/** ISO weekday: 1 = Monday ... 7 = Sunday. */
export type IsoWeekday = 1 | 2 | 3 | 4 | 5 | 6 | 7;

export const ISO_WEEKDAYS: readonly IsoWeekday[] = [1, 2, 3, 4, 5, 6, 7];

export interface DayHours {
  /** Opening time, "HH:MM". */
  abertura: string;
  /** Closing time, "HH:MM", always later than `abertura`. */
  fechamento: string;
}

/** Per-weekday hours keyed "1".."7"; a missing key is a closed day. */
export type HorariosPorDia = Partial<Record<`${IsoWeekday}`, DayHours>>;

/** The fields of ca_unidade that decide its hours and buffer. */
export interface UnidadeHoursSource {
  horario_abertura: string | null;
  horario_fechamento: string | null;
  dias_funcionamento: readonly number[];
  horarios_por_dia: HorariosPorDia | null;
  /** Minutes between consultations; null inherits the clinic default. */
  buffer_minutes: number | null;
}

/** The fields of ca_clinica_configuracao that unidades inherit. */
export interface ClinicHoursSource {
  horario_abertura: string;
  horario_fechamento: string;
  buffer_minutes: number;
}

/** "08:00:00" → "08:00"; "08:00" stays. */
export function hhmm(time: string): string {
  return time.slice(0, 5);
}

/** True when the unidade is in per-weekday mode. */
export function hasPerDayHours(unidade: Pick<UnidadeHoursSource, "horarios_por_dia">): boolean {
  return unidade.horarios_por_dia != null && Object.keys(unidade.horarios_por_dia).length > 0;
}

/**
 * The hours the unidade opens on `isoWeekday`, or null when it is closed that day.
 * Precedence: per-weekday entry, then the unidade's global pair, then the clinic default.
 *
 * @example
 * const clinic = { horario_abertura: "08:00:00", horario_fechamento: "20:00:00", buffer_minutes: 5 };
 * const ubs = { horario_abertura: null, horario_fechamento: null, dias_funcionamento: [1, 2, 3, 4, 5],
 *   horarios_por_dia: null, buffer_minutes: null };
 * openingHoursFor(ubs, clinic, 1); // { abertura: "08:00", fechamento: "20:00" }
 * openingHoursFor(ubs, clinic, 7); // null (Sunday is not a working day)
 */
export function openingHoursFor(
  unidade: UnidadeHoursSource,
  clinicConfig: ClinicHoursSource,
  isoWeekday: number,
): DayHours | null {
  if (!Number.isInteger(isoWeekday) || isoWeekday < 1 || isoWeekday > 7) {
    throw new RangeError(`isoWeekday must be an integer 1..7, got ${isoWeekday}`);
  }
  if (hasPerDayHours(unidade)) {
    const day = unidade.horarios_por_dia![String(isoWeekday) as `${IsoWeekday}`];
    return day ? { abertura: hhmm(day.abertura), fechamento: hhmm(day.fechamento) } : null;
  }
  if (!unidade.dias_funcionamento.includes(isoWeekday)) return null;
  // The global pair counts only when complete: mixing the unidade's opening with the clinic's
  // closing could yield an inverted interval.
  if (unidade.horario_abertura && unidade.horario_fechamento) {
    return {
      abertura: hhmm(unidade.horario_abertura),
      fechamento: hhmm(unidade.horario_fechamento),
    };
  }
  return {
    abertura: hhmm(clinicConfig.horario_abertura),
    fechamento: hhmm(clinicConfig.horario_fechamento),
  };
}

/** The week at a glance: `openingHoursFor` for each ISO weekday, keyed "1".."7". */
export function weeklyHours(
  unidade: UnidadeHoursSource,
  clinicConfig: ClinicHoursSource,
): Record<`${IsoWeekday}`, DayHours | null> {
  return Object.fromEntries(
    ISO_WEEKDAYS.map((d) => [String(d), openingHoursFor(unidade, clinicConfig, d)]),
  ) as Record<`${IsoWeekday}`, DayHours | null>;
}

/**
 * Minutes the grade generator leaves between two consultations at this unidade: its own
 * `buffer_minutes` when set (0 included), otherwise the clinic's.
 *
 * @example
 * effectiveBufferMinutes({ ...ubs, buffer_minutes: 0 }, { ...clinic, buffer_minutes: 5 }); // 0
 * effectiveBufferMinutes({ ...ubs, buffer_minutes: null }, { ...clinic, buffer_minutes: 5 }); // 5
 */
export function effectiveBufferMinutes(
  unidade: Pick<UnidadeHoursSource, "buffer_minutes">,
  clinicConfig: Pick<ClinicHoursSource, "buffer_minutes">,
): number {
  return unidade.buffer_minutes ?? clinicConfig.buffer_minutes;
}
