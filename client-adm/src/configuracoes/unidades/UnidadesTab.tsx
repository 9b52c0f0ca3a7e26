/**
 * Unidades de saúde: list with status filter, create/edit (tipo, address, hours, time zone),
 * consultórios inline, inativar/reativar. Read-only without `configurar`; live on `config`.
 */
import { createSignal, For } from "solid-js";
import type { Unidade } from "../../../../server/modules/unidades/schemas.ts";
import { StatusBadge, type StatusFiltro } from "../../../../client-shared/ui/status.tsx";
import { useApp } from "../../app/context.tsx";
import { CadastroLista } from "../CadastroLista.tsx";
import { createLiveList } from "../live_list.ts";
import { RowActions } from "../row_actions.tsx";
import { listingGrades } from "./grades_em_uso.ts";
import { DIAS } from "./horarios.ts";
import { UnidadeForm } from "./UnidadeForm.tsx";

const endereco = (u: Unidade) =>
  [
    [u.logradouro, u.numero].filter(Boolean).join(", "),
    u.bairro,
    [u.cidade, u.uf].filter(Boolean).join("/"),
  ].filter(Boolean).join(" – ") || "—";

/** "Seg–Sex 08:00–17:00" style summary of the effective hours. */
function horarioResumo(u: Unidade): string {
  const parts: string[] = [];
  for (const d of DIAS) {
    const h = u.horarios[String(d.value) as "1"];
    if (h) parts.push(`${d.label.slice(0, 3)} ${h.abertura}–${h.fechamento}`);
  }
  return parts.length ? parts.join(", ") : "Fechada";
}

export default function UnidadesTab() {
  const app = useApp();
  const [status, setStatus] = createSignal<StatusFiltro>("Ativo");
  const list = createLiveList(
    () => ({ status: status() }),
    (q) => app.api.call("GET /api/unidades", { query: q }) as Promise<Unidade[]>,
    ["unidade", "consultorio", "clinica_configuracao"],
    "unidadeid",
  );
  const id = (u: Unidade) => ({ params: { id: u.unidadeid } });

  return (
    <CadastroLista
      title="Unidades"
      description="Unidades de saúde, endereço, horário de funcionamento e consultórios."
      newLabel="Nova unidade"
      editTitle={(u) => `Editar ${u.nome}`}
      empty="Nenhuma unidade encontrada."
      status={status()}
      onStatus={setStatus}
      list={list}
      rowKey={(u) => u.unidadeid}
      modalSize="max-w-4xl"
      columns={[
        {
          header: "Nome",
          cell: (u) => (
            <div>
              <span class="font-semibold">{u.nome}</span>
              <span class="block text-xs text-ink-muted">{u.tipo}</span>
            </div>
          ),
        },
        { header: "Endereço", cell: endereco },
        { header: "Horário", cell: (u) => <span class="text-xs">{horarioResumo(u)}</span> },
        {
          header: "Consultórios",
          cell: (u) => (
            <ul class="text-xs">
              <For each={u.consultorios}>
                {(c) => (
                  <li class={c.status === "Ativo" ? "" : "text-ink-muted line-through"}>
                    {c.nome}
                  </li>
                )}
              </For>
            </ul>
          ),
        },
        { header: "Status", cell: (u) => <StatusBadge status={u.status} /> },
      ]}
      actions={(u, edit) => (
        <RowActions
          name={`unidade ${u.nome}`}
          feminino
          status={u.status}
          onEdit={edit}
          consequence="Não é possível inativar enquanto grades ativas a utilizam."
          inativar={() => listingGrades(() => app.api.call("DELETE /api/unidades/:id", id(u)))}
          reativar={() => app.api.call("PATCH /api/unidades/:id/reativar", id(u))}
        />
      )}
      form={(u, done, live) => (
        <UnidadeForm unidade={u} consultorios={live()?.consultorios} onDone={done} />
      )}
    />
  );
}
