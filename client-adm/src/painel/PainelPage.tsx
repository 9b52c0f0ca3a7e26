/**
 * `/adm/painel`: the operator panel, 60/40 — the day's agenda (left) and the waiting queue
 * (right). Cards go onto slots by drag and drop, by keyboard (Enter, arrows, Enter), by smart
 * allocation or by the 3-step manual modal; every change by anyone arrives live.
 */
import {
  type CollisionDetector,
  DragDropProvider,
  DragDropSensors,
  type DragEvent,
  DragOverlay,
} from "@thisbeyond/solid-dnd";
import { useSearchParams } from "@solidjs/router";
import { createEffect, createMemo, createSignal, on, onCleanup, onMount, Show } from "solid-js";
import { createStore } from "solid-js/store";
import { today } from "../../../client-shared/format.ts";
import { notify } from "../../../client-shared/ui/toast.tsx";
import { useApp } from "../app/context.tsx";
import { AgendaColuna } from "./AgendaColuna.tsx";
import { PrioridadeSelo } from "./BacklogCard.tsx";
import { PainelProvider, type Ui } from "./contexto.tsx";
import { AdicionarFila } from "./dialogos/AdicionarFila.tsx";
import { AgendarDireto } from "./dialogos/AgendarDireto.tsx";
import { AlocacaoInteligente } from "./dialogos/AlocacaoInteligente.tsx";
import { AlocacaoManual } from "./dialogos/AlocacaoManual.tsx";
import { Encaixes } from "./dialogos/Encaixes.tsx";
import { Atalhos } from "./dialogos/Atalhos.tsx";
import { BuscaPaciente } from "./dialogos/BuscaPaciente.tsx";
import { FilaColuna } from "./FilaColuna.tsx";
import { createListas } from "./listas.ts";
import { ordem } from "./model/agenda.ts";
import type { BacklogFiltro } from "./model/backlog.ts";
import { podeSoltar } from "./model/elegibilidade.ts";
import type { Acao } from "./model/teclado.ts";
import type { BacklogItem } from "./model/types.ts";
import { Presenca } from "./Presenca.tsx";
import type { PainelApi } from "./store/api.ts";
import { type Aviso, createPainel } from "./store/painel.ts";
import { createPresenca, salaDe } from "./store/presenca.ts";
import { createSlotLease } from "./store/slot_lease.ts";
import { createTeclado } from "./teclado.ts";

