/**
 * Right 40 %: the waiting queue with the spec's filters (prioridade, especialidade, unidade,
 * médico, status), one page of cards, paging for long queues, and the selected patient's details.
 */
import { For, Show } from "solid-js";
import { SelectField } from "../../../client-shared/ui/fields.tsx";
import { BacklogCard } from "./BacklogCard.tsx";
import { usePainel } from "./contexto.tsx";
import { DetalhesPaciente } from "./DetalhesPaciente.tsx";
import { type BacklogFiltro, paginas, PRIORIDADES, type StatusFiltro } from "./model/backlog.ts";
import type { Prioridade } from "./model/types.ts";

const STATUS: { value: StatusFiltro; label: string }[] = [
  { value: "Pendente", label: "Pendente (na fila)" },
  { value: "Aguardando Confirmação", label: "Aguardando confirmação" },
  { value: "abertos", label: "Em aberto (pendente + aguardando)" },
  { value: "Agendado", label: "Agendado" },
  { value: "Recusado", label: "Recusado" },
  { value: "Cancelado", label: "Cancelado" },
  { value: "todos", label: "Todos" },
];

export interface FiltroProps {
  filtro: BacklogFiltro;
  mudar: <K extends keyof BacklogFiltro>(k: K, v: BacklogFiltro[K]) => void;
  adicionar: () => void;
}

const num = (v: string) => (v ? Number(v) : undefined);

export function FilaColuna(props: FiltroProps) {
  const { p, listas, ui } = usePainel();
  const opcoes = (l: { id: number; nome: string }[] | undefined, todos: string) => [
    { value: "", label: todos },
    ...(l ?? []).map((o) => ({ value: String(o.id), label: o.nome })),
  ];
  const visiveis = () => p.fila.visiveis();
  return (
    <section aria-labelledby="fila-titulo" class="flex min-h-0 flex-col">
      <div class="mb-2 flex items-center gap-2">
        <h2 id="fila-titulo" class="text-lg font-bold">Fila de espera</h2>
        <span class="text-sm text-ink-muted" data-total-fila>
          {p.fila.state.total} {p.fila.state.total === 1 ? "solicitação" : "solicitações"}
        </span>
        <Show when={ui.podeEscrever()}>
          <button type="button" class="btn btn-primary btn-sm ml-auto" onClick={props.adicionar}>
            Adicionar à fila
          </button>
        </Show>
      </div>
      <div
        class="mb-2 grid grid-cols-2 gap-2 text-sm xl:grid-cols-3"
        role="group"
        aria-label="Filtros da fila"
      >
        <SelectField
          label="Prioridade"
          value={props.filtro.prioridade ?? ""}
          onChange={(v) => props.mudar("prioridade", (v || undefined) as Prioridade | undefined)}
          options={[
            { value: "", label: "Todas" },
            ...PRIORIDADES.map((x) => ({ value: x, label: x })),
          ]}
        />
        <SelectField
          label="Status"
          value={props.filtro.status}
          onChange={(v) => props.mudar("status", v as StatusFiltro)}
          options={STATUS}
        />
        <SelectField
          label="Especialidade"
          value={String(props.filtro.especialidadeid ?? "")}
          onChange={(v) => props.mudar("especialidadeid", num(v))}
          options={opcoes(listas.especialidades(), "Todas")}
        />
        <SelectField
          label="Unidade"
          value={String(props.filtro.unidadeid ?? "")}
          onChange={(v) => props.mudar("unidadeid", num(v))}
          options={opcoes(listas.unidades(), "Todas")}
        />
        <SelectField
          label="Médico"
          value={String(props.filtro.medicoid ?? "")}
          onChange={(v) => props.mudar("medicoid", num(v))}
          options={opcoes(listas.medicosDe(props.filtro.especialidadeid), "Todos")}
        />
      </div>
      <Show when={p.fila.erro()}>
        <p role="alert" class="text-sm text-red-700">{p.fila.erro()}</p>
      </Show>
      <div class="min-h-0 flex-1 overflow-y-auto px-1" data-fila>
        <Show
          when={visiveis().length}
          fallback={
            <p class="p-4 text-sm text-ink-muted">
              {p.fila.carregando() ? "Carregando fila…" : "Nenhuma solicitação com estes filtros."}
            </p>
          }
        >
          <ul class="flex flex-col gap-2" aria-label="Solicitações na fila">
            <For each={visiveis()}>{(id, i) => <BacklogCard id={id} indice={i()} />}</For>
          </ul>
        </Show>
      </div>
      <Show when={paginas(p.fila.state) > 1}>
        <nav aria-label="Páginas da fila" class="mt-2 flex items-center justify-between text-sm">
          <button
            type="button"
            class="btn btn-secondary btn-sm"
            disabled={p.fila.state.page <= 1}
            onClick={() => p.fila.pagina(p.fila.state.page - 1)}
          >
            Anterior
          </button>
          <span aria-live="polite">
            Página {p.fila.state.page} de {paginas(p.fila.state)}
          </span>
          <button
            type="button"
            class="btn btn-secondary btn-sm"
            disabled={p.fila.state.page >= paginas(p.fila.state)}
            onClick={() => p.fila.pagina(p.fila.state.page + 1)}
          >
            Próxima
          </button>
        </nav>
      </Show>
      <DetalhesPaciente />
    </section>
  );
}
