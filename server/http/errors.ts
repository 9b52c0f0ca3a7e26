/**
 * One error type and one handler: every failure leaves the API as
 * `{ "error": { "code", "message", "details" } }` with a Portuguese message.
 */
import type { Context } from "hono";
import { HTTPException } from "hono/http-exception";
import { errorFields, logLine } from "../ops/log.ts";
import type { ContentfulStatusCode } from "hono/utils/http-status";
import { isDbUnavailable, RETRY_AFTER_SEC } from "../db/faults.ts";

export class HttpError extends Error {
  constructor(
    readonly status: ContentfulStatusCode,
    readonly code: string,
    message: string,
    readonly details?: unknown,
    readonly headers?: Record<string, string>,
  ) {
    super(message);
  }
}

export const badRequest = (code: string, message: string, details?: unknown) =>
  new HttpError(400, code, message, details);
export const unauthorized = (message = "Autenticação necessária.", code = "nao_autenticado") =>
  new HttpError(401, code, message);
export const forbidden = (message = "Você não tem permissão para esta ação.") =>
  new HttpError(403, "sem_permissao", message);
export const notFound = (what: string) =>
  new HttpError(404, "nao_encontrado", `${what} não encontrado(a).`);
export const conflict = (code: string, message: string, details?: unknown) =>
  new HttpError(409, code, message, details);
export const unprocessable = (code: string, message: string, details?: unknown) =>
  new HttpError(422, code, message, details);

/** Postgres error fields as both drivers expose them. */
export function pgError(err: unknown): { code?: string; constraint?: string } {
  const e = err as { code?: string; constraint_name?: string; constraint?: string };
  return { code: e?.code, constraint: e?.constraint_name ?? e?.constraint };
}

/** The database is unreachable (outage, restart, killed connections): retry later, never 500. */
export const dbUnavailable = () =>
  new HttpError(
    503,
    "banco_indisponivel",
    "Banco de dados indisponível no momento. Tente novamente em instantes.",
    { retryable: true },
    { "Retry-After": String(RETRY_AFTER_SEC) },
  );

/** Constraint violations that escaped a service's own checks still answer cleanly. */
function fromPostgres(err: unknown): HttpError | undefined {
  if (isDbUnavailable(err) || isDbUnavailable((err as { cause?: unknown })?.cause)) {
    return dbUnavailable();
  }
  const { code, constraint } = pgError(err);
  switch (code) {
    case "23505":
      return conflict("registro_duplicado", "Já existe um registro com estes dados.", {
        constraint,
      });
    case "23503":
      return unprocessable("referencia_invalida", "Um registro referenciado não existe.", {
        constraint,
      });
    case "23514":
    case "22P02":
    case "22007":
    case "22008":
    // Out of range, too long, bad encoding, too deep: input that slipped past a schema.
    case "22001":
    case "22003":
    case "22021":
    case "22P05":
    case "54001":
      return badRequest("entrada_invalida", "Dados fora do formato aceito.", { constraint });
    case "23P01":
      return conflict("conflito_horario", "Conflito de horário com outro registro.", {
        constraint,
      });
    case "40001":
    case "40P01":
      return conflict("conflito_concorrente", "Outra operação alterou estes dados. Tente de novo.");
  }
  return undefined;
}

export function errorBody(code: string, message: string, details?: unknown) {
  return { error: { code, message, ...(details === undefined ? {} : { details }) } };
}

export function onError(err: Error, c: Context) {
  if (err instanceof HttpError) {
    if (err.headers) { for (const [k, v] of Object.entries(err.headers)) c.header(k, v); }
    return c.json(errorBody(err.code, err.message, err.details), err.status);
  }
  if (err instanceof HTTPException) {
    // Hono raises these for malformed JSON bodies and similar protocol errors.
    const status = err.status as ContentfulStatusCode;
    const code = status === 400 ? "json_invalido" : "erro_http";
    const message = status === 400
      ? "Corpo da requisição inválido (JSON malformado)."
      : err.message;
    return c.json(errorBody(code, message), status);
  }
  const mapped = fromPostgres(err);
  if (mapped) {
    if (mapped.headers) { for (const [k, v] of Object.entries(mapped.headers)) c.header(k, v); }
    return c.json(errorBody(mapped.code, mapped.message, mapped.details), mapped.status);
  }
  logLine({
    level: "error",
    msg: "unhandled",
    method: c.req.method,
    request_id: c.get("requestId"),
    ...errorFields(err),
  });
  return c.json(errorBody("erro_interno", "Erro interno. Tente novamente em instantes."), 500);
}

export function notFoundRoute(c: Context) {
  return c.json(errorBody("rota_nao_encontrada", "Rota não encontrada."), 404);
}
