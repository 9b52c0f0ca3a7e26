/**
 * The panel's keyboard model: where the focus is (a card of the queue or a slot of the day) and
 * what a key does. Pure: the page feeds it keys and the list sizes, and performs the action it
 * answers (pick up, drop, cancel, search, smart allocation, help).
 */

export type Zona = "fila" | "agenda";

export interface Foco {
  zona: Zona;
  /** Index of the focused card in the queue page. */
  cartao: number;
  /** Index of the focused slot in the day, in screen order. */
  slot: number;
  /** The card picked up with Enter, waiting to be dropped on a slot. */
  pegando: number | null;
}

export type Acao =
  | { tipo: "pegar"; cartao: number }
  | { tipo: "soltar"; slot: number; cartao: number }
  | { tipo: "cancelar" }
  | { tipo: "agendar"; slot: number }
  | { tipo: "buscar" }
  | { tipo: "inteligente"; cartao: number }
  | { tipo: "manual"; cartao: number }
  | { tipo: "ajuda" };

export interface Tamanhos {
  cartoes: number;
  slots: number;
  /** Backlog id of card `i`. */
  idCartao: (i: number) => number | undefined;
}

export const ATALHOS: [string, string][] = [
  ["↑ ↓", "Anda pelos cartões da fila ou pelos horários do dia"],
  ["← →", "Passa da fila (direita) para a agenda (esquerda) e volta"],
  ["Enter", "Pega o cartão; na agenda, solta o cartão no horário (ou agenda direto)"],
  ["Esc", "Cancela o cartão pego ou fecha a janela aberta"],
  ["/", "Busca de paciente"],
  ["i", "Alocação inteligente do cartão em foco"],
  ["m", "Alocação manual (data → unidade → horário)"],
  ["?", "Mostra ou esconde esta lista de atalhos"],
];

export const focoInicial = (): Foco => ({ zona: "fila", cartao: 0, slot: 0, pegando: null });

const limita = (i: number, n: number) => Math.max(0, Math.min(i, Math.max(0, n - 1)));

/**
 * @example
 * const { foco, acao } = tecla(foco(), "Enter", { cartoes: 3, slots: 10, idCartao });
 * // → foco in the agenda, acao { tipo: "pegar", cartao: 12 }
 */
export function tecla(f: Foco, key: string, t: Tamanhos): { foco: Foco; acao?: Acao } {
  const n = f.zona === "fila" ? t.cartoes : t.slots;
  const mover = (d: number) =>
    f.zona === "fila"
      ? { ...f, cartao: limita(f.cartao + d, n) }
      : { ...f, slot: limita(f.slot + d, n) };
  switch (key) {
    case "ArrowDown":
      return { foco: mover(1) };
    case "ArrowUp":
      return { foco: mover(-1) };
    case "PageDown":
      return { foco: mover(10) };
    case "PageUp":
      return { foco: mover(-10) };
    case "Home":
      return { foco: mover(-Infinity) };
    case "End":
      return { foco: mover(Infinity) };
    case "ArrowLeft":
      return { foco: { ...f, zona: "agenda", slot: limita(f.slot, t.slots) } };
    case "ArrowRight":
      return { foco: { ...f, zona: "fila", cartao: limita(f.cartao, t.cartoes) } };
    case "Enter": {
      if (f.zona === "fila") {
        const id = t.idCartao(f.cartao);
        if (id === undefined) return { foco: f };
        return { foco: { ...f, zona: "agenda", pegando: id }, acao: { tipo: "pegar", cartao: id } };
      }
      if (t.slots === 0) return { foco: f };
      if (f.pegando !== null) {
        return {
          foco: { ...f, zona: "fila", pegando: null },
          acao: { tipo: "soltar", slot: f.slot, cartao: f.pegando },
        };
      }
      return { foco: f, acao: { tipo: "agendar", slot: f.slot } };
    }
    case "Escape":
      if (f.pegando === null) return { foco: f, acao: { tipo: "cancelar" } };
      return { foco: { ...f, zona: "fila", pegando: null }, acao: { tipo: "cancelar" } };
    case "/":
      return { foco: f, acao: { tipo: "buscar" } };
    case "?":
      return { foco: f, acao: { tipo: "ajuda" } };
    case "i":
    case "m": {
      const id = f.pegando ?? t.idCartao(f.cartao);
      if (id === undefined) return { foco: f };
      return { foco: f, acao: { tipo: key === "i" ? "inteligente" : "manual", cartao: id } };
    }
  }
  return { foco: f };
}
