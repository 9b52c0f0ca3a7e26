/**
 * Forms validated with the server's own zod schemas before sending, and the server's answer
 * mapped back to the same fields: one `Record<field path, Portuguese message>` either way, so a
 * screen shows each message next to its field whoever found the problem.
 *
 * @example
 * const r = checkWith(EspecialidadeCreate, { nome: nome(), limitevagas: Number(limite()) });
 * if (!r.ok) return setErrors(r.errors);
 * try { await app.api.call("POST /api/especialidades", { body: r.data }); }
 * catch (e) { setErrors(errorsOf(e, codeFields)); }
 */
import "./zod_csp.ts";
import { createSignal } from "solid-js";
import type { z } from "zod";
import { ApiError } from "./http.ts";

export type FieldErrors = Record<string, string>;

/** `""` is the key of a form-wide message. */
export function issuesToErrors(
  issues: readonly { path: readonly PropertyKey[]; message: string }[],
) {
  const out: FieldErrors = {};
  for (const i of issues) {
    const key = i.path.map(String).join(".");
    if (!(key in out)) out[key] = i.message;
  }
  return out;
}

export function checkWith<S extends z.ZodType>(
  schema: S,
  value: unknown,
): { ok: true; data: z.output<S> } | { ok: false; errors: FieldErrors } {
  const r = schema.safeParse(value);
  return r.success
    ? { ok: true, data: r.data }
    : { ok: false, errors: issuesToErrors(r.error.issues) };
}

/**
 * The field errors of a refused request (400 `details`), and its message under `""` when no field
 * carries it (409/422 rules, network failures). `fields` places a rule's message by its code
 * (`{ crm_duplicado: "crm" }`), next to the field it concerns.
 */
export function errorsOf(e: unknown, fields: Record<string, string> = {}): FieldErrors {
  if (!(e instanceof ApiError)) return { "": "Não foi possível concluir a operação." };
  const byField = e.fieldErrors;
  if (Object.keys(byField).length) return byField;
  return { [fields[e.code] ?? ""]: e.message };
}

/** The errors without field `k`'s (the same object when it has none, so nothing re-renders). */
export function withoutError(errors: FieldErrors, k: string): FieldErrors {
  if (!(k in errors)) return errors;
  const { [k]: _, ...rest } = errors;
  return rest;
}

/**
 * The state of a form of text fields: values, field errors and the busy flag, with `field(k)`
 * giving the props of a `TextField` (value, onInput, error; kept reactive through getters) and
 * `send` running a request with busy on, a refusal's errors landing on their fields.
 *
 * @example
 * const form = createForm({ nome: "", cep: "" });
 * <TextField label="CEP" {...form.field("cep")} mask={maskCep} />
 * const ok = await form.send(() => app.api.call("POST /api/unidades", { body }));
 */
export function createForm<V extends Record<string, string>>(
  initial: V,
  /** Error code → field, for the server's rule messages (see `errorsOf`). */
  codeFields: Record<string, string> = {},
) {
  const [values, setValues] = createSignal<V>(initial);
  const [errors, setErrors] = createSignal<FieldErrors>({});
  const [busy, setBusy] = createSignal(false);
  /** Drops the message of a field the user is correcting. */
  const clear = (k: string) => setErrors((e) => withoutError(e, k));
  const set = <K extends keyof V & string>(k: K) => (v: string) => {
    setValues(() => ({ ...values(), [k]: v }));
    clear(k);
  };
  return {
    values,
    errors,
    setErrors,
    busy,
    set,
    /** Replaces every value (e.g. with what the server now holds). */
    reset: (v: V) => setValues(() => v),
    clear,
    error: (k: string): string | undefined => errors()[k],
    field<K extends keyof V & string>(k: K) {
      return {
        get value() {
          return values()[k];
        },
        onInput: set(k),
        get error() {
          return errors()[k];
        },
      };
    },
    /** Runs `request`; answers whether it succeeded (on failure the errors are shown). */
    async send(request: () => Promise<unknown>): Promise<boolean> {
      setErrors({});
      setBusy(true);
      try {
        await request();
        return true;
      } catch (e) {
        setErrors(errorsOf(e, codeFields));
        return false;
      } finally {
        setBusy(false);
      }
    },
  };
}
export type Form<V extends Record<string, string>> = ReturnType<typeof createForm<V>>;