export default function PainelPage() {
  const app = useApp();
  const [params, setParams] = useSearchParams();
  const dia =
    () => (typeof params.dia === "string" && /^\d{4}-\d{2}-\d{2}$/.test(params.dia)
      ? params.dia
      : today());
  const setDia = (d: string) => setParams({ dia: d });
  const api: PainelApi = { request: (m, path, body) => app.http.request(m, path, { body }) };

  const [anuncio, setAnuncio] = createSignal("");
  const anunciar = (t: string) => {
    setAnuncio("");
    queueMicrotask(() => setAnuncio(t));
  };
  const avisar = (a: Aviso) => {
    const texto = a.texto ? `${a.titulo}: ${a.texto}` : a.titulo;
    const o = { duration: a.duracao, action: a.acao && { label: a.acao.rotulo, run: a.acao.fn } };
    if (a.tipo === "erro") notify.erro(texto, o);
    else if (a.tipo === "sucesso") notify.ok(texto, o);
    else notify.info(texto, o);
  };

  const p = createPainel({ api, live: app.live, avisar, anunciar });
  // `deno task bench console` reads the store to time how long one live row takes to apply.
  if (new URLSearchParams(location.search).has("bench")) {
    (globalThis as unknown as { __painel: typeof p }).__painel = p;
  }
  const listas = createListas(api);
  const presenca = createPresenca({
    baseUrl: location.origin,
    token: () => app.session.token() ?? "",
    nome: app.session.me()?.nome ?? "Operador",
  });

  // Queue filters: especialidade/unidade/médico are the dashboard's (shared both ways).
  const [local, setLocal] = createStore<
    Pick<BacklogFiltro, "prioridade" | "status" | "pacienteid">
  >({
    status: "Pendente",
  });
  const filtroFila = createMemo<BacklogFiltro>(() => ({
    ...local,
    especialidadeid: app.filters.filters.especialidadeid ?? undefined,
    unidadeid: app.filters.filters.unidadeid ?? undefined,
    medicoid: app.filters.filters.medicoid ?? undefined,
  }));
  const filtroDia = createMemo(() => ({
    especialidadeid: app.filters.filters.especialidadeid ?? undefined,
    unidadeid: app.filters.filters.unidadeid ?? undefined,
    medicoid: app.filters.filters.medicoid ?? undefined,
  }));
  const mudar = <K extends keyof BacklogFiltro>(k: K, v: BacklogFiltro[K]) => {
    if (k === "especialidadeid" || k === "unidadeid" || k === "medicoid") {
      app.filters.setFilter(k, (v as number | undefined) ?? null);
    } else setLocal(k as "status", v as BacklogFiltro["status"]);
  };

  createEffect(on([dia, filtroDia], ([d, f]) => void p.agenda.carregar(d, f)));
  createEffect(on(filtroFila, (f) => void p.fila.carregar(f, 1)));
  createEffect(
    on(
      [dia, () => app.filters.filters.unidadeid],
      ([d, u]) => presenca.entrar(salaDe(d, u ?? undefined)),
    ),
  );
  onMount(() => void p.leases.carregar());
  // A reconnection resumed with `since`: rows arrived as events; leases are re-read.
  createEffect(on(app.live.resyncs, (n) => {
    if (!n) return;
    void p.leases.carregar();
    setReconectado(true);
    anunciar(
      "Conexão restabelecida. Painel atualizado com as alterações feitas enquanto estava desconectado.",
    );
    setTimeout(() => setReconectado(false), 6000);
  }, { defer: true }));
  const [reconectado, setReconectado] = createSignal(false);

  // ------------------------------------------------------------ card in hand
  const [emMaos, setEmMaos] = createSignal<BacklogItem | null>(null);
  const [selecionado, setSelecionado] = createSignal<number | null>(null);
  let leaseOk: Promise<boolean> = Promise.resolve(false);
  /** The card whose lease this console holds right now (its pick-up answered). */
  let cartaoSeguro: number | null = null;

  async function pegar(item: BacklogItem): Promise<boolean> {
    setEmMaos(item);
    setSelecionado(item.backlogid);
    presenca.arrastar(item.backlogid);
    void p.carregarTipos(item.pacienteid);
    cartaoSeguro = null;
    const r = await p.leases.pegar(`backlog:${item.backlogid}`);
    if (r.ok && emMaos()?.backlogid === item.backlogid) cartaoSeguro = item.backlogid;
    if (!r.ok) {
      soltarDaMao();
      const quem = r.holder_nome ? `Em uso por ${r.holder_nome}.` : r.message;
      avisar({ tipo: "erro", titulo: "Não foi possível pegar o cartão", texto: quem });
      anunciar(`Não foi possível pegar o cartão de ${item.paciente_nome}. ${quem}`);
      return false;
    }
    anunciar(`Cartão de ${item.paciente_nome} pego. Escolha o horário e solte; Esc cancela.`);
    return true;
  }
  function soltarDaMao() {
    cartaoSeguro = null;
    setEmMaos(null);
    presenca.arrastar(null);
    teclado.setFoco((f) => ({ ...f, pegando: null }));
  }
  async function cancelar() {
    const it = emMaos();
    if (!it) return;
    soltarDaMao();
    slotLease.mirar(null);
    await p.leases.soltar(`backlog:${it.backlogid}`);
    anunciar(`Cancelado. O cartão de ${it.paciente_nome} voltou para a fila.`);
  }
  const veredito = (slotagendaid: number) => {
    const it = emMaos();
    const s = p.agenda.state.slots[slotagendaid];
    if (!it || !s) return null;
    return podeSoltar(it, s, {
      tiposPaciente: p.tiposPaciente()[it.pacienteid],
      pendentes: p.agenda.pendentes[slotagendaid] ?? 0,
      slotDe: p.leases.deQuem(`slot:${slotagendaid}`),
    });
  };
  async function soltar(slotagendaid: number) {
    const it = emMaos();
    if (!it) return;
    const v = veredito(slotagendaid);
    if (cartaoSeguro === it.backlogid && (!v || v.ok)) {
      // The card's lease is held: the request leaves before the screen changes (the optimistic
      // updates render while it travels).
      slotLease.manter(slotagendaid);
      const feito = p.alocar(it, slotagendaid);
      soltarDaMao();
      try {
        await feito;
      } finally {
        slotLease.liberar(slotagendaid);
      }
      return;
    }
    soltarDaMao();
    if (!(await leaseOk)) return slotLease.mirar(null);
    if (v && !v.ok) {
      slotLease.mirar(null);
      await p.leases.soltar(`backlog:${it.backlogid}`);
      avisar({ tipo: "erro", titulo: "Horário recusado", texto: v.motivo });
      anunciar(`Não foi possível soltar: ${v.motivo} O cartão voltou para a fila.`);
      return;
    }
    // The slot stays ours (if we took it while aiming) until the server has answered.
    slotLease.manter(slotagendaid);
    try {
      await p.alocar(it, slotagendaid);
    } finally {
      slotLease.liberar(slotagendaid);
    }
  }

  // ------------------------------------------------------------ dialogs
  const [inteligente, setInteligente] = createSignal<BacklogItem | null>(null);
  const [manual, setManual] = createSignal<BacklogItem | null>(null);
  const [agendar, setAgendar] = createSignal<{ slotagendaid: number; encaixe: boolean } | null>(
    null,
  );
  const [adicionar, setAdicionar] = createSignal(false);
  const [ajuda, setAjuda] = createSignal(false);
  const [encaixesDe, setEncaixesDe] = createSignal<number | null>(null);
  const dialogoAberto = () =>
    Boolean(inteligente() || manual() || agendar() || adicionar() || ajuda() || encaixesDe());

  /** Direct booking: the slot's lease first (another operator sees who is booking it). */
  async function abrirAgendar(slotagendaid: number, encaixe = false) {
    const r = await slotLease.fixar(slotagendaid);
    if (!r.ok) {
      const quem = r.holder_nome ? `Em uso por ${r.holder_nome}.` : r.message;
      avisar({ tipo: "erro", titulo: "Horário em uso", texto: quem });
      anunciar(`Não foi possível abrir o agendamento: ${quem}`);
      return;
    }
    setAgendar({ slotagendaid, encaixe });
  }
  function fecharAgendar() {
    const a = agendar();
    setAgendar(null);
    if (a) slotLease.liberar(a.slotagendaid);
  }

  const podeEscrever = () => app.can("agendar");
  const cartoes = () => p.fila.visiveis();
  const slotsEmOrdem = createMemo(() => ordem(p.agenda.state));
  let busca: HTMLDivElement | undefined;

  const executar = (a: Acao) => {
    const item = (id: number) => p.fila.state.items[id];
    switch (a.tipo) {
      case "pegar":
        if (!podeEscrever() || item(a.cartao)?.status !== "Pendente") {
          teclado.setFoco((f) => ({ ...f, zona: "fila", pegando: null }));
          return;
        }
        leaseOk = pegar(item(a.cartao));
        return;
      case "soltar":
        void soltar(slotsEmOrdem()[a.slot]);
        return;
      case "cancelar":
        void cancelar();
        return;
      case "agendar": {
        const id = slotsEmOrdem()[a.slot];
        if (podeEscrever() && id) void abrirAgendar(id);
        return;
      }
      case "buscar":
        busca?.querySelector("input")?.focus();
        return;
      case "inteligente":
        if (podeEscrever() && item(a.cartao)) setInteligente(item(a.cartao));
        return;
      case "manual":
        if (podeEscrever() && item(a.cartao)) setManual(item(a.cartao));
        return;
      case "ajuda":
        setAjuda((v) => !v);
        return;
    }
  };
  let revelarSlot: ((indice: number) => void) | undefined;
  const teclado = createTeclado({
    cartoes,
    slots: slotsEmOrdem,
    executar,
    bloqueado: dialogoAberto,
    revelar: (f) => f.zona === "agenda" && revelarSlot?.(f.slot),
  });
  // The slot this console aims at (a card in hand, focus or pointer on it) is leased, so the
  // others see who is about to drop there; released when the aim moves, on drop or cancel.
  const slotLease = createSlotLease(p.leases);
  createEffect(() => {
    const f = teclado.foco();
    if (f.pegando === null) return;
    slotLease.mirar(f.zona === "agenda" ? slotsEmOrdem()[f.slot] ?? null : null);
  });

  // ------------------------------------------------------------ pointer drag and drop
  // The slot under the pointer is the target (not the one nearest the dragged card's centre):
  // the operator aims with the pointer, and one lookup beats measuring 2,000 slots per move.
  let ponteiro = { x: -1, y: -1 };
  const acompanhar = (e: PointerEvent) => (ponteiro = { x: e.clientX, y: e.clientY });
  document.addEventListener("pointermove", acompanhar, { capture: true });
  onCleanup(() => document.removeEventListener("pointermove", acompanhar, { capture: true }));
  const sobPonteiro: CollisionDetector = (_d, droppables) => {
    const el = document.elementFromPoint(ponteiro.x, ponteiro.y)?.closest("[data-slot]");
    if (!el) return null;
    const id = Number(el.getAttribute("data-slot"));
    return droppables.find((d) => d.id === id) ?? null;
  };
  const onDragStart = ({ draggable }: DragEvent) => {
    const it = p.fila.state.items[Number(draggable.id)];
    if (it) leaseOk = pegar(it);
  };
  const onDragOver = ({ draggable, droppable }: DragEvent) => {
    presenca.arrastar(Number(draggable.id), droppable ? Number(droppable.id) : null);
    slotLease.mirar(droppable ? Number(droppable.id) : null);
  };
  const onDragEnd = ({ droppable }: DragEvent) => {
    if (droppable) void soltar(Number(droppable.id));
    else void cancelar();
  };

  const ui: Ui = {
    selecionado,
    selecionar: (id) => {
      setSelecionado(id);
      const i = cartoes().indexOf(id ?? -1);
      if (i >= 0) teclado.seguir("fila", i);
    },
    emMaos,
    foco: teclado.foco,
    focar: teclado.seguir,
    veredito,
    podeEscrever,
    podeEncaixar: () => app.can("configurar"),
    abrirInteligente: setInteligente,
    abrirManual: setManual,
    abrirAgendar: (slotagendaid, encaixe = false) => void abrirAgendar(slotagendaid, encaixe),
    abrirEncaixes: setEncaixesDe,
    pegarComTeclado: (it) => void pegar(it),
  };

  onCleanup(() => {
    slotLease.parar();
    void p.leases.soltarTodos();
    presenca.sair();
  });
  globalThis.addEventListener?.("pagehide", () => void p.leases.soltarTodos());

  return (
    <PainelProvider value={{ p, listas, presenca, ui }}>
      <div
        class="flex h-[calc(100vh-var(--spacing-header)-2rem)] min-h-[32rem] flex-col gap-3"
        onKeyDown={teclado.onKeyDown}
        data-painel
      >
        <div class="flex flex-wrap items-center gap-3">
          <h1 class="text-xl font-bold">Painel do operador</h1>
          <Presenca />
          <div ref={busca} class="ml-auto w-72">
            <BuscaPaciente
              api={api}
              label="Buscar paciente na fila (/)"
              escolher={(s) => setLocal({ pacienteid: s.pacienteid, status: "todos" })}
            />
          </div>
          <Show when={local.pacienteid}>
            <button
              type="button"
              class="btn btn-secondary btn-sm"
              onClick={() => setLocal({ pacienteid: undefined, status: "Pendente" })}
            >
              Limpar busca
            </button>
          </Show>
          <button
            type="button"
            class="btn btn-secondary btn-sm"
            onClick={() => setAjuda(true)}
            aria-keyshortcuts="?"
          >
            Atalhos (?)
          </button>
        </div>
        <Show when={app.live.state() === "reconnecting" || app.live.state() === "offline"}>
          <p
            role="status"
            class="rounded bg-amber-100 px-3 py-1.5 text-sm font-semibold text-amber-900"
            data-reconectando
          >
            {app.live.state() === "offline"
              ? "Sem conexão — tentando de novo…"
              : "Reconectando… as alterações de outros operadores aparecerão ao voltar."}
          </p>
        </Show>
        <Show when={reconectado()}>
          <p
            role="status"
            class="rounded bg-green-100 px-3 py-1.5 text-sm font-semibold text-green-900"
            data-reconectado
          >
            Conexão restabelecida — painel atualizado com as alterações feitas enquanto estava
            desconectado.
          </p>
        </Show>
        <DragDropProvider
          onDragStart={onDragStart}
          onDragOver={onDragOver}
          onDragEnd={onDragEnd}
          collisionDetector={sobPonteiro}
        >
          <DragDropSensors />
          <div class="grid min-h-0 flex-1 grid-cols-1 gap-4 lg:grid-cols-[3fr_2fr]">
            <div class="card flex min-h-0 flex-col p-3">
              <AgendaColuna dia={dia()} setDia={setDia} revelar={(fn) => (revelarSlot = fn)} />
            </div>
            <div class="card flex min-h-0 flex-col p-3">
              <FilaColuna
                filtro={filtroFila()}
                mudar={mudar}
                adicionar={() => setAdicionar(true)}
              />
            </div>
          </div>
          <DragOverlay class="pointer-events-none z-50">
            {(d) => {
              const it = () => (d ? p.fila.state.items[Number(d.id)] : undefined);
              return (
                <Show when={it()}>
                  <div class="card pointer-events-none flex w-64 items-center gap-2 p-2 text-sm shadow-lg">
                    <PrioridadeSelo prioridade={it()!.prioridade} />
                    <span class="font-semibold">{it()!.paciente_nome}</span>
                  </div>
                </Show>
              );
            }}
          </DragOverlay>
        </DragDropProvider>
        <div class="sr-only" aria-live="assertive" aria-atomic="true" data-anuncio>{anuncio()}</div>
      </div>
      <AlocacaoInteligente
        item={inteligente()}
        fechar={() => setInteligente(null)}
        feito={(m) => avisar({ tipo: "sucesso", titulo: "Proposta enviada", texto: m })}
        erro={(m) => avisar({ tipo: "erro", titulo: "Alocação recusada", texto: m })}
      />
      <AlocacaoManual item={manual()} dia={dia()} fechar={() => setManual(null)} />
      <AgendarDireto
        alvo={agendar()}
        fechar={fecharAgendar}
        feito={(m) => avisar({ tipo: "sucesso", titulo: "Agendado", texto: m })}
      />
      <AdicionarFila
        aberto={adicionar()}
        fechar={() => setAdicionar(false)}
        feito={(m) => avisar({ tipo: "sucesso", titulo: "Adicionado à fila", texto: m })}
      />
      <Atalhos aberto={ajuda()} fechar={() => setAjuda(false)} />
      <Encaixes slotagendaid={encaixesDe()} fechar={() => setEncaixesDe(null)} />
    </PainelProvider>
  );
}
