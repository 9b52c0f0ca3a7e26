/**
 * One card of the queue: priority (colour AND label and icon), patient, especialidade,
 * preferences and waiting time. Draggable onto a slot; a card another operator holds shows who
 * and cannot be picked up.
 */
import { createDraggable } from "@thisbeyond/solid-dnd";
import { Show } from "solid-js";
import { maskCpf } from "../../../client-shared/masks.ts";
import { usePainel } from "./contexto.tsx";
import { tempoNaFila } from "./model/backlog.ts";
import type { BacklogItem, Prioridade } from "./model/types.ts";

export const PRIO: Record<Prioridade, { icone: string; classe: string }> = {
  Alta: { icone: "▲", classe: "bg-prio-alta-bg text-prio-alta border-prio-alta" },
  "Média": { icone: "●", classe: "bg-prio-media-bg text-prio-media border-prio-media" },
  Baixa: { icone: "▼", classe: "bg-prio-baixa-bg text-prio-baixa border-prio-baixa" },
};

export function PrioridadeSelo(props: { prioridade: Prioridade }) {
  return (
    <span
      class={`inline-flex items-center gap-1 rounded border px-1.5 py-0.5 text-xs font-bold ${
        PRIO[props.prioridade].classe
      }`}
    >
      <span aria-hidden="true">{PRIO[props.prioridade].icone}</span>
      {props.prioridade}
    </span>
  );
}

export function preferencias(it: BacklogItem): string {
  return [
    it.unidade_nome,
    it.medico_nome,
    it.data_preferida ? it.data_preferida.split("-").reverse().join("/") : null,
    it.periodo_preferido && it.periodo_preferido !== "Qualquer" ? it.periodo_preferido : null,
    it.horario_preferido?.slice(0, 5),
  ].filter(Boolean).join(" · ") || "Sem preferências";
}

export function BacklogCard(props: { id: number; indice: number }) {
  const { p, ui, presenca } = usePainel();
  const item = () => p.fila.state.items[props.id];
  const draggable = createDraggable(props.id, { tipo: "cartao" });
  const holder = () => p.leases.deQuem(`backlog:${props.id}`);
  const arrastadoPor = () => presenca.presentes().find((o) => !o.eu && o.arrastando === props.id);
  const focado = () => ui.foco().zona === "fila" && ui.foco().cartao === props.indice;
  const selecionado = () => ui.selecionado() === props.id;
  const pendente = () => item().status === "Pendente";
  const rotulo = () =>
    [
      `${item().paciente_nome}, prioridade ${item().prioridade}`,
      item().especialidade_nome,
      `na fila ${tempoNaFila(item().dias_espera)}`,
      item().status !== "Pendente" ? item().status : "",
      holder() ? `em uso por ${holder()}` : "",
      arrastadoPor() ? `sendo arrastado por ${arrastadoPor()!.nome}` : "",
    ].filter(Boolean).join(", ");
  const pegar = (e: PointerEvent) => {
    if (!ui.podeEscrever() || !pendente()) return;
    if (holder()) {
      ui.selecionar(props.id);
      return;
    }
    draggable.dragActivators.onpointerdown?.(e);
  };
  return (
    <li
      ref={draggable.ref}
      id={`cartao-${props.id}`}
      data-cartao={props.id}
      tabindex={focado() ? 0 : -1}
      aria-current={selecionado() ? "true" : undefined}
      aria-label={rotulo()}
      aria-disabled={holder() ? "true" : undefined}
      onPointerDown={pegar}
      onFocus={(e) => e.target === e.currentTarget && ui.focar("fila", props.indice)}
      onClick={() => ui.selecionar(props.id)}
      class={`touch-none select-none rounded-lg border bg-white p-2.5 text-sm shadow-sm ${
        draggable.isActiveDraggable ? "opacity-40" : ""
      } ${selecionado() ? "border-brand-500 bg-brand-50" : "border-slate-200"} ${
        holder() ? "cursor-not-allowed bg-slate-50" : pendente() ? "cursor-grab" : ""
      }`}
      style={arrastadoPor() ? { "box-shadow": `0 0 0 3px ${arrastadoPor()!.cor}` } : undefined}
    >
      <div class="flex items-center gap-2">
        <PrioridadeSelo prioridade={item().prioridade} />
        <span class="min-w-0 flex-1 truncate font-semibold">{item().paciente_nome}</span>
        <span class="text-xs text-ink-muted">{tempoNaFila(item().dias_espera)}</span>
      </div>
      <div class="mt-1 flex items-center gap-2 text-xs text-ink-muted">
        <span>{maskCpf(item().paciente_cpf)}</span>
        <span>· {item().especialidade_nome}</span>
        <Show when={item().urgente}>
          <span class="font-semibold text-prio-alta">· Urgente</span>
        </Show>
      </div>
      <div class="mt-0.5 truncate text-xs">{preferencias(item())}</div>
      <Show when={item().status !== "Pendente"}>
        <div class="mt-1 text-xs font-semibold text-brand-700">{item().status}</div>
      </Show>
      <Show when={holder()}>
        <div class="mt-1 text-xs font-semibold text-amber-900" data-holder>
          Em uso por {holder()}
        </div>
      </Show>
      <Show when={!holder() && arrastadoPor()}>
        <div class="mt-1 text-xs font-semibold" style={{ color: arrastadoPor()!.cor }}>
          {arrastadoPor()!.nome} está arrastando
        </div>
      </Show>
      <Show when={ui.podeEscrever() && pendente() && !holder()}>
        <div class="mt-2 flex gap-1.5">
          <AcaoCartao
            rotulo="Inteligente"
            ariaLabel={`Alocação inteligente de ${item().paciente_nome}`}
            onAcionar={() => ui.abrirInteligente(item())}
          />
          <AcaoCartao
            rotulo="Manual"
            ariaLabel={`Alocação manual de ${item().paciente_nome}`}
            onAcionar={() => ui.abrirManual(item())}
          />
        </div>
      </Show>
    </li>
  );
}

/** A card's button: it must not start a drag nor select the card it sits on. */
function AcaoCartao(props: { rotulo: string; ariaLabel: string; onAcionar: () => void }) {
  return (
    <button
      type="button"
      class="btn btn-secondary btn-sm"
      tabindex="-1"
      onPointerDown={(e) => e.stopPropagation()}
      onClick={(e) => {
        e.stopPropagation();
        props.onAcionar();
      }}
      aria-label={props.ariaLabel}
    >
      {props.rotulo}
    </button>
  );
}
