import { strict as assert } from "node:assert";
import { dbTest, type TestCtx } from "../../testing/harness.ts";
import { paciente } from "../../testing/fixtures/agendamentos.ts";

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

/** The ficha table and the event log: equal before and after a refused request. */
async function snapshot(ctx: TestCtx) {
  const fichas = await ctx.db.sql`select * from ca_ficha_clinica order by fichaid`;
  return { fichas: [...fichas], eventos: await ctx.events() };
}

dbTest("[fichas] /api/fichas/:pacienteid access and audit", async (t, ctx) => {
  const op = await ctx.login("operador");
  const pac = await paciente(ctx.db);
  const url = `/api/fichas/${pac}`;
  const put = (token: string | undefined, conteudo: unknown = { nota: "x" }) =>
    ctx.req("PUT", url, { token, body: { conteudo } });

  await t.step("the event keeps before and after on staff-only topics", async () => {
    assert.equal((await put(op, { alergias: ["látex"] })).status, 200);
    assert.equal((await put(op, { alergias: [] })).status, 200);
    const [ev] = await ctx.db.sql<
      { topics: string[]; actor_tipo: string; before: { conteudo: unknown }; after: unknown }
    >`select topics, actor_tipo, before, after from ca_evento
      where kind = 'ficha.atualizada' order by id desc limit 1`;
    assert.deepEqual(ev.topics, [`paciente:${pac}`, "admin"]);
    assert.equal(ev.actor_tipo, "admin");
    assert.deepEqual(ev.before.conteudo, { alergias: ["látex"] });
  });

  await t.step("every staff role from operador up reads and writes", async () => {
    for (const role of ["gerenciador", "administrador", "administrador_master"] as const) {
      const token = await ctx.login(role);
      assert.equal((await ctx.req("GET", url, { token })).status, 200, role);
      assert.equal((await put(token, { por: role })).status, 200, role);
    }
  });

  await t.step(
    "visualizador, a paciente (own record included) and anonymous are refused",
    async () => {
      const vis = await ctx.login("visualizador");
      const own = await ctx.paciente();
      await ctx.req("PUT", `/api/fichas/${own.pacienteid}`, { token: op, body: { conteudo: {} } });
      const before = await snapshot(ctx);
      for (const [who, token] of [["visualizador", vis], ["paciente", own.token]] as const) {
        for (const path of [url, `/api/fichas/${own.pacienteid}`]) {
          const get = await ctx.req("GET", path, { token });
          assert.equal(get.status, 403, `${who} GET ${path}`);
          assert.equal(get.body.error.code, "sem_permissao");
          const res = await ctx.req("PUT", path, { token, body: { conteudo: { invadido: true } } });
          assert.equal(res.status, 403, `${who} PUT ${path}`);
        }
      }
      assert.equal((await ctx.req("GET", url)).status, 401);
      assert.equal((await put(undefined)).status, 401);
      assert.deepEqual(await snapshot(ctx), before);
    },
  );

  await t.step("answers 400 for a malformed patient id, changing nothing", async () => {
    const before = await snapshot(ctx);
    for (const bad of ["abc", "0", "-1", "1e3", "true", "1.5", "99999999999"]) {
      const get = await ctx.req("GET", `/api/fichas/${bad}`, { token: op });
      assert.equal(get.status, 400, bad);
      assert.equal(get.body.error.code, "entrada_invalida");
      const res = await ctx.req("PUT", `/api/fichas/${bad}`, {
        token: op,
        body: { conteudo: {} },
      });
      assert.equal(res.status, 400, bad);
    }
    assert.deepEqual(await snapshot(ctx), before);
  });

  await t.step(
    "answers 400 for a body without conteudo or not JSON, changing nothing",
    async () => {
      const before = await snapshot(ctx);
      const none = await ctx.req("PUT", url, { token: op, body: {} });
      assert.equal(none.status, 400);
      assert.equal(none.body.error.code, "entrada_invalida");
      const broken = await ctx.req("PUT", url, {
        token: op,
        body: "{conteudo",
        headers: { "content-type": "application/json" },
      });
      assert.equal(broken.status, 400);
      assert.equal(broken.body.error.code, "json_invalido");
      assert.deepEqual(await snapshot(ctx), before);
    },
  );
});
