/**
 * Typed API layer for the clients, generated from the server's route contract
 * (`server/contract/routes.ts`: the same zod schemas the server validates with and the test suite
 * checks every response against).
 *
 * A route is named by its key, `"METHOD /api/path/:param"`, exactly as in the README index and
 * the OpenAPI document (`/api/docs`). For each key:
 * - `Params<K>`: path parameters (`{ id }` for `/:id`), from the path itself;
 * - `Query<K>`, `Body<K>`: what the route accepts (zod input types: optional fields stay
 *   optional, defaults need not be sent);
 * - `Result<K>`: the JSON body of the success answer (zod output of the response schema;
 *   timestamps are ISO strings).
 *
 * `createApi(transport)` gives `call(key, { params, query, body })`. The transport is where a
 * client puts its base URL, token, retries and the handling of 401/423/503; any
 * `(method, url, init) => Promise<Response>` works (`(m, u, i) => fetch(u, { ...i, method: m })`).
 * A non-2xx answer rejects with `ApiError` (status + the server's `{ code, message, details }`).
 * A route answering something other than JSON (.ics, files, WebSocket) has `Result<K> = Response`.
 *
 * @example
 * const api = createApi((method, url, init) =>
 *   fetch(url, { ...init, method, headers: { ...init.headers, authorization: `Bearer ${token}` } })
 * );
 * const page = await api.call("GET /api/pacientes", { query: { q: "maria", limit: 20 } });
 * page.items[0].nomecompleto; // typed
 * await api.call("PUT /api/agendamentos/:id/cancelar", {
 *   params: { id: 42 },
 *   body: { motivo: "Paciente pediu" },
 * });
 *
 * Browser-safe: imports zod and the server's `schemas.ts` files only (checked by
 * `client-shared/api/contract_test.ts`).
 */
import "../zod_csp.ts";
import type { z } from "zod";
import type { PathParams, RawBody, RouteDef } from "../../server/contract/define.ts";
import { API, type Api, type RouteKey } from "../../server/contract/routes.ts";
import { ErrorBody } from "../../server/shared/schemas.ts";
import { ApiError } from "../http.ts";

export { API, ErrorBody };
export type { RouteKey };

type Def<K extends RouteKey> = Api[K];
type Input<S> = [NonNullable<S>] extends [never] ? never
  : NonNullable<S> extends z.ZodType ? z.input<NonNullable<S>>
  : never;

/** Path parameters of route `K` (none: an empty object). */
export type Params<K extends RouteKey> = PathParams<Def<K>["path"]>;
/** Query string of route `K` (`never` when it takes none). */
export type Query<K extends RouteKey> = Input<Def<K>["query"]>;
/** JSON body of route `K` (`FormData` for uploads; `never` when it takes none). */
export type Body<K extends RouteKey> = [NonNullable<Def<K>["body"]>] extends [never] ? never
  : NonNullable<Def<K>["body"]> extends "multipart" ? FormData
  : Input<Def<K>["body"]>;
/** Success body of route `K`. */
export type Result<K extends RouteKey> = Def<K>["response"] extends infer R
  ? R extends RawBody ? Response : R extends z.ZodType ? z.output<R> : never
  : never;

/** What `call` takes for route `K`: only the parts the route has. */
export type CallArgs<K extends RouteKey> =
  & (keyof Params<K> extends never ? { params?: undefined } : { params: Params<K> })
  & ([Query<K>] extends [never] ? { query?: undefined } : { query?: Query<K> })
  & ([Body<K>] extends [never] ? { body?: undefined } : { body: Body<K> });

export type Transport = (method: string, url: string, init: RequestInit) => Promise<Response>;

/** A non-2xx answer: the consoles' one error class (status, code, message, details). */
export { ApiError };

/** `/api/x/:id` + `{ id: 3 }` → `/api/x/3`; `{a: 1, b: undefined, c: [1, 2]}` → `?a=1&c=1&c=2`. */
export function urlOf(path: string, params?: object, query?: object): string {
  const values = (params ?? {}) as Record<string, string | number>;
  let url = path.replace(/:([A-Za-z_][A-Za-z0-9_]*)(\{[^}]*\})?/g, (_m, name: string) => {
    const v = values[name];
    if (v === undefined) throw new Error(`missing path parameter ${name} for ${path}`);
    // `:key{.+}` (file keys) keeps its slashes.
    return String(v).split("/").map(encodeURIComponent).join("/");
  });
  const search = new URLSearchParams();
  for (const [k, v] of Object.entries(query ?? {})) {
    if (v === undefined || v === null) continue;
    for (const item of Array.isArray(v) ? v : [v]) search.append(k, String(item));
  }
  const qs = search.toString();
  if (qs) url += `?${qs}`;
  return url;
}

export interface ApiClient {
  /** Calls route `key`; resolves with its typed success body, rejects with `ApiError`. */
  call<K extends RouteKey>(key: K, args?: CallArgs<K>): Promise<Result<K>>;
}

/**
 * The typed client over `transport`. With `validate: true` every success body is also parsed
 * with the route's schema (development builds; a drifting server fails loudly).
 */
export function createApi(transport: Transport, opts: { validate?: boolean } = {}): ApiClient {
  return {
    async call(key, args) {
      const def = API[key] as RouteDef;
      const a = (args ?? {}) as { params?: object; query?: object; body?: unknown };
      const init: RequestInit = { headers: {} };
      if (a.body instanceof FormData) init.body = a.body;
      else if (a.body !== undefined) {
        init.headers = { "content-type": "application/json" };
        init.body = JSON.stringify(a.body);
      }
      const res = await transport(def.method, urlOf(def.path, a.params, a.query), init);
      if (!res.ok) throw await errorOf(res);
      if ("mediaType" in def.response) return res as Result<typeof key>;
      const json = await res.json();
      if (!opts.validate) return json;
      return (def.response as z.ZodType).parse(json) as Result<typeof key>;
    },
  };
}

async function errorOf(res: Response): Promise<ApiError> {
  const text = await res.text().catch(() => "");
  try {
    const { error } = ErrorBody.parse(JSON.parse(text));
    return new ApiError(res.status, error.code, error.message, error.details);
  } catch {
    return new ApiError(res.status, "erro_http", text || `HTTP ${res.status}`);
  }
}
