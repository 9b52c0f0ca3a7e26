/**
 * A one-time code typed into boxes (`@corvu/otp-field`): one real input under the boxes, so the
 * focus moves from box to box by itself, a pasted or SMS-suggested code fills every box, and a
 * screen reader reads one labelled field. `onComplete` fires when the last digit is typed (auto
 * submit). The error and hint are tied to the input (`aria-describedby`).
 *
 * @example
 * <OtpCode digits={4} label="Código recebido por WhatsApp" value={code()} onInput={setCode}
 *   onComplete={(c) => confirmar(c)} error={erro()} />
 */
import OtpField from "@corvu/otp-field";
import { createUniqueId, For, type JSX, Show } from "solid-js";

export function OtpCode(props: {
  digits: number;
  label: string;
  value: string;
  onInput: (v: string) => void;
  onComplete?: (v: string) => void;
  error?: string | null;
  hint?: JSX.Element;
  disabled?: boolean;
  /** Focus the field when it appears (the code was just sent). */
  autofocus?: boolean;
  id?: string;
}) {
  const id = props.id ?? createUniqueId();
  const describedBy = () =>
    [props.hint ? `${id}-hint` : "", props.error ? `${id}-err` : ""].filter(Boolean).join(" ") ||
    undefined;
  return (
    <div class="mb-4">
      <label class="label" for={id}>{props.label}</label>
      <OtpField
        maxLength={props.digits}
        value={props.value}
        onValueChange={props.onInput}
        onComplete={(v) => props.onComplete?.(v)}
        shiftPWManagers={false}
        class="relative inline-block"
      >
        <OtpField.Input
          id={id}
          autocomplete="one-time-code"
          inputMode="numeric"
          disabled={props.disabled}
          autofocus={props.autofocus}
          aria-invalid={props.error ? "true" : undefined}
          aria-describedby={describedBy()}
          data-testid="otp-input"
        />
        <Boxes count={props.digits} invalid={!!props.error} />
      </OtpField>
      <Show when={props.hint}>
        <div id={`${id}-hint`} class="mt-1 text-sm text-ink-muted">{props.hint}</div>
      </Show>
      <Show when={props.error}>
        <p id={`${id}-err`} class="mt-1 text-sm font-medium text-red-700" role="alert">
          {props.error}
        </p>
      </Show>
    </div>
  );
}

function Boxes(props: { count: number; invalid: boolean }) {
  const ctx = OtpField.useContext();
  return (
    <div class="flex gap-3" aria-hidden="true">
      <For each={Array.from({ length: props.count }, (_, i) => i)}>
        {(i) => {
          const active = () => ctx.isFocused() && ctx.activeSlots().includes(i);
          return (
            <div
              class={`flex h-14 w-12 items-center justify-center rounded-lg border-2 bg-white text-2xl font-bold ${
                active()
                  ? "border-brand-600 ring-2 ring-brand-200"
                  : props.invalid
                  ? "border-red-700"
                  : "border-border"
              }`}
            >
              {ctx.value()[i] ?? ""}
              <Show when={active() && ctx.isInserting()}>
                <span class="h-7 w-0.5 animate-pulse bg-ink" />
              </Show>
            </div>
          );
        }}
      </For>
    </div>
  );
}
