import { strict as assert } from "node:assert";
import { dbTest, type TestCtx } from "../../testing/harness.ts";
import { paciente, slot, world } from "../../testing/fixtures/agendamentos.ts";
import { Plano } from "./schemas.ts";

/** Plans, their links and the event log: equal before and after a refused request. */
async function snapshot(ctx: TestCtx) {
  const planos = await ctx.db.sql`select * from ca_plano_tratamento order by planoid`;
  const links = await ctx.db.sql`
    select agendamentoid, planoid from ca_agendamento order by agendamentoid`;
  return { planos: [...planos], links: [...links], eventos: await ctx.events() };
}

dbTest("[planos] access, validation and audit of /api/planos", async (t, ctx) => {
  const w = await world(ctx.db);
  const op = await ctx.login("operador");
  const vis = await ctx.login("visualizador");
  const me = await ctx.paciente();
  const book = async (pacienteid: number) => {
    const r = await ctx.req("POST", "/api/agendamentos", {
      token: op,
      body: { slotagendaid: await slot(ctx.db, w), pacienteid },
    });
    assert.equal(r.status, 201, JSON.stringify(r.body));
    return r.body.agendamentoid as number;
  };
  const criar = async (pacienteid: number, titulo = "Fisioterapia") => {
    const r = await ctx.req("POST", "/api/planos", { token: op, body: { pacienteid, titulo } });
    assert.equal(r.status, 201, JSON.stringify(r.body));
    return r.body.planoid as number;
  };
  const add = (planoid: number, agendamentoid: unknown, token = op) =>
    ctx.req("POST", `/api/planos/${planoid}/add_consulta`, { token, body: { agendamentoid } });
  const plano = await criar(me.pacienteid);

  await t.step("POST answers the plan in its schema and the event keeps it", async () => {
    const res = await ctx.req("POST", "/api/planos", {
      token: await ctx.login("administrador_master"),
      body: { pacienteid: me.pacienteid, titulo: "  Nutrição  ", descricao: "" },
    });
    assert.equal(res.status, 201);
    const p = Plano.parse(res.body);
    assert.equal(p.titulo, "Nutrição");
    assert.equal(p.descricao, null);
    const [ev] = await ctx.db.sql<{ topics: string[]; after: { planoid: number } }>`
      select topics, after from ca_evento where kind = 'plano.criado' order by id desc limit 1`;
    assert.deepEqual(ev.topics, [`paciente:${me.pacienteid}`]);
    assert.equal(ev.after.planoid, p.planoid);
  });

  await t.step("POST answers 422 for an inactive patient and 400 for bad bodies", async () => {
    const inativo = await paciente(ctx.db, { status: "Inativo" });
    const before = await snapshot(ctx);
    const res = await ctx.req("POST", "/api/planos", {
      token: op,
      body: { pacienteid: inativo, titulo: "Plano" },
    });
    assert.equal(res.status, 422);
    assert.equal(res.body.error.code, "paciente_inativo");
    for (
      const body of [
        {},
        { pacienteid: me.pacienteid },
        { pacienteid: "1e3", titulo: "Plano" },
        { pacienteid: true, titulo: "Plano" },
        { pacienteid: me.pacienteid, titulo: "x".repeat(201) },
      ]
    ) {
      const bad = await ctx.req("POST", "/api/planos", { token: op, body });
      assert.equal(bad.status, 400, JSON.stringify(body));
      assert.equal(bad.body.error.code, "entrada_invalida");
    }
    assert.deepEqual(await snapshot(ctx), before);
  });

  await t.step("add_consulta writes before and after of the agendamento", async () => {
    const ag = await book(me.pacienteid);
    const res = await add(plano, ag);
    assert.equal(res.status, 200);
    const [ev] = await ctx.db.sql<
      { before: { planoid: number | null }; after: { planoid: number }; topics: string[] }
    >`select before, after, topics from ca_evento
      where kind = 'plano.consulta_adicionada' order by id desc limit 1`;
    assert.equal(ev.before.planoid, null);
    assert.equal(ev.after.planoid, plano);
    assert.deepEqual(ev.topics, [`paciente:${me.pacienteid}`]);
  });

  await t.step("add_consulta refuses a consultation of another plan (409)", async () => {
    const ag = await book(me.pacienteid);
    const outroPlano = await criar(me.pacienteid, "Outro plano");
    assert.equal((await add(outroPlano, ag)).status, 200);
    const before = await snapshot(ctx);
    const res = await add(plano, ag);
    assert.equal(res.status, 409);
    assert.equal(res.body.error.code, "vinculada_outro_plano");
    assert.equal(res.body.error.details.planoid, outroPlano);
    assert.deepEqual(await snapshot(ctx), before);
  });

  await t.step("add_consulta refuses a cancelled consultation (422)", async () => {
    const ag = await book(me.pacienteid);
    const cancel = await ctx.req("PUT", `/api/agendamentos/${ag}/cancelar`, {
      token: op,
      body: { motivo: "Paciente desistiu" },
    });
    assert.equal(cancel.status, 200);
    const before = await snapshot(ctx);
    const res = await add(plano, ag);
    assert.equal(res.status, 422);
    assert.equal(res.body.error.code, "consulta_cancelada");
    assert.deepEqual(await snapshot(ctx), before);
  });

  await t.step("add_consulta refuses a plan that is no longer active (422)", async () => {
    const fechado = await criar(me.pacienteid, "Plano encerrado");
    await ctx.db
      .sql`update ca_plano_tratamento set status = 'Concluído' where planoid = ${fechado}`;
    const ag = await book(me.pacienteid);
    const before = await snapshot(ctx);
    const res = await add(fechado, ag);
    assert.equal(res.status, 422);
    assert.equal(res.body.error.code, "plano_inativo");
    assert.deepEqual(await snapshot(ctx), before);
  });

  await t.step("add_consulta answers 400 for malformed ids, changing nothing", async () => {
    const ag = await book(me.pacienteid);
    const before = await snapshot(ctx);
    for (const bad of ["1e3", "true", "", 0, -1, 1.5, null]) {
      const res = await add(plano, bad);
      assert.equal(res.status, 400, JSON.stringify(bad));
    }
    for (const bad of ["abc", "0", "1e3"]) {
      const res = await ctx.req("POST", `/api/planos/${bad}/add_consulta`, {
        token: op,
        body: { agendamentoid: ag },
      });
      assert.equal(res.status, 400, bad);
    }
    assert.deepEqual(await snapshot(ctx), before);
  });

  await t.step("reads: 401 without a token; staff read any plan, 404 unknown", async () => {
    assert.equal((await ctx.req("GET", "/api/planos")).status, 401);
    assert.equal((await ctx.req("GET", `/api/planos/${plano}`)).status, 401);
    const res = await ctx.req("GET", `/api/planos/${plano}`, { token: vis });
    assert.equal(res.status, 200);
    assert.match(res.contentType!, /application\/json/);
    assert.equal(res.body.pacienteid, me.pacienteid);
    assert.equal((await ctx.req("GET", "/api/planos/999999", { token: vis })).status, 404);
    assert.equal((await ctx.req("GET", "/api/planos/1e3", { token: vis })).status, 400);
    const q = await ctx.req("GET", "/api/planos?pacienteid=true", { token: vis });
    assert.equal(q.status, 400);
  });

  await t.step("a paciente lists only their own plans, whatever the query says", async () => {
    const outro = await ctx.paciente();
    const dele = await criar(outro.pacienteid, "Plano do outro");
    const res = await ctx.req("GET", `/api/planos?pacienteid=${outro.pacienteid}`, {
      token: me.token,
    });
    assert.equal(res.status, 200);
    assert.ok(res.body.items.length >= 2);
    assert.ok(
      res.body.items.every((p: { pacienteid: number }) => p.pacienteid === me.pacienteid),
    );
    const other = await ctx.req("GET", `/api/planos/${dele}`, { token: me.token });
    assert.equal(other.status, 404, "another patient's plan is as unknown");
  });
});
