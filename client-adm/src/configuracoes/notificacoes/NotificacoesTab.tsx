/**
 * Notificações tab (permission `administrar`): the outbox (`ca_notificacao`) with filters
 * (canal, status, paciente, período), the message's detail (text, payload, attempts, last error)
 * and "Reenviar" for a failed message. Secrets (codes, links, temporary passwords) arrive masked
 * from the server. Live: topic `admin` (delivery results, resends).
 */
import { createResource, createSignal, For, Match, Show, Switch } from "solid-js";
import { useApp } from "../../app/context.tsx";
import { DataTable } from "../../../../client-shared/ui/DataTable.tsx";
import { Pager } from "../../../../client-shared/ui/Pager.tsx";
import { PageHeader } from "../../../../client-shared/ui/form.tsx";
import { ErrorBox, Loading, SelectField, TextField } from "../../../../client-shared/ui/fields.tsx";
import { Modal } from "../../../../client-shared/ui/Modal.tsx";
import { JsonValor } from "../../../../client-shared/ui/JsonView.tsx";
import { notify } from "../../../../client-shared/ui/toast.tsx";
import { formatDateTime } from "../../../../client-shared/format.ts";
import { digits, looksLikeCpf, maskCpf } from "../../../../client-shared/masks.ts";
import type { Result } from "../../../../client-shared/api_client.ts";
import { errorsOf, type FieldErrors } from "../../../../client-shared/forms.ts";

type Notificacao = Result<"GET /api/notificacoes">["items"][number];
const LIMIT = 20;

const CANAL: Record<string, string> = { whatsapp: "WhatsApp", email: "E-mail", sms: "SMS" };
const STATUS: Record<string, { label: string; cls: string }> = {
  pendente: { label: "Pendente", cls: "bg-amber-100 text-amber-900" },
  enviando: { label: "Enviando", cls: "bg-brand-100 text-brand-800" },
  enviada: { label: "Enviada", cls: "bg-livre-bg text-livre" },
  falhou: { label: "Falhou", cls: "bg-red-100 text-red-800" },
};

function StatusEnvio(props: { status: string }) {
  const s = () => STATUS[props.status] ?? { label: props.status, cls: "" };
  return (
    <span class={`inline-block rounded-full px-2 py-0.5 text-xs font-semibold ${s().cls}`}>
      {s().label}
    </span>
  );
}

