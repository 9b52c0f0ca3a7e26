/**
 * Typed calls by route key (`"GET /api/slots/mes"`) on the console's HTTP client: the types come
 * from the route contract (`client-shared/api/contract.ts`, the server's zod schemas), the
 * behaviour (Bearer token, `ApiError`, 401 → login, 423 → holder's name, 503 → retry) from
 * `http.ts`.
 *
 * Only types are imported from the contract: the method and path are read from the key itself,
 * so the browser bundle carries none of the server's schemas (the contract's `urlOf` would pull
 * the whole route table in with it).
 *
 * @example
 * const api = createApiClient(http);
 * const mes = await api.call("GET /api/slots/mes", { query: { ano: 2026, mes: 11 } });
 * mes.dias[0].livres; // typed from SlotRange
 */
import type { CallArgs, Result, RouteKey } from "./api/contract.ts";
import type { Http, Query } from "./http.ts";

export type { CallArgs, Result, RouteKey };

/** `/api/x/:id` + `{ id: 3 }` → `/api/x/3` (a `:key{.+}` parameter keeps its slashes). */
export function fillPath(path: string, params?: object): string {
  const values = (params ?? {}) as Record<string, string | number>;
  return path.replace(/:([A-Za-z_][A-Za-z0-9_]*)(\{[^}]*\})?/g, (_m, name: string) => {
    const v = values[name];
    if (v === undefined) throw new Error(`missing path parameter ${name} for ${path}`);
    return String(v).split("/").map(encodeURIComponent).join("/");
  });
}

export interface ApiClient {
  call<K extends RouteKey>(
    key: K,
    args?: CallArgs<K> & { signal?: AbortSignal; anonymous?: boolean },
  ): Promise<Result<K>>;
}

export function createApiClient(http: Http): ApiClient {
  return {
    call(key, args) {
      const space = key.indexOf(" ");
      const method = key.slice(0, space);
      const a = (args ?? {}) as {
        params?: object;
        query?: Query;
        body?: unknown;
        signal?: AbortSignal;
        anonymous?: boolean;
      };
      return http.request(method, fillPath(key.slice(space + 1), a.params), {
        query: a.query,
        body: a.body,
        signal: a.signal,
        anonymous: a.anonymous,
      });
    },
  };
}
