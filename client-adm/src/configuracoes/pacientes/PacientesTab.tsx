/**
 * Pacientes tab: counts (total, ativos, inativos, telefone validado), search by name or CPF,
 * status filter, the paginated list and the record (create, edit, phone validation by SMS,
 * inativar/reativar, ficha clínica and planos). Reads need `ler`; writes `pacientes`.
 * Live: any event on topic `pacientes` reloads the counts and the page on screen.
 */
import { createResource, createSignal, For, Show } from "solid-js";
import { useApp } from "../../app/context.tsx";
import { DataTable } from "../../../../client-shared/ui/DataTable.tsx";
import { Pager } from "../../../../client-shared/ui/Pager.tsx";
import { PageHeader } from "../../../../client-shared/ui/form.tsx";
import {
  StatusBadge,
  StatusFilter,
  type StatusFiltro,
} from "../../../../client-shared/ui/status.tsx";
import { digits, looksLikeCpf, maskCpf, maskTelefone } from "../../../../client-shared/masks.ts";
import { PacienteModal } from "./PacienteModal.tsx";
import { FuncionarioBadge, type PacienteRow } from "./shared.tsx";

const LIMIT = 20;

export default function PacientesTab() {
  const app = useApp();
  const [busca, setBusca] = createSignal("");
  const [termo, setTermo] = createSignal("");
  const [status, setStatus] = createSignal<StatusFiltro>("Ativo");
  const [page, setPage] = createSignal(1);
  const [aberto, setAberto] = createSignal<number | "novo" | null>(null);

  const query = () => {
    const t = termo();
    const cpf = looksLikeCpf(t) ? digits(t) : undefined;
    return { search: cpf ? undefined : t || undefined, cpf, status: status(), page: page() };
  };
  const [stats, { refetch: refetchStats }] = createResource(() =>
    app.api.call("GET /api/pacientes/stats")
  );
  const [lista, { refetch }] = createResource(
    query,
    (q) => app.api.call("GET /api/pacientes", { query: { ...q, limit: LIMIT } }),
  );

  let timer: ReturnType<typeof setTimeout> | undefined;
  const reload = () => {
    clearTimeout(timer);
    timer = setTimeout(() => {
      refetch();
      refetchStats();
    }, 250);
  };
  app.live.watch(() => ["pacientes"], { onEvent: reload, onReload: reload });

  const buscar = (e: Event) => {
    e.preventDefault();
    setPage(1);
    setTermo(busca().trim());
  };

  const STATS: { key: keyof NonNullable<ReturnType<typeof stats>>; label: string }[] = [
    { key: "total", label: "Total" },
    { key: "ativos", label: "Ativos" },
    { key: "inativos", label: "Inativos" },
    { key: "telefone_validado", label: "Telefone validado" },
  ];

  return (
    <div>
      <PageHeader
        title="Pacientes"
        description="Cadastro dos pacientes atendidos pela clínica."
        actions={
          <Show when={app.can("pacientes")}>
            <button type="button" class="btn btn-primary" onClick={() => setAberto("novo")}>
              Novo paciente
            </button>
          </Show>
        }
      />
      <dl class="mb-4 grid grid-cols-2 gap-3 sm:grid-cols-4" aria-label="Estatísticas de pacientes">
        <For each={STATS}>
          {(s) => (
            <div class="card p-3" data-stat={s.key}>
              <dt class="text-sm text-ink-muted">{s.label}</dt>
              <dd class="text-2xl font-bold">
                {stats.error ? "—" : stats.latest?.[s.key] ?? "…"}
              </dd>
            </div>
          )}
        </For>
      </dl>
      <form role="search" class="mb-3 flex flex-wrap items-end gap-3" onSubmit={buscar}>
        <div>
          <label class="label" for="busca-paciente">Nome ou CPF</label>
          <input
            id="busca-paciente"
            class="input w-72"
            type="search"
            value={busca()}
            onInput={(e) => {
              const v = e.currentTarget.value;
              setBusca(looksLikeCpf(v) ? maskCpf(v) : v);
              if (!v.trim()) {
                setPage(1);
                setTermo("");
              }
            }}
          />
        </div>
        <button type="submit" class="btn btn-secondary">Buscar</button>
        <StatusFilter
          value={status()}
          onChange={(v) => {
            setPage(1);
            setStatus(v);
          }}
        />
      </form>
      <DataTable<PacienteRow>
        caption="Pacientes"
        rows={lista.latest?.items}
        loading={lista.loading}
        error={lista.error}
        onRetry={refetch}
        empty={termo() ? "Nenhum paciente encontrado para a busca." : "Nenhum paciente cadastrado."}
        rowKey={(p) => p.pacienteid}
        rowClass={(p) => (p.status === "Inativo" ? "text-ink-muted" : "")}
        columns={[
          {
            header: "Nome",
            cell: (p) => (
              <span class="flex flex-wrap items-center gap-2">
                <button
                  type="button"
                  class="text-left font-semibold text-brand-800 underline-offset-2 hover:underline"
                  onClick={() => setAberto(p.pacienteid)}
                >
                  {p.nomecompleto}
                </button>
                <Show when={p.funcionario}>
                  <FuncionarioBadge />
                </Show>
              </span>
            ),
          },
          { header: "CPF", cell: (p) => maskCpf(p.cpf), class: "whitespace-nowrap" },
          {
            header: "Telefone",
            class: "whitespace-nowrap",
            cell: (p) =>
              p.telefone
                ? (
                  <span>
                    {maskTelefone(p.telefone)}
                    <Show when={p.telefone_validado}>
                      <span class="ml-1 font-semibold text-livre" title="Telefone validado">
                        ✓<span class="sr-only">validado</span>
                      </span>
                    </Show>
                  </span>
                )
                : "—",
          },
          { header: "Tipo", cell: (p) => p.tipo },
          { header: "Status", cell: (p) => <StatusBadge status={p.status} /> },
        ]}
      />
      <Show when={!lista.error && lista.latest}>
        {(l) => <Pager page={l().page} limit={l().limit} total={l().total} onPage={setPage} />}
      </Show>
      <Show when={aberto()} keyed>
        {(id) => (
          <PacienteModal
            id={id === "novo" ? null : id}
            onClose={() => setAberto(null)}
            onSaved={(p) => {
              setAberto(p.pacienteid);
              reload();
            }}
          />
        )}
      </Show>
    </div>
  );
}
