/**
 * Checks one response against the contract: a 2xx JSON body must parse with its route's
 * response schema and carry no key the schema does not name; any other JSON answer must be the
 * common error body. The test harness runs it on every response `ctx.req` receives, so a shape
 * that drifts from `server/contract/routes.ts` fails the suite where it happens.
 */
import type { z } from "zod";
import { type RouteDef, statusesOf } from "./define.ts";
import { routeMatcher } from "./match.ts";
import { ROUTES } from "./routes.ts";
import { ErrorBody } from "../shared/schemas.ts";

const match = routeMatcher(
  ROUTES.map((r) => ({ method: r.method, path: r.path, value: r as RouteDef })),
);

/** The contract entry that serves `method url`, if any. */
export function routeOf(method: string, url: string): RouteDef | undefined {
  return match(method, url);
}

const isPlain = (v: unknown): v is Record<string, unknown> =>
  typeof v === "object" && v !== null && !Array.isArray(v);

/** Paths of keys present in the JSON but dropped by the schema (fields it does not declare). */
export function undeclaredKeys(input: unknown, output: unknown, at = ""): string[] {
  if (Array.isArray(input) && Array.isArray(output)) {
    return input.flatMap((v, i) => undeclaredKeys(v, output[i], `${at}[${i}]`));
  }
  if (!isPlain(input) || !isPlain(output)) return [];
  return Object.keys(input).flatMap((k) =>
    k in output
      ? undeclaredKeys(input[k], output[k], at ? `${at}.${k}` : k)
      : [at ? `${at}.${k}` : k]
  );
}

/** Issue lines; for a union, those of the branch that came closest. */
function lines(issues: readonly z.core.$ZodIssue[], at: PropertyKey[] = []): string[] {
  return issues.flatMap((i) => {
    const path = [...at, ...i.path];
    if (i.code === "invalid_union" && i.errors.length) {
      const best = [...i.errors].sort((a, b) => a.length - b.length)[0];
      return lines(best, path);
    }
    return [`${path.map(String).join(".") || "(body)"}: ${i.message}`];
  });
}

function describe(error: z.ZodError): string {
  return lines(error.issues).slice(0, 8).join("; ");
}

/** Problems with one response, empty when it fits the contract. */
export function contractProblems(
  method: string,
  url: string,
  status: number,
  contentType: string | null,
  body: unknown,
): string[] {
  const path = url.split("?")[0];
  // CORS preflights are answered by the CORS middleware before any route; no route serves OPTIONS.
  if (!path.startsWith("/api/") || method === "OPTIONS") return [];
  const json = contentType?.includes("json") ?? false;
  if (status < 200 || status >= 300) {
    if (!json) return [`answered ${status} without a JSON error body`];
    const parsed = ErrorBody.strict().safeParse(body);
    return parsed.success ? [] : [`error body: ${describe(parsed.error)}`];
  }
  const route = routeOf(method, path);
  if (!route) return [`${method} ${path} answered ${status} but is not in the contract`];
  const statuses = statusesOf(route);
  const problems: string[] = [];
  if (!statuses.includes(status)) problems.push(`status ${status}, contract says ${statuses}`);
  if ("mediaType" in route.response) return problems;
  if (!json) return [...problems, `answered ${contentType} where the contract says JSON`];
  const parsed = (route.response as z.ZodType).safeParse(body);
  if (!parsed.success) return [...problems, describe(parsed.error)];
  const extra = undeclaredKeys(body, parsed.data);
  if (extra.length) problems.push(`undeclared keys: ${extra.slice(0, 8).join(", ")}`);
  return problems;
}
