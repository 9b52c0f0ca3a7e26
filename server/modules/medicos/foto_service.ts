/**
 * Doctors' photos: the bytes go to `deps.storage` (Postgres or S3), the URL to
 * `ca_medico.foto_url`. The new object is written before the row points at it and the old one is
 * deleted only after the commit, so the row never points at a missing file.
 */
import type { Deps } from "../../app_env.ts";
import { badRequest, HttpError, notFound } from "../../http/errors.ts";
import { type Actor, recordEvent } from "../../events/record.ts";
import { s3PublicUrl } from "../../storage/s3_storage.ts";
import { getMedico } from "./query_service.ts";
import { FOTO_MAX_BYTES } from "./schemas.ts";
import { topicsOf } from "./service.ts";
import { logError } from "../../ops/log.ts";

export const IMAGE_TYPES = {
  "image/jpeg": "jpg",
  "image/png": "png",
  "image/webp": "webp",
} as const;
type ImageType = keyof typeof IMAGE_TYPES;

const startsWith = (bytes: Uint8Array, sig: number[], at = 0) =>
  bytes.length >= at + sig.length && sig.every((b, i) => bytes[at + i] === b);

/**
 * The image type by its signature (the client's declared type is not trusted).
 * Three fixed signatures do not justify a dependency.
 */
export function sniffImage(bytes: Uint8Array): ImageType | null {
  if (startsWith(bytes, [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])) return "image/png";
  if (startsWith(bytes, [0xff, 0xd8, 0xff])) return "image/jpeg";
  // RIFF <size> WEBP
  if (
    startsWith(bytes, [0x52, 0x49, 0x46, 0x46]) && startsWith(bytes, [0x57, 0x45, 0x42, 0x50], 8)
  ) {
    return "image/webp";
  }
  return null;
}

const unsupported = (message: string) => new HttpError(415, "formato_nao_suportado", message);

/** Checks size and content of the uploaded file; answers its real type. */
export async function readImage(file: File): Promise<{ bytes: Uint8Array; type: ImageType }> {
  if (file.size === 0) throw badRequest("arquivo_vazio", "O arquivo enviado está vazio.");
  if (file.size > FOTO_MAX_BYTES) {
    throw new HttpError(413, "arquivo_muito_grande", "A foto deve ter no máximo 2 MB.", {
      max_bytes: FOTO_MAX_BYTES,
      tamanho: file.size,
    });
  }
  const declared = file.type.split(";")[0].trim().toLowerCase();
  const bytes = new Uint8Array(await file.arrayBuffer());
  const type = sniffImage(bytes);
  if (!type) throw unsupported("Formato não suportado: envie uma imagem JPEG, PNG ou WebP.");
  // A generic declared type is common from some clients; an image type must match the bytes.
  if (declared && declared !== "application/octet-stream" && declared !== type) {
    throw unsupported(`O conteúdo do arquivo (${type}) não corresponde ao tipo declarado.`);
  }
  return { bytes, type };
}

/** Public URL of a stored key, for the active storage driver. */
export function fotoUrl(deps: Deps, key: string): string {
  return deps.storage.driver === "s3" ? s3PublicUrl(deps.config, key) : `/api/arquivos/${key}`;
}

/** The storage key behind a foto_url we wrote (null for anything else, which we never delete). */
export function keyOfFotoUrl(url: string | null): string | null {
  if (!url) return null;
  return /(medicos\/\d+\/[0-9a-f-]{36}\.(?:jpg|png|webp))$/.exec(url)?.[1] ?? null;
}

const storageDown = (err: unknown) => {
  logError("storage error", err);
  return new HttpError(
    502,
    "armazenamento_indisponivel",
    "Não foi possível acessar o armazenamento de arquivos. Tente novamente.",
  );
};

/** Deleting an object no row points at anymore: a failure only leaves an orphan, logged. */
async function discard(deps: Deps, key: string | null) {
  if (!key) return;
  await deps.storage.delete(key).catch((err) => logError("orphan file", err));
}

export async function uploadFoto(deps: Deps, actor: Actor, medicoid: number, file: File) {
  const [exists] = await deps.db.sql`select 1 from ca_medico where medicoid = ${medicoid}`;
  if (!exists) throw notFound("Médico");
  const { bytes, type } = await readImage(file);

  const key = `medicos/${medicoid}/${crypto.randomUUID()}.${IMAGE_TYPES[type]}`;
  const url = fotoUrl(deps, key);
  await deps.storage.put(key, bytes, type).catch((err) => {
    throw storageDown(err);
  });
  let previous: string | null = null;
  let result;
  try {
    result = await deps.db.begin(async (sql) => {
      const [row] = await sql<{ foto_url: string | null }>`
        select foto_url from ca_medico where medicoid = ${medicoid} for update`;
      if (!row) throw notFound("Médico");
      await sql`update ca_medico set foto_url = ${url}, updated_at = now()
                where medicoid = ${medicoid}`;
      await recordEvent(sql, actor, {
        kind: "medico.foto_atualizada",
        entity: "medico",
        entityId: medicoid,
        topics: topicsOf(medicoid),
        before: { foto_url: row.foto_url },
        after: { foto_url: url, content_type: type, tamanho: bytes.byteLength },
      });
      previous = row.foto_url;
      return await getMedico(sql, medicoid);
    });
  } catch (err) {
    await discard(deps, key);
    throw err;
  }
  await discard(deps, keyOfFotoUrl(previous));
  return result;
}

export async function removeFoto(deps: Deps, actor: Actor, medicoid: number) {
  let previous: string | null = null;
  const result = await deps.db.begin(async (sql) => {
    const [row] = await sql<{ foto_url: string | null }>`
      select foto_url from ca_medico where medicoid = ${medicoid} for update`;
    if (!row) throw notFound("Médico");
    if (!row.foto_url) {
      throw new HttpError(404, "foto_nao_encontrada", "O médico não tem foto cadastrada.");
    }
    await sql`update ca_medico set foto_url = null, updated_at = now()
              where medicoid = ${medicoid}`;
    await recordEvent(sql, actor, {
      kind: "medico.foto_removida",
      entity: "medico",
      entityId: medicoid,
      topics: topicsOf(medicoid),
      before: { foto_url: row.foto_url },
      after: { foto_url: null },
    });
    previous = row.foto_url;
    return await getMedico(sql, medicoid);
  });
  await discard(deps, keyOfFotoUrl(previous));
  return result;
}

/** A stored file for the public `/api/arquivos/<key>` route. */
export async function readArquivo(deps: Deps, key: string) {
  const file = await deps.storage.get(key).catch((err) => {
    throw storageDown(err);
  });
  if (!file) {
    throw new HttpError(404, "arquivo_nao_encontrado", "Arquivo não encontrado.");
  }
  return file;
}
