/**
 * What the panel needs of the HTTP layer: one `request` that sends the session's token and
 * throws an error carrying the API's `{error:{code,message,details}}`. The shell's client
 * (client-shared) provides it; tests and the bench pass a plain fetch-based one.
 */
export interface PainelApi {
  request<T = unknown>(method: string, path: string, body?: unknown): Promise<T>;
}

/** The parts of an API error the panel shows: status, code, message and the lease holder. */
export interface ErroApi {
  status: number;
  code: string;
  message: string;
  details?: { holder_nome?: string } & Record<string, unknown>;
}

export function erroDe(e: unknown): ErroApi {
  const x = e as Partial<ErroApi> & { body?: { error?: Partial<ErroApi> } };
  return {
    status: typeof x?.status === "number" ? x.status : 0,
    code: x?.code ?? x?.body?.error?.code ?? "erro",
    message: x?.message ?? x?.body?.error?.message ?? "Falha de comunicação com o servidor.",
    details: (x?.details ?? x?.body?.error?.details) as ErroApi["details"],
  };
}

/** The refusals that send a dropped card back (taken, domain rule, leased by someone else). */
export const RECUSA_DE_ALOCACAO = new Set([409, 422, 423]);
