/**
 * "Cancelamento em massa" (administrador): filters → preview of the future slots and the patients
 * they hold → reason, "devolver à fila" and a confirmation → what was done and the messages
 * queued. The preview follows changes made elsewhere on the same days (live).
 */
import { createResource, createSignal, For, Match, onCleanup, Show, Switch } from "solid-js";
import { createStore } from "solid-js/store";
import type { Result } from "../../../../client-shared/api_client.ts";
import { formatDateTime, formatDay, today } from "../../../../client-shared/format.ts";
import { errorsOf, type FieldErrors } from "../../../../client-shared/forms.ts";
import { ConfirmDialog } from "../../../../client-shared/ui/ConfirmDialog.tsx";
import { Empty, FormError, Loading, TextField } from "../../../../client-shared/ui/fields.tsx";
import { CheckboxField, PageHeader, TextAreaField } from "../../../../client-shared/ui/form.tsx";
import { SelectBox } from "../../../../client-shared/ui/Select.tsx";
import { DataTable } from "../../../../client-shared/ui/DataTable.tsx";
import { Stat, StatGrid } from "../../../../client-shared/ui/Stat.tsx";
import { RefSelects } from "../../app/FiltersBar.tsx";
import { useApp } from "../../app/context.tsx";

type Periodo = "" | "Manhã" | "Tarde" | "Noite";
interface Filtros {
  data_inicio: string;
  data_fim: string;
  periodo: Periodo;
  unidadeid: number | null;
  especialidadeid: number | null;
  medicoid: number | null;
  tiposlotid: number | null;
}
/** The preview's rows (the server answers them as records: see cancelamento_massa/service.ts). */
interface SlotPrevia {
  slotagendaid: number;
  data: string;
  hora: string;
  periodo: string;
  medico_nome: string;
  especialidade_nome: string;
  unidade_nome: string;
  tiposlot_nome: string;
  agendamentos: number;
  propostas: number;
}
interface PacientePrevia {
  pacienteid: number;
  nomecompleto: string;
  telefone: string | null;
  agendamentos: number;
  itens: { protocolo: string; status: string; datainicio: string }[];
}
type Executado = Result<"POST /api/cancelamento-massa/executar">;

const PASSOS = ["Filtros", "Prévia", "Resultado"];

