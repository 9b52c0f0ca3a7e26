/**
 * The agenda column's window: the day's rows (an hour header, then its slots) with fixed heights,
 * so the offset of any row is a prefix sum and the rows on screen are found by binary search.
 * Only those (plus a margin) are rendered: a day of 2,000 slots costs what 30 cost.
 */
import type { HoraGrupo } from "./agenda.ts";

export const ALTURA_HORA = 30;
export const ALTURA_SLOT = 60;

export type Linha =
  | { tipo: "hora"; linha: number; hora: string; slots: number }
  | { tipo: "slot"; linha: number; id: number; indice: number };

export interface Layout {
  linhas: Linha[];
  /** `topos[i]` is row i's offset; `topos[linhas.length]` the total height. */
  topos: Float64Array;
  /** Row of each slot, by its index in screen order. */
  linhaDoSlot: Int32Array;
}

export function layout(grupos: readonly HoraGrupo[]): Layout {
  const linhas: Linha[] = [];
  let indice = 0;
  for (const g of grupos) {
    linhas.push({ tipo: "hora", linha: linhas.length, hora: g.hora, slots: g.ids.length });
    for (const id of g.ids) {
      linhas.push({ tipo: "slot", linha: linhas.length, id, indice: indice++ });
    }
  }
  const topos = new Float64Array(linhas.length + 1);
  const linhaDoSlot = new Int32Array(indice);
  for (let i = 0; i < linhas.length; i++) {
    const l = linhas[i];
    topos[i + 1] = topos[i] + (l.tipo === "hora" ? ALTURA_HORA : ALTURA_SLOT);
    if (l.tipo === "slot") linhaDoSlot[l.indice] = i;
  }
  return { linhas, topos, linhaDoSlot };
}

/** Index of the row at offset `y` (the last row whose top is ≤ y). */
export function linhaEm(topos: Float64Array, y: number): number {
  let lo = 0, hi = topos.length - 2;
  if (hi < 0) return 0;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (topos[mid] <= y) lo = mid;
    else hi = mid - 1;
  }
  return lo;
}

/** Rows [inicio, fim) to render for a viewport at `topo` of height `altura`, plus `margem` px. */
export function janela(
  topos: Float64Array,
  topo: number,
  altura: number,
  margem = 600,
): { inicio: number; fim: number } {
  const n = topos.length - 1;
  if (n <= 0) return { inicio: 0, fim: 0 };
  const inicio = linhaEm(topos, Math.max(0, topo - margem));
  const fim = Math.min(n, linhaEm(topos, topo + altura + margem) + 1);
  return { inicio, fim };
}

/** The scroll offset that shows row `i` whole (unchanged when it already is). */
export function rolarPara(
  topos: Float64Array,
  i: number,
  topo: number,
  altura: number,
  cabecalho = ALTURA_HORA,
): number {
  const a = topos[i], b = topos[i + 1];
  if (a - cabecalho < topo) return Math.max(0, a - cabecalho);
  if (b > topo + altura) return b - altura;
  return topo;
}
