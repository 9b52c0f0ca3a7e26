/**
 * One figure with its label, for the summaries and totals of a screen; several go inside a
 * `<StatGrid>` (a `<dl>`). `chave` marks the figure (`data-valor`) for tests.
 *
 * @example
 * <StatGrid><Stat rotulo="Horários criados" valor={r.criados} chave="criados" /></StatGrid>
 */
import type { JSX } from "solid-js";

export function StatGrid(props: { children: JSX.Element; cols?: 3 | 4; testId?: string }) {
  return (
    <dl
      class={`grid grid-cols-2 gap-3 ${props.cols === 3 ? "sm:grid-cols-3" : "sm:grid-cols-4"}`}
      data-testid={props.testId}
    >
      {props.children}
    </dl>
  );
}

export function Stat(props: { rotulo: string; valor: JSX.Element; chave?: string }) {
  return (
    <div class="rounded-lg bg-surface-muted p-3">
      <dt class="text-xs font-semibold uppercase text-ink-muted">{props.rotulo}</dt>
      <dd class="text-lg font-bold" data-valor={props.chave}>{props.valor}</dd>
    </div>
  );
}
