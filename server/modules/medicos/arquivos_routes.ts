/**
 * GET /api/arquivos/<key>: public files of the Postgres storage (doctors' photos). Keys carry a
 * random uuid and are never rewritten, so browsers and CDNs may keep them for a year.
 */
import { Hono } from "hono";
import type { AppEnv } from "../../app_env.ts";
import { badRequest } from "../../http/errors.ts";
import { readArquivo } from "./foto_service.ts";

export const arquivosRoutes = new Hono<AppEnv>();

/** Keys we write look like `medicos/7/<uuid>.png`; anything else is refused before a query. */
const KEY = /^(?!.*\.\.)[A-Za-z0-9][A-Za-z0-9._\/-]{0,299}$/;

arquivosRoutes.get("/:key{.+}", async (c) => {
  const key = c.req.param("key");
  if (!KEY.test(key)) throw badRequest("chave_invalida", "Caminho de arquivo inválido.");
  const file = await readArquivo(c.var.deps, key);
  return c.body(file.bytes as Uint8Array<ArrayBuffer>, 200, {
    "content-type": file.contentType,
    "content-length": String(file.bytes.byteLength),
    "cache-control": "public, max-age=31536000, immutable",
    "content-security-policy": "default-src 'none'; sandbox",
    "x-content-type-options": "nosniff",
  });
});
