import { strict as assert } from "node:assert";
import { openStorage } from "../../boot.ts";
import { loadConfig } from "../../config.ts";
import { dbTest, makeCtx } from "../../testing/harness.ts";
import { s3ObjectUrl, s3PublicUrl, s3Storage } from "../../storage/s3_storage.ts";
import { startFakeS3 } from "../../testing/fakes/s3.ts";
import { createMedico, JPEG, PNG, seedRefs, snapshot } from "../../testing/fixtures/medicos.ts";

const form = (bytes: Uint8Array, name: string, type: string) => {
  const f = new FormData();
  f.append("foto", new File([bytes as Uint8Array<ArrayBuffer>], name, { type }));
  return f;
};

Deno.test("[medicos] s3Storage against an S3-compatible server", async (t) => {
  const fake = startFakeS3();
  const storage = s3Storage(loadConfig(fake.env()));
  try {
    await t.step("PUT then GET round-trips bytes and content type", async () => {
      await storage.put("medicos/1/a.png", PNG, "image/png");
      assert.deepEqual(fake.objects.get("medicos/1/a.png")?.contentType, "image/png");
      const got = await storage.get("medicos/1/a.png");
      assert.deepEqual(got, { bytes: PNG, contentType: "image/png" });
    });

    await t.step("signs with SigV4: access key id and scope in Authorization", () => {
      assert.ok(fake.requests.length >= 2);
      for (const r of fake.requests) {
        assert.match(
          r.authorization,
          /^AWS4-HMAC-SHA256 Credential=AKIDTESTE123\/\d{8}\/auto\/s3\/aws4_request, SignedHeaders=[^,]*x-amz-date[^,]*, Signature=[0-9a-f]{64}$/,
        );
      }
    });

    await t.step("GET of a missing key answers null (S3 NoSuchKey)", async () => {
      assert.equal(await storage.get("medicos/1/nada.png"), null);
    });

    await t.step("DELETE removes the object and tolerates a missing one", async () => {
      await storage.delete("medicos/1/a.png");
      assert.equal(fake.objects.has("medicos/1/a.png"), false);
      await storage.delete("medicos/1/a.png");
    });

    await t.step("keys with spaces and accents are encoded and signed correctly", async () => {
      await storage.put("medicos/2/foto de João.jpg", JPEG, "image/jpeg");
      assert.ok(fake.objects.has("medicos/2/foto de João.jpg"));
      assert.deepEqual((await storage.get("medicos/2/foto de João.jpg"))?.bytes, JPEG);
    });

    await t.step("a wrong secret is refused by the server and stores nothing", async () => {
      const bad = s3Storage(loadConfig(fake.env({ S3_SECRET_ACCESS_KEY: "errado" })));
      await assert.rejects(bad.put("medicos/3/x.png", PNG, "image/png"), /SignatureDoesNotMatch/);
      assert.equal(fake.objects.has("medicos/3/x.png"), false);
      const other = s3Storage(loadConfig(fake.env({ S3_ACCESS_KEY_ID: "OUTRA" })));
      await assert.rejects(other.get("medicos/2/foto de João.jpg"), /InvalidAccessKeyId/);
    });

    await t.step("a server error surfaces as an exception after the retries", async () => {
      fake.failWith = 500;
      await assert.rejects(storage.put("medicos/4/x.png", PNG, "image/png"), /HTTP 500/);
      await assert.rejects(storage.get("medicos/2/foto de João.jpg"), /HTTP 500/);
      fake.failWith = null;
    });

    await t.step("refuses to start without endpoint, bucket or keys", () => {
      assert.throws(
        () => s3Storage(loadConfig({ STORAGE_DRIVER: "s3", S3_ENDPOINT: fake.url })),
        /S3_BUCKET, S3_ACCESS_KEY_ID, S3_SECRET_ACCESS_KEY/,
      );
    });

    await t.step("builds path-style object URLs and the public URL", () => {
      const config = loadConfig({
        S3_ENDPOINT: "https://acc.r2.cloudflarestorage.com/",
        S3_BUCKET: "fotos",
      });
      assert.equal(
        s3ObjectUrl(config, "medicos/1/a b.png"),
        "https://acc.r2.cloudflarestorage.com/fotos/medicos/1/a%20b.png",
      );
      assert.equal(s3PublicUrl(config, "medicos/1/a.png"), s3ObjectUrl(config, "medicos/1/a.png"));
      const cdn = { ...config, s3PublicUrl: "https://fotos.exemplo.com.br/" };
      assert.equal(
        s3PublicUrl(cdn, "medicos/1/a.png"),
        "https://fotos.exemplo.com.br/medicos/1/a.png",
      );
    });
  } finally {
    await fake.close();
  }
});

