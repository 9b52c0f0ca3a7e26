/**
 * Route validation: `validate("json", schema)` parses with zod and answers 400 with
 * every issue when the input does not fit. Handlers read `c.req.valid("json")`.
 *
 * @example
 * app.post("/", validate("json", EspecialidadeInput), (c) => create(c.req.valid("json")))
 */
import { validator } from "hono/validator";
import type { ValidationTargets } from "hono";
import type { z } from "zod";
import { HttpError } from "./errors.ts";

const messages: Record<string, string> = {
  json: "Dados inválidos.",
  query: "Parâmetros de consulta inválidos.",
  param: "Parâmetro de rota inválido.",
  form: "Formulário inválido.",
};

export function issuesOf(error: z.ZodError) {
  return error.issues.map((i) => ({ path: i.path.join("."), message: i.message, code: i.code }));
}

export function validate<T extends keyof ValidationTargets, S extends z.ZodType>(
  target: T,
  schema: S,
) {
  return validator(target, (value) => {
    const result = schema.safeParse(value);
    if (!result.success) {
      throw new HttpError(
        400,
        "entrada_invalida",
        messages[target] ?? "Dados inválidos.",
        issuesOf(result.error),
      );
    }
    return result.data as z.output<S>;
  });
}
