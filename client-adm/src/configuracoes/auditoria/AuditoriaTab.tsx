/**
 * Auditoria tab (permission `administrar`): the event log (`GET /api/auditoria`), newest first,
 * filtered by entidade (+ identificador), tipo de evento, autor (tipo + id) and período, paged by
 * cursor (`after` = the previous page's `next`); each row opens the before/after as a diff
 * table. Live: while on the first page, new events on the staff topics refresh it.
 */
import { createResource, createSignal, For, Show } from "solid-js";
import { createStore } from "solid-js/store";
import { useApp } from "../../app/context.tsx";
import { DataTable } from "../../../../client-shared/ui/DataTable.tsx";
import { Pager } from "../../../../client-shared/ui/Pager.tsx";
import { PageHeader } from "../../../../client-shared/ui/form.tsx";
import { SelectField, TextField } from "../../../../client-shared/ui/fields.tsx";
import { formatDateTime } from "../../../../client-shared/format.ts";
import type { Result } from "../../../../client-shared/api_client.ts";
import { checkWith, errorsOf, type FieldErrors } from "../../../../client-shared/forms.ts";
import { AUDIT_ENTITIES, AuditoriaQuery } from "../../../../server/modules/auditoria/schemas.ts";
import { diffLinhas, type LinhaDiff as LinhaDiffT } from "../../../../client-shared/audit_diff.ts";

type Evento = Result<"GET /api/auditoria">["items"][number];
const LIMIT = 25;
const ATOR: Record<string, string> = { admin: "Equipe", paciente: "Paciente", sistema: "Sistema" };

const VAZIO = {
  entity: "",
  entity_id: "",
  kind: "",
  actor_tipo: "",
  actor_id: "",
  de: "",
  ate: "",
};
type Filtros = typeof VAZIO;

export default function AuditoriaTab() {
  const app = useApp();
  const [form, setForm] = createStore<Filtros>({ ...VAZIO });
  const [filtros, setFiltros] = createSignal<Record<string, string | number>>({});
  // Cursors of the pages before the current one; the current page's own `after`.
  const [antes, setAntes] = createSignal<(number | undefined)[]>([]);
  const [after, setAfter] = createSignal<number | undefined>(undefined);
  const [errors, setErrors] = createSignal<FieldErrors>({});
  const [aberto, setAberto] = createSignal<number | null>(null);

  const [pagina, { refetch }] = createResource(
    () => ({ ...filtros(), after: after() }),
    (q) => app.api.call("GET /api/auditoria", { query: { ...q, limit: LIMIT } }),
  );

  let timer: ReturnType<typeof setTimeout> | undefined;
  app.live.watch(() => ["admin", "config", "pacientes", "backlog"], {
    onEvent: () => {
      if (after() !== undefined) return;
      clearTimeout(timer);
      timer = setTimeout(() => refetch(), 400);
    },
    onReload: () => refetch(),
  });

  const aplicar = (e: Event) => {
    e.preventDefault();
    const raw = Object.fromEntries(
      Object.entries(form).map(([k, v]) => [k, v.trim()]).filter(([, v]) => v !== ""),
    );
    const r = checkWith(AuditoriaQuery, raw);
    if (!r.ok) return setErrors(r.errors);
    setErrors({});
    setAntes([]);
    setAfter(undefined);
    setFiltros(raw);
  };
  const limpar = () => {
    setForm({ ...VAZIO });
    setErrors({});
    setAntes([]);
    setAfter(undefined);
    setFiltros({});
  };
  const err = (k: string) => errors()[k];
  const serverErr = () => (pagina.error ? errorsOf(pagina.error) : {});

  return (
    <div>
      <PageHeader
        title="Auditoria"
        description="Histórico de alterações: quem fez, quando e o que mudou."
      />
      <form class="mb-3" onSubmit={aplicar} novalidate aria-label="Filtros da auditoria">
        <div class="grid grid-cols-1 gap-x-3 sm:grid-cols-4">
          <div class="mb-4">
            <SelectField
              label="Entidade"
              value={form.entity}
              onChange={(v) => setForm("entity", v)}
              options={[
                { value: "", label: "Todas" },
                ...Object.entries(AUDIT_ENTITIES).map(([value, label]) => ({ value, label })),
              ]}
            />
          </div>
          <TextField
            label="Identificador da entidade"
            value={form.entity_id}
            onInput={(v) => setForm("entity_id", v)}
            error={err("entity_id") ?? serverErr().entity_id}
          />
          <TextField
            label="Tipo de evento"
            value={form.kind}
            onInput={(v) => setForm("kind", v)}
            placeholder="ex.: paciente.atualizado"
            error={err("kind") ?? serverErr().kind}
          />
          <div class="mb-4">
            <SelectField
              label="Autor"
              value={form.actor_tipo}
              onChange={(v) => setForm("actor_tipo", v)}
              options={[
                { value: "", label: "Todos" },
                ...Object.entries(ATOR).map(([value, label]) => ({ value, label })),
              ]}
            />
          </div>
          <TextField
            label="Id do autor"
            value={form.actor_id}
            inputMode="numeric"
            onInput={(v) => setForm("actor_id", v.replace(/\D/g, ""))}
            error={err("actor_id") ?? serverErr().actor_id}
          />
          <TextField
            label="De"
            type="date"
            value={form.de}
            onInput={(v) => setForm("de", v)}
            error={err("de") ?? serverErr().de}
          />
          <TextField
            label="Até"
            type="date"
            value={form.ate}
            onInput={(v) => setForm("ate", v)}
            error={err("ate") ?? serverErr().ate}
          />
          <div class="mb-4 flex items-end gap-2">
            <button type="submit" class="btn btn-primary">Filtrar</button>
            <button type="button" class="btn btn-secondary" onClick={limpar}>Limpar</button>
          </div>
        </div>
      </form>
      <DataTable<Evento>
        caption="Eventos de auditoria"
        rows={pagina.latest?.items}
        loading={pagina.loading}
        error={pagina.error}
        onRetry={refetch}
        empty="Nenhum evento com esses filtros."
        rowKey={(ev) => ev.id}
        columns={[
          { header: "Quando", class: "whitespace-nowrap", cell: (ev) => formatDateTime(ev.at) },
          {
            header: "Autor",
            cell: (ev) => (
              <span>
                {ev.actor.nome ?? ATOR[ev.actor.tipo]}
                <span class="block text-xs text-ink-muted">
                  {ATOR[ev.actor.tipo]}
                  {ev.actor.id ? ` nº ${ev.actor.id}` : ""}
                </span>
              </span>
            ),
          },
          { header: "Evento", cell: (ev) => <code class="text-xs">{ev.kind}</code> },
          { header: "Entidade", cell: (ev) => `${ev.entity} ${ev.entity_id}` },
          {
            header: "Alterações",
            cell: (ev) => (
              <div>
                <button
                  type="button"
                  class="btn btn-secondary btn-sm"
                  aria-expanded={aberto() === ev.id}
                  onClick={() => setAberto(aberto() === ev.id ? null : ev.id)}
                >
                  {aberto() === ev.id ? "Ocultar" : "Ver antes/depois"}
                  <span class="sr-only">do evento {ev.id}</span>
                </button>
                <Show when={aberto() === ev.id}>
                  <Diff before={ev.before} after={ev.after} />
                </Show>
              </div>
            ),
          },
        ]}
      />
      <Pager
        label="Páginas da auditoria"
        hasPrev={antes().length > 0}
        hasNext={!pagina.error && !!pagina.latest?.next}
        onPrev={() => {
          const stack = antes();
          setAfter(stack[stack.length - 1]);
          setAntes(stack.slice(0, -1));
        }}
        onNext={() => {
          setAntes([...antes(), after()]);
          setAfter(pagina.latest!.next!);
        }}
      />
    </div>
  );
}

