/**
 * `createPainel`: the operator panel's state in one place — the day, the queue, leases, presence
 * and the live connection — and the allocation flows (drop, smart, manual, direct booking, undo),
 * each optimistic and reconciled with the server's answer.
 */
import { type Accessor, batch, createSignal } from "solid-js";
import type { LiveClient } from "../../../../client-shared/live_client.ts";
import type { AgendaFiltro } from "../model/agenda.ts";
import { type BacklogFiltro, mesclar } from "../model/backlog.ts";
import { alvos, topicos } from "../model/events.ts";
import type { BacklogItem, LiveEvent, Slot } from "../model/types.ts";
import { createAgendaDia } from "./agenda_dia.ts";
import { erroDe, type PainelApi, RECUSA_DE_ALOCACAO } from "./api.ts";
import { createBacklog } from "./fila.ts";
import { createLeases } from "./leases.ts";

export interface Aviso {
  tipo: "sucesso" | "erro" | "info";
  titulo: string;
  texto?: string;
  acao?: { rotulo: string; fn: () => void };
  /** ms; the "Desfazer" toast stays 10 s. */
  duracao?: number;
}

/** The shell's live store (client-shared/live_store.ts): one socket per tab. */
export interface LiveLike {
  watch(
    topics: Accessor<string[]>,
    h: { onEvent?: (ev: LiveEvent) => void; onReload?: (reason: string) => void },
  ): void;
  client(): LiveClient | null;
}

export interface PainelOpts {
  api: PainelApi;
  live: LiveLike;
  avisar: (a: Aviso) => void;
  /** Screen-reader announcements (drag and drop, allocation results). */
  anunciar: (texto: string) => void;
}

/** Above this many rows touched at once, reloading the view is cheaper than patching. */
const LOTE_MAXIMO = 40;