dbTest(
  "[medicos] POST/DELETE /api/upload/medico/:id/foto with STORAGE_DRIVER=s3",
  async (t, base) => {
    const fake = startFakeS3();
    try {
      const ctx = makeCtx(
        base.driver,
        base.db,
        fake.env({ S3_PUBLIC_URL: "https://cdn.exemplo.com.br" }),
      );
      ctx.deps.storage = await openStorage(ctx.config, ctx.db);
      assert.equal(ctx.deps.storage.driver, "s3");
      const refs = await seedRefs(ctx);
      const id = await createMedico(ctx, refs);
      const token = await ctx.login("gerenciador");
      const url = `/api/upload/medico/${id}/foto`;
      let first = "";

      await t.step("stores the photo in the bucket and answers its public URL", async () => {
        const res = await ctx.req("POST", url, { token, body: form(PNG, "eu.png", "image/png") });
        assert.equal(res.status, 200, JSON.stringify(res.body));
        assert.match(
          res.body.foto_url,
          new RegExp(`^https://cdn\\.exemplo\\.com\\.br/medicos/${id}/[0-9a-f-]{36}\\.png$`),
        );
        first = res.body.foto_url;
        const key = first.slice("https://cdn.exemplo.com.br/".length);
        assert.deepEqual(fake.objects.get(key), { bytes: PNG, contentType: "image/png" });
        const [{ n }] = await ctx.db.sql`select count(*)::int as n from ca_arquivo`;
        assert.equal(n, 0, "nothing stored in Postgres");
        assert.equal(await ctx.events("medico.foto_atualizada"), 1);
      });

      await t.step("a new photo replaces the object in the bucket", async () => {
        const res = await ctx.req("POST", url, { token, body: form(JPEG, "eu.jpg", "image/jpeg") });
        assert.equal(res.status, 200);
        assert.deepEqual([...fake.objects.keys()], [
          res.body.foto_url.slice("https://cdn.exemplo.com.br/".length),
        ]);
        assert.notEqual(res.body.foto_url, first);
      });

      await t.step("answers 502 when the bucket fails, changing nothing", async () => {
        const before = await snapshot(ctx);
        const objects = [...fake.objects.keys()];
        fake.failWith = 503;
        const res = await ctx.req("POST", url, { token, body: form(PNG, "eu.png", "image/png") });
        fake.failWith = null;
        assert.equal(res.status, 502);
        assert.equal(res.body.error.code, "armazenamento_indisponivel");
        assert.equal(await snapshot(ctx), before);
        assert.deepEqual([...fake.objects.keys()], objects);
      });

      await t.step("DELETE removes the object from the bucket", async () => {
        const res = await ctx.req("DELETE", url, { token });
        assert.equal(res.status, 200);
        assert.equal(res.body.foto_url, null);
        assert.equal(fake.objects.size, 0);
        assert.equal(await ctx.events("medico.foto_removida"), 1);
      });

      await t.step("without S3_PUBLIC_URL the URL is the path-style object URL", async () => {
        const plain = makeCtx(base.driver, base.db, fake.env());
        plain.deps.storage = await openStorage(plain.config, plain.db);
        const res = await plain.req("POST", url, {
          token,
          body: form(PNG, "eu.png", "image/png"),
        });
        assert.equal(res.status, 200);
        assert.ok(res.body.foto_url.startsWith(`${fake.url}/fotos/medicos/${id}/`));
      });
    } finally {
      await fake.close();
    }
  },
);
