/**
 * The HTTP client of both consoles. Sends the Bearer token, turns every error answer
 * (`{error:{code,message,details}}`) into a typed `ApiError`, retries 503 with backoff (the
 * server answers 503 while its database is away and recovers by itself), and hands 401 to the
 * session (which goes back to the login screen).
 *
 * Plain TypeScript, no Solid: usable from Deno tests too.
 *
 * @example
 * const http = createHttp({ token: () => session.token(), onUnauthorized: (e) => session.expire(e.message) });
 * const me = await http.get<Me>("/api/auth/me");
 * try { await http.put(`/api/agendamentos/${id}/cancelar`, { motivo }); }
 * catch (e) { if (e instanceof ApiError && e.status === 423) toast(e.message); }
 */

/** An error answer of the API (or a network failure, status 0). */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly details?: unknown,
  ) {
    super(message);
    this.name = "ApiError";
  }

  /** Who holds the leased resource (423 / 409 recurso_bloqueado answers). */
  get holderName(): string | undefined {
    const d = this.details as { holder_nome?: unknown } | undefined;
    return typeof d?.holder_nome === "string" ? d.holder_nome : undefined;
  }

  /** Field errors of a 400 answer (`details: [{path, message}]`), keyed by field path. */
  get fieldErrors(): Record<string, string> {
    const out: Record<string, string> = {};
    if (!Array.isArray(this.details)) return out;
    for (const i of this.details as { path?: unknown; message?: unknown }[]) {
      const key = Array.isArray(i?.path) ? i.path.join(".") : String(i?.path ?? "");
      if (typeof i?.message === "string" && !(key in out)) out[key] = i.message;
    }
    return out;
  }
}

export type Query = Record<string, string | number | boolean | null | undefined>;

export interface RequestOptions {
  query?: Query;
  body?: unknown;
  signal?: AbortSignal;
  /** Do not treat a 401 as the end of the session (the login call itself). */
  anonymous?: boolean;
}

export interface HttpOptions {
  baseUrl?: string;
  token?: () => string | null | undefined;
  /** Called on a 401 of an authenticated call (expired or revoked session). */
  onUnauthorized?: (err: ApiError) => void;
  fetch?: typeof fetch;
  /** 503 retries and the first delay (doubled each time, with jitter). */
  retries?: number;
  retryBaseMs?: number;
}

export interface Http {
  request<T>(method: string, path: string, opts?: RequestOptions): Promise<T>;
  get<T>(path: string, query?: Query, signal?: AbortSignal): Promise<T>;
  post<T>(path: string, body?: unknown, opts?: RequestOptions): Promise<T>;
  put<T>(path: string, body?: unknown, opts?: RequestOptions): Promise<T>;
  patch<T>(path: string, body?: unknown, opts?: RequestOptions): Promise<T>;
  del<T>(path: string, opts?: RequestOptions): Promise<T>;
}

/** `?a=1&b=x`, leaving out empty values. */
export function queryString(q?: Query): string {
  if (!q) return "";
  const p = new URLSearchParams();
  for (const [k, v] of Object.entries(q)) {
    if (v === undefined || v === null || v === "") continue;
    p.set(k, String(v));
  }
  const s = p.toString();
  return s ? `?${s}` : "";
}

const sleep = (ms: number, signal?: AbortSignal) =>
  new Promise<void>((resolve, reject) => {
    const t = setTimeout(resolve, ms);
    signal?.addEventListener("abort", () => {
      clearTimeout(t);
      reject(signal.reason);
    }, { once: true });
  });

/** Reads an error answer into an ApiError, whatever its body. */
export async function toApiError(res: Response): Promise<ApiError> {
  let body: { error?: { code?: string; message?: string; details?: unknown } } | undefined;
  try {
    body = await res.json();
  } catch {
    body = undefined;
  }
  const e = body?.error;
  let message = e?.message ?? defaultMessage(res.status);
  const err = new ApiError(res.status, e?.code ?? `http_${res.status}`, message, e?.details);
  if ((res.status === 423 || e?.code === "recurso_bloqueado") && err.holderName) {
    if (!message.includes(err.holderName)) message = `${message} (em uso por ${err.holderName})`;
    return new ApiError(res.status, err.code, message, e?.details);
  }
  return err;
}

function defaultMessage(status: number): string {
  if (status === 401) return "Sua sessão expirou. Entre novamente.";
  if (status === 403) return "Você não tem permissão para esta ação.";
  if (status === 404) return "Não encontrado.";
  if (status === 423) return "Este registro está em uso por outro operador.";
  if (status === 503) return "Servidor temporariamente indisponível. Tente de novo em instantes.";
  return "Não foi possível concluir a operação.";
}

export function createHttp(opts: HttpOptions = {}): Http {
  const base = (opts.baseUrl ?? "").replace(/\/+$/, "");
  const retries = opts.retries ?? 3;
  const retryBase = opts.retryBaseMs ?? 400;

  async function request<T>(method: string, path: string, ro: RequestOptions = {}): Promise<T> {
    const headers: Record<string, string> = { accept: "application/json" };
    const token = opts.token?.();
    if (token) headers.authorization = `Bearer ${token}`;
    let body: BodyInit | undefined;
    if (ro.body instanceof FormData) body = ro.body;
    else if (ro.body !== undefined) {
      headers["content-type"] = "application/json";
      body = JSON.stringify(ro.body);
    }
    const url = `${base}${path}${queryString(ro.query)}`;
    const f = opts.fetch ?? fetch;
    for (let attempt = 0;; attempt++) {
      let res: Response;
      try {
        res = await f(url, { method, headers, body, signal: ro.signal });
      } catch (err) {
        if (ro.signal?.aborted) throw err;
        if (attempt < retries) {
          await sleep(retryBase * 2 ** attempt * (0.5 + Math.random() / 2), ro.signal);
          continue;
        }
        throw new ApiError(0, "sem_conexao", "Sem conexão com o servidor. Verifique a rede.");
      }
      if (res.ok) {
        if (res.status === 204) return undefined as T;
        const type = res.headers.get("content-type") ?? "";
        return (type.includes("json") ? await res.json() : await res.text()) as T;
      }
      if (res.status === 503 && attempt < retries) {
        await res.body?.cancel();
        const after = Number(res.headers.get("retry-after"));
        const wait = after > 0 ? after * 1000 : retryBase * 2 ** attempt;
        await sleep(Math.min(wait, 10_000) * (0.5 + Math.random() / 2), ro.signal);
        continue;
      }
      const err = await toApiError(res);
      if (res.status === 401 && token && !ro.anonymous) opts.onUnauthorized?.(err);
      throw err;
    }
  }

  return {
    request,
    get: (path, query, signal) => request("GET", path, { query, signal }),
    post: (path, body, o) => request("POST", path, { ...o, body }),
    put: (path, body, o) => request("PUT", path, { ...o, body }),
    patch: (path, body, o) => request("PATCH", path, { ...o, body }),
    del: (path, o) => request("DELETE", path, o),
  };
}
