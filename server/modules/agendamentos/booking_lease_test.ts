import { strict as assert } from "node:assert";
import { dbTest } from "../../testing/harness.ts";
import { paciente, slot, slotState, world } from "../../testing/fixtures/agendamentos.ts";

dbTest("[agendamentos] POST /api/agendamentos respects a slot lease", async (t, ctx) => {
  const w = await world(ctx.db);
  const op = await ctx.login("operador");
  const ger = await ctx.login("gerenciador");
  const s = await slot(ctx.db, w, { limitevagas: 2 });
  const [p1, p2] = [await paciente(ctx.db), await paciente(ctx.db)];
  const lease = await ctx.req("POST", "/api/locks", {
    token: ger,
    body: { resource: `slot:${s}` },
  });
  assert.equal(lease.status, 201);

  await t.step("another operator's booking answers 423 naming the holder", async () => {
    const res = await ctx.req("POST", "/api/agendamentos", {
      token: op,
      body: { slotagendaid: s, pacienteid: p1 },
    });
    assert.equal(res.status, 423);
    assert.match(res.contentType!, /application\/json/);
    assert.equal(res.body.error.code, "recurso_bloqueado");
    assert.equal(res.body.error.details.holder_nome, "Usuário gerenciador");
    assert.deepEqual(await slotState(ctx.db, s), { status: "Livre", vagas_ocupadas: 0 });
    assert.equal(await ctx.events("agendamento.criado"), 0);
  });

  await t.step("the lease holder books (201)", async () => {
    const res = await ctx.req("POST", "/api/agendamentos", {
      token: ger,
      body: { slotagendaid: s, pacienteid: p2 },
    });
    assert.equal(res.status, 201, JSON.stringify(res.body));
    assert.equal((await slotState(ctx.db, s)).vagas_ocupadas, 1);
  });
});
