/**
 * Keyboard handling of the panel: keys go through the pure model (`model/teclado.ts`); the real
 * focus follows the model (roving tabindex), so screen readers read the focused card or slot.
 */
import { createSignal } from "solid-js";
import { type Acao, type Foco, focoInicial, tecla } from "./model/teclado.ts";

const CAMPOS = new Set(["INPUT", "SELECT", "TEXTAREA", "BUTTON"]);

export function createTeclado(o: {
  cartoes: () => number[];
  slots: () => number[];
  executar: (a: Acao) => void;
  bloqueado: () => boolean;
  /** Brings the focused row into the DOM first (the agenda renders only a window of rows). */
  revelar?: (f: Foco) => void;
}) {
  const [foco, setFoco] = createSignal<Foco>(focoInicial());

  function focarDom(f: Foco) {
    o.revelar?.(f);
    const id = f.zona === "fila" ? `cartao-${o.cartoes()[f.cartao]}` : `slot-${o.slots()[f.slot]}`;
    const el = document.getElementById(id);
    el?.focus();
    el?.scrollIntoView({ block: "nearest" });
  }

  function onKeyDown(e: KeyboardEvent) {
    if (o.bloqueado() || e.ctrlKey || e.metaKey || e.altKey) return;
    const t = e.target as HTMLElement;
    // Fields keep their keys; Esc still cancels a card in hand.
    if (CAMPOS.has(t.tagName) && !(e.key === "Escape" && foco().pegando !== null)) {
      if (
        !(t.tagName === "BUTTON" &&
          ["ArrowUp", "ArrowDown", "ArrowLeft", "ArrowRight"].includes(e.key))
      ) return;
    }
    const antes = foco();
    const r = tecla(antes, e.key, {
      cartoes: o.cartoes().length,
      slots: o.slots().length,
      idCartao: (i) => o.cartoes()[i],
    });
    if (r.foco === antes && !r.acao) return;
    e.preventDefault();
    setFoco(r.foco);
    if (
      r.foco.zona !== antes.zona || r.foco.cartao !== antes.cartao || r.foco.slot !== antes.slot
    ) {
      queueMicrotask(() => focarDom(r.foco));
    }
    if (r.acao) o.executar(r.acao);
  }

  /** A click or pointer focus moves the model too. */
  function seguir(zona: Foco["zona"], indice: number) {
    setFoco((
      f,
    ) => (zona === "fila" ? { ...f, zona, cartao: indice } : { ...f, zona, slot: indice }));
  }

  return { foco, setFoco, onKeyDown, seguir, focarDom };
}
