/** Wizard step 2: preferred date (tomorrow to +60 days, optional), período, urgência, notes. */
import { createUniqueId } from "solid-js";
import type { FieldErrors } from "../../../client-shared/forms.ts";
import { formatDay } from "../../../client-shared/format.ts";
import { FieldError, TextAreaField } from "../../../client-shared/ui/form.tsx";
import { RadioCards } from "../agenda/ui.tsx";
import type { Pedido, Periodo } from "./pedido.ts";

const PERIODOS: { value: Periodo; label: string; hint?: string }[] = [
  { value: "Qualquer", label: "Qualquer horário" },
  { value: "Manhã", label: "Manhã" },
  { value: "Tarde", label: "Tarde" },
  { value: "Noite", label: "Noite" },
];

export function EtapaPreferencias(props: {
  pedido: Pedido;
  erros: FieldErrors;
  mudar: (p: Partial<Pedido>) => void;
  janela: { min: string; max: string };
}) {
  const id = createUniqueId();
  const desc = () => [`${id}-hint`, props.erros.data ? `${id}-err` : ""].join(" ").trim();
  return (
    <>
      <div class="mb-5">
        <label class="label text-base" for={id}>Data preferida (opcional)</label>
        <input
          id={id}
          type="date"
          class="input min-h-12 text-base"
          min={props.janela.min}
          max={props.janela.max}
          value={props.pedido.data}
          aria-invalid={props.erros.data ? "true" : undefined}
          aria-describedby={desc()}
          onInput={(e) => props.mudar({ data: e.currentTarget.value })}
        />
        <p id={`${id}-hint`} class="mt-1 text-sm text-ink-muted">
          De {formatDay(props.janela.min)} até{" "}
          {formatDay(props.janela.max)}. Deixe em branco se qualquer dia serve.
        </p>
        <FieldError id={`${id}-err`} error={props.erros.data} />
      </div>
      <RadioCards
        legend="Período"
        name="periodo"
        value={props.pedido.periodo}
        options={PERIODOS}
        onChange={(v) => props.mudar({ periodo: v })}
      />
      <RadioCards
        legend="É urgente?"
        name="urgente"
        value={props.pedido.urgente ? "sim" : "nao"}
        options={[
          { value: "nao", label: "Não" },
          { value: "sim", label: "Sim, é urgente" },
        ]}
        onChange={(v) => props.mudar({ urgente: v === "sim" })}
      />
      <TextAreaField
        label="Observações (opcional)"
        value={props.pedido.observacoes}
        maxLength={1000}
        error={props.erros.observacoes}
        onInput={(v) => props.mudar({ observacoes: v })}
      />
    </>
  );
}
