/**
 * Form fields of both consoles: a visible label tied to its input, the hint and the error read by
 * screen readers (`aria-describedby`), `aria-invalid` on error, and an optional mask (CPF,
 * telefone) applied as the user types.
 *
 * @example
 * <TextField label="CPF" value={cpf()} onInput={setCpf} mask={maskCpf} inputMode="numeric" />
 */
import { createUniqueId, type JSX, Show, splitProps } from "solid-js";

export interface TextFieldProps
  extends Omit<JSX.InputHTMLAttributes<HTMLInputElement>, "onInput" | "value"> {
  label: string;
  value: string;
  onInput: (value: string) => void;
  error?: string | null;
  hint?: JSX.Element;
  mask?: (v: string) => string;
}

export function TextField(props: TextFieldProps) {
  const [own, rest] = splitProps(props, ["label", "value", "onInput", "error", "hint", "mask"]);
  const id = rest.id ?? createUniqueId();
  const hintId = `${id}-hint`;
  const errId = `${id}-err`;
  const describedBy = () =>
    [own.hint ? hintId : "", own.error ? errId : ""].filter(Boolean).join(" ") || undefined;
  return (
    <div class="mb-4">
      <label class="label" for={id}>{own.label}</label>
      <input
        {...rest}
        id={id}
        class={`input ${rest.class ?? ""}`}
        value={own.value}
        aria-invalid={own.error ? "true" : undefined}
        aria-describedby={describedBy()}
        onInput={(e) => {
          const raw = e.currentTarget.value;
          const v = own.mask ? own.mask(raw) : raw;
          if (v !== raw) e.currentTarget.value = v;
          own.onInput(v);
        }}
      />
      <Show when={own.hint}>
        <div id={hintId} class="mt-1 text-sm text-ink-muted">{own.hint}</div>
      </Show>
      <Show when={own.error}>
        <p id={errId} class="mt-1 text-sm font-medium text-red-700" role="alert">{own.error}</p>
      </Show>
    </div>
  );
}

/** A native select with a label: for short fixed lists inside forms and filter bars. */
export function SelectField(props: {
  label: string;
  value: string;
  onChange: (v: string) => void;
  options: { value: string; label: string }[];
  id?: string;
  class?: string;
  disabled?: boolean;
  /** The message of this field (read with it, `aria-invalid` set). */
  error?: string | null;
}) {
  const id = props.id ?? createUniqueId();
  return (
    <div class={props.class}>
      <label class="label" for={id}>{props.label}</label>
      <select
        id={id}
        class="input"
        value={props.value}
        disabled={props.disabled}
        aria-invalid={props.error ? "true" : undefined}
        aria-describedby={props.error ? `${id}-err` : undefined}
        onChange={(e) => props.onChange(e.currentTarget.value)}
      >
        {props.options.map((o) => (
          <option value={o.value} selected={o.value === props.value}>{o.label}</option>
        ))}
      </select>
      <Show when={props.error}>
        <p id={`${id}-err`} class="mt-1 text-sm font-medium text-red-700" role="alert">
          {props.error}
        </p>
      </Show>
    </div>
  );
}

/** Loading, empty and error states, said the same way on every screen. */
export function Loading(props: { label?: string }) {
  return (
    <div class="flex items-center gap-2 p-4 text-ink-muted" role="status" aria-live="polite">
      <span
        class="inline-block h-4 w-4 animate-spin rounded-full border-2 border-brand-500 border-t-transparent"
        aria-hidden="true"
      />
      {props.label ?? "Carregando…"}
    </div>
  );
}

export function Empty(props: { children: JSX.Element }) {
  return <p class="p-4 text-center text-ink-muted">{props.children}</p>;
}

export function ErrorBox(props: { error: unknown; onRetry?: () => void }) {
  const message = () =>
    props.error instanceof Error ? props.error.message : "Não foi possível carregar.";
  return (
    <div class="m-2 rounded-lg border border-red-200 bg-red-50 p-3 text-red-800" role="alert">
      <p>{message()}</p>
      <Show when={props.onRetry}>
        <button
          type="button"
          class="btn btn-secondary btn-sm mt-2"
          onClick={() => props.onRetry!()}
        >
          Tentar novamente
        </button>
      </Show>
    </div>
  );
}

/** The error of a whole form (the server's message), announced when it appears. */
export function FormError(props: { message: string | null; id?: string }) {
  return (
    <Show when={props.message}>
      <div
        id={props.id}
        class="mb-4 rounded-lg border border-red-200 bg-red-50 p-3 text-sm text-red-800"
        role="alert"
      >
        {props.message}
      </div>
    </Show>
  );
}
