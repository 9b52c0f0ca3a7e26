import { strict as assert } from "node:assert";
import { dbTest } from "../../testing/harness.ts";
import { FOTO_MAX_BYTES } from "./schemas.ts";
import { keyOfFotoUrl, sniffImage } from "./foto_service.ts";
import {
  createMedico,
  JPEG,
  PNG,
  seedRefs,
  snapshot,
  WEBP,
} from "../../testing/fixtures/medicos.ts";

const form = (bytes: Uint8Array, name: string, type: string, field = "foto") => {
  const f = new FormData();
  f.append(field, new File([bytes as Uint8Array<ArrayBuffer>], name, { type }));
  return f;
};

const UUID_KEY = /^\/api\/arquivos\/medicos\/(\d+)\/[0-9a-f-]{36}\.(png|jpg|webp)$/;

Deno.test("[medicos] sniffImage recognises PNG, JPEG and WebP by their bytes only", () => {
  assert.equal(sniffImage(PNG), "image/png");
  assert.equal(sniffImage(JPEG), "image/jpeg");
  assert.equal(sniffImage(WEBP), "image/webp");
  assert.equal(
    sniffImage(new TextEncoder().encode("<svg xmlns='http://www.w3.org/2000/svg'/>")),
    null,
  );
  assert.equal(sniffImage(new TextEncoder().encode("GIF89a......")), null);
  assert.equal(sniffImage(new TextEncoder().encode("RIFF....WAVEfmt ")), null);
  assert.equal(sniffImage(PNG.slice(0, 4)), null);
});

Deno.test("[medicos] keyOfFotoUrl finds only keys this module wrote", () => {
  const key = "medicos/7/0b9e5c1e-8d4f-4a51-9d0a-5a7f7d2c9e11.png";
  assert.equal(keyOfFotoUrl(`/api/arquivos/${key}`), key);
  assert.equal(keyOfFotoUrl(`https://cdn.exemplo.com.br/${key}`), key);
  // a URL typed in by hand or imported is never taken for one of our objects
  assert.equal(keyOfFotoUrl("https://exemplo.com/foto.png"), null);
  assert.equal(keyOfFotoUrl("/api/arquivos/medicos/7/../../x.png"), null);
  assert.equal(keyOfFotoUrl(null), null);
});

