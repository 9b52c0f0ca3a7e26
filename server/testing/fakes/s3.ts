/**
 * A small S3 stand-in for tests: path-style `/<bucket>/<key>`, objects in a Map, and every
 * request's SigV4 signature recomputed with the known secret (wrong key, scope or signature
 * answers 403 like S3 does). `failWith` makes it answer an error to every request.
 */
import { AwsV4Signer } from "aws4fetch";

export interface FakeS3 {
  url: string;
  bucket: string;
  accessKeyId: string;
  secretAccessKey: string;
  region: string;
  objects: Map<string, { bytes: Uint8Array; contentType: string }>;
  requests: { method: string; key: string; authorization: string }[];
  failWith: number | null;
  env(extra?: Record<string, string>): Record<string, string>;
  close(): Promise<void>;
}

const xml = (status: number, code: string, message: string) =>
  new Response(
    `<?xml version="1.0" encoding="UTF-8"?>\n<Error><Code>${code}</Code><Message>${message}</Message></Error>`,
    { status, headers: { "content-type": "application/xml" } },
  );

const hex = (buf: ArrayBuffer) =>
  Array.from(new Uint8Array(buf), (b) => b.toString(16).padStart(2, "0")).join("");

export function startFakeS3(): FakeS3 {
  const fake: Omit<FakeS3, "url" | "close"> = {
    bucket: "fotos",
    accessKeyId: "AKIDTESTE123",
    secretAccessKey: "segredo-de-teste",
    region: "auto",
    objects: new Map(),
    requests: [],
    failWith: null,
    env: () => ({}),
  };

  async function handle(req: Request): Promise<Response> {
    const url = new URL(req.url);
    const [, bucket, ...rest] = url.pathname.split("/");
    const key = rest.map(decodeURIComponent).join("/");
    const authorization = req.headers.get("authorization") ?? "";
    fake.requests.push({ method: req.method, key, authorization });
    if (fake.failWith) return xml(fake.failWith, "InternalError", "We encountered an error.");

    const m =
      /^AWS4-HMAC-SHA256 Credential=([^/]+)\/(\d{8})\/([^/]+)\/s3\/aws4_request, ?SignedHeaders=([a-z0-9;-]+), ?Signature=([0-9a-f]{64})$/
        .exec(authorization);
    if (!m) return xml(403, "AccessDenied", "Missing or malformed Authorization.");
    const [, keyId, date, region, signedHeaders] = m;
    if (keyId !== fake.accessKeyId) {
      return xml(403, "InvalidAccessKeyId", "The AWS Access Key Id does not exist.");
    }
    const amzDate = req.headers.get("x-amz-date") ?? "";
    if (region !== fake.region || !amzDate.startsWith(date)) {
      return xml(403, "SignatureDoesNotMatch", "Bad credential scope.");
    }
    const body = req.method === "PUT" ? new Uint8Array(await req.arrayBuffer()) : null;
    const contentHash = req.headers.get("x-amz-content-sha256");
    if (body && contentHash !== hex(await crypto.subtle.digest("SHA-256", body))) {
      return xml(400, "XAmzContentSHA256Mismatch", "The content hash does not match.");
    }
    const headers = new Headers();
    for (const h of signedHeaders.split(";")) {
      if (h !== "host") headers.set(h, req.headers.get(h) ?? "");
    }
    const expected = await new AwsV4Signer({
      method: req.method,
      url: req.url,
      headers,
      body,
      accessKeyId: fake.accessKeyId,
      secretAccessKey: fake.secretAccessKey,
      service: "s3",
      region: fake.region,
      datetime: amzDate,
    }).sign();
    if (expected.headers.get("authorization") !== authorization) {
      return xml(403, "SignatureDoesNotMatch", "The request signature does not match.");
    }
    if (bucket !== fake.bucket) return xml(404, "NoSuchBucket", "The bucket does not exist.");

    switch (req.method) {
      case "PUT":
        fake.objects.set(key, {
          bytes: body!,
          contentType: req.headers.get("content-type") ?? "binary/octet-stream",
        });
        return new Response(null, { status: 200, headers: { etag: '"fake"' } });
      case "GET": {
        const obj = fake.objects.get(key);
        if (!obj) return xml(404, "NoSuchKey", "The specified key does not exist.");
        return new Response(obj.bytes as Uint8Array<ArrayBuffer>, {
          headers: { "content-type": obj.contentType },
        });
      }
      case "DELETE":
        fake.objects.delete(key);
        return new Response(null, { status: 204 });
    }
    return xml(405, "MethodNotAllowed", "Method not allowed.");
  }

  const server = Deno.serve({ hostname: "127.0.0.1", port: 0, onListen: () => {} }, handle);
  const url = `http://127.0.0.1:${server.addr.port}`;
  return {
    ...fake,
    get failWith() {
      return fake.failWith;
    },
    set failWith(v) {
      fake.failWith = v;
    },
    url,
    env: (extra = {}) => ({
      STORAGE_DRIVER: "s3",
      S3_ENDPOINT: url,
      S3_BUCKET: fake.bucket,
      S3_REGION: fake.region,
      S3_ACCESS_KEY_ID: fake.accessKeyId,
      S3_SECRET_ACCESS_KEY: fake.secretAccessKey,
      ...extra,
    }),
    close: () => server.shutdown(),
  };
}
