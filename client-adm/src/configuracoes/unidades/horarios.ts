/**
 * The opening hours of the unidade form as data: a draft in one of three modes (the clinic's
 * hours, one global pair with the open weekdays, or hours per weekday) and the API fields each
 * mode sends (only those `hoursIssues` accepts together).
 */
import type { Unidade } from "../../../../server/modules/unidades/schemas.ts";

export const DIAS = [
  { value: 1, label: "Segunda" },
  { value: 2, label: "Terça" },
  { value: 3, label: "Quarta" },
  { value: 4, label: "Quinta" },
  { value: 5, label: "Sexta" },
  { value: 6, label: "Sábado" },
  { value: 7, label: "Domingo" },
];

export type Modo = "clinica" | "global" | "dia";
export interface DiaDraft {
  aberto: boolean;
  abertura: string;
  fechamento: string;
}
export interface HorariosDraft {
  modo: Modo;
  abertura: string;
  fechamento: string;
  dias: number[];
  porDia: Record<string, DiaDraft>;
}

export function horariosDraft(u?: Unidade): HorariosDraft {
  const porDia: Record<string, DiaDraft> = {};
  for (const d of DIAS) {
    const h = u?.horarios_por_dia?.[String(d.value) as "1"];
    porDia[d.value] = {
      aberto: h ? true : !u?.horarios_por_dia && d.value <= 5,
      abertura: h?.abertura ?? "08:00",
      fechamento: h?.fechamento ?? "17:00",
    };
  }
  const modo: Modo = u?.horarios_por_dia
    ? "dia"
    : u?.horario_abertura
    ? "global"
    : u
    ? "clinica"
    : "global";
  return {
    modo,
    abertura: u?.horario_abertura ?? "08:00",
    fechamento: u?.horario_fechamento ?? "17:00",
    dias: u?.dias_funcionamento ?? [1, 2, 3, 4, 5],
    porDia,
  };
}

export function horariosBody(h: HorariosDraft) {
  if (h.modo === "dia") {
    const por: Record<string, { abertura: string; fechamento: string }> = {};
    for (const [k, d] of Object.entries(h.porDia)) {
      if (d.aberto) por[k] = { abertura: d.abertura, fechamento: d.fechamento };
    }
    return { horarios_por_dia: por, horario_abertura: null, horario_fechamento: null };
  }
  const global = h.modo === "global";
  return {
    horarios_por_dia: null,
    horario_abertura: global ? h.abertura : null,
    horario_fechamento: global ? h.fechamento : null,
    dias_funcionamento: h.dias,
  };
}
