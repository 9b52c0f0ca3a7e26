/**
 * One day of a grade: its booked slots, cancel (required reason, confirmation; the slots that
 * still hold patients are listed for the operators to move) or restore, and the day's history.
 */
import { createResource, createSignal, For, Show } from "solid-js";
import type { Result } from "../../../../client-shared/api_client.ts";
import { formatDateTime, formatDayLong } from "../../../../client-shared/format.ts";
import { errorsOf, type FieldErrors } from "../../../../client-shared/forms.ts";
import { ConfirmDialog } from "../../../../client-shared/ui/ConfirmDialog.tsx";
import { Empty, ErrorBox, FormError, Loading } from "../../../../client-shared/ui/fields.tsx";
import { TextAreaField } from "../../../../client-shared/ui/form.tsx";
import { notify } from "../../../../client-shared/ui/toast.tsx";
import { useApp } from "../../app/context.tsx";
import type { GradeRow } from "./DiasGradeTab.tsx";

type Pendente = Result<"POST /api/grade-agenda/:id/cancel-day">["pendentes"][number];

export function DiaPainel(props: {
  grade: GradeRow;
  dia: string;
  cancelado: boolean;
  onMudou: () => void;
}) {
  const app = useApp();
  const pode = () => app.can("gerarGrades");
  const id = () => props.grade.gradeagendaid;
  const [slots, slotsR] = createResource(
    () => [props.dia, props.cancelado] as const,
    ([data]) =>
      app.api.call("GET /api/slots", {
        query: {
          data,
          medicoid: props.grade.medicoid,
          unidadeid: props.grade.unidadeid,
          especialidadeid: props.grade.especialidadeid,
        },
      }),
  );
  const [hist, histR] = createResource(
    () => [props.dia, props.cancelado] as const,
    ([data]) =>
      app.api.call("GET /api/grade-agenda/:id/day-history/:data", {
        params: { id: id(), data },
      }),
  );
  // Bookings and day changes made elsewhere on this day: the lists follow.
  app.live.watch(() => [`data:${props.dia}`], {
    onEvent: (ev) => {
      if (!ev.topics.includes(`medico:${props.grade.medicoid}`)) return;
      slotsR.refetch();
      histR.refetch();
    },
    onReload: () => {
      slotsR.refetch();
      histR.refetch();
    },
  });
  const ocupados = () =>
    (slots()?.grupos ?? []).flatMap((gr) => gr.slots).filter((s) =>
      s.vagas_ocupadas > 0 && s.status !== "Cancelado"
    );
  const total = () => (slots()?.grupos ?? []).reduce((n, gr) => n + gr.slots.length, 0);

  const [motivo, setMotivo] = createSignal("");
  const [erros, setErros] = createSignal<FieldErrors>({});
  const [confirmar, setConfirmar] = createSignal<"cancelar" | "restaurar" | null>(null);
  const [pendentes, setPendentes] = createSignal<Pendente[] | null>(null);

  const pedir = (acao: "cancelar" | "restaurar") => {
    setErros({});
    if (acao === "cancelar" && motivo().trim().length < 3) {
      setErros({ motivo: "Informe o motivo (ao menos 3 caracteres)." });
      return;
    }
    setConfirmar(acao);
  };
  const executar = async () => {
    try {
      if (confirmar() === "cancelar") {
        const r = await app.api.call("POST /api/grade-agenda/:id/cancel-day", {
          params: { id: id() },
          body: { data: props.dia, motivo: motivo().trim() },
        });
        setPendentes(r.pendentes);
        notify.ok(
          `Dia cancelado: ${r.slots_cancelados.length} horário(s) livre(s) cancelado(s).`,
        );
      } else {
        const r = await app.api.call("PUT /api/grade-agenda/:id/restore-day", {
          params: { id: id() },
          body: { data: props.dia, motivo: motivo().trim() || undefined },
        });
        setPendentes(null);
        notify.ok(`Dia restaurado: ${r.slots_restaurados.length} horário(s) reativado(s).`);
      }
      setMotivo("");
      props.onMudou();
    } catch (e) {
      const fe = errorsOf(e);
      if (fe.motivo || fe.data) {
        setErros(fe);
        return;
      }
      throw e;
    }
  };

  return (
    <section class="card p-4" aria-labelledby="dia-titulo" data-testid="dia-painel">
      <h3 id="dia-titulo" class="text-lg font-bold first-letter:uppercase">
        {formatDayLong(props.dia)}
        <Show when={props.cancelado}>
          <span class="ml-2 rounded-full bg-red-100 px-2 py-0.5 text-sm text-red-900">
            Dia cancelado
          </span>
        </Show>
      </h3>

      <Show when={slots.error}>
        <ErrorBox error={slots.error} onRetry={slotsR.refetch} />
      </Show>
      <Show when={slots.loading && !slots.latest}>
        <Loading label="Carregando horários do dia…" />
      </Show>
      <Show when={slots.latest}>
        <p class="mt-1 text-sm text-ink-muted">
          {total()} horário(s) da grade neste dia; {ocupados().length} com pacientes.
        </p>
        <Show when={ocupados().length}>
          <div class="mt-2 rounded-lg border border-amber-300 bg-amber-50 p-3 text-sm">
            <p class="font-semibold text-amber-900">
              {props.cancelado
                ? "Horários com pacientes que ainda precisam ser remanejados:"
                : "Horários com pacientes (não são cancelados com o dia; precisam ser remanejados):"}
            </p>
            <ul class="mt-1 list-disc pl-5" data-testid="ocupados">
              <For each={ocupados()}>
                {(s) => (
                  <li>
                    {s.hora} — {s.tiposlot.nome}: {s.vagas_ocupadas} de {s.limitevagas} vaga(s)
                  </li>
                )}
              </For>
            </ul>
          </div>
        </Show>
      </Show>

      <Show when={pendentes()?.length}>
        <div class="mt-3 rounded-lg border border-amber-300 bg-amber-50 p-3 text-sm" role="status">
          <p class="font-semibold text-amber-900">
            Pacientes a remanejar ({pendentes()!.reduce((n, p) => n + p.agendamentos.length, 0)}):
          </p>
          <ul class="mt-1 list-disc pl-5" data-testid="pendentes">
            <For each={pendentes()!}>
              {(p) => (
                <For each={p.agendamentos}>
                  {(a) => (
                    <li>
                      {p.hora} — {a.nome} ({a.protocolo}){a.telefone ? ` · ${a.telefone}` : ""}
                    </li>
                  )}
                </For>
              )}
            </For>
          </ul>
        </div>
      </Show>

      <Show when={pode()}>
        <form
          class="mt-4 max-w-xl"
          noValidate
          onSubmit={(e) => {
            e.preventDefault();
            pedir(props.cancelado ? "restaurar" : "cancelar");
          }}
        >
          <FormError message={erros()[""] ?? erros().data ?? null} />
          <TextAreaField
            label={props.cancelado ? "Motivo da restauração (opcional)" : "Motivo do cancelamento"}
            value={motivo()}
            onInput={(v) => {
              setMotivo(v);
              setErros({});
            }}
            error={erros().motivo}
            rows={2}
            maxLength={500}
          />
          <button type="submit" class={`btn ${props.cancelado ? "btn-primary" : "btn-danger"}`}>
            {props.cancelado ? "Restaurar dia" : "Cancelar dia"}
          </button>
        </form>
      </Show>

      <ConfirmDialog
        open={confirmar() !== null}
        onOpenChange={(o) => !o && setConfirmar(null)}
        title={confirmar() === "cancelar" ? "Cancelar este dia?" : "Restaurar este dia?"}
        confirmLabel={confirmar() === "cancelar" ? "Cancelar dia" : "Restaurar dia"}
        cancelLabel="Voltar"
        danger={confirmar() === "cancelar"}
        onConfirm={executar}
      >
        {confirmar() === "cancelar"
          ? `Os horários livres de ${formatDayLong(props.dia)} serão cancelados. ${
            ocupados().length
              ? `${ocupados().length} horário(s) com pacientes continuam e precisam ser remanejados.`
              : ""
          }`
          : `Os horários cancelados com o dia voltam a ficar disponíveis.`}
      </ConfirmDialog>

      <h4 class="mt-5 font-bold">Histórico do dia</h4>
      <Show when={hist.error}>
        <ErrorBox error={hist.error} onRetry={histR.refetch} />
      </Show>
      <Show when={hist.latest}>
        {(h) => (
          <Show
            when={h().historico.length}
            fallback={<Empty>Este dia nunca foi cancelado.</Empty>}
          >
            <ol class="mt-2 flex flex-col gap-2 text-sm" data-testid="historico">
              <For each={[...h().historico].reverse()}>
                {(c) => (
                  <li
                    class="rounded-lg border border-slate-200 p-3"
                    data-restaurado={String(c.restaurado)}
                  >
                    <p>
                      <strong>Cancelado</strong> por {c.cancelado_por_nome ?? "sistema"} em{" "}
                      {formatDateTime(c.cancelado_em)} — “{c.motivo}” ({c.slots_cancelados}{" "}
                      horário(s) cancelado(s))
                    </p>
                    <Show
                      when={c.restaurado}
                      fallback={<p class="text-red-800">Não restaurado.</p>}
                    >
                      <p class="text-green-800">
                        <strong>Restaurado</strong> por {c.restaurado_por_nome ?? "sistema"} em{" "}
                        {c.restaurado_em ? formatDateTime(c.restaurado_em) : ""}
                        {c.motivo_restauracao ? ` — “${c.motivo_restauracao}”` : ""}
                      </p>
                    </Show>
                  </li>
                )}
              </For>
            </ol>
          </Show>
        )}
      </Show>
    </section>
  );
}
