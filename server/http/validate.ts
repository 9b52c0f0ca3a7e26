/**
 * Route validation: `validate("json", schema)` parses with zod and answers 400 with
 * every issue when the input does not fit. Handlers read `c.req.valid("json")`.
 *
 * Before zod sees the value, every target is screened (`input_screen.ts`): control characters
 * (NUL included), lone surrogates, nesting deeper than MAX_DEPTH and fields the schema does not
 * declare are a 400 naming the place. Postgres refuses NUL and overflows its stack on deep
 * jsonb, and a silently dropped field hides a client's mistake, so none of them reach a service.
 *
 * The returned middleware carries its target and schema (`validationOf`), so tests can walk
 * every route's request schemas.
 *
 * @example
 * app.post("/", validate("json", EspecialidadeInput), (c) => create(c.req.valid("json")))
 */
import { validator } from "hono/validator";
import type { ValidationTargets } from "hono";
import type { z } from "zod";
import { HttpError } from "./errors.ts";
import { screen } from "./input_screen.ts";

const messages: Record<string, string> = {
  json: "Dados inválidos.",
  query: "Parâmetros de consulta inválidos.",
  param: "Parâmetro de rota inválido.",
  form: "Formulário inválido.",
};

export function issuesOf(error: z.ZodError) {
  return error.issues.map((i) => ({ path: i.path.join("."), message: i.message, code: i.code }));
}

/** Targets whose keys come from the client: an undeclared one is refused. */
const STRICT_TARGETS = new Set(["json", "query", "form"]);

const VALIDATION = Symbol("validation");

export interface Validation {
  target: keyof ValidationTargets;
  schema: z.ZodType;
}

/** The target and schema a `validate()` middleware checks, or undefined for any other handler. */
export function validationOf(handler: unknown): Validation | undefined {
  return (handler as { [VALIDATION]?: Validation })?.[VALIDATION];
}

export function validate<T extends keyof ValidationTargets, S extends z.ZodType>(
  target: T,
  schema: S,
) {
  const message = messages[target] ?? "Dados inválidos.";
  const middleware = validator(target, (value) => {
    const problems = screen(value, STRICT_TARGETS.has(target) ? schema : undefined);
    if (problems.length) {
      const unknown = problems.filter((p) => p.code === "unrecognized_keys").map((p) => p.path);
      throw new HttpError(
        400,
        "entrada_invalida",
        unknown.length ? `Campo(s) não permitido(s): ${unknown.join(", ")}.` : message,
        problems,
      );
    }
    let result;
    try {
      result = schema.safeParse(value);
    } catch (err) {
      // A refinement that throws (e.g. Temporal on an impossible date) is bad input, not a crash.
      if (!(err instanceof RangeError || err instanceof TypeError)) throw err;
      throw new HttpError(400, "entrada_invalida", message, [
        { path: "", message: "Valor fora do formato aceito.", code: "custom" },
      ]);
    }
    if (!result.success) {
      throw new HttpError(400, "entrada_invalida", message, issuesOf(result.error));
    }
    return result.data as z.output<S>;
  });
  Object.defineProperty(middleware, VALIDATION, { value: { target, schema } });
  return middleware;
}