export default function NotificacoesTab() {
  const app = useApp();
  const [canal, setCanal] = createSignal("");
  const [status, setStatus] = createSignal("");
  const [de, setDe] = createSignal("");
  const [ate, setAte] = createSignal("");
  const [paciente, setPaciente] = createSignal<{ id: number; nome: string } | null>(null);
  const [buscaPac, setBuscaPac] = createSignal("");
  const [page, setPage] = createSignal(1);
  const [aberta, setAberta] = createSignal<number | null>(null);
  const [errors, setErrors] = createSignal<FieldErrors>({});

  const [sugestoes, setSugestoes] = createSignal<
    { pacienteid: number; nomecompleto: string; cpf: string }[] | null
  >(null);
  const buscarPaciente = async () => {
    const t = buscaPac().trim();
    if (t.length < 2) return setErrors({ paciente: "Digite ao menos 2 letras ou dígitos." });
    try {
      const r = await app.api.call("GET /api/pacientes/search", {
        query: { q: looksLikeCpf(t) ? digits(t) : t, limit: 10 },
      });
      setErrors({});
      setSugestoes(r.items);
    } catch (e) {
      const m = errorsOf(e);
      setErrors({ paciente: m.q ?? m[""] });
    }
  };

  const [lista, { refetch }] = createResource(
    () => ({
      canal: (canal() || undefined) as Notificacao["canal"] | undefined,
      status: (status() || undefined) as Notificacao["status"] | undefined,
      pacienteid: paciente()?.id,
      de: de() || undefined,
      ate: ate() || undefined,
      page: page(),
    }),
    (q) =>
      app.api.call("GET /api/notificacoes", { query: { ...q, limit: LIMIT } }).catch((e) => {
        setErrors(errorsOf(e));
        throw e;
      }),
  );
  let timer: ReturnType<typeof setTimeout> | undefined;
  const reload = () => {
    clearTimeout(timer);
    timer = setTimeout(() => refetch(), 300);
  };
  app.live.watch(() => ["admin"], {
    onEvent: (ev) => ev.entity === "notificacao" && reload(),
    onReload: reload,
  });
  const filtro = <T,>(set: (v: T) => void) => (v: T) => {
    setPage(1);
    setErrors({});
    set(v);
  };

  return (
    <div>
      <PageHeader
        title="Notificações"
        description="Mensagens enviadas (ou a enviar) por WhatsApp, SMS e e-mail."
      />
      <div class="mb-3 flex flex-wrap items-end gap-3" role="group" aria-label="Filtros">
        <SelectField
          class="mb-4"
          label="Canal"
          value={canal()}
          onChange={filtro(setCanal)}
          options={[
            { value: "", label: "Todos" },
            ...Object.entries(CANAL).map(([value, label]) => ({ value, label })),
          ]}
        />
        <SelectField
          class="mb-4"
          label="Status"
          value={status()}
          onChange={filtro(setStatus)}
          options={[
            { value: "", label: "Todos" },
            ...Object.entries(STATUS).map(([value, s]) => ({ value, label: s.label })),
          ]}
        />
        <div class="w-40">
          <TextField
            label="De"
            type="date"
            value={de()}
            onInput={filtro(setDe)}
            error={errors().de}
            class="!mb-0"
          />
        </div>
        <div class="w-40">
          <TextField
            label="Até"
            type="date"
            value={ate()}
            onInput={filtro(setAte)}
            error={errors().ate}
          />
        </div>
        <Show
          when={paciente()}
          fallback={
            <form
              class="flex items-end gap-2"
              onSubmit={(e) => {
                e.preventDefault();
                buscarPaciente();
              }}
            >
              <div class="w-60">
                <TextField
                  label="Paciente (nome ou CPF)"
                  type="search"
                  value={buscaPac()}
                  onInput={(v) => setBuscaPac(looksLikeCpf(v) ? maskCpf(v) : v)}
                  error={errors().paciente}
                />
              </div>
              <button type="submit" class="btn btn-secondary mb-4">Buscar paciente</button>
            </form>
          }
        >
          {(p) => (
            <div class="mb-4 flex items-center gap-2 rounded-md border border-brand-200 bg-brand-50 px-3 py-2 text-sm">
              Paciente: <strong>{p().nome}</strong>
              <button
                type="button"
                class="btn btn-secondary btn-sm"
                onClick={() => filtro(setPaciente)(null)}
              >
                Limpar<span class="sr-only">filtro de paciente</span>
              </button>
            </div>
          )}
        </Show>
      </div>
      <Show when={sugestoes() && !paciente()}>
        <div
          class="mb-3 rounded-md border border-slate-200 p-2"
          role="region"
          aria-label="Pacientes encontrados"
        >
          <Show
            when={sugestoes()!.length}
            fallback={<p class="text-sm text-ink-muted">Nenhum paciente encontrado.</p>}
          >
            <ul class="flex flex-wrap gap-2">
              <For each={sugestoes()!}>
                {(s) => (
                  <li>
                    <button
                      type="button"
                      class="btn btn-secondary btn-sm"
                      onClick={() => {
                        filtro(setPaciente)({ id: s.pacienteid, nome: s.nomecompleto });
                        setSugestoes(null);
                      }}
                    >
                      {s.nomecompleto} · {maskCpf(s.cpf)}
                    </button>
                  </li>
                )}
              </For>
            </ul>
          </Show>
        </div>
      </Show>
      <DataTable<Notificacao>
        caption="Notificações"
        rows={lista.latest?.items}
        loading={lista.loading}
        error={lista.error}
        onRetry={refetch}
        empty="Nenhuma notificação com esses filtros."
        rowKey={(n) => n.notificacaoid}
        columns={[
          {
            header: "Criada em",
            class: "whitespace-nowrap",
            cell: (n) => formatDateTime(n.created_at),
          },
          { header: "Canal", cell: (n) => CANAL[n.canal] ?? n.canal },
          { header: "Destino", cell: (n) => <span class="break-all">{n.destino}</span> },
          { header: "Mensagem", cell: (n) => n.assunto ?? n.template },
          { header: "Status", cell: (n) => <StatusEnvio status={n.status} /> },
          { header: "Tentativas", class: "text-right", cell: (n) => n.tentativas },
          {
            header: "Ações",
            cell: (n) => (
              <button
                type="button"
                class="btn btn-secondary btn-sm"
                onClick={() => setAberta(n.notificacaoid)}
              >
                Detalhes<span class="sr-only">da notificação {n.notificacaoid}</span>
              </button>
            ),
          },
        ]}
      />
      <Show when={!lista.error && lista.latest}>
        {(l) => <Pager page={l().page} limit={l().limit} total={l().total} onPage={setPage} />}
      </Show>
      <Show when={aberta()} keyed>
        {(id) => <NotificacaoDetalhe id={id} onClose={() => setAberta(null)} onChange={reload} />}
      </Show>
    </div>
  );
}

