/** Step 5 of the grade wizard: what would be created, every conflict, then "Gerar". */
import { For, Show } from "solid-js";
import type { Result } from "../../../../client-shared/api_client.ts";
import { formatDay } from "../../../../client-shared/format.ts";
import { CheckboxField } from "../../../../client-shared/ui/form.tsx";
import { ErrorBox, Loading } from "../../../../client-shared/ui/fields.tsx";
import { DataTable } from "../../../../client-shared/ui/DataTable.tsx";
import { Stat, StatGrid } from "../../../../client-shared/ui/Stat.tsx";

export type PreviaRes = Result<"POST /api/slots/generate-bulk">;

export const MOTIVO: Record<string, string> = {
  medico_ocupado: "Médico ocupado",
  consultorio_ocupado: "Consultório ocupado",
  fora_do_horario: "Fora do horário",
  unidade_fechada: "Unidade fechada",
  dia_cancelado: "Dia cancelado",
  intervalo_insuficiente: "Intervalo insuficiente",
};

export function Previa(props: {
  previa: PreviaRes | undefined;
  loading: boolean;
  error: unknown;
  onRetry: () => void;
  ignorar: boolean;
  setIgnorar: (v: boolean) => void;
  titulo: string;
}) {
  return (
    <div>
      <p class="mb-3 text-sm">{props.titulo}</p>
      <Show when={props.error && !props.loading}>
        <ErrorBox error={props.error} onRetry={props.onRetry} />
      </Show>
      <Show when={props.loading}>
        <Loading label="Calculando a prévia…" />
      </Show>
      <Show when={!props.error && props.previa}>
        {(p) => (
          <div aria-busy={props.loading ? "true" : undefined}>
            <StatGrid testId="previa">
              <Stat rotulo="Dias no período" valor={p().periodo.dias} />
              <Stat rotulo="Horários a criar" valor={p().criados} chave="criados" />
              <Stat rotulo="Já existentes" valor={p().existentes} />
              <Stat rotulo="Conflitos" valor={p().conflitos_total} chave="conflitos" />
            </StatGrid>
            <p class="mt-3 text-sm">
              Distribuição por horário:{" "}
              {p().distribuicao.map((d) => `${d.quantidade} ${d.nome}`).join(", ") || "—"}.
              <Show
                when={p().grade_nova}
                fallback=" A grade existente deste médico será estendida."
              >
                {" "}Uma grade nova será criada.
              </Show>
            </p>
            <Show
              when={p().conflitos_total > 0}
              fallback={<p class="mt-3 text-sm font-medium text-green-800">Nenhum conflito.</p>}
            >
              <ul class="mt-3 flex flex-wrap gap-2 text-sm" aria-label="Conflitos por motivo">
                <For each={Object.entries(p().conflitos_por_motivo)}>
                  {([m, n]) => (
                    <li class="rounded-full bg-amber-100 px-3 py-1 text-amber-900">
                      {MOTIVO[m] ?? m}: {n}
                    </li>
                  )}
                </For>
              </ul>
              <div
                class="mt-3 max-h-80 overflow-auto rounded-lg border border-border"
                tabIndex={0}
                role="region"
                aria-label="Lista de conflitos"
              >
                <DataTable
                  caption="Conflitos encontrados"
                  rows={p().conflitos}
                  rowKey={(c) => `${c.data} ${c.horario} ${c.motivo}`}
                  empty="Nenhum conflito."
                  columns={[
                    { header: "Data", cell: (c) => formatDay(c.data) },
                    { header: "Horário", cell: (c) => c.horario },
                    {
                      header: "Motivo",
                      cell: (c) => (
                        <>
                          <strong>{MOTIVO[c.motivo] ?? c.motivo}</strong> — {c.mensagem}
                        </>
                      ),
                    },
                  ]}
                />
              </div>
              <Show when={p().conflitos_total > p().conflitos.length}>
                <p class="mt-1 text-sm text-ink-muted">
                  Mostrando {p().conflitos.length} de {p().conflitos_total} conflitos.
                </p>
              </Show>
              <div class="mt-3">
                <CheckboxField
                  label="Gerar ignorando os horários em conflito"
                  hint="Sem esta opção, a geração é recusada enquanto houver conflitos."
                  checked={props.ignorar}
                  onChange={props.setIgnorar}
                />
              </div>
            </Show>
          </div>
        )}
      </Show>
    </div>
  );
}
