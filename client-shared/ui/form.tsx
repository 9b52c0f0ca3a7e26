/**
 * Layout pieces of the configuration screens: a page header with its actions, a responsive grid
 * of fields, the save/cancel row, and the fields `fields.tsx` lacks (multi-line text, checkbox,
 * checkbox group). Same accessibility contract as `fields.tsx`: visible label, error read by
 * screen readers, `aria-invalid`.
 *
 * @example
 * <PageHeader title="Especialidades" actions={<button class="btn btn-primary">Nova</button>} />
 * <form onSubmit={save}><FormGrid>…fields…</FormGrid><FormActions busy={busy()} onCancel={close} /></form>
 */
import { createUniqueId, For, type JSX, Show } from "solid-js";

export function PageHeader(props: {
  title: string;
  description?: JSX.Element;
  actions?: JSX.Element;
}) {
  return (
    <header class="mb-4 flex flex-wrap items-start justify-between gap-3">
      <div>
        <h2 class="text-xl font-bold">{props.title}</h2>
        <Show when={props.description}>
          <p class="text-sm text-ink-muted">{props.description}</p>
        </Show>
      </div>
      <Show when={props.actions}>
        <div class="flex flex-wrap items-center gap-2">{props.actions}</div>
      </Show>
    </header>
  );
}

/** Fields side by side on wide screens (`cols` per row), stacked on narrow ones. */
export function FormGrid(props: { cols?: 2 | 3 | 4; children: JSX.Element }) {
  const cls = { 2: "sm:grid-cols-2", 3: "sm:grid-cols-3", 4: "sm:grid-cols-4" }[props.cols ?? 2];
  return <div class={`grid grid-cols-1 gap-x-4 ${cls}`}>{props.children}</div>;
}

/** A titled group of fields inside a form. */
export function FormSection(props: { title: string; children: JSX.Element }) {
  return (
    <fieldset class="mb-4 rounded-lg border border-slate-200 p-4">
      <legend class="px-1 text-sm font-bold">{props.title}</legend>
      {props.children}
    </fieldset>
  );
}

export function FormActions(props: {
  busy?: boolean;
  submitLabel?: string;
  onCancel?: () => void;
}) {
  return (
    <div class="mt-2 flex justify-end gap-2">
      <Show when={props.onCancel}>
        <button type="button" class="btn btn-secondary" onClick={() => props.onCancel!()}>
          Cancelar
        </button>
      </Show>
      <button type="submit" class="btn btn-primary" disabled={props.busy}>
        {props.busy ? "Salvando…" : props.submitLabel ?? "Salvar"}
      </button>
    </div>
  );
}

/** A field's error message, announced, with the id its input names in aria-describedby. */
export function FieldError(props: { id: string; error?: string | null }) {
  return (
    <Show when={props.error}>
      <p id={props.id} class="mt-1 text-sm font-medium text-red-700" role="alert">{props.error}</p>
    </Show>
  );
}

export function TextAreaField(props: {
  label: string;
  value: string;
  onInput: (v: string) => void;
  error?: string | null;
  rows?: number;
  maxLength?: number;
}) {
  const id = createUniqueId();
  return (
    <div class="mb-4">
      <label class="label" for={id}>{props.label}</label>
      <textarea
        id={id}
        class="input"
        rows={props.rows ?? 3}
        maxLength={props.maxLength}
        value={props.value}
        aria-invalid={props.error ? "true" : undefined}
        aria-describedby={props.error ? `${id}-err` : undefined}
        onInput={(e) => props.onInput(e.currentTarget.value)}
      />
      <FieldError id={`${id}-err`} error={props.error} />
    </div>
  );
}

export function CheckboxField(props: {
  label: string;
  checked: boolean;
  onChange: (v: boolean) => void;
  hint?: string;
  error?: string | null;
}) {
  const id = createUniqueId();
  return (
    <div class="mb-4">
      <div class="flex items-center gap-2">
        <input
          id={id}
          type="checkbox"
          class="h-4 w-4"
          checked={props.checked}
          aria-describedby={props.hint ? `${id}-hint` : undefined}
          onChange={(e) => props.onChange(e.currentTarget.checked)}
        />
        <label for={id} class="text-sm font-semibold">{props.label}</label>
      </div>
      <Show when={props.hint}>
        <p id={`${id}-hint`} class="mt-1 text-sm text-ink-muted">{props.hint}</p>
      </Show>
      <FieldError id={`${id}-err`} error={props.error} />
    </div>
  );
}

/** Several choices out of a list (N:N links: the especialidades of a médico, weekdays). */
export function CheckboxGroup<V extends string | number>(props: {
  legend: string;
  options: { value: V; label: string }[];
  value: V[];
  onChange: (v: V[]) => void;
  error?: string | null;
}) {
  const id = createUniqueId();
  const toggle = (v: V, on: boolean) =>
    props.onChange(on ? [...props.value, v] : props.value.filter((x) => x !== v));
  return (
    <fieldset
      class="mb-4"
      aria-invalid={props.error ? "true" : undefined}
      aria-describedby={props.error ? `${id}-err` : undefined}
    >
      <legend class="label">{props.legend}</legend>
      <div class="flex flex-wrap gap-x-4 gap-y-1">
        <For each={props.options}>
          {(o) => (
            <label class="flex items-center gap-1.5 text-sm">
              <input
                type="checkbox"
                class="h-4 w-4"
                checked={props.value.includes(o.value)}
                onChange={(e) => toggle(o.value, e.currentTarget.checked)}
              />
              {o.label}
            </label>
          )}
        </For>
      </div>
      <FieldError id={`${id}-err`} error={props.error} />
    </fieldset>
  );
}
