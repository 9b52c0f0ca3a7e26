/**
 * Tipos de slot: list with status filter, create/edit (nome, finalidade, canal, cor, agendável)
 * and soft delete / reactivation. Read-only without `configurar`; live on topic `config`.
 */
import { createSignal } from "solid-js";
import type { TipoSlot } from "../../../../server/modules/tipos_slot/schemas.ts";
import { StatusBadge, type StatusFiltro } from "../../../../client-shared/ui/status.tsx";
import { useApp } from "../../app/context.tsx";
import { CadastroLista } from "../CadastroLista.tsx";
import { createLiveList } from "../live_list.ts";
import { RowActions } from "../row_actions.tsx";
import { TipoSlotForm } from "./TipoSlotForm.tsx";

export default function TiposSlotTab() {
  const app = useApp();
  const [status, setStatus] = createSignal<StatusFiltro>("Ativo");
  const list = createLiveList(
    () => ({ status: status() }),
    (q) => app.api.call("GET /api/tipos-slot", { query: q }),
    ["tiposlot"],
    "tiposlotid",
  );
  const id = (t: TipoSlot) => ({ params: { id: t.tiposlotid } });

  return (
    <CadastroLista
      title="Tipos de slot"
      description="Categorias das vagas (Normal, Prioritário, Encaixe…), com cor e canal de origem."
      newLabel="Novo tipo de slot"
      editTitle={(t) => `Editar ${t.nome}`}
      empty="Nenhum tipo de slot encontrado."
      status={status()}
      onStatus={setStatus}
      list={list}
      rowKey={(t) => t.tiposlotid}
      columns={[
        {
          header: "Nome",
          cell: (t) => (
            <span class="flex items-center gap-2 font-semibold">
              <span
                class="inline-block h-3.5 w-3.5 rounded-full border border-slate-300"
                style={{ background: t.cor }}
                aria-hidden="true"
              />
              {t.nome}
            </span>
          ),
        },
        { header: "Finalidade", cell: (t) => t.finalidade ?? "—" },
        { header: "Canal", cell: (t) => t.canalorigem },
        { header: "Cor", cell: (t) => <span class="font-mono text-xs">{t.cor}</span> },
        { header: "Agendável", cell: (t) => (t.agendavel ? "Sim" : "Não") },
        { header: "Status", cell: (t) => <StatusBadge status={t.status} /> },
      ]}
      actions={(t, edit) => (
        <RowActions
          name={`tipo de slot ${t.nome}`}
          status={t.status}
          onEdit={edit}
          consequence="Novas vagas e cotas deixam de usar este tipo; as existentes ficam."
          inativar={() => app.api.call("DELETE /api/tipos-slot/:id", id(t))}
          reativar={() => app.api.call("PATCH /api/tipos-slot/:id/reativar", id(t))}
        />
      )}
      form={(t, done) => <TipoSlotForm tipo={t} onDone={done} />}
    />
  );
}
