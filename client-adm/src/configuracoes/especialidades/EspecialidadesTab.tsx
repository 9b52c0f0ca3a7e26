/**
 * Especialidades: list with status filter, create/edit with the cotas editor, inativar/reativar.
 * Read-only for whoever lacks `configurar`; reloads when anyone changes configuration.
 */
import { createSignal, For, Show } from "solid-js";
import type { Especialidade } from "../../../../server/modules/especialidades/schemas.ts";
import { StatusBadge, type StatusFiltro } from "../../../../client-shared/ui/status.tsx";
import { useApp } from "../../app/context.tsx";
import { CadastroLista } from "../CadastroLista.tsx";
import { createLiveList } from "../live_list.ts";
import { RowActions } from "../row_actions.tsx";
import { EspecialidadeForm } from "./EspecialidadeForm.tsx";

export default function EspecialidadesTab() {
  const app = useApp();
  const [status, setStatus] = createSignal<StatusFiltro>("Ativo");
  const list = createLiveList(
    () => ({ status: status() }),
    (q) => app.api.call("GET /api/especialidades", { query: q }) as Promise<Especialidade[]>,
    ["especialidade", "tiposlot", "medico"],
    "especialidadeid",
  );
  const tipos = createLiveList(
    () => "Ativo" as const,
    (s) => app.api.call("GET /api/tipos-slot", { query: { status: s } }),
    ["tiposlot"],
  );
  const id = (e: Especialidade) => ({ params: { id: e.especialidadeid } });

  return (
    <CadastroLista
      title="Especialidades"
      description="Limite de vagas por grade e sua distribuição por tipo de slot (cotas)."
      newLabel="Nova especialidade"
      editTitle={(e) => `Editar ${e.nome}`}
      empty="Nenhuma especialidade encontrada."
      status={status()}
      onStatus={setStatus}
      list={list}
      rowKey={(e) => e.especialidadeid}
      columns={[
        { header: "Nome", cell: (e) => <span class="font-semibold">{e.nome}</span> },
        { header: "Vagas", cell: (e) => e.limitevagas, class: "text-right" },
        { header: "Duração", cell: (e) => `${e.duracao_minutos} min` },
        { header: "Cotas", cell: (e) => <CotasResumo e={e} /> },
        { header: "Médicos", cell: (e) => e.total_medicos, class: "text-right" },
        { header: "Status", cell: (e) => <StatusBadge status={e.status} /> },
      ]}
      actions={(e, edit) => (
        <RowActions
          name={`especialidade ${e.nome}`}
          feminino
          status={e.status}
          onEdit={edit}
          consequence="Ela deixa de ser oferecida em novas grades e solicitações."
          inativar={() => app.api.call("DELETE /api/especialidades/:id", id(e))}
          reativar={() => app.api.call("PATCH /api/especialidades/:id/reativar", id(e))}
        />
      )}
      form={(e, done) => (
        <EspecialidadeForm especialidade={e} tipos={tipos.data() ?? []} onDone={done} />
      )}
    />
  );
}

function CotasResumo(props: { e: Especialidade }) {
  return (
    <Show when={props.e.cotas.length > 0} fallback={<span class="text-ink-muted">—</span>}>
      <ul class="flex flex-wrap gap-1">
        <For each={props.e.cotas.filter((c) => c.vagas > 0)}>
          {(c) => (
            <li class="rounded bg-slate-100 px-1.5 py-0.5 text-xs">
              {c.vagas} {c.nome}
            </li>
          )}
        </For>
      </ul>
    </Show>
  );
}
