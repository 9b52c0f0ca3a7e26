/**
 * S3-compatible storage (AWS S3, Cloudflare R2, MinIO) over plain `fetch`, signed with SigV4 by
 * `aws4fetch`. Objects live at path-style URLs `${S3_ENDPOINT}/${S3_BUCKET}/${key}`, which every
 * one of those services accepts.
 *
 * @example
 * const storage = s3Storage(loadConfig());
 * await storage.put("medicos/7/1f0c….png", bytes, "image/png");
 */
import { AwsClient } from "aws4fetch";
import type { Config } from "../config.ts";
import type { Storage } from "./storage.ts";

type S3Config = Pick<
  Config,
  "s3Endpoint" | "s3Bucket" | "s3Region" | "s3AccessKeyId" | "s3SecretAccessKey" | "s3PublicUrl"
>;

const trimSlashes = (s: string) => s.replace(/\/+$/, "");

/** Each path segment percent-encoded once; the slashes between them stay. */
function encodeKey(key: string): string {
  return key.split("/").map(encodeURIComponent).join("/");
}

/** The object's address on the S3 API (path style). */
export function s3ObjectUrl(config: S3Config, key: string): string {
  return `${trimSlashes(config.s3Endpoint ?? "")}/${encodeURIComponent(config.s3Bucket ?? "")}/${
    encodeKey(key)
  }`;
}

/** Where browsers fetch the object: `S3_PUBLIC_URL/<key>`, or the path-style object URL. */
export function s3PublicUrl(config: S3Config, key: string): string {
  return config.s3PublicUrl
    ? `${trimSlashes(config.s3PublicUrl)}/${encodeKey(key)}`
    : s3ObjectUrl(config, key);
}

async function failure(res: Response, what: string): Promise<Error> {
  const text = await res.text().catch(() => "");
  const code = /<Code>([^<]+)<\/Code>/.exec(text)?.[1] ?? "";
  return new Error(`S3 ${what} failed: HTTP ${res.status} ${code}`.trim());
}

export function s3Storage(config: S3Config): Storage {
  const missing = (
    [
      ["S3_ENDPOINT", config.s3Endpoint],
      ["S3_BUCKET", config.s3Bucket],
      ["S3_ACCESS_KEY_ID", config.s3AccessKeyId],
      ["S3_SECRET_ACCESS_KEY", config.s3SecretAccessKey],
    ] as const
  ).filter(([, v]) => !v).map(([k]) => k);
  if (missing.length) {
    throw new Error(`STORAGE_DRIVER=s3 requires ${missing.join(", ")}`);
  }
  const client = new AwsClient({
    accessKeyId: config.s3AccessKeyId!,
    secretAccessKey: config.s3SecretAccessKey!,
    service: "s3",
    region: config.s3Region || "auto",
    // aws4fetch retries 5xx and network errors with backoff; keep requests short.
    retries: 2,
  });

  return {
    driver: "s3",
    async put(key, bytes, contentType) {
      // Signing the payload hash (aws4fetch defaults to UNSIGNED-PAYLOAD for s3) lets the
      // server reject a body corrupted on the way.
      const body = bytes as Uint8Array<ArrayBuffer>;
      const hash = new Uint8Array(await crypto.subtle.digest("SHA-256", body));
      const res = await client.fetch(s3ObjectUrl(config, key), {
        method: "PUT",
        body,
        headers: {
          "content-type": contentType,
          "x-amz-content-sha256": Array.from(hash, (b) => b.toString(16).padStart(2, "0")).join(""),
        },
      });
      if (!res.ok) throw await failure(res, `PUT ${key}`);
      await res.body?.cancel();
    },
    async get(key) {
      const res = await client.fetch(s3ObjectUrl(config, key), { method: "GET" });
      if (res.status === 404) {
        await res.body?.cancel();
        return null;
      }
      if (!res.ok) throw await failure(res, `GET ${key}`);
      return {
        bytes: new Uint8Array(await res.arrayBuffer()),
        contentType: res.headers.get("content-type") ?? "application/octet-stream",
      };
    },
    async delete(key) {
      const res = await client.fetch(s3ObjectUrl(config, key), { method: "DELETE" });
      // S3 answers 204 whether or not the key existed; some compatibles answer 404.
      if (!res.ok && res.status !== 404) throw await failure(res, `DELETE ${key}`);
      await res.body?.cancel();
    },
  };
}
