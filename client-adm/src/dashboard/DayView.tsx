/** The day's slots grouped by hour: médico, tipo de slot (its colour and name), places. */
import { For, Show } from "solid-js";
import { Empty } from "../../../client-shared/ui/fields.tsx";
import type { Calendar } from "./calendar_store.ts";
import type { SlotRow } from "./types.ts";

function SlotLine(props: { s: SlotRow }) {
  const s = () => props.s;
  const full = () => s().livres === 0 && s().status !== "Cancelado";
  return (
    <li
      class="flex items-center gap-3 rounded-md border border-slate-200 bg-white px-3 py-2"
      data-slot={s().slotagendaid}
    >
      <span
        class="h-8 w-1.5 shrink-0 rounded"
        style={{ background: s().tiposlot.cor }}
        aria-hidden="true"
      />
      <span class="w-12 font-mono text-sm font-semibold">{s().hora.slice(0, 5)}</span>
      <span class="flex-1 text-sm">
        <span class="font-semibold">{s().medico.nome}</span>
        <span class="text-ink-muted">{` · ${s().especialidade.nome} · ${s().unidade.nome}`}</span>
      </span>
      <span class="rounded bg-slate-100 px-2 py-0.5 text-xs font-medium">
        {s().tiposlot.nome}
      </span>
      <Show when={s().encaixes}>
        <span
          class="rounded border border-red-300 bg-red-100 px-2 py-0.5 text-xs font-bold text-red-800"
          data-encaixes
        >
          +{s().encaixes} encaixe{s().encaixes > 1 ? "s" : ""}
        </span>
      </Show>
      <span
        class={`w-28 text-right text-sm font-semibold ${full() ? "text-cheio" : "text-livre"}`}
        data-vagas
      >
        {s().status === "Cancelado"
          ? "Cancelado"
          : `${s().vagas_ocupadas}/${s().limitevagas} ocupadas`}
      </span>
    </li>
  );
}

export function DayView(props: { cal: Calendar }) {
  return (
    <Show
      when={props.cal.slotDay()?.grupos.length}
      fallback={<Empty>Nenhum horário neste dia para os filtros escolhidos.</Empty>}
    >
      <div class="space-y-4">
        <For each={props.cal.slotDay()!.grupos}>
          {(g) => (
            <section aria-label={`Horários das ${g.hora}`}>
              <h3 class="mb-1 flex items-baseline gap-2 text-sm font-bold">
                {g.hora}
                <span class="text-xs font-normal text-ink-muted">
                  {g.totais.livres} livres · {g.totais.ocupadas} ocupadas
                </span>
              </h3>
              <ul class="space-y-1">
                <For each={g.slots}>{(s) => <SlotLine s={s} />}</For>
              </ul>
            </section>
          )}
        </For>
      </div>
    </Show>
  );
}