export default function CancelamentoMassaTab() {
  const app = useApp();
  const [f, setF] = createStore<Filtros>({
    data_inicio: "",
    data_fim: "",
    periodo: "",
    unidadeid: null,
    especialidadeid: null,
    medicoid: null,
    tiposlotid: null,
  });
  const [passo, setPasso] = createSignal(1);
  const [erros, setErros] = createSignal<FieldErrors>({});
  const [buscando, setBuscando] = createSignal(false);
  const [previa, setPrevia] = createSignal<
    { slots: SlotPrevia[]; pacientes: PacientePrevia[]; totais: Record<string, number> } | null
  >(null);
  const [motivo, setMotivo] = createSignal("");
  const [mover, setMover] = createSignal(true);
  const [confirmar, setConfirmar] = createSignal(false);
  const [resultado, setResultado] = createSignal<Executado | null>(null);
  const [tipos] = createResource(() => app.api.call("GET /api/tipos-slot"));

  const query = () => ({
    data_inicio: f.data_inicio,
    data_fim: f.data_fim,
    periodo: f.periodo || undefined,
    unidadeid: f.unidadeid ?? undefined,
    especialidadeid: f.especialidadeid ?? undefined,
    medicoid: f.medicoid ?? undefined,
    tiposlotid: f.tiposlotid ?? undefined,
  });

  /** Messages of fields this screen has no place for (and the form-wide one). */
  const semCampo = () =>
    Object.entries(erros()).filter(([k]) => !["data_inicio", "data_fim", "motivo"].includes(k))
      .map(([, m]) => m).join(" ") || null;
  const validar = (): FieldErrors => {
    const e: FieldErrors = {};
    if (!f.data_inicio) e.data_inicio = "Informe a data inicial.";
    if (!f.data_fim) e.data_fim = "Informe a data final.";
    else if (f.data_inicio && f.data_fim < f.data_inicio) {
      e.data_fim = "A data final deve ser igual ou posterior à inicial.";
    }
    return e;
  };

  async function buscar() {
    const e = validar();
    setErros(e);
    if (Object.keys(e).length) return;
    setBuscando(true);
    try {
      const r = await app.api.call("POST /api/cancelamento-massa/preview", { body: query() });
      setPrevia(r as unknown as ReturnType<typeof previa>);
      if (passo() === 1) {
        setPasso(2);
        queueMicrotask(() => document.getElementById("cm-passo")?.focus());
      }
    } catch (err) {
      setErros(errorsOf(err));
      if (passo() !== 1) setPasso(1);
    } finally {
      setBuscando(false);
    }
  }

  // Changes on those days made elsewhere (bookings, cancellations): the preview follows.
  let timer: ReturnType<typeof setTimeout> | undefined;
  onCleanup(() => clearTimeout(timer));
  app.live.watch(
    () => (passo() === 2 && f.data_inicio && f.data_fim
      ? [`data:${f.data_inicio}..${f.data_fim}`]
      : []),
    {
      onEvent: () => {
        clearTimeout(timer);
        timer = setTimeout(() => void buscar(), 400);
      },
      onReload: () => void buscar(),
    },
  );

  const pedirConfirmacao = () => {
    if (motivo().trim().length < 3) {
      setErros({ motivo: "Informe o motivo do cancelamento (ao menos 3 caracteres)." });
      return;
    }
    setErros({});
    setConfirmar(true);
  };
  const executar = async () => {
    try {
      const r = await app.api.call("POST /api/cancelamento-massa/executar", {
        body: { ...query(), motivo: motivo().trim(), mover_para_backlog: mover() },
      });
      setResultado(r);
      setPasso(3);
      queueMicrotask(() => document.getElementById("cm-passo")?.focus());
    } catch (err) {
      const fe = errorsOf(err);
      if (fe.motivo) {
        setErros(fe);
        return;
      }
      throw err;
    }
  };
  const recomecar = () => {
    setPrevia(null);
    setResultado(null);
    setMotivo("");
    setPasso(1);
    queueMicrotask(() => document.getElementById("cm-passo")?.focus());
  };

  return (
    <div>
      <PageHeader
        title="Cancelamento em massa"
        description="Cancela de uma vez os horários futuros que atendem aos filtros, com seus agendamentos e propostas."
      />
      <div class="card p-5">
        <nav aria-label="Etapas do cancelamento">
          <ol class="mb-5 flex flex-wrap gap-2">
            <For each={PASSOS}>
              {(nome, i) => (
                <li
                  class={`rounded-full px-3 py-1 text-sm ${
                    passo() === i() + 1
                      ? "bg-brand-600 font-semibold text-white"
                      : "bg-slate-100 text-ink-muted"
                  }`}
                  aria-current={passo() === i() + 1 ? "step" : undefined}
                >
                  {i() + 1}. {nome}
                </li>
              )}
            </For>
          </ol>
        </nav>
        <h3 id="cm-passo" tabIndex={-1} class="mb-4 text-lg font-bold outline-none">
          {PASSOS[passo() - 1]}
        </h3>
        <FormError message={semCampo()} />
        <Switch>
          <Match when={passo() === 1}>
            <form
              noValidate
              onSubmit={(e) => {
                e.preventDefault();
                void buscar();
              }}
            >
              <div class="grid grid-cols-1 gap-x-4 sm:grid-cols-3">
                <TextField
                  label="Data inicial"
                  type="date"
                  value={f.data_inicio}
                  onInput={(v) => {
                    setF("data_inicio", v);
                    setErros({});
                  }}
                  error={erros().data_inicio}
                />
                <TextField
                  label="Data final"
                  type="date"
                  value={f.data_fim}
                  onInput={(v) => {
                    setF("data_fim", v);
                    setErros({});
                  }}
                  error={erros().data_fim}
                />
                <div class="mb-4">
                  <SelectBox
                    label="Período"
                    value={f.periodo}
                    emptyLabel="Todos os períodos"
                    options={["Manhã", "Tarde", "Noite"].map((p) => ({ value: p, label: p }))}
                    onChange={(v) => setF("periodo", v as Periodo)}
                  />
                </div>
              </div>
              <div class="mb-4 flex flex-wrap items-end gap-3">
                <RefSelects value={f} set={(k, v) => setF(k, v)} />
                <SelectBox
                  label="Tipo de slot"
                  value={f.tiposlotid ? String(f.tiposlotid) : ""}
                  emptyLabel="Todos os tipos"
                  options={(tipos() ?? []).map((t) => ({
                    value: String(t.tiposlotid),
                    label: t.nome,
                  }))}
                  onChange={(v) => setF("tiposlotid", v ? Number(v) : null)}
                />
              </div>
              <button type="submit" class="btn btn-primary" disabled={buscando()}>
                {buscando() ? "Buscando…" : "Ver horários afetados"}
              </button>
            </form>
          </Match>

          <Match when={passo() === 2 && previa()}>
            {(_) => (
              <div aria-busy={buscando() ? "true" : undefined}>
                <p class="mb-3 text-sm">
                  De {formatDay(f.data_inicio)} a {formatDay(f.data_fim)}
                  {f.periodo ? `, ${f.periodo}` : ""}.
                </p>
                <Show when={buscando()}>
                  <Loading label="Atualizando a prévia…" />
                </Show>
                <StatGrid testId="cm-totais">
                  <Stat rotulo="Horários" valor={previa()!.totais.slots} chave="slots" />
                  <Stat
                    rotulo="Agendamentos"
                    valor={previa()!.totais.agendamentos}
                    chave="agendamentos"
                  />
                  <Stat rotulo="Propostas" valor={previa()!.totais.propostas} chave="propostas" />
                  <Stat rotulo="Pacientes" valor={previa()!.totais.pacientes} chave="pacientes" />
                </StatGrid>
                <Show
                  when={previa()!.slots.length}
                  fallback={<Empty>Nenhum horário futuro atende a estes filtros.</Empty>}
                >
                  <div
                    class="mt-4 max-h-72 overflow-auto rounded-lg border border-border"
                    tabIndex={0}
                    role="region"
                    aria-label="Lista de horários afetados"
                  >
                    <DataTable
                      caption="Horários afetados"
                      rows={previa()!.slots}
                      rowKey={(x) => x.slotagendaid}
                      empty="Nenhum horário."
                      columns={[
                        { header: "Data", cell: (x) => formatDay(x.data) },
                        { header: "Hora", cell: (x) => x.hora },
                        { header: "Médico", cell: (x) => x.medico_nome },
                        { header: "Especialidade", cell: (x) => x.especialidade_nome },
                        { header: "Unidade", cell: (x) => x.unidade_nome },
                        { header: "Tipo", cell: (x) => x.tiposlot_nome },
                        {
                          header: "Agendados",
                          cell: (x) =>
                            `${x.agendamentos}${
                              x.propostas ? ` + ${x.propostas} proposta(s)` : ""
                            }`,
                        },
                      ]}
                    />
                  </div>
                  <h4 class="mt-4 font-bold">Pacientes afetados</h4>
                  <Show
                    when={previa()!.pacientes.length}
                    fallback={<Empty>Nenhum paciente agendado nesses horários.</Empty>}
                  >
                    <ul class="mt-2 flex flex-col gap-1 text-sm" data-testid="cm-pacientes">
                      <For each={previa()!.pacientes}>
                        {(pc) => (
                          <li data-paciente={pc.pacienteid}>
                            <strong>{pc.nomecompleto}</strong>
                            {pc.telefone ? ` · ${pc.telefone}` : ""} — {pc.itens.map((i) =>
                              `${i.protocolo} (${i.status}, ${formatDateTime(i.datainicio)})`
                            ).join("; ")}
                          </li>
                        )}
                      </For>
                    </ul>
                  </Show>
                  <div class="mt-5 max-w-xl">
                    <TextAreaField
                      label="Motivo do cancelamento"
                      value={motivo()}
                      onInput={(v) => {
                        setMotivo(v);
                        setErros({});
                      }}
                      error={erros().motivo}
                      rows={2}
                      maxLength={500}
                    />
                    <CheckboxField
                      label="Devolver os pacientes à fila de espera (backlog)"
                      hint="Cada paciente volta à fila com prioridade alta e recebe uma mensagem."
                      checked={mover()}
                      onChange={setMover}
                    />
                  </div>
                </Show>
                <div class="mt-4 flex justify-between gap-2 border-t border-slate-200 pt-4">
                  <button type="button" class="btn btn-secondary" onClick={() => setPasso(1)}>
                    Voltar aos filtros
                  </button>
                  <Show when={previa()!.slots.length}>
                    <button type="button" class="btn btn-danger" onClick={pedirConfirmacao}>
                      Cancelar {previa()!.totais.slots} horário(s)
                    </button>
                  </Show>
                </div>
              </div>
            )}
          </Match>

          <Match when={passo() === 3 && resultado()}>
            {(r) => (
              <div>
                <p class="mb-3 font-medium text-green-800" role="status">
                  Cancelamento concluído.
                </p>
                <StatGrid cols={3} testId="cm-resultado">
                  <Stat rotulo="Horários cancelados" valor={r().slots_cancelados} chave="slots" />
                  <Stat
                    rotulo="Agendamentos cancelados"
                    valor={r().agendamentos_cancelados}
                    chave="agendamentos"
                  />
                  <Stat
                    rotulo="Propostas retiradas"
                    valor={r().propostas_retiradas}
                    chave="propostas"
                  />
                  <Stat
                    rotulo="Pacientes afetados"
                    valor={r().pacientes_afetados}
                    chave="pacientes"
                  />
                  <Stat rotulo="Devolvidos à fila" valor={r().backlog_criados} chave="backlog" />
                  <Stat
                    rotulo="Mensagens enfileiradas"
                    valor={r().notificacoes}
                    chave="mensagens"
                  />
                </StatGrid>
                <Mensagens resultado={r()} pacientes={previa()?.pacientes ?? []} />
                <button type="button" class="btn btn-primary mt-5" onClick={recomecar}>
                  Novo cancelamento
                </button>
              </div>
            )}
          </Match>
        </Switch>
      </div>
      <ConfirmDialog
        open={confirmar()}
        onOpenChange={setConfirmar}
        title="Confirmar o cancelamento em massa?"
        confirmLabel="Cancelar horários"
        cancelLabel="Voltar"
        danger
        onConfirm={executar}
      >
        {`${previa()?.totais.slots ?? 0} horário(s), ${
          previa()?.totais.agendamentos ?? 0
        } agendamento(s) e ${previa()?.totais.propostas ?? 0} proposta(s) serão cancelados; ${
          previa()?.totais.pacientes ?? 0
        } paciente(s) serão avisados${
          mover() ? " e voltarão à fila de espera" : ""
        }. Esta ação não pode ser desfeita.`}
      </ConfirmDialog>
    </div>
  );
}

