/**
 * Small pieces the portal's request and appointment screens share: a page title that takes the
 * focus, big radio "cards" (touch targets of 48 px) and the status / priority badges.
 */
import { createUniqueId, For, type JSX, onMount } from "solid-js";

/** The screen's h1; focused on arrival so a screen reader starts there. */
export function PageTitle(props: { children: JSX.Element; sub?: JSX.Element }) {
  let h!: HTMLHeadingElement;
  onMount(() => h.focus({ preventScroll: true }));
  return (
    <header class="mb-4">
      <h1 ref={h} tabindex="-1" class="text-2xl font-bold outline-none">{props.children}</h1>
      {props.sub && <p class="mt-1 text-ink-muted">{props.sub}</p>}
    </header>
  );
}

/** One choice out of a few, as large tappable rows. */
export function RadioCards<V extends string>(props: {
  legend: string;
  name: string;
  value: V;
  options: { value: V; label: string; hint?: string }[];
  onChange: (v: V) => void;
}) {
  const id = createUniqueId();
  return (
    <fieldset class="mb-5">
      <legend class="label mb-2 text-base">{props.legend}</legend>
      <div class="grid grid-cols-2 gap-2">
        <For each={props.options}>
          {(o, i) => (
            <label
              for={`${id}-${i()}`}
              class="flex min-h-12 cursor-pointer items-center gap-2 rounded-lg border border-border bg-white px-3 py-2 has-[:checked]:border-brand-600 has-[:checked]:bg-brand-50 has-[:checked]:font-semibold"
            >
              <input
                id={`${id}-${i()}`}
                type="radio"
                name={props.name}
                class="h-5 w-5 accent-brand-600"
                checked={props.value === o.value}
                onChange={() => props.onChange(o.value)}
              />
              <span>
                {o.label}
                {o.hint && <span class="block text-xs text-ink-muted">{o.hint}</span>}
              </span>
            </label>
          )}
        </For>
      </div>
    </fieldset>
  );
}

const PRIO: Record<string, string> = {
  Alta: "bg-prio-alta-bg text-prio-alta",
  Média: "bg-prio-media-bg text-prio-media",
  Baixa: "bg-prio-baixa-bg text-prio-baixa",
};

export function PrioridadeBadge(props: { prioridade: string }) {
  return (
    <span class={`rounded-full px-2 py-0.5 text-sm font-semibold ${PRIO[props.prioridade] ?? ""}`}>
      Prioridade {props.prioridade}
    </span>
  );
}

const TONE: Record<string, string> = {
  Pendente: "bg-slate-100 text-slate-800",
  "Aguardando Confirmação": "bg-amber-100 text-amber-900",
  Agendado: "bg-green-100 text-green-900",
  Confirmado: "bg-green-100 text-green-900",
  Cancelado: "bg-slate-100 text-slate-700",
  Recusado: "bg-slate-100 text-slate-700",
  "Não Compareceu": "bg-red-100 text-red-900",
};

export function StatusPill(props: { status: string }) {
  return (
    <span
      class={`inline-block rounded-full px-2 py-0.5 text-sm font-semibold ${
        TONE[props.status] ?? "bg-slate-100 text-slate-800"
      }`}
    >
      {props.status}
    </span>
  );
}

/** One "label: value" line of a card's description list. */
export function Dado(props: { t: string; children: JSX.Element; forte?: boolean }) {
  return (
    <div>
      <dt class="inline text-ink-muted">{props.t}:</dt>{" "}
      <dd class={`inline ${props.forte === false ? "" : "font-semibold"}`}>{props.children}</dd>
    </div>
  );
}

/** The unidade's address and a Google Maps search for it (opens the phone's map app). */
export function EnderecoMapa(props: { unidade: string; endereco: string }) {
  const q = () => encodeURIComponent(`${props.unidade}, ${props.endereco}`);
  return (
    <span class="block text-sm font-normal">
      {props.endereco}{" "}
      <a
        class="font-semibold text-brand-700 underline"
        href={`https://www.google.com/maps/search/?api=1&query=${q()}`}
        target="_blank"
        rel="noopener noreferrer"
      >
        Ver no mapa
      </a>
    </span>
  );
}
