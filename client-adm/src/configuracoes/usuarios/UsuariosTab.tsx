/**
 * Usuários tab (administrador_master, permission `usuarios`): the staff list with search and
 * perfil/status filters, paginated; create (the server e-mails a temporary password and the
 * first-access link), edit (nome, e-mail, cargo, perfil, ativo) and resend the first access.
 * The API's rules (the last active master stays; nobody demotes or deactivates themselves) come
 * back as messages shown in the form. Live: topic `admin`.
 */
import { createResource, createSignal, Show } from "solid-js";
import { useApp } from "../../app/context.tsx";
import { type Role, ROLE_LABEL } from "../../app/types.ts";
import { DataTable } from "../../../../client-shared/ui/DataTable.tsx";
import { Pager } from "../../../../client-shared/ui/Pager.tsx";
import { PageHeader } from "../../../../client-shared/ui/form.tsx";
import { SelectField } from "../../../../client-shared/ui/fields.tsx";
import { formatDateTime } from "../../../../client-shared/format.ts";
import { UsuarioModal } from "./UsuarioModal.tsx";
import { ROLES, type Usuario } from "./shared.ts";

const LIMIT = 20;

export default function UsuariosTab() {
  const app = useApp();
  const [busca, setBusca] = createSignal("");
  const [termo, setTermo] = createSignal("");
  const [role, setRole] = createSignal<Role | "">("");
  const [status, setStatus] = createSignal<"Ativo" | "Inativo" | "todos">("todos");
  const [page, setPage] = createSignal(1);
  const [aberto, setAberto] = createSignal<Usuario | "novo" | null>(null);

  const [lista, { refetch }] = createResource(
    () => ({
      search: termo() || undefined,
      role: role() || undefined,
      status: status(),
      page: page(),
    }),
    (q) => app.api.call("GET /api/usuarios", { query: { ...q, limit: LIMIT } }),
  );
  let timer: ReturnType<typeof setTimeout> | undefined;
  const reload = () => {
    clearTimeout(timer);
    timer = setTimeout(() => refetch(), 250);
  };
  app.live.watch(() => ["admin"], {
    onEvent: (ev) => ev.entity === "usuario" && reload(),
    onReload: reload,
  });

  return (
    <div>
      <PageHeader
        title="Usuários"
        description="Equipe com acesso ao painel administrativo."
        actions={
          <button type="button" class="btn btn-primary" onClick={() => setAberto("novo")}>
            Novo usuário
          </button>
        }
      />
      <form
        role="search"
        class="mb-3 flex flex-wrap items-end gap-3"
        onSubmit={(e) => {
          e.preventDefault();
          setPage(1);
          setTermo(busca().trim());
        }}
      >
        <div>
          <label class="label" for="busca-usuario">Nome, e-mail ou CPF</label>
          <input
            id="busca-usuario"
            class="input w-64"
            type="search"
            value={busca()}
            onInput={(e) => setBusca(e.currentTarget.value)}
          />
        </div>
        <button type="submit" class="btn btn-secondary">Buscar</button>
        <SelectField
          label="Perfil"
          value={role()}
          onChange={(v) => {
            setPage(1);
            setRole(v as Role | "");
          }}
          options={[
            { value: "", label: "Todos" },
            ...ROLES.map((r) => ({ value: r, label: ROLE_LABEL[r] })),
          ]}
        />
        <SelectField
          label="Status"
          value={status()}
          onChange={(v) => {
            setPage(1);
            setStatus(v as "Ativo" | "Inativo" | "todos");
          }}
          options={[
            { value: "todos", label: "Todos" },
            { value: "Ativo", label: "Ativos" },
            { value: "Inativo", label: "Inativos" },
          ]}
        />
      </form>
      <DataTable<Usuario>
        caption="Usuários"
        rows={lista.latest?.items}
        loading={lista.loading}
        error={lista.error}
        onRetry={refetch}
        empty="Nenhum usuário encontrado."
        rowKey={(u) => u.usuarioid}
        rowClass={(u) => (u.ativo ? "" : "text-ink-muted")}
        columns={[
          {
            header: "Nome",
            cell: (u) => (
              <button
                type="button"
                class="text-left font-semibold text-brand-800 underline-offset-2 hover:underline"
                onClick={() => setAberto(u)}
              >
                {u.nome}
              </button>
            ),
          },
          { header: "E-mail", cell: (u) => u.email },
          { header: "Perfil", cell: (u) => ROLE_LABEL[u.role] },
          { header: "Cargo", cell: (u) => u.cargo ?? "—" },
          {
            header: "Situação",
            cell: (u) =>
              !u.ativo ? "Inativo" : u.primeiro_acesso ? "Aguardando primeiro acesso" : "Ativo",
          },
          {
            header: "Último acesso",
            class: "whitespace-nowrap",
            cell: (u) => (u.ultimo_login ? formatDateTime(u.ultimo_login) : "—"),
          },
        ]}
      />
      <Show when={!lista.error && lista.latest}>
        {(l) => <Pager page={l().page} limit={l().limit} total={l().total} onPage={setPage} />}
      </Show>
      <Show when={aberto()} keyed>
        {(u) => (
          <UsuarioModal
            usuario={u === "novo" ? null : u}
            onClose={() => setAberto(null)}
            onSaved={(n) => {
              setAberto(n);
              reload();
            }}
          />
        )}
      </Show>
    </div>
  );
}
