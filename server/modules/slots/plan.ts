/**
 * The weekday half of the grade generator, pure: which requested times can never be generated
 * whatever the date (the unidade is closed that weekday, the time falls outside its hours, or it
 * starts too soon after the previous time of the same weekday). The date half (cancelled days,
 * the médico's and the consultório's other slots) is decided in SQL by `generate_sql.ts`.
 */
import { formatMinutes, minutesOfDay, type Periodo, periodoOf } from "./time.ts";

export type MotivoSemana = "unidade_fechada" | "fora_do_horario" | "intervalo_insuficiente";
export type MotivoData = "dia_cancelado" | "medico_ocupado" | "consultorio_ocupado";
export type MotivoConflito = MotivoSemana | MotivoData;

export interface DayHours {
  abertura: string;
  fechamento: string;
}

/** One requested start time of one ISO weekday, with the reason it is refused (or null). */
export interface WeekdayTime {
  dow: number;
  hora: string;
  periodo: Periodo;
  motivo: MotivoSemana | null;
}

/**
 * Classifies each requested time. A time is kept when the unidade opens that weekday, the whole
 * consultation (`duracaoMinutos`) fits inside the opening hours, and it starts at least
 * `duracaoMinutos + bufferMinutes` after the previous kept time of that weekday.
 *
 * @example
 * planWeekdays({ "1": ["08:00", "08:20"] }, () => ({ abertura: "08:00", fechamento: "12:00" }), 30, 0);
 * // [{ dow: 1, hora: "08:00", motivo: null, ... }, { dow: 1, hora: "08:20", motivo: "intervalo_insuficiente", ... }]
 */
export function planWeekdays(
  horarios: Record<string, string[]>,
  hoursFor: (isoWeekday: number) => DayHours | null,
  duracaoMinutos: number,
  bufferMinutes: number,
): WeekdayTime[] {
  const out: WeekdayTime[] = [];
  for (const [key, times] of Object.entries(horarios)) {
    const dow = Number(key);
    const hours = hoursFor(dow);
    const sorted = [...new Set(times.map((t) => minutesOfDay(t)))].sort((a, b) => a - b);
    let lastKept: number | null = null;
    for (const start of sorted) {
      let motivo: MotivoSemana | null = null;
      if (!hours) motivo = "unidade_fechada";
      else if (
        start < minutesOfDay(hours.abertura) ||
        start + duracaoMinutos > minutesOfDay(hours.fechamento)
      ) motivo = "fora_do_horario";
      else if (lastKept !== null && start - lastKept < duracaoMinutos + bufferMinutes) {
        motivo = "intervalo_insuficiente";
      }
      if (motivo === null) lastKept = start;
      const hora = formatMinutes(start);
      out.push({ dow, hora, periodo: periodoOf(hora), motivo });
    }
  }
  return out.sort((a, b) => a.dow - b.dow || a.hora.localeCompare(b.hora));
}

/** Portuguese explanation of each conflict kind, shown by the wizard's preview. */
export const MENSAGEM_CONFLITO: Record<MotivoConflito, string> = {
  unidade_fechada: "A unidade não funciona neste dia da semana.",
  fora_do_horario: "Horário fora do funcionamento da unidade.",
  intervalo_insuficiente:
    "Intervalo menor que a duração da consulta somada ao intervalo entre consultas.",
  dia_cancelado: "Dia cancelado nesta grade.",
  medico_ocupado: "O médico já tem atendimento neste horário.",
  consultorio_ocupado: "O consultório já está ocupado por outro médico neste horário.",
};
