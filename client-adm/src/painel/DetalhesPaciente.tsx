/**
 * The selected card's patient: CPF, telefone (validado ✓), tipo, vínculo, tipos de slot
 * elegíveis, tempo na fila and preferences (spec: "Detalhes do Paciente").
 */
import { createResource, For, Show } from "solid-js";
import { maskCpf, maskTelefone } from "../../../client-shared/masks.ts";
import { preferencias, PrioridadeSelo } from "./BacklogCard.tsx";
import { usePainel } from "./contexto.tsx";
import { tempoNaFila } from "./model/backlog.ts";

interface PacienteDetalhe {
  pacienteid: number;
  nomecompleto: string;
  cpf: string;
  telefone: string | null;
  telefone_validado: boolean;
  tipo: string;
  tipo_vinculo: string | null;
  tipos_slot: { tiposlotid: number; nome: string; cor: string }[];
}

export function DetalhesPaciente() {
  const { p, ui } = usePainel();
  const item = () => {
    const id = ui.selecionado();
    return id ? p.fila.state.items[id] : undefined;
  };
  const [pac] = createResource(
    () => item()?.pacienteid,
    (id) => p.api.request<PacienteDetalhe>("GET", `/api/pacientes/${id}`),
  );
  const tipos = () => {
    const it = item();
    if (!it) return [];
    const all = pac()?.tipos_slot ?? [];
    if (it.tipos_slot_elegiveis.length) {
      return it.tipos_slot_elegiveis.map((id) =>
        all.find((t) => t.tiposlotid === id)?.nome ?? `Tipo ${id}`
      );
    }
    return all.map((t) => t.nome);
  };
  return (
    <Show when={item()}>
      {(it) => (
        <aside
          aria-labelledby="detalhes-titulo"
          class="card mt-2 p-3 text-sm"
          data-detalhes
        >
          <div class="flex items-center gap-2">
            <h3 id="detalhes-titulo" class="min-w-0 flex-1 truncate font-bold">
              {it().paciente_nome}
            </h3>
            <PrioridadeSelo prioridade={it().prioridade} />
          </div>
          <dl class="mt-2 grid grid-cols-[auto_1fr] gap-x-3 gap-y-1">
            <dt class="text-ink-muted">CPF</dt>
            <dd>{maskCpf(it().paciente_cpf)}</dd>
            <dt class="text-ink-muted">Telefone</dt>
            <dd>
              <Show when={pac()?.telefone} fallback="Não informado">
                {maskTelefone(pac()!.telefone!)}{" "}
                <Show
                  when={pac()?.telefone_validado}
                  fallback={<span class="text-amber-800">(não validado)</span>}
                >
                  <span class="font-semibold text-green-700">✓ validado</span>
                </Show>
              </Show>
            </dd>
            <dt class="text-ink-muted">Tipo</dt>
            <dd>{pac()?.tipo ?? "…"}</dd>
            <dt class="text-ink-muted">Vínculo</dt>
            <dd>{pac()?.tipo_vinculo ?? "Nenhum"}</dd>
            <dt class="text-ink-muted">Tipos elegíveis</dt>
            <dd>
              <Show when={tipos().length} fallback="Todos os agendáveis">
                <For each={tipos()}>
                  {(t, i) => <>{i() ? ", " : ""}{t}</>}
                </For>
              </Show>
            </dd>
            <dt class="text-ink-muted">Tempo na fila</dt>
            <dd>{tempoNaFila(it().dias_espera)}</dd>
            <dt class="text-ink-muted">Preferências</dt>
            <dd>{preferencias(it())}</dd>
            <Show when={it().observacoes}>
              <dt class="text-ink-muted">Observações</dt>
              <dd>{it().observacoes}</dd>
            </Show>
          </dl>
        </aside>
      )}
    </Show>
  );
}
