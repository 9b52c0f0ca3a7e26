/**
 * The shape of one entry of the route contract (`server/contract/routes.ts`): what a route takes
 * (path params, query, body), what it answers on success (status + zod schema of the JSON body, or
 * a media type for the few non-JSON answers) and who may call it.
 *
 * Browser-safe: zod and types only. The clients import the contract through
 * `client-shared/api/contract.ts`; the server uses it in handlers (`reply`), in the OpenAPI
 * document and in the test harness, which parses every response with the route's schema.
 */
import type { z } from "zod";
import type { Role } from "../shared/schemas.ts";

export type Method = "GET" | "POST" | "PUT" | "PATCH" | "DELETE";

/**
 * Who gets past the route's access check: `público` (no token), `paciente` (the portal's token
 * only), the lowest staff role (every higher role too), optionally also any paciente token (the
 * handler then scopes to the paciente's own data), or `websocket` (the upgrade authenticates
 * inside the protocol, not by the bearer header).
 */
export type Access = "público" | "paciente" | "websocket" | { role: Role; paciente?: true };

/** A success answer that is not JSON (a file, a calendar) or no body at all. */
export interface RawBody {
  mediaType: string;
}

export interface RouteDef<
  M extends Method = Method,
  P extends string = string,
  Q extends z.ZodType | undefined = z.ZodType | undefined,
  B extends z.ZodType | "multipart" | undefined = z.ZodType | "multipart" | undefined,
  R extends z.ZodType | RawBody = z.ZodType | RawBody,
> {
  method: M;
  path: P;
  /** One line for the reference page (Portuguese, like the UI). */
  summary: string;
  /** The section of the reference page (also the README index section). */
  tag: string;
  access: Access;
  params?: z.ZodType;
  query?: Q;
  /** JSON body schema, or `multipart` for a file upload. */
  body?: B;
  /** The success status; two when the route answers 201 on create and 200 otherwise. */
  status: 200 | 201 | 101 | readonly [201, 200];
  response: R;
}

/** The success statuses of a route, as a list. */
export function statusesOf(def: RouteDef): readonly number[] {
  return typeof def.status === "number" ? [def.status] : def.status;
}

/** Route key: `"METHOD /api/path/:param"`, the same text the README index and logs use. */
export type KeyOf<D extends RouteDef> = `${D["method"]} ${D["path"]}`;

/** Declares one route; keeps the literal types of method, path and schemas. */
export function route<
  const M extends Method,
  const P extends string,
  Q extends z.ZodType | undefined = undefined,
  B extends z.ZodType | "multipart" | undefined = undefined,
  R extends z.ZodType | RawBody = z.ZodType,
>(def: RouteDef<M, P, Q, B, R>): RouteDef<M, P, Q, B, R> {
  return def;
}

/** Indexes a list of routes by their key. */
export function byKey<const L extends readonly RouteDef[]>(
  list: L,
): { [D in L[number] as KeyOf<D>]: D } {
  const out: Record<string, RouteDef> = {};
  for (const d of list) {
    const key = `${d.method} ${d.path}`;
    if (out[key]) throw new Error(`route declared twice: ${key}`);
    out[key] = d;
  }
  return out as { [D in L[number] as KeyOf<D>]: D };
}

/** The README's "quem" label for an access rule. */
export function accessLabel(access: Access): string {
  if (typeof access === "string") return access;
  return access.paciente ? `${access.role} + paciente` : access.role;
}

/** `/api/x/:id/y` → `{ id: string | number }`, for clients building URLs. */
export type PathParams<P extends string> = P extends `${string}:${infer Rest}`
  ? Rest extends `${infer Name}/${infer Tail}`
    ? { [K in CleanName<Name>]: string | number } & PathParams<`/${Tail}`>
  : { [K in CleanName<Rest>]: string | number }
  : Record<never, never>;
type CleanName<N extends string> = N extends `${infer Base}{${string}` ? Base : N;

/**
 * The JSON a handler may send for a schema: a `Date` is accepted wherever a free string goes out
 * (a timestamptz serializes to its ISO string; the test harness checks the format on the wire).
 */
export type Sent<T> = T extends string ? string extends T ? T | Date : T
  : T extends readonly (infer U)[] ? readonly Sent<U>[]
  : T extends object ? { [K in keyof T]: Sent<T[K]> }
  : T;

/** Keys the driver returns as `Date`: timestamptz columns are named `*_at`/`*_em` (plus `D`). */
type DateKeys<T, D extends string> = Extract<keyof T, `${string}_at` | `${string}_em` | D>;
type AsDate<V> = V extends string ? Date : V;

/**
 * A database row that serializes to the response schema `S`: the schema's type with its
 * timestamp fields (`*_at`, `*_em`, and the extra keys `D`) as the `Date`s the driver returns.
 */
export type RowOf<S extends z.ZodType, D extends string = never> = {
  [K in keyof z.output<S>]: K extends DateKeys<z.output<S>, D> ? AsDate<z.output<S>[K]>
    : z.output<S>[K];
};
