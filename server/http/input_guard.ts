/**
 * First line of input defence, before any route parses anything:
 *
 * - Bodies over JSON_MAX_BYTES answer 413 without being buffered past the limit (8 concurrent
 *   64 MB bodies once took the server from 285 MB to 1.5 GB). `/api/upload/*` sets its own,
 *   larger limit on its route.
 * - A body that is not valid UTF-8 answers 400 (the default decoder would store `Ana �� Silva`).
 * - A URL carrying an encoded NUL (`%00`) answers 400 (Postgres refuses NUL in text).
 *
 * Field-level checks (control characters, nesting, unknown fields) are in `input_screen.ts`,
 * run by `validate()`.
 */
import type { MiddlewareHandler } from "hono";
import { bodyLimit } from "hono/body-limit";
import { HttpError } from "./errors.ts";

export const JSON_MAX_BYTES = 1024 * 1024;

/** Routes that enforce their own body limit (multipart uploads). */
const OWN_LIMIT = /^\/api\/upload\//;

const tooLarge = () => {
  throw new HttpError(
    413,
    "corpo_muito_grande",
    `O corpo da requisição excede o limite de ${JSON_MAX_BYTES / 1024 / 1024} MB.`,
    { max_bytes: JSON_MAX_BYTES },
  );
};

const limit = bodyLimit({ maxSize: JSON_MAX_BYTES, onError: tooLarge });
const utf8 = new TextDecoder("utf-8", { fatal: true });

export const inputGuard: MiddlewareHandler = async (c, next) => {
  if (/%00/i.test(c.req.url)) {
    throw new HttpError(400, "entrada_invalida", "Endereço com caracteres inválidos.");
  }
  if (!c.req.raw.body || OWN_LIMIT.test(c.req.path)) return next();
  return await limit(c, async () => {
    const type = c.req.header("content-type") ?? "";
    if (!/^multipart\//i.test(type)) {
      // Cached by Hono: the route's own c.req.json() reads these bytes again.
      try {
        utf8.decode(await c.req.arrayBuffer());
      } catch (err) {
        if (err instanceof HttpError) throw err;
        throw new HttpError(
          400,
          "codificacao_invalida",
          "O corpo da requisição não está em UTF-8 válido.",
        );
      }
    }
    await next();
  });
};