function Diff(props: { before: unknown; after: unknown }) {
  const linhas = () => diffLinhas(props.before, props.after);
  const mudaram = () => linhas().filter((l) => l.mudou);
  const iguais = () => linhas().filter((l) => !l.mudou);
  return (
    <Show
      when={linhas().length}
      fallback={<p class="mt-2 text-ink-muted">Sem dados registrados.</p>}
    >
      <table class="mt-2 w-full min-w-80 border-collapse text-xs" aria-label="Antes e depois">
        <thead>
          <tr class="text-left text-ink-muted">
            <th scope="col" class="px-2 py-1">Campo</th>
            <th scope="col" class="px-2 py-1">Antes</th>
            <th scope="col" class="px-2 py-1">Depois</th>
          </tr>
        </thead>
        <tbody>
          <For each={mudaram()}>{(l) => <LinhaDiff l={l} />}</For>
        </tbody>
      </table>
      <Show when={iguais().length}>
        <details class="mt-1 text-xs">
          <summary class="cursor-pointer text-ink-muted">
            {iguais().length} campo(s) sem alteração
          </summary>
          <table class="w-full border-collapse" aria-label="Campos sem alteração">
            <tbody>
              <For each={iguais()}>{(l) => <LinhaDiff l={l} />}</For>
            </tbody>
          </table>
        </details>
      </Show>
    </Show>
  );
}

function LinhaDiff(props: { l: LinhaDiffT }) {
  const l = props.l;
  return (
    <tr class={l.mudou ? "bg-amber-50" : ""} data-mudou={l.mudou ? "sim" : "nao"}>
      <th scope="row" class="px-2 py-1 text-left font-semibold">{l.campo}</th>
      <td
        class={`break-all px-2 py-1 ${
          l.mudou ? "text-red-800 line-through decoration-red-400" : ""
        }`}
      >
        <span class="sr-only">antes:</span>
        {l.antes}
      </td>
      <td class={`break-all px-2 py-1 ${l.mudou ? "font-semibold text-green-900" : ""}`}>
        <span class="sr-only">depois:</span>
        {l.depois}
      </td>
    </tr>
  );
}
