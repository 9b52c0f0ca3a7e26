/**
 * "Modal de Detalhe do Dia": the day's agendamentos with their statistics (total, ativos,
 * cancelados, especialidades, médicos), filters (nome/CPF, status, especialidade, médico,
 * unidade), order (horário, data de cadastro, paciente, médico) and the actions per row.
 */
import { For, Match, Show, Switch } from "solid-js";
import { formatDayLong } from "../../../client-shared/format.ts";
import { Empty, ErrorBox, Loading } from "../../../client-shared/ui/fields.tsx";
import { Modal } from "../../../client-shared/ui/Modal.tsx";
import { SelectBox } from "../../../client-shared/ui/Select.tsx";
import { useApp } from "../app/context.tsx";
import { RefSelects } from "../app/FiltersBar.tsx";
import { AGENDAMENTO_STATUS_LIST } from "./status.ts";
import { AgendamentoItem } from "./AgendamentoItem.tsx";
import { createDayList, type Ordenar } from "./day_store.ts";

const ORDENS: { value: Ordenar; label: string }[] = [
  { value: "horario", label: "Horário" },
  { value: "data_cadastro", label: "Data de cadastro" },
  { value: "paciente", label: "Paciente" },
  { value: "medico", label: "Médico" },
];

function DayList(props: { day: string }) {
  const app = useApp();
  const list = createDayList(() => props.day, { ...app.filters.filters });
  const f = list.filters;
  const set = list.setFilters;
  return (
    <div>
      <Show when={list.stats()}>
        {(s) => (
          <dl class="mb-4 grid grid-cols-5 gap-2" data-testid="stats-modal">
            {([
              ["Total", s().total],
              ["Ativos", s().ativos],
              ["Cancelados", s().cancelados],
              ["Especialidades", s().especialidades],
              ["Médicos", s().medicos],
            ] as const).map(([k, v]) => (
              <div class="rounded-lg bg-surface-muted p-2 text-center">
                <dt class="text-xs text-ink-muted">{k}</dt>
                <dd class="text-xl font-bold" data-stat={k}>{v}</dd>
              </div>
            ))}
          </dl>
        )}
      </Show>
      <div
        class="mb-3 grid grid-cols-1 gap-3 sm:grid-cols-3"
        role="group"
        aria-label="Filtros do dia"
      >
        <div>
          <label class="label" for="dia-busca">Nome ou CPF</label>
          <input
            id="dia-busca"
            class="input"
            type="search"
            value={f.q}
            onInput={(e) => set("q", e.currentTarget.value)}
            placeholder="Buscar paciente"
          />
        </div>
        <SelectBox
          label="Status"
          emptyLabel="Todos os status"
          value={f.status}
          options={AGENDAMENTO_STATUS_LIST.map((x) => ({ value: x, label: x }))}
          onChange={(v) => set("status", v as typeof f.status)}
        />
        <SelectBox
          label="Ordenar por"
          value={f.ordenar}
          options={ORDENS}
          onChange={(v) => set("ordenar", v as Ordenar)}
        />
        <RefSelects value={f} set={(k, v) => set(k, v)} short />
      </div>
      <p class="sr-only" role="status" aria-live="polite">
        {list.loading() ? "Carregando agendamentos" : `${list.total()} agendamentos`}
      </p>
      <Switch>
        <Match when={list.error()}>
          <ErrorBox error={list.error()} onRetry={list.reload} />
        </Match>
        <Match when={list.loading() && !list.items().length}>
          <Loading label="Carregando agendamentos…" />
        </Match>
        <Match when={!list.items().length}>
          <Empty>Nenhum agendamento encontrado para este dia e filtros.</Empty>
        </Match>
        <Match when>
          <ul class="space-y-2" aria-label="Agendamentos do dia">
            <For each={list.items()}>
              {(a) => <AgendamentoItem a={a} onChanged={(row) => list.patch(row)} />}
            </For>
          </ul>
          <Show when={list.hasMore()}>
            <button
              type="button"
              class="btn btn-secondary mt-3 w-full"
              disabled={list.loading()}
              onClick={list.more}
            >
              Carregar mais ({list.items().length} de {list.total()})
            </button>
          </Show>
        </Match>
      </Switch>
    </div>
  );
}

export function DayModal(props: { day: string | null; onClose: () => void }) {
  return (
    <Modal
      open={props.day !== null}
      onOpenChange={(o) => !o && props.onClose()}
      title={props.day ? `Agendamentos de ${formatDayLong(props.day)}` : ""}
      description="Estatísticas, filtros e ações dos agendamentos do dia."
    >
      <Show when={props.day} keyed>{(d) => <DayList day={d} />}</Show>
    </Modal>
  );
}
