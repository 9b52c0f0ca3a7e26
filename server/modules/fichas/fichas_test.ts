import { strict as assert } from "node:assert";
import { dbTest } from "../../testing/harness.ts";
import { paciente } from "../agendamentos/fixtures.ts";

dbTest("[fichas] GET/PUT /api/fichas/:pacienteid", async (t, ctx) => {
  const op = await ctx.login("operador");
  const pac = await paciente(ctx.db);

  await t.step("GET answers 404 before the record exists", async () => {
    const res = await ctx.req("GET", `/api/fichas/${pac}`, { token: op });
    assert.equal(res.status, 404);
    assert.equal(res.body.error.message, "Ficha clínica não encontrado(a).");
    const none = await ctx.req("GET", "/api/fichas/999999", { token: op });
    assert.equal(none.body.error.message, "Paciente não encontrado(a).");
  });

  await t.step("PUT creates, then updates the record, writing events", async () => {
    const res = await ctx.req("PUT", `/api/fichas/${pac}`, {
      token: op,
      body: { conteudo: { alergias: ["dipirona"], tipo_sanguineo: "O+" } },
    });
    assert.equal(res.status, 200, JSON.stringify(res.body));
    assert.match(res.contentType!, /application\/json/);
    assert.deepEqual(res.body.conteudo, { alergias: ["dipirona"], tipo_sanguineo: "O+" });
    const upd = await ctx.req("PUT", `/api/fichas/${pac}`, {
      token: op,
      body: { conteudo: { alergias: [] } },
    });
    assert.equal(upd.status, 200);
    assert.equal(upd.body.fichaid, res.body.fichaid);
    const get = await ctx.req("GET", `/api/fichas/${pac}`, { token: op });
    assert.deepEqual(get.body.conteudo, { alergias: [] });
    assert.equal(await ctx.events("ficha.criada"), 1);
    assert.equal(await ctx.events("ficha.atualizada"), 1);
  });

  await t.step("refuses non-object content, unknown patients and low roles", async () => {
    for (const conteudo of [[1, 2], "texto", null]) {
      const r = await ctx.req("PUT", `/api/fichas/${pac}`, { token: op, body: { conteudo } });
      assert.equal(r.status, 400);
    }
    const big = await ctx.req("PUT", `/api/fichas/${pac}`, {
      token: op,
      body: { conteudo: { texto: "x".repeat(100_001) } },
    });
    assert.equal(big.status, 400);
    const unknown = await ctx.req("PUT", "/api/fichas/999999", {
      token: op,
      body: { conteudo: {} },
    });
    assert.equal(unknown.status, 404);
    const vis = await ctx.login("visualizador");
    assert.equal((await ctx.req("GET", `/api/fichas/${pac}`, { token: vis })).status, 403);
    const p = await ctx.paciente();
    assert.equal((await ctx.req("GET", `/api/fichas/${pac}`, { token: p.token })).status, 403);
    const [f] = await ctx.db.sql`select conteudo from ca_ficha_clinica where pacienteid = ${pac}`;
    assert.deepEqual(f.conteudo, { alergias: [] });
  });
});
