/**
 * One slot of the day: time, médico, tipo de slot (its colour and name), places used/total, and
 * who holds it. A drop target for backlog cards: while a card is in hand, the slot is marked
 * eligible or not (with the reason, never by colour alone).
 */
import { createDroppable } from "@thisbeyond/solid-dnd";
import { createMemo, Show } from "solid-js";
import { usePainel } from "./contexto.tsx";
import { ALTURA_SLOT } from "./model/janela.ts";

/** One row of the windowed agenda: `topo` is its offset in the day's list, `total` the day's size. */
export function SlotCard(props: { id: number; indice: number; total: number; topo: number }) {
  const { p, ui, presenca } = usePainel();
  const slot = () => p.agenda.state.slots[props.id];
  const droppable = createDroppable(props.id, { tipo: "slot" });
  const pend = () => p.agenda.pendentes[props.id] ?? 0;
  const ocupadas = () => slot().vagas_ocupadas + pend();
  const livres = () => Math.max(0, slot().livres - pend());
  const holder = () => p.leases.deQuem(`slot:${props.id}`);
  const veredito = createMemo(() => ui.veredito(props.id));
  const focado = () => ui.foco().zona === "agenda" && ui.foco().slot === props.indice;
  const sobre = () => presenca.presentes().filter((o) => !o.eu && o.slot === props.id);
  const estado = () => {
    const s = slot();
    if (s.status === "Cancelado" || s.dia_cancelado) return "Cancelado";
    if (livres() === 0) return "Lotado";
    return "Livre";
  };
  const encaixes = () => slot().encaixes ?? 0;
  const limiteEncaixe = () => slot().limite_encaixe ?? 0;
  const rotulo = () => {
    const s = slot();
    const v = veredito();
    return [
      `${s.hora.slice(0, 5)}, ${s.medico.nome}, tipo ${s.tiposlot.nome}`,
      `${ocupadas()} de ${s.limitevagas} vagas ocupadas, ${estado()}`,
      encaixes() ? `${encaixes()} encaixe(s)` : "",
      holder() ? `em uso por ${holder()}` : "",
      v ? (v.ok ? "pode receber o cartão" : `não pode receber: ${v.motivo}`) : "",
    ].filter(Boolean).join("; ");
  };
  const borda = () => {
    const v = veredito();
    if (droppable.isActiveDroppable && v) {
      return v.ok ? "ring-4 ring-green-600" : "ring-4 ring-red-600";
    }
    if (v) return v.ok ? "ring-2 ring-green-600" : "opacity-60";
    if (focado()) return "ring-2 ring-brand-500";
    return "";
  };
  return (
    <li
      ref={droppable.ref}
      id={`slot-${props.id}`}
      data-slot={props.id}
      tabindex={focado() ? 0 : -1}
      onFocus={(e) => e.target === e.currentTarget && ui.focar("agenda", props.indice)}
      aria-label={rotulo()}
      aria-setsize={props.total}
      aria-posinset={props.indice + 1}
      style={{ top: `${props.topo}px`, height: `${ALTURA_SLOT - 6}px` }}
      class={`absolute inset-x-0 flex items-center gap-3 rounded-lg border p-2 text-sm ${
        holder() ? "border-amber-400 bg-amber-50" : "border-slate-200 bg-white"
      } ${borda()}`}
    >
      <span
        class="h-10 w-1.5 shrink-0 rounded"
        style={{ background: slot().tiposlot.cor }}
        aria-hidden="true"
      />
      <div class="w-12 font-mono font-semibold">{slot().hora.slice(0, 5)}</div>
      <div class="min-w-0 flex-1">
        <div class="truncate font-medium">{slot().medico.nome}</div>
        <div class="truncate text-xs text-ink-muted">
          {slot().especialidade.nome} · {slot().tiposlot.nome}
          <Show when={slot().consultorio}>{(c) => <>· {c().nome}</>}</Show>
        </div>
      </div>
      <Show when={sobre().length}>
        <span class="text-xs font-semibold" style={{ color: sobre()[0].cor }}>
          {sobre()[0].nome} aqui
        </span>
      </Show>
      <Show when={holder()}>
        <span class="rounded bg-amber-100 px-1.5 py-0.5 text-xs text-amber-900" data-slot-holder>
          Em uso por {holder()}
        </span>
      </Show>
      <Show when={encaixes()}>
        <button
          type="button"
          tabindex="-1"
          class="rounded border border-red-300 bg-red-100 px-1.5 py-0.5 text-xs font-semibold text-red-800"
          onClick={() => ui.abrirEncaixes(props.id)}
          data-encaixes
        >
          +{encaixes()}
          {limiteEncaixe() ? `/${limiteEncaixe()}` : ""} encaixe
          <span class="sr-only">: ver motivos</span>
        </button>
      </Show>
      <span
        class={`rounded px-2 py-0.5 text-xs font-semibold ${
          estado() === "Livre"
            ? "bg-livre-bg text-livre"
            : estado() === "Lotado"
            ? "bg-cheio-bg text-cheio"
            : "bg-cancelado-bg text-cancelado"
        }`}
        data-vagas
      >
        {ocupadas()}/{slot().limitevagas} · {estado()}
      </span>
      <Show when={ui.podeEscrever() && estado() === "Livre" && !holder()}>
        <button
          type="button"
          class="btn btn-secondary btn-sm"
          tabindex="-1"
          aria-label={`Agendar paciente às ${slot().hora.slice(0, 5)} com ${slot().medico.nome}`}
          onClick={() => ui.abrirAgendar(props.id)}
        >
          Agendar
        </button>
      </Show>
      <Show
        when={ui.podeEncaixar() && estado() === "Lotado" && encaixes() < limiteEncaixe() &&
          !holder()}
      >
        <button
          type="button"
          class="btn btn-secondary btn-sm"
          tabindex="-1"
          aria-label={`Encaixe às ${slot().hora.slice(0, 5)} com ${slot().medico.nome}`}
          onClick={() => ui.abrirAgendar(props.id, true)}
        >
          Encaixe
        </button>
      </Show>
      <Show when={veredito() && !veredito()!.ok && droppable.isActiveDroppable}>
        <span class="absolute -bottom-5 left-2 z-10 rounded bg-red-700 px-2 py-0.5 text-xs text-white">
          {(veredito() as { motivo: string }).motivo}
        </span>
      </Show>
    </li>
  );
}
