/**
 * Médicos: paginated list filtered by especialidade, status and name/CRM; create/edit with photo;
 * inativar/reativar. Read-only without `configurar`; live on topic `config`.
 */
import { createEffect, createSignal, on, Show } from "solid-js";
import type { Medico } from "../../../../server/modules/medicos/schemas.ts";
import type { Especialidade } from "../../../../server/modules/especialidades/schemas.ts";
import type { Unidade } from "../../../../server/modules/unidades/schemas.ts";
import { SelectField } from "../../../../client-shared/ui/fields.tsx";
import { Pager } from "../../../../client-shared/ui/Pager.tsx";
import { StatusBadge, type StatusFiltro } from "../../../../client-shared/ui/status.tsx";
import { useApp } from "../../app/context.tsx";
import { CadastroLista } from "../CadastroLista.tsx";
import { createLiveList } from "../live_list.ts";
import { RowActions } from "../row_actions.tsx";
import { MedicoForm } from "./MedicoForm.tsx";

const LIMIT = 20;

export default function MedicosTab() {
  const app = useApp();
  const [status, setStatus] = createSignal<StatusFiltro>("Ativo");
  const [esp, setEsp] = createSignal("");
  const [busca, setBusca] = createSignal("");
  const [page, setPage] = createSignal(1);
  createEffect(on([status, esp, busca], () => setPage(1), { defer: true }));
  const page_ = createLiveList(
    () => ({
      status: status(),
      especialidadeid: esp() ? Number(esp()) : undefined,
      search: busca().trim() || undefined,
      page: page(),
      limit: LIMIT,
    }),
    (q) =>
      app.api.call("GET /api/medicos", { query: q }) as Promise<
        { items: Medico[]; total: number; page: number; limit: number }
      >,
    ["medico", "especialidade", "unidade"],
    "medicoid",
  );
  const especialidades = createLiveList(
    () => "todos" as const,
    (s) =>
      app.api.call("GET /api/especialidades", { query: { status: s } }) as Promise<
        Especialidade[]
      >,
    ["especialidade"],
  );
  const unidades = createLiveList(
    () => "Ativo" as const,
    (s) => app.api.call("GET /api/unidades", { query: { status: s } }) as Promise<Unidade[]>,
    ["unidade"],
  );
  const rows = { ...page_, data: () => page_.data()?.items };
  const id = (m: Medico) => ({ params: { id: m.medicoid } });

  return (
    <CadastroLista
      title="Médicos"
      description="Profissionais, suas especialidades, unidade e limite de vagas."
      newLabel="Novo médico"
      editTitle={(m) => `Editar ${m.nomecompleto}`}
      empty="Nenhum médico encontrado."
      status={status()}
      onStatus={setStatus}
      list={rows}
      rowKey={(m) => m.medicoid}
      modalSize="max-w-4xl"
      filters={
        <>
          <SelectField
            label="Especialidade"
            value={esp()}
            onChange={setEsp}
            options={[
              { value: "", label: "Todas" },
              ...(especialidades.data() ?? []).map((e) => ({
                value: String(e.especialidadeid),
                label: e.nome,
              })),
            ]}
          />
          <div>
            <label class="label" for="medicos-busca">Buscar</label>
            <input
              id="medicos-busca"
              type="search"
              class="input w-56"
              placeholder="Nome ou CRM"
              value={busca()}
              onChange={(e) => setBusca(e.currentTarget.value)}
            />
          </div>
        </>
      }
      columns={[
        {
          header: "Nome",
          cell: (m) => (
            <span class="flex items-center gap-2">
              <Show
                when={m.foto_url}
                fallback={<span class="h-8 w-8 rounded-full bg-slate-200" aria-hidden="true" />}
              >
                <img
                  src={m.foto_url!}
                  alt={`Foto de ${m.nomecompleto}`}
                  class="h-8 w-8 rounded-full object-cover"
                />
              </Show>
              <span class="font-semibold">{m.nomecompleto}</span>
            </span>
          ),
        },
        { header: "CRM", cell: (m) => `${m.crm}/${m.crm_uf}` },
        {
          header: "Especialidades",
          cell: (m) => m.especialidades.map((e) => e.nome).join(", ") || "—",
        },
        { header: "Unidade", cell: (m) => m.unidade_nome ?? "—" },
        { header: "Vagas", cell: (m) => m.limitevagas ?? "—", class: "text-right" },
        { header: "Status", cell: (m) => <StatusBadge status={m.status} /> },
      ]}
      actions={(m, edit) => (
        <RowActions
          name={`médico ${m.nomecompleto}`}
          status={m.status}
          onEdit={edit}
          consequence="Ele deixa de aparecer para novas grades e agendamentos."
          inativar={() => app.api.call("DELETE /api/medicos/:id", id(m))}
          reativar={() => app.api.call("PATCH /api/medicos/:id/reativar", id(m))}
        />
      )}
      footer={
        <Show when={page_.data()}>
          {(d) => (
            <Pager
              label="Paginação de médicos"
              page={d().page}
              limit={d().limit}
              total={d().total}
              onPage={setPage}
            />
          )}
        </Show>
      }
      form={(m, done) => (
        <MedicoForm
          medico={m}
          especialidades={(especialidades.data() ?? []).filter((e) =>
            e.status === "Ativo" ||
            m?.especialidades.some((x) => x.especialidadeid === e.especialidadeid)
          )}
          unidades={unidades.data() ?? []}
          onDone={done}
        />
      )}
    />
  );
}