/**
 * The messages the cancellation queued: the newest `cancelamento` messages of today for the
 * patients it touched (as many as it reports), from the outbox (`GET /api/notificacoes`).
 */
function Mensagens(props: { resultado: Executado; pacientes: PacientePrevia[] }) {
  const app = useApp();
  const nomes = () => new Map(props.pacientes.map((p) => [p.pacienteid, p.nomecompleto]));
  const [lista, { refetch }] = createResource(
    () => props.resultado.notificacoes > 0 && props.resultado,
    async (r) => {
      const page = await app.api.call("GET /api/notificacoes", {
        query: { template: "cancelamento", de: today(), limit: 200 },
      });
      return page.items
        .filter((n) => n.pacienteid !== null && nomes().has(n.pacienteid))
        .sort((a, b) => b.notificacaoid - a.notificacaoid)
        .slice(0, r.notificacoes);
    },
  );
  return (
    <div class="mt-4">
      <DataTable
        caption="Mensagens enfileiradas"
        showCaption
        rows={props.resultado.notificacoes > 0 ? lista() : []}
        loading={lista.loading}
        error={lista.error}
        onRetry={refetch}
        rowKey={(n) => n.notificacaoid}
        empty="Nenhuma mensagem foi enfileirada."
        columns={[
          { header: "Paciente", cell: (n) => nomes().get(n.pacienteid!) ?? "—" },
          { header: "Canal", cell: (n) => n.canal },
          { header: "Destino", cell: (n) => n.destino },
          { header: "Situação", cell: (n) => n.status },
        ]}
      />
    </div>
  );
}
