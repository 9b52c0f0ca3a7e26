/**
 * Cotas of an especialidade: vagas per active tipo de slot, the running sum against the limit,
 * and the rule "soma das cotas = limite de vagas" said before saving (green when met).
 */
import { For, Show } from "solid-js";
import type { TipoSlot } from "../../../../server/modules/tipos_slot/schemas.ts";
import { type CotasDraft, sumCotas } from "./cotas.ts";

export function CotasEditor(props: {
  tipos: TipoSlot[];
  value: CotasDraft;
  onChange: (d: CotasDraft) => void;
  limite: number;
  error?: string | null;
  readOnly?: boolean;
}) {
  const soma = () => sumCotas(props.value);
  const ok = () => soma() === 0 || soma() === props.limite;
  return (
    <fieldset class="mb-4 rounded-lg border border-slate-200 p-4" aria-describedby="cotas-regra">
      <legend class="px-1 text-sm font-bold">Cotas por tipo de slot</legend>
      <Show
        when={props.tipos.length > 0}
        fallback={<p class="text-sm text-ink-muted">Nenhum tipo de slot ativo cadastrado.</p>}
      >
        <div class="grid grid-cols-2 gap-x-4 gap-y-2 sm:grid-cols-3">
          <For each={props.tipos}>
            {(t) => (
              <label class="flex items-center gap-2 text-sm">
                <span
                  class="inline-block h-3 w-3 shrink-0 rounded-full border border-slate-300"
                  style={{ background: t.cor }}
                  aria-hidden="true"
                />
                <span class="min-w-0 flex-1 truncate">{t.nome}</span>
                <input
                  type="number"
                  min="0"
                  max="100"
                  class="input w-20"
                  aria-label={`Vagas ${t.nome}`}
                  readOnly={props.readOnly}
                  value={props.value[t.tiposlotid] ?? ""}
                  onInput={(e) =>
                    props.onChange({ ...props.value, [t.tiposlotid]: e.currentTarget.value })}
                />
              </label>
            )}
          </For>
        </div>
      </Show>
      <p
        id="cotas-regra"
        data-testid="cotas-soma"
        aria-live="polite"
        class={`mt-3 rounded-md px-3 py-2 text-sm font-medium ${
          ok() ? "bg-livre-bg text-livre" : "bg-cheio-bg text-cheio"
        }`}
      >
        Soma das cotas: {soma()} de {props.limite || 0} vagas {soma() === 0
          ? "(sem distribuição)"
          : ok()
          ? "✓ igual ao limite de vagas"
          : "✗ a soma das cotas deve ser igual ao limite de vagas"}
      </p>
      <Show when={props.error}>
        <p class="mt-1 text-sm font-medium text-red-700" role="alert">{props.error}</p>
      </Show>
    </fieldset>
  );
}
