/**
 * Opening hours of a unidade in one of three modes: the clinic's hours, one global pair with the
 * open weekdays, or hours per weekday (Monday–Sunday). `horariosBody` turns the draft into the
 * fields of the API body (see `horarios.ts`).
 */
import { createUniqueId, For, Show } from "solid-js";
import { CheckboxGroup } from "../../../../client-shared/ui/form.tsx";
import { type DiaDraft, DIAS, type HorariosDraft, type Modo } from "./horarios.ts";

const MODOS: { value: Modo; label: string }[] = [
  { value: "global", label: "Mesmo horário todos os dias" },
  { value: "dia", label: "Horário por dia da semana" },
  { value: "clinica", label: "Horário da clínica" },
];

export function HorariosEditor(props: {
  value: HorariosDraft;
  onChange: (h: HorariosDraft) => void;
  errors: Record<string, string>;
}) {
  const name = createUniqueId();
  const set = (patch: Partial<HorariosDraft>) => props.onChange({ ...props.value, ...patch });
  const setDia = (k: string, patch: Partial<DiaDraft>) =>
    set({ porDia: { ...props.value.porDia, [k]: { ...props.value.porDia[k], ...patch } } });
  const err = (prefix: string) =>
    Object.entries(props.errors).find(([k]) => k === prefix || k.startsWith(`${prefix}.`))?.[1];
  return (
    <fieldset class="mb-4 rounded-lg border border-slate-200 p-4">
      <legend class="px-1 text-sm font-bold">Horário de funcionamento</legend>
      <div class="mb-3 flex flex-wrap gap-4" role="radiogroup" aria-label="Modo do horário">
        <For each={MODOS}>
          {(m) => (
            <label class="flex items-center gap-1.5 text-sm">
              <input
                type="radio"
                name={name}
                checked={props.value.modo === m.value}
                onChange={() => set({ modo: m.value })}
              />
              {m.label}
            </label>
          )}
        </For>
      </div>
      <Show when={props.value.modo === "global"}>
        <div class="flex flex-wrap gap-4">
          <TimeInput
            label="Abertura"
            value={props.value.abertura}
            onInput={(v) => set({ abertura: v })}
            error={err("horario_abertura")}
          />
          <TimeInput
            label="Fechamento"
            value={props.value.fechamento}
            onInput={(v) => set({ fechamento: v })}
            error={err("horario_fechamento")}
          />
        </div>
        <CheckboxGroup
          legend="Dias de funcionamento"
          options={DIAS}
          value={props.value.dias}
          onChange={(dias) => set({ dias })}
          error={err("dias_funcionamento")}
        />
      </Show>
      <Show when={props.value.modo === "dia"}>
        <table class="text-sm">
          <caption class="sr-only">Horário por dia da semana</caption>
          <thead>
            <tr class="text-left text-ink-muted">
              <th scope="col" class="pr-4">Dia</th>
              <th scope="col" class="pr-4">Abertura</th>
              <th scope="col">Fechamento</th>
            </tr>
          </thead>
          <tbody>
            <For each={DIAS}>
              {(d) => {
                const k = String(d.value);
                const dia = () => props.value.porDia[k];
                return (
                  <tr>
                    <td class="py-1 pr-4">
                      <label class="flex items-center gap-1.5">
                        <input
                          type="checkbox"
                          checked={dia().aberto}
                          onChange={(e) => setDia(k, { aberto: e.currentTarget.checked })}
                        />
                        {d.label}
                      </label>
                    </td>
                    <For each={["abertura", "fechamento"] as const}>
                      {(campo) => (
                        <td class="py-1 pr-4">
                          <input
                            type="time"
                            class="input"
                            aria-label={`${
                              campo === "abertura" ? "Abertura" : "Fechamento"
                            } ${d.label}`}
                            disabled={!dia().aberto}
                            value={dia()[campo]}
                            onInput={(e) => setDia(k, { [campo]: e.currentTarget.value })}
                          />
                        </td>
                      )}
                    </For>
                  </tr>
                );
              }}
            </For>
          </tbody>
        </table>
        <Show when={err("horarios_por_dia")}>
          <p class="mt-1 text-sm font-medium text-red-700" role="alert">
            {err("horarios_por_dia")}
          </p>
        </Show>
      </Show>
      <Show when={props.value.modo === "clinica"}>
        <p class="text-sm text-ink-muted">
          A unidade segue o horário de abertura e fechamento da configuração da clínica.
        </p>
        <CheckboxGroup
          legend="Dias de funcionamento"
          options={DIAS}
          value={props.value.dias}
          onChange={(dias) => set({ dias })}
          error={err("dias_funcionamento")}
        />
      </Show>
    </fieldset>
  );
}

function TimeInput(props: {
  label: string;
  value: string;
  onInput: (v: string) => void;
  error?: string;
}) {
  const id = createUniqueId();
  return (
    <div class="mb-3">
      <label class="label" for={id}>{props.label}</label>
      <input
        id={id}
        type="time"
        class="input w-36"
        value={props.value}
        aria-invalid={props.error ? "true" : undefined}
        aria-describedby={props.error ? `${id}-err` : undefined}
        onInput={(e) => props.onInput(e.currentTarget.value)}
      />
      <Show when={props.error}>
        <p id={`${id}-err`} class="mt-1 text-sm font-medium text-red-700" role="alert">
          {props.error}
        </p>
      </Show>
    </div>
  );
}