/** Must run inside a component (the live subscription ends with it). */
export function createPainel(o: PainelOpts) {
  const agenda = createAgendaDia(o.api);
  const fila = createBacklog(o.api);
  const leases = createLeases(o.api, () => o.live.client() ?? undefined);
  const [ultimoEvento, setUltimoEvento] = createSignal<number | null>(null);
  const [aplicadoEm, setAplicadoEm] = createSignal(0);
  const [tiposPaciente, setTiposPaciente] = createSignal<Record<number, number[]>>({});

  // ------------------------------------------------------------ live events, coalesced

  const slotsPendentes = new Set<number>();
  const itensPendentes = new Set<number>();
  let agendado = false;
  let recarregarDia = false;

  function flush() {
    agendado = false;
    const slots = [...slotsPendentes];
    const itens = [...itensPendentes];
    slotsPendentes.clear();
    itensPendentes.clear();
    const dia = recarregarDia || slots.length > LOTE_MAXIMO;
    recarregarDia = false;
    const feito = Promise.all([
      dia ? agenda.recarregar() : slots.length ? agenda.atualizar(slots) : undefined,
      itens.length > LOTE_MAXIMO
        ? fila.recarregar()
        : itens.length
        ? fila.atualizar(itens)
        : undefined,
    ]);
    feito.then(() => setAplicadoEm(performance.now()));
  }

  /** Applies one live event: lease changes at once, rows re-read by id (batched per tick). */
  function aoEvento(ev: LiveEvent) {
    setUltimoEvento(ev.id);
    const a = alvos(ev, agenda.state.data);
    if (a.lease) {
      leases.aplicar(
        a.lease.resource,
        a.lease.holder_nome ? { holder_nome: a.lease.holder_nome } : null,
      );
      return;
    }
    // A backlog event carries the row: the card moves now, the re-read only completes it.
    if (ev.entity === "backlog") {
      const id = Number(ev.entity_id);
      const cached = fila.state.items[id];
      const row = cached ? mesclar(cached, ev.after) : null;
      if (row) fila.aplicar([[id, row]]);
    }
    for (const id of a.slots) slotsPendentes.add(id);
    for (const id of a.backlog) itensPendentes.add(id);
    if (a.recarregarDia) recarregarDia = true;
    if (!agendado && (slotsPendentes.size || itensPendentes.size || recarregarDia)) {
      agendado = true;
      queueMicrotask(flush);
    }
  }

  o.live.watch(() => (agenda.state.data ? topicos(agenda.state.data) : ["backlog"]), {
    onEvent: (ev) => aoEvento(ev as LiveEvent),
    onReload: () => void recarregarTudo(),
  });

  /** After a reconnection (events resumed with `since`) or a `reload`. */
  async function recarregarTudo() {
    await Promise.all([agenda.recarregar(), fila.recarregar(), leases.carregar()]);
  }

  async function iniciar(
    data: string,
    filtroDia: AgendaFiltro,
    filtroFila: BacklogFiltro,
  ) {
    await Promise.all([
      agenda.carregar(data, filtroDia),
      fila.carregar(filtroFila, 1),
      leases.carregar(),
    ]);
  }

  /** The patient's own eligible tipos, read once per patient (the item may list none). */
  async function carregarTipos(pacienteid: number): Promise<number[]> {
    const known = tiposPaciente()[pacienteid];
    if (known) return known;
    try {
      const r = await o.api.request<{ tipos_slot: { tiposlotid: number }[] }>(
        "GET",
        `/api/pacientes/${pacienteid}/tipos-slot`,
      );
      const ids = r.tipos_slot.map((t) => t.tiposlotid);
      setTiposPaciente((m) => ({ ...m, [pacienteid]: ids }));
      return ids;
    } catch {
      return [];
    }
  }

  // ------------------------------------------------------------ allocation

  function resumoSlot(s: Slot | undefined) {
    return s ? `${s.hora.slice(0, 5)} com ${s.medico.nome}` : "o horário escolhido";
  }

  /**
   * Proposes `slotagendaid` to the item: the card leaves the queue and the slot shows the place
   * at once; on 409/422/423 both come back and a toast says why. Success offers "Desfazer".
   */
  async function alocar(item: BacklogItem, slotagendaid: number): Promise<boolean> {
    const slot = agenda.state.slots[slotagendaid];
    // The request first: the optimistic changes below render while it travels.
    const pedido = o.api.request<{ backlog: BacklogItem }>(
      "PATCH",
      `/api/backlog/${item.backlogid}/alocar`,
      { slotagendaid },
    );
    const mostrar = fila.ocultar(item.backlogid);
    const liberar = agenda.reservar(slotagendaid);
    o.anunciar(`Alocando ${item.paciente_nome} em ${resumoSlot(slot)}.`);
    try {
      const out = await pedido;
      await agenda.atualizar([slotagendaid]);
      batch(() => {
        liberar();
        fila.aplicar([[item.backlogid, { ...item, ...out.backlog } as BacklogItem]]);
        mostrar();
      });
      o.anunciar(`Proposta enviada para ${item.paciente_nome}.`);
      o.avisar({
        tipo: "sucesso",
        titulo: "Proposta enviada",
        texto: `${item.paciente_nome} — ${resumoSlot(slot)}.`,
        duracao: 10_000,
        acao: { rotulo: "Desfazer", fn: () => void desfazer(item) },
      });
      return true;
    } catch (e) {
      const err = erroDe(e);
      batch(() => {
        liberar();
        mostrar();
      });
      const titulo = RECUSA_DE_ALOCACAO.has(err.status) ? "Alocação recusada" : "Falha na alocação";
      const texto = err.details?.holder_nome
        ? `Em uso por ${err.details.holder_nome}. ${err.message}`
        : err.message;
      o.avisar({ tipo: "erro", titulo, texto });
      o.anunciar(`${titulo}: ${texto} O cartão voltou para a fila.`);
      void agenda.atualizar([slotagendaid]);
      return false;
    } finally {
      void leases.soltar(`backlog:${item.backlogid}`);
    }
  }

  /** "Desfazer": withdraws the proposal just made; the card returns to the queue. */
  async function desfazer(item: BacklogItem) {
    try {
      const out = await o.api.request<
        { backlog: BacklogItem; agendamento: { slotagendaid: number } }
      >(
        "PATCH",
        `/api/backlog/${item.backlogid}/retirar-proposta`,
      );
      await Promise.all([
        agenda.atualizar([out.agendamento.slotagendaid]),
        fila.atualizar([item.backlogid]),
      ]);
      o.avisar({
        tipo: "info",
        titulo: "Proposta retirada",
        texto: `${item.paciente_nome} voltou para a fila.`,
      });
      o.anunciar(`Proposta retirada. ${item.paciente_nome} voltou para a fila.`);
    } catch (e) {
      o.avisar({ tipo: "erro", titulo: "Não foi possível desfazer", texto: erroDe(e).message });
    }
  }

  /** Smart allocation: the preview (slot + reasons) or the proposal itself. */
  async function inteligente(item: BacklogItem, preview: boolean) {
    const out = await o.api.request<{
      slot: Record<string, unknown> & { slotagendaid: number };
      motivos: string[];
      backlog?: BacklogItem;
    }>("POST", `/api/backlog/${item.backlogid}/alocar-inteligente`, { preview });
    if (!preview) {
      await Promise.all([
        agenda.atualizar([out.slot.slotagendaid]),
        fila.atualizar([item.backlogid]),
      ]);
    }
    return out;
  }

  /** Direct booking of a patient into a slot (POST /api/agendamentos). */
  async function agendar(slotagendaid: number, pacienteid: number, encaixe?: { motivo: string }) {
    const body: Record<string, unknown> = { slotagendaid, pacienteid };
    if (encaixe) Object.assign(body, { encaixe: true, motivo_encaixe: encaixe.motivo });
    const out = await o.api.request<Record<string, unknown>>("POST", "/api/agendamentos", body);
    await agenda.atualizar([slotagendaid]);
    return out;
  }

  return {
    api: o.api,
    agenda,
    fila,
    leases,
    ultimoEvento,
    aplicadoEm,
    tiposPaciente,
    carregarTipos,
    iniciar,
    recarregarTudo,
    alocar,
    desfazer,
    inteligente,
    agendar,
    aoEvento,
  };
}
export type Painel = ReturnType<typeof createPainel>;
