/**
 * Manual allocation in three steps (spec: data → unidade → horário). Step 2 lists the unidades
 * with free places of the item's especialidade on that date; step 3 their slots, each marked
 * eligible or not with the reason; confirming proposes it like a drop.
 */
import { createMemo, createResource, createSignal, For, Show } from "solid-js";
import { usePainel } from "../contexto.tsx";
import type { SlotDayResponse } from "../model/agenda.ts";
import { podeSoltar } from "../model/elegibilidade.ts";
import type { BacklogItem, Slot } from "../model/types.ts";
import { Modal } from "./Modal.tsx";

export function AlocacaoManual(
  props: { item: BacklogItem | null; dia: string; fechar: () => void },
) {
  const { p } = usePainel();
  const [passo, setPasso] = createSignal(1);
  const [data, setData] = createSignal(props.dia);
  const [unidade, setUnidade] = createSignal<number | null>(null);
  const [dia] = createResource(
    () => (passo() >= 2 && props.item ? { data: data(), esp: props.item.especialidadeid } : null),
    ({ data, esp }) =>
      p.api.request<SlotDayResponse>("GET", `/api/slots?data=${data}&especialidadeid=${esp}`),
  );
  const [tipos] = createResource(() => props.item?.pacienteid, (id) => p.carregarTipos(id));
  const slots = createMemo(() => (dia()?.grupos ?? []).flatMap((g) => g.slots as Slot[]));
  const unidades = createMemo(() => {
    const m = new Map<number, { id: number; nome: string; livres: number }>();
    for (const s of slots()) {
      const u = m.get(s.unidade.unidadeid) ??
        { id: s.unidade.unidadeid, nome: s.unidade.nome, livres: 0 };
      u.livres += s.livres;
      m.set(u.id, u);
    }
    return [...m.values()].filter((u) => u.livres > 0);
  });
  const horarios = () => slots().filter((s) => s.unidade.unidadeid === unidade());
  const fechar = () => {
    setPasso(1);
    setUnidade(null);
    props.fechar();
  };
  const escolher = async (s: Slot) => {
    const it = props.item!;
    fechar();
    await p.alocar(it, s.slotagendaid);
  };
  return (
    <Modal
      aberto={props.item !== null}
      fechar={fechar}
      titulo={`Alocação manual — passo ${passo()} de 3`}
      descricao={props.item ? `${props.item.paciente_nome} · ${props.item.especialidade_nome}` : ""}
    >
      <ol class="mb-3 flex gap-2 text-xs font-semibold" aria-label="Passos">
        {["Data", "Unidade", "Horário"].map((n, i) => (
          <li
            class={`rounded px-2 py-1 ${
              passo() === i + 1 ? "bg-brand-600 text-white" : "bg-slate-100"
            }`}
            aria-current={passo() === i + 1 ? "step" : undefined}
          >
            {i + 1}. {n}
          </li>
        ))}
      </ol>
      <Show when={passo() === 1}>
        <label class="label" for="manual-data">Data</label>
        <input
          id="manual-data"
          type="date"
          class="input"
          value={data()}
          onChange={(e) => setData(e.currentTarget.value)}
        />
        <div class="mt-4 flex justify-end">
          <button
            type="button"
            class="btn btn-primary"
            disabled={!data()}
            onClick={() => setPasso(2)}
          >
            Próximo
          </button>
        </div>
      </Show>
      <Show when={passo() === 2}>
        <Show when={!dia.loading} fallback={<p class="text-sm">Carregando…</p>}>
          <Show
            when={unidades().length}
            fallback={<p class="text-sm">Nenhuma unidade com vaga livre nesta data.</p>}
          >
            <ul class="flex flex-col gap-1.5" aria-label="Unidades com vagas">
              <For each={unidades()}>
                {(u) => (
                  <li>
                    <button
                      type="button"
                      class="btn btn-secondary w-full !justify-between"
                      onClick={() => {
                        setUnidade(u.id);
                        setPasso(3);
                      }}
                    >
                      <span>{u.nome}</span>
                      <span class="text-xs text-ink-muted">{u.livres} vaga(s) livre(s)</span>
                    </button>
                  </li>
                )}
              </For>
            </ul>
          </Show>
        </Show>
        <div class="mt-4 flex justify-start">
          <button type="button" class="btn btn-secondary" onClick={() => setPasso(1)}>
            Voltar
          </button>
        </div>
      </Show>
      <Show when={passo() === 3}>
        <ul class="flex max-h-80 flex-col gap-1.5 overflow-y-auto" aria-label="Horários">
          <For each={horarios()}>
            {(s) => {
              const v = () => podeSoltar(props.item!, s, { tiposPaciente: tipos() });
              return (
                <li>
                  <button
                    type="button"
                    class="btn btn-secondary w-full !justify-between"
                    disabled={!v().ok}
                    onClick={() => escolher(s)}
                  >
                    <span>
                      {s.hora.slice(0, 5)} — {s.medico.nome} ({s.tiposlot.nome})
                    </span>
                    <span class="text-xs">
                      {v().ok ? `${s.livres} livre(s)` : (v() as { motivo: string }).motivo}
                    </span>
                  </button>
                </li>
              );
            }}
          </For>
        </ul>
        <div class="mt-4 flex justify-start">
          <button type="button" class="btn btn-secondary" onClick={() => setPasso(2)}>
            Voltar
          </button>
        </div>
      </Show>
    </Modal>
  );
}
