import { strict as assert } from "node:assert";
import { dbTest, nextCpf, type TestCtx } from "../testing/harness.ts";

/** Rows that a refused request must leave as they were. */
async function counts(ctx: TestCtx) {
  const [r] = await ctx.db.sql<{ pacientes: number; fichas: number; eventos: number }>`
    select (select count(*)::int from ca_paciente) as pacientes,
           (select count(*)::int from ca_ficha_clinica) as fichas,
           (select count(*)::int from ca_evento) as eventos`;
  return r;
}

function assertError(
  res: { status: number; contentType: string | null; body: unknown },
  status: number,
) {
  assert.equal(res.status, status, JSON.stringify(res.body));
  assert.match(res.contentType ?? "", /json/);
  const body = res.body as { error: { code: string; message: string } };
  assert.equal(typeof body.error.code, "string");
  assert.equal(typeof body.error.message, "string");
  return body.error as { code: string; message: string; details?: { path: string }[] };
}

dbTest("[http] bad input gets a clear 4xx, never a 500", async (t, ctx) => {
  const token = await ctx.login("administrador");
  const paciente = () => ({ nomecompleto: "Ana Maria Silva", cpf: nextCpf() });

  await t.step("unknown fields on POST /api/pacientes answer 400 naming them", async () => {
    const before = await counts(ctx);
    const res = await ctx.req("POST", "/api/pacientes", {
      token,
      body: { ...paciente(), status: "Inativo", senhahash: "x", funcionario: true },
    });
    const err = assertError(res, 400);
    assert.match(err.message, /status/);
    assert.match(err.message, /senhahash/);
    assert.match(err.message, /funcionario/);
    assert.deepEqual(
      err.details!.map((d) => d.path).sort(),
      ["funcionario", "senhahash", "status"],
    );
    assert.deepEqual(await counts(ctx), before);
  });

  await t.step("unknown query parameters answer 400 too", async () => {
    const res = await ctx.req("GET", "/api/pacientes?limit=10&admin=1", { token });
    assert.match(assertError(res, 400).message, /admin/);
  });

  await t.step("NUL in a string field answers 400", async () => {
    const before = await counts(ctx);
    const res = await ctx.req("POST", "/api/pacientes", {
      token,
      body: { ...paciente(), nomecompleto: "Ana\u0000 Silva" },
    });
    assertError(res, 400);
    assert.deepEqual(await counts(ctx), before);
  });

  await t.step("NUL in a query answers 400", async () => {
    const res = await ctx.req("GET", "/api/pacientes/search?q=ana%00", { token });
    assertError(res, 400);
    const list = await ctx.req("GET", "/api/pacientes?nome=a%00b", { token });
    assertError(list, 400);
  });

  await t.step("a body that is not UTF-8 answers 400 and stores nothing", async () => {
    const before = await counts(ctx);
    const json = new TextEncoder().encode(
      JSON.stringify({ ...paciente(), nomecompleto: "Ana XX Silva" }),
    );
    const at = json.indexOf(0x58); // the first "X"
    json[at] = 0xff;
    json[at + 1] = 0xfe;
    const res = await ctx.app.request("/api/pacientes", {
      method: "POST",
      headers: { authorization: `Bearer ${token}`, "content-type": "application/json" },
      body: json,
    });
    assert.equal(res.status, 400);
    assert.equal((await res.json()).error.code, "codificacao_invalida");
    assert.deepEqual(await counts(ctx), before);
  });

  await t.step("a ficha nested 16,000 deep answers 400", async () => {
    const { pacienteid } = await ctx.paciente();
    const before = await counts(ctx);
    const body = `{"conteudo":${'{"a":'.repeat(16_000)}1${"}".repeat(16_000)}}`;
    const res = await ctx.req("PUT", `/api/fichas/${pacienteid}`, {
      token,
      body,
      headers: { "content-type": "application/json" },
    });
    assert.equal(assertError(res, 400).code, "entrada_invalida");
    assert.deepEqual(await counts(ctx), before);
  });

  await t.step("an impossible data_fim in the mass cancellation preview answers 400", async () => {
    const res = await ctx.req("POST", "/api/cancelamento-massa/preview", {
      token,
      body: { data_inicio: "2026-02-01", data_fim: "2026-02-30" },
    });
    const err = assertError(res, 400);
    assert.ok(err.details!.some((d) => d.path === "data_fim"), JSON.stringify(err));
  });

  await t.step("a body over 1 MB answers 413 before it is parsed", async () => {
    const big = JSON.stringify({ cpf: "x".repeat(2 * 1024 * 1024) });
    const res = await ctx.req("POST", "/api/auth/paciente/register", {
      body: big,
      headers: { "content-type": "application/json" },
    });
    assert.equal(assertError(res, 413).code, "corpo_muito_grande");
  });

  await t.step("a chunked body over 1 MB answers 413 too", async () => {
    const chunk = new TextEncoder().encode("x".repeat(64 * 1024));
    let sent = 0;
    const stream = new ReadableStream<Uint8Array>({
      pull(controller) {
        if (sent++ >= 40) controller.close();
        else controller.enqueue(chunk);
      },
    });
    const res = await ctx.app.request("/api/auth/paciente/register", {
      method: "POST",
      headers: { "content-type": "application/json", "transfer-encoding": "chunked" },
      body: stream,
      // @ts-ignore: Deno's RequestInit accepts duplex for streamed bodies.
      duplex: "half",
    });
    assert.equal(res.status, 413);
    assert.equal((await res.json()).error.code, "corpo_muito_grande");
  });
});
