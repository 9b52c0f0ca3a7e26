/**
 * Screens a request value before zod parses it: what no field of this API accepts, whatever its
 * schema says.
 *
 * - Control characters other than tab, newline and carriage return (NUL makes Postgres fail
 *   with `invalid byte sequence`, the others are never typed by a person).
 * - Lone UTF-16 surrogates (`"\ud800"` in JSON), which cannot be stored as UTF-8.
 * - Nesting deeper than MAX_DEPTH (Postgres overflows its stack on deep jsonb).
 * - Object keys the schema does not declare, when a schema is given: zod would drop them
 *   silently and hide the client's mistake (`status` on a create, `senhahash`, …).
 *
 * The walk is iterative and stops at the first MAX_PROBLEMS, so a hostile value costs at most
 * one pass over it.
 */
import type { z } from "zod";

export const MAX_DEPTH = 64;
const MAX_PROBLEMS = 20;

export interface Problem {
  path: string;
  message: string;
  code: "invalid_characters" | "too_deep" | "unrecognized_keys";
}

// deno-lint-ignore no-control-regex
const CONTROL = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F]/;

/** A string no field accepts: a control character or a lone surrogate. */
export function badText(s: string): boolean {
  return CONTROL.test(s) || !s.isWellFormed();
}

type Def = { type: string; [k: string]: unknown };
const defOf = (s: unknown): Def | undefined => (s as { _zod?: { def: Def } })?._zod?.def;

/**
 * The object schema that describes a value at this place, unwrapped from optional, default,
 * pipes and the like; undefined when the place is not a plain object schema (records, unions of
 * non-objects, unknown, …), whose keys are then not checked.
 */
function objectShape(schema: unknown, seen = 0): Record<string, unknown> | undefined {
  const def = defOf(schema);
  if (!def || seen > 20) return undefined;
  switch (def.type) {
    case "object": {
      // An explicit catchall (strict or passthrough) is the schema's own decision.
      if (def.catchall) return undefined;
      return def.shape as Record<string, unknown>;
    }
    case "optional":
    case "nullable":
    case "default":
    case "prefault":
    case "catch":
    case "readonly":
    case "nonoptional":
      return objectShape(def.innerType, seen + 1);
    case "pipe": {
      // z.preprocess is pipe(transform, schema): the shape is on the output side.
      const inner = defOf(def.in)?.type === "transform" ? def.out : def.in;
      return objectShape(inner, seen + 1);
    }
    case "intersection": {
      const l = objectShape(def.left, seen + 1);
      const r = objectShape(def.right, seen + 1);
      return l && r ? { ...l, ...r } : undefined;
    }
    case "union": {
      const shapes = (def.options as unknown[]).map((o) => objectShape(o, seen + 1));
      if (shapes.some((s) => !s)) return undefined;
      // Any option's key is allowed; the union's own parse picks the option.
      return Object.assign(
        {},
        ...shapes.map((s) =>
          Object.fromEntries(
            Object.keys(s!).map((k) => [k, undefined]),
          )
        ),
      );
    }
  }
  return undefined;
}

/** The element schema of an array schema at this place, unwrapped like `objectShape`. */
function elementOf(schema: unknown, seen = 0): unknown {
  const def = defOf(schema);
  if (!def || seen > 20) return undefined;
  if (def.type === "array") return def.element;
  if (
    ["optional", "nullable", "default", "prefault", "catch", "readonly", "nonoptional"].includes(
      def.type,
    )
  ) return elementOf(def.innerType, seen + 1);
  if (def.type === "pipe") {
    return elementOf(defOf(def.in)?.type === "transform" ? def.out : def.in, seen + 1);
  }
  return undefined;
}

const isPlainObject = (v: unknown): v is Record<string, unknown> =>
  typeof v === "object" && v !== null && !Array.isArray(v) &&
  (Object.getPrototypeOf(v) === Object.prototype || Object.getPrototypeOf(v) === null);

/** Every problem found (at most MAX_PROBLEMS), with dotted paths. */
export function screen(value: unknown, schema?: z.ZodType): Problem[] {
  const problems: Problem[] = [];
  const stack: { v: unknown; path: string[]; schema: unknown }[] = [{ v: value, path: [], schema }];
  while (stack.length && problems.length < MAX_PROBLEMS) {
    const { v, path, schema: s } = stack.pop()!;
    const at = path.join(".");
    if (typeof v === "string") {
      if (badText(v)) {
        problems.push({
          path: at,
          message: "Texto com caracteres inválidos.",
          code: "invalid_characters",
        });
      }
      continue;
    }
    if (typeof v !== "object" || v === null) continue;
    if (path.length >= MAX_DEPTH) {
      problems.push({
        path: at,
        message: `Estrutura aninhada demais (máx. ${MAX_DEPTH} níveis).`,
        code: "too_deep",
      });
      continue;
    }
    if (Array.isArray(v)) {
      const el = elementOf(s);
      v.forEach((item, i) => stack.push({ v: item, path: [...path, String(i)], schema: el }));
      continue;
    }
    if (!isPlainObject(v)) continue; // File, Blob: the schema checks them.
    const shape = objectShape(s);
    for (const [k, item] of Object.entries(v)) {
      const here = [...path, k];
      if (badText(k)) {
        problems.push({
          path: here.join("."),
          message: "Nome de campo com caracteres inválidos.",
          code: "invalid_characters",
        });
        continue;
      }
      if (shape && !Object.hasOwn(shape, k)) {
        problems.push({
          path: here.join("."),
          message: `Campo não permitido: ${k}.`,
          code: "unrecognized_keys",
        });
        continue;
      }
      stack.push({ v: item, path: here, schema: shape?.[k] });
    }
  }
  return problems;
}
