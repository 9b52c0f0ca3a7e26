import { strict as assert } from "node:assert";
import { dbTest } from "../../testing/harness.ts";
import { count, paciente, slot, world } from "../../testing/fixtures/agendamentos.ts";

dbTest("[planos] /api/planos", async (t, ctx) => {
  const w = await world(ctx.db);
  const op = await ctx.login("operador");
  const vis = await ctx.login("visualizador");
  const me = await ctx.paciente();
  const outro = await paciente(ctx.db);
  const book = async (pacienteid: number) => {
    const r = await ctx.req("POST", "/api/agendamentos", {
      token: op,
      body: { slotagendaid: await slot(ctx.db, w), pacienteid },
    });
    assert.equal(r.status, 201);
    return r.body.agendamentoid as number;
  };
  const minha = await book(me.pacienteid);
  const dele = await book(outro);
  let planoid = 0;

  await t.step("POST creates a plan (201, event); bad input 400; visualizador 403", async () => {
    const res = await ctx.req("POST", "/api/planos", {
      token: op,
      body: { pacienteid: me.pacienteid, titulo: "Fisioterapia joelho", descricao: "10 sessões" },
    });
    assert.equal(res.status, 201, JSON.stringify(res.body));
    assert.match(res.contentType!, /application\/json/);
    assert.equal(res.body.status, "Ativo");
    planoid = res.body.planoid;
    assert.equal(await ctx.events("plano.criado"), 1);
    const bad = await ctx.req("POST", "/api/planos", {
      token: op,
      body: { pacienteid: me.pacienteid, titulo: "x" },
    });
    assert.equal(bad.status, 400);
    const unknown = await ctx.req("POST", "/api/planos", {
      token: op,
      body: { pacienteid: 999999, titulo: "Plano" },
    });
    assert.equal(unknown.status, 404);
    const denied = await ctx.req("POST", "/api/planos", {
      token: vis,
      body: { pacienteid: me.pacienteid, titulo: "Plano" },
    });
    assert.equal(denied.status, 403);
    const p = await ctx.req("POST", "/api/planos", {
      token: me.token,
      body: { pacienteid: me.pacienteid, titulo: "Plano" },
    });
    assert.equal(p.status, 403);
    assert.equal(await count(ctx.db, "ca_plano_tratamento"), 1);
  });

  await t.step("add_consulta links the patient's own agendamento", async () => {
    const res = await ctx.req("POST", `/api/planos/${planoid}/add_consulta`, {
      token: op,
      body: { agendamentoid: minha },
    });
    assert.equal(res.status, 200, JSON.stringify(res.body));
    assert.deepEqual(
      res.body.agendamentos.map((a: { agendamentoid: number }) => a.agendamentoid),
      [minha],
    );
    assert.equal(await ctx.events("plano.consulta_adicionada"), 1);
    const again = await ctx.req("POST", `/api/planos/${planoid}/add_consulta`, {
      token: op,
      body: { agendamentoid: minha },
    });
    assert.equal(again.status, 409);
    assert.equal(again.body.error.code, "ja_vinculada");
  });

  await t.step("refuses another patient's agendamento (422) and unknown ids (404)", async () => {
    const res = await ctx.req("POST", `/api/planos/${planoid}/add_consulta`, {
      token: op,
      body: { agendamentoid: dele },
    });
    assert.equal(res.status, 422);
    assert.equal(res.body.error.code, "paciente_diferente");
    const [a] = await ctx.db.sql`select planoid from ca_agendamento where agendamentoid = ${dele}`;
    assert.equal(a.planoid, null);
    const nope = await ctx.req("POST", `/api/planos/${planoid}/add_consulta`, {
      token: op,
      body: { agendamentoid: 999999 },
    });
    assert.equal(nope.status, 404);
    const noPlan = await ctx.req("POST", "/api/planos/999999/add_consulta", {
      token: op,
      body: { agendamentoid: minha },
    });
    assert.equal(noPlan.status, 404);
    const bad = await ctx.req("POST", `/api/planos/${planoid}/add_consulta`, {
      token: op,
      body: {},
    });
    assert.equal(bad.status, 400);
    assert.equal(await ctx.events("plano.consulta_adicionada"), 1);
  });

  await t.step("GET lists by patient; a patient sees only their own plans", async () => {
    const list = await ctx.req("GET", `/api/planos?pacienteid=${me.pacienteid}`, { token: vis });
    assert.equal(list.status, 200);
    assert.equal(list.body.items.length, 1);
    assert.equal(list.body.items[0].consultas, 1);
    const empty = await ctx.req("GET", `/api/planos?pacienteid=${outro}`, { token: vis });
    assert.equal(empty.body.items.length, 0);
    const mine = await ctx.req("GET", `/api/planos/${planoid}`, { token: me.token });
    assert.equal(mine.status, 200);
    assert.equal(mine.body.agendamentos.length, 1);
    const other = await ctx.paciente();
    const denied = await ctx.req("GET", `/api/planos/${planoid}`, { token: other.token });
    assert.equal(denied.status, 404);
    const own = await ctx.req("GET", `/api/planos?pacienteid=${me.pacienteid}`, {
      token: other.token,
    });
    assert.equal(own.body.items.length, 0);
  });
});