dbTest("[medicos] POST /api/upload/medico/:id/foto", async (t, ctx) => {
  const refs = await seedRefs(ctx);
  const id = await createMedico(ctx, refs);
  const token = await ctx.login("gerenciador");
  const url = `/api/upload/medico/${id}/foto`;
  let first = "";

  await t.step("stores a PNG and points foto_url at /api/arquivos", async () => {
    const res = await ctx.req("POST", url, { token, body: form(PNG, "eu.png", "image/png") });
    assert.equal(res.status, 200, JSON.stringify(res.body));
    assert.match(res.contentType!, /application\/json/);
    assert.match(res.body.foto_url, UUID_KEY);
    assert.equal(UUID_KEY.exec(res.body.foto_url)![1], String(id));
    first = res.body.foto_url;
    const [row] = await ctx.db.sql`select foto_url from ca_medico where medicoid = ${id}`;
    assert.equal(row.foto_url, first);
    const [file] = await ctx.db.sql<{ content_type: string; tamanho: number }>`
      select content_type, tamanho from ca_arquivo where chave = ${first.slice(14)}`;
    assert.deepEqual({ ...file }, { content_type: "image/png", tamanho: PNG.byteLength });
  });

  await t.step("serves the file publicly with its type and a long immutable cache", async () => {
    const res = await ctx.app.request(first);
    assert.equal(res.status, 200);
    assert.equal(res.headers.get("content-type"), "image/png");
    assert.equal(res.headers.get("cache-control"), "public, max-age=31536000, immutable");
    assert.equal(res.headers.get("x-content-type-options"), "nosniff");
    assert.deepEqual(new Uint8Array(await res.arrayBuffer()), PNG);
  });

  await t.step("writes medico.foto_atualizada", async () => {
    const [ev] = await ctx.db.sql<{ topics: string[]; after: Record<string, unknown> }>`
      select topics, after from ca_evento where kind = 'medico.foto_atualizada'`;
    assert.deepEqual(ev.topics, ["config", `medico:${id}`]);
    assert.deepEqual(ev.after, { foto_url: first, content_type: "image/png", tamanho: PNG.length });
  });

  await t.step("a new JPEG replaces the photo and deletes the previous file", async () => {
    const res = await ctx.req("POST", url, { token, body: form(JPEG, "eu.jpg", "image/jpeg") });
    assert.equal(res.status, 200);
    assert.match(res.body.foto_url, /\.jpg$/);
    const keys = await ctx.db.sql`select chave, content_type from ca_arquivo`;
    assert.deepEqual(keys.map((k) => ({ ...k })), [
      { chave: res.body.foto_url.slice(14), content_type: "image/jpeg" },
    ]);
    const old = await ctx.req("GET", first);
    assert.equal(old.status, 404);
    assert.match(old.contentType!, /application\/json/);
    assert.equal(old.body.error.code, "arquivo_nao_encontrado");
  });

  await t.step(
    "accepts WebP, and a generic declared type when the bytes are an image",
    async () => {
      const webp = await ctx.req("POST", url, { token, body: form(WEBP, "eu.webp", "image/webp") });
      assert.equal(webp.status, 200);
      assert.match(webp.body.foto_url, /\.webp$/);
      const generic = await ctx.req("POST", url, {
        token,
        body: form(PNG, "foto", "application/octet-stream"),
      });
      assert.equal(generic.status, 200);
      assert.match(generic.body.foto_url, /\.png$/);
      const [{ n }] = await ctx.db.sql`select count(*)::int as n from ca_arquivo`;
      assert.equal(n, 1);
    },
  );

  await t.step("two racing uploads leave one photo and no orphan file", async () => {
    const [a, b] = await Promise.all([
      ctx.req("POST", url, { token, body: form(PNG, "a.png", "image/png") }),
      ctx.req("POST", url, { token, body: form(JPEG, "b.jpg", "image/jpeg") }),
    ]);
    assert.deepEqual([a.status, b.status], [200, 200]);
    const [row] = await ctx.db.sql`select foto_url from ca_medico where medicoid = ${id}`;
    const keys = await ctx.db.sql`select chave from ca_arquivo`;
    assert.deepEqual(keys.map((k) => `/api/arquivos/${k.chave}`), [row.foto_url]);
  });

  await t.step("HEAD on the file answers its headers without a body", async () => {
    const [row] = await ctx.db.sql<{ foto_url: string }>`
      select foto_url from ca_medico where medicoid = ${id}`;
    const res = await ctx.app.request(row.foto_url, { method: "HEAD" });
    assert.equal(res.status, 200);
    assert.match(res.headers.get("content-type")!, /^image\//);
    assert.equal((await res.arrayBuffer()).byteLength, 0);
  });

  const refused: [string, () => FormData | string, number, string][] = [
    [
      "a text file named .png",
      () => form(new TextEncoder().encode("not an image"), "x.png", "image/png"),
      415,
      "formato_nao_suportado",
    ],
    [
      "an SVG (scripts inside images are not accepted)",
      () => form(new TextEncoder().encode("<svg/>"), "x.svg", "image/svg+xml"),
      415,
      "formato_nao_suportado",
    ],
    [
      "PNG bytes declared as JPEG",
      () => form(PNG, "x.jpg", "image/jpeg"),
      415,
      "formato_nao_suportado",
    ],
    ["an empty file", () => form(new Uint8Array(), "x.png", "image/png"), 400, "arquivo_vazio"],
    [
      "a file 1 byte over 2 MB",
      () => {
        const big = new Uint8Array(FOTO_MAX_BYTES + 1);
        big.set(PNG);
        return form(big, "big.png", "image/png");
      },
      413,
      "arquivo_muito_grande",
    ],
    [
      "a body far over the limit",
      () => form(new Uint8Array(3 * FOTO_MAX_BYTES), "huge.png", "image/png"),
      413,
      "arquivo_muito_grande",
    ],
    [
      "the file in another field",
      () => form(PNG, "x.png", "image/png", "arquivo"),
      400,
      "entrada_invalida",
    ],
    [
      "a plain text field instead of a file",
      () => {
        const f = new FormData();
        f.append("foto", "iVBORw0KGgo=");
        return f;
      },
      400,
      "entrada_invalida",
    ],
  ];
  for (const [what, body, status, code] of refused) {
    await t.step(`answers ${status} ${code} for ${what}, changing nothing`, async () => {
      const before = await snapshot(ctx);
      const res = await ctx.req("POST", url, { token, body: body() });
      assert.equal(res.status, status, JSON.stringify(res.body));
      assert.match(res.contentType!, /application\/json/);
      assert.equal(res.body.error.code, code);
      assert.equal(await snapshot(ctx), before);
    });
  }

  await t.step("answers 400 for a JSON body", async () => {
    const res = await ctx.req("POST", url, { token, body: { foto: "x" } });
    assert.equal(res.status, 400);
    assert.equal(res.body.error.code, "entrada_invalida");
  });

  await t.step("answers 404 for an unknown médico and 400 for a malformed id", async () => {
    const before = await snapshot(ctx);
    const unknown = await ctx.req("POST", "/api/upload/medico/99999/foto", {
      token,
      body: form(PNG, "eu.png", "image/png"),
    });
    assert.equal(unknown.status, 404);
    assert.equal(unknown.body.error.code, "nao_encontrado");
    const bad = await ctx.req("POST", "/api/upload/medico/abc/foto", {
      token,
      body: form(PNG, "eu.png", "image/png"),
    });
    assert.equal(bad.status, 400);
    assert.equal(await snapshot(ctx), before);
  });
});

dbTest("[medicos] DELETE /api/upload/medico/:id/foto", async (t, ctx) => {
  const refs = await seedRefs(ctx);
  const id = await createMedico(ctx, refs);
  const token = await ctx.login("gerenciador");
  const url = `/api/upload/medico/${id}/foto`;
  const up = await ctx.req("POST", url, { token, body: form(PNG, "eu.png", "image/png") });
  assert.equal(up.status, 200);

  await t.step("removes the photo, its file and writes medico.foto_removida", async () => {
    const res = await ctx.req("DELETE", url, { token });
    assert.equal(res.status, 200);
    assert.match(res.contentType!, /application\/json/);
    assert.equal(res.body.foto_url, null);
    const [row] = await ctx.db.sql`select foto_url from ca_medico where medicoid = ${id}`;
    assert.equal(row.foto_url, null);
    const [{ n }] = await ctx.db.sql`select count(*)::int as n from ca_arquivo`;
    assert.equal(n, 0);
    const [ev] = await ctx.db.sql<{ before: unknown; after: unknown }>`
      select before, after from ca_evento where kind = 'medico.foto_removida'`;
    assert.deepEqual(ev.before, { foto_url: up.body.foto_url });
    assert.deepEqual(ev.after, { foto_url: null });
    assert.equal((await ctx.req("GET", up.body.foto_url)).status, 404);
  });

  await t.step("answers 404 foto_nao_encontrada when there is no photo", async () => {
    const before = await snapshot(ctx);
    const res = await ctx.req("DELETE", url, { token });
    assert.equal(res.status, 404);
    assert.equal(res.body.error.code, "foto_nao_encontrada");
    assert.equal(await snapshot(ctx), before);
  });

  await t.step("answers 404 for an unknown médico and 400 for a malformed id", async () => {
    assert.equal((await ctx.req("DELETE", "/api/upload/medico/99999/foto", { token })).status, 404);
    assert.equal((await ctx.req("DELETE", "/api/upload/medico/1.5/foto", { token })).status, 400);
  });
});

dbTest("[medicos] GET /api/arquivos/:key", async (t, ctx) => {
  await t.step("answers 404 JSON for a missing key, without a token", async () => {
    const res = await ctx.req("GET", "/api/arquivos/medicos/1/nada.png");
    assert.equal(res.status, 404);
    assert.match(res.contentType!, /application\/json/);
    assert.equal(res.body.error.code, "arquivo_nao_encontrado");
  });

  await t.step("answers 400 for a path that tries to climb out", async () => {
    const res = await ctx.req("GET", "/api/arquivos/medicos/..%2F..%2Fetc");
    assert.equal(res.status, 400);
    assert.equal(res.body.error.code, "chave_invalida");
  });
});
