/**
 * Presence of the operators on the same unidade-day through Yjs awareness
 * (`/api/live/yjs/:room`, y-websocket client): who is here, which card each one is dragging and
 * which slot is under it. Ephemeral only: Yjs never carries booking data.
 */
import { createSignal, onCleanup } from "solid-js";
import * as Y from "yjs";
import { WebsocketProvider } from "y-websocket";
import { BEARER_PREFIX, YJS_SUBPROTOCOL } from "../../../../server/live/protocol_lite.ts";

export interface Presente {
  clientId: number;
  nome: string;
  cor: string;
  arrastando: number | null;
  slot: number | null;
  eu: boolean;
}

const CORES = ["#7c3aed", "#0891b2", "#c2410c", "#15803d", "#be185d", "#1d4ed8", "#a16207"];

/** A stable colour per name, so an operator keeps it across reloads. */
export function corDe(nome: string): string {
  let h = 0;
  for (const c of nome) h = (h * 31 + c.charCodeAt(0)) >>> 0;
  return CORES[h % CORES.length];
}

/** One room per unidade-day: `painel:u3:2030-03-10`, or `painel:todas:<dia>` with no unidade. */
export const salaDe = (dia: string, unidadeid?: number) =>
  `painel:${unidadeid ? `u${unidadeid}` : "todas"}:${dia}`;

export function createPresenca(opts: { baseUrl: string; token: () => string; nome: string }) {
  const [presentes, setPresentes] = createSignal<Presente[]>([]);
  let provider: WebsocketProvider | undefined;
  let doc: Y.Doc | undefined;
  let local = {
    nome: opts.nome,
    cor: corDe(opts.nome),
    arrastando: null as number | null,
    slot: null as number | null,
  };

  function ler() {
    if (!provider) return setPresentes([]);
    const eu = doc!.clientID;
    const out: Presente[] = [];
    provider.awareness.getStates().forEach((st, clientId) => {
      if (!st?.nome) return;
      out.push({
        clientId,
        nome: String(st.nome),
        cor: String(st.cor ?? corDe(String(st.nome))),
        arrastando: typeof st.arrastando === "number" ? st.arrastando : null,
        slot: typeof st.slot === "number" ? st.slot : null,
        eu: clientId === eu,
      });
    });
    out.sort((a, b) =>
      Number(b.eu) - Number(a.eu) || a.nome.localeCompare(b.nome) ||
      Number(b.arrastando !== null) - Number(a.arrastando !== null)
    );
    // A reloaded tab leaves its old state until the awareness timeout: one avatar per person.
    setPresentes(out.filter((o, i) => out.findIndex((x) => x.nome === o.nome) === i));
  }

  function sair() {
    provider?.awareness.setLocalState(null);
    provider?.destroy();
    doc?.destroy();
    provider = undefined;
    doc = undefined;
    setPresentes([]);
  }

  /** Joins the room of this unidade-day (leaving the previous one). */
  function entrar(sala: string) {
    sair();
    doc = new Y.Doc();
    const url = opts.baseUrl.replace(/^http/, "ws") + "/api/live/yjs";
    provider = new WebsocketProvider(url, sala, doc, {
      protocols: [YJS_SUBPROTOCOL, BEARER_PREFIX + opts.token()],
      disableBc: true,
      maxBackoffTime: 5000,
    });
    provider.awareness.setLocalState(local);
    provider.awareness.on("change", ler);
    ler();
  }

  /** Tells the others which card this operator is dragging and over which slot. */
  function arrastar(arrastando: number | null, slot: number | null = null) {
    local = { ...local, arrastando, slot };
    provider?.awareness.setLocalState(local);
  }

  onCleanup(sair);
  return { presentes, entrar, sair, arrastar };
}
export type Presenca = ReturnType<typeof createPresenca>;
