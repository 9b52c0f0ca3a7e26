/**
 * The state of a portal form: busy flag, the server's field errors (shown next to each field)
 * and the form's own error; after a failed submit the focus moves to the first invalid field, or
 * to the form's error message. (client-shared/forms.ts maps errors the same way but imports zod,
 * which the portal's small first load leaves out.)
 *
 * @example
 * const f = createForm();
 * <form onSubmit={f.handle(async () => { await api.call(...); navigate("/"); })}>
 *   <TextField error={f.error("cpf")} … />
 *   <FormError id={f.formErrorId} message={f.formError()} />
 */
import { createSignal, createUniqueId } from "solid-js";
import { ApiError } from "../../../client-shared/http.ts";

export function createForm() {
  const [busy, setBusy] = createSignal(false);
  const [errors, setErrors] = createSignal<Record<string, string>>({});
  const [formError, setFormError] = createSignal<string | null>(null);
  const formErrorId = `form-err-${createUniqueId()}`;

  const focusFirstError = () =>
    queueMicrotask(() => {
      const el = document.querySelector<HTMLElement>('[aria-invalid="true"]') ??
        document.getElementById(formErrorId);
      if (el) {
        if (!el.hasAttribute("tabindex") && !/^(INPUT|SELECT|TEXTAREA|BUTTON)$/.test(el.tagName)) {
          el.setAttribute("tabindex", "-1");
        }
        el.focus();
      }
    });

  /** Shows an error: field errors next to the fields, anything else above the button. */
  const fail = (e: unknown) => {
    const fields = e instanceof ApiError ? e.fieldErrors : {};
    setErrors(fields);
    setFormError(
      Object.keys(fields).length
        ? null
        : e instanceof Error
        ? e.message
        : "Não foi possível concluir a operação.",
    );
    focusFirstError();
  };

  return {
    busy,
    errors,
    formError,
    formErrorId,
    error: (field: string) => errors()[field] ?? null,
    setError: (field: string, message: string | null) =>
      setErrors((e) => {
        const n = { ...e };
        if (message) n[field] = message;
        else delete n[field];
        return n;
      }),
    clear() {
      setErrors({});
      setFormError(null);
    },
    fail,
    /**
     * `onInput` of the `<form>`: typing in a field clears its message (fields checked as typed,
     * `data-live-check`, keep their own).
     */
    clearField(ev: InputEvent) {
      const el = ev.target as HTMLInputElement;
      if (!el.name || el.hasAttribute("data-live-check") || !(el.name in errors())) return;
      setErrors((e) => {
        const n = { ...e };
        delete n[el.name];
        return n;
      });
    },
    /** Local checks first (`validate` answers field → message), then the call. */
    handle(run: () => Promise<void>, validate?: () => Record<string, string>) {
      return async (ev?: Event) => {
        ev?.preventDefault();
        if (busy()) return;
        const local = validate?.() ?? {};
        if (Object.keys(local).length) {
          setErrors(local);
          setFormError(null);
          focusFirstError();
          return;
        }
        setErrors({});
        setFormError(null);
        setBusy(true);
        try {
          await run();
        } catch (e) {
          fail(e);
        } finally {
          setBusy(false);
        }
      };
    },
  };
}

export type Form = ReturnType<typeof createForm>;
