/**
 * What the panel's components share: the store (`createPainel`), the reference lists, presence,
 * and the UI state (selected card, card being dragged or picked up with the keyboard, focus).
 */
import { createContext, useContext } from "solid-js";
import type { Listas } from "./listas.ts";
import type { Foco } from "./model/teclado.ts";
import type { BacklogItem } from "./model/types.ts";
import type { Painel } from "./store/painel.ts";
import type { Presenca } from "./store/presenca.ts";
import type { Veredito } from "./model/elegibilidade.ts";

export interface Ui {
  selecionado: () => number | null;
  selecionar: (id: number | null) => void;
  /** The card in hand (pointer drag or keyboard pick-up). */
  emMaos: () => BacklogItem | null;
  foco: () => Foco;
  /** The real focus moved (click, Tab, test): the keyboard model follows. */
  focar: (zona: Foco["zona"], indice: number) => void;
  /** Whether the card in hand may go on this slot, and why not. */
  veredito: (slotagendaid: number) => Veredito | null;
  podeEscrever: () => boolean;
  podeEncaixar: () => boolean;
  abrirInteligente: (item: BacklogItem) => void;
  abrirManual: (item: BacklogItem) => void;
  abrirAgendar: (slotagendaid: number, encaixe?: boolean) => void;
  /** The slot's encaixes with their reasons. */
  abrirEncaixes: (slotagendaid: number) => void;
  pegarComTeclado: (item: BacklogItem) => void;
}

export interface PainelCtx {
  p: Painel;
  listas: Listas;
  presenca: Presenca;
  ui: Ui;
}

const Ctx = createContext<PainelCtx>();
export const PainelProvider = Ctx.Provider;

export function usePainel(): PainelCtx {
  const c = useContext(Ctx);
  if (!c) throw new Error("usePainel outside PainelProvider");
  return c;
}
