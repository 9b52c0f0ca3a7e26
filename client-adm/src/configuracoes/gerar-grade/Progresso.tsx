/** A generation's progress bar while it runs, and its summary when it ends. */
import { Match, Show, Switch } from "solid-js";
import { formatDay } from "../../../../client-shared/format.ts";
import { Stat, StatGrid } from "../../../../client-shared/ui/Stat.tsx";
import type { Acompanhamento } from "./acompanhamento.ts";

/** `fechar`: the button under the card (another grade, or back to the wizard). */
export function Progresso(
  props: { a: Acompanhamento; fechar?: { label: string; run: () => void } },
) {
  const pct = () =>
    props.a.dias_total > 0
      ? Math.min(100, Math.round((props.a.dias_processados / props.a.dias_total) * 100))
      : 0;
  const conhecido = () => props.a.dias_processados > 0;
  return (
    <section class="card p-5" aria-labelledby="geracao-titulo" data-testid="geracao">
      <h3 id="geracao-titulo" class="text-lg font-bold" tabIndex={-1}>
        <Switch>
          <Match when={props.a.status === "em_andamento"}>Geração em andamento</Match>
          <Match when={props.a.status === "concluida"}>Grade gerada</Match>
          <Match when={props.a.status === "interrompida"}>Geração interrompida</Match>
        </Switch>
      </h3>
      <p class="text-sm text-ink-muted">
        {props.a.titulo}
        <Show when={props.a.usuario}>{(u) => <>{" "}— iniciada por {u()}</>}</Show>
      </p>

      <Show when={props.a.status !== "interrompida"}>
        <div class="mt-4">
          <div
            role="progressbar"
            aria-label="Progresso da geração"
            aria-valuemin={0}
            aria-valuemax={100}
            aria-valuenow={conhecido() || props.a.status === "concluida"
              ? (props.a.status === "concluida" ? 100 : pct())
              : undefined}
            aria-valuetext={props.a.status === "concluida"
              ? "Concluída"
              : conhecido()
              ? `${props.a.dias_processados} de ${props.a.dias_total} dias`
              : "Iniciando"}
            class="h-3 w-full overflow-hidden rounded-full bg-slate-200"
          >
            <div
              class={`h-full rounded-full bg-brand-600 transition-[width] ${
                !conhecido() && props.a.status === "em_andamento" ? "w-1/4 animate-pulse" : ""
              }`}
              style={conhecido() || props.a.status === "concluida"
                ? { width: `${props.a.status === "concluida" ? 100 : pct()}%` }
                : undefined}
            />
          </div>
          <p class="mt-2 text-sm" aria-live="polite" data-testid="geracao-texto">
            <Switch>
              <Match when={props.a.status === "concluida"}>Concluída.</Match>
              <Match when={conhecido()}>
                {props.a.dias_processados} de {props.a.dias_total} dias processados ({pct()}%) —
                {" "}
                {props.a.criados} horários preparados
              </Match>
              <Match when>Gerando… a grade é gravada de uma vez ao final.</Match>
            </Switch>
          </p>
        </div>
      </Show>

      <Show when={props.a.mensagem}>
        <p
          class="mt-3 rounded-lg border border-red-200 bg-red-50 p-3 text-sm text-red-800"
          role="alert"
        >
          {props.a.mensagem}
        </p>
      </Show>

      <Show when={props.a.status === "concluida" && props.a.resumo}>
        {(r) => (
          <div class="mt-4">
            <StatGrid testId="geracao-resumo">
              <Stat
                rotulo="Período"
                valor={`${formatDay(r().data_inicio)} a ${formatDay(r().data_fim)}`}
              />
              <Stat rotulo="Horários criados" valor={String(r().criados)} chave="criados" />
              <Stat rotulo="Já existentes" valor={String(r().existentes)} chave="existentes" />
              <Stat
                rotulo="Conflitos ignorados"
                valor={String(r().conflitos_ignorados)}
                chave="conflitos"
              />
            </StatGrid>
          </div>
        )}
      </Show>

      <Show when={props.fechar}>
        {(f) => (
          <button type="button" class="btn btn-primary mt-4" onClick={() => f().run()}>
            {f().label}
          </button>
        )}
      </Show>
    </section>
  );
}