function NotificacaoDetalhe(props: { id: number; onClose: () => void; onChange: () => void }) {
  const app = useApp();
  const [n, { refetch }] = createResource(
    () => props.id,
    (id) => app.api.call("GET /api/notificacoes/:id", { params: { id } }),
  );
  const [busy, setBusy] = createSignal(false);
  const [erro, setErro] = createSignal<string | null>(null);
  app.live.watch(() => ["admin"], {
    onEvent: (ev) => ev.entity === "notificacao" && ev.entity_id === String(props.id) && refetch(),
  });
  const reenviar = async () => {
    setBusy(true);
    setErro(null);
    try {
      await app.api.call("POST /api/notificacoes/:id/reenviar", { params: { id: props.id } });
      notify.ok("Notificação colocada na fila para reenvio.");
      refetch();
      props.onChange();
    } catch (e) {
      setErro(e instanceof Error ? e.message : "Não foi possível reenviar.");
    } finally {
      setBusy(false);
    }
  };
  return (
    <Modal
      open
      onOpenChange={(o) => !o && props.onClose()}
      title={`Notificação nº ${props.id}`}
      size="max-w-2xl"
    >
      <Switch>
        <Match when={n.error}>
          <ErrorBox error={n.error} onRetry={refetch} />
        </Match>
        <Match when={!n()}>
          <Loading />
        </Match>
        <Match when={n()}>
          {(d) => (
            <div class="text-sm">
              <dl class="grid grid-cols-[10rem_1fr] gap-x-4 gap-y-1">
                <dt class="font-semibold">Status</dt>
                <dd>
                  <StatusEnvio status={d().status} />
                </dd>
                <dt class="font-semibold">Canal</dt>
                <dd>{CANAL[d().canal] ?? d().canal}</dd>
                <dt class="font-semibold">Destino</dt>
                <dd class="break-all">{d().destino}</dd>
                <dt class="font-semibold">Modelo</dt>
                <dd>{d().template}</dd>
                <dt class="font-semibold">Criada em</dt>
                <dd>{formatDateTime(d().created_at)}</dd>
                <dt class="font-semibold">Enviada em</dt>
                <dd>{d().sent_at ? formatDateTime(d().sent_at!) : "—"}</dd>
                <dt class="font-semibold">Tentativas</dt>
                <dd>{d().tentativas}</dd>
                <dt class="font-semibold">Último erro</dt>
                <dd>{d().ultimo_erro ?? "—"}</dd>
                <dt class="font-semibold">Id no provedor</dt>
                <dd class="break-all">{d().provider_id ?? "—"}</dd>
              </dl>
              <h3 class="mt-4 font-bold">{d().assunto ?? "Mensagem"}</h3>
              <pre class="mt-1 whitespace-pre-wrap rounded-md bg-slate-50 p-3 font-sans">{d().corpo}</pre>
              <details class="mt-3">
                <summary class="cursor-pointer font-semibold">Dados da mensagem</summary>
                <div class="mt-2">
                  <JsonValor valor={d().payload} />
                </div>
              </details>
              <Show when={erro()}>
                <p
                  class="mt-3 rounded-lg border border-red-200 bg-red-50 p-2 text-red-800"
                  role="alert"
                >
                  {erro()}
                </p>
              </Show>
              <Show when={d().status === "falhou"}>
                <div class="mt-4 flex justify-end">
                  <button
                    type="button"
                    class="btn btn-primary"
                    disabled={busy()}
                    onClick={reenviar}
                  >
                    Reenviar
                  </button>
                </div>
              </Show>
            </div>
          )}
        </Match>
      </Switch>
    </Modal>
  );
}
