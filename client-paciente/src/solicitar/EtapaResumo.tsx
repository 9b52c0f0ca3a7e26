/**
 * Wizard step 3: what will be sent, and the priority the request will get, computed by the
 * server's own rule (`computePrioridade`) with the clinic's today.
 */
import { Show } from "solid-js";
import { formatDay } from "../../../client-shared/format.ts";
import { computePrioridade } from "../../../server/modules/backlog/priority_rule.ts";
import { PrioridadeBadge } from "../agenda/ui.tsx";
import type { Catalogo, Pedido } from "./pedido.ts";

const MOTIVO = {
  Alta: "Urgente, para os próximos 7 dias ou sem data definida.",
  Média: "Urgente, com data preferida daqui a mais de 7 dias.",
  Baixa: "Sem urgência.",
} as const;

export function EtapaResumo(props: { catalogo: Catalogo; pedido: Pedido; hoje: string }) {
  const p = () => props.pedido;
  const nome = <T,>(list: T[], key: keyof T, id: number | null, label: keyof T) =>
    id === null ? null : String(list.find((x) => x[key] === id)?.[label] ?? "");
  const prioridade = () => computePrioridade(p().urgente, p().data || null, props.hoje);
  const linha = (t: string, v: string) => (
    <div class="flex justify-between gap-3 border-b border-slate-100 py-2">
      <dt class="text-ink-muted">{t}</dt>
      <dd class="text-right font-semibold">{v}</dd>
    </div>
  );
  return (
    <>
      <dl class="mb-4">
        {linha(
          "Especialidade",
          nome(props.catalogo.especialidades, "especialidadeid", p().especialidadeid, "nome") ??
            "",
        )}
        {linha(
          "Unidade",
          nome(props.catalogo.unidades, "unidadeid", p().unidadeid, "nome") ?? "Qualquer unidade",
        )}
        {linha(
          "Médico",
          nome(props.catalogo.medicos, "medicoid", p().medicoid, "nomecompleto") ??
            "Qualquer médico",
        )}
        {linha("Data preferida", p().data ? formatDay(p().data) : "Qualquer dia")}
        {linha("Período", p().periodo === "Qualquer" ? "Qualquer horário" : p().periodo)}
        {linha("Urgente", p().urgente ? "Sim" : "Não")}
        <Show when={p().observacoes.trim()}>
          {linha("Observações", p().observacoes.trim())}
        </Show>
      </dl>
      <div class="rounded-lg bg-surface-muted p-3" data-testid="prioridade">
        <p class="mb-1">
          Sua solicitação entrará na fila com <PrioridadeBadge prioridade={prioridade()} />
        </p>
        <p class="text-sm text-ink-muted">{MOTIVO[prioridade()]}</p>
      </div>
    </>
  );
}
