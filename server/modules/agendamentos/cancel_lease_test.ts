import { strict as assert } from "node:assert";
import { dbTest } from "../../testing/harness.ts";
import { comTelefone, slot, slotState, world } from "../../testing/fixtures/agendamentos.ts";

dbTest(
  "[agendamentos] PUT /api/agendamentos/:id/cancelar respects a slot lease",
  async (t, ctx) => {
    const w = await world(ctx.db);
    const op = await ctx.login("operador");
    const ger = await ctx.login("gerenciador");
    const me = await ctx.paciente();
    await comTelefone(ctx.db, me.pacienteid);
    const s = await slot(ctx.db, w);
    const book = await ctx.req("POST", "/api/agendamentos", {
      token: op,
      body: { slotagendaid: s, pacienteid: me.pacienteid },
    });
    assert.equal(book.status, 201, JSON.stringify(book.body));
    const url = `/api/agendamentos/${book.body.agendamentoid}/cancelar`;
    const lease = await ctx.req("POST", "/api/locks", {
      token: ger,
      body: { resource: `slot:${s}` },
    });
    assert.equal(lease.status, 201);

    await t.step(
      "another operator's cancel answers 423 naming the holder, nothing changes",
      async () => {
        const res = await ctx.req("PUT", url, {
          token: op,
          body: { motivo: "Pedido do paciente" },
        });
        assert.equal(res.status, 423);
        assert.match(res.contentType!, /application\/json/);
        assert.equal(res.body.error.code, "recurso_bloqueado");
        assert.equal(res.body.error.details.holder_nome, "Usuário gerenciador");
        assert.deepEqual(await slotState(ctx.db, s), { status: "Ocupado", vagas_ocupadas: 1 });
        assert.equal(await ctx.events("agendamento.cancelado"), 0);
      },
    );

    await t.step("the lease holder cancels (200)", async () => {
      const res = await ctx.req("PUT", url, { token: ger, body: { motivo: "Pedido do paciente" } });
      assert.equal(res.status, 200, JSON.stringify(res.body));
      assert.equal(res.body.status, "Cancelado");
      assert.deepEqual(await slotState(ctx.db, s), { status: "Livre", vagas_ocupadas: 0 });
    });
  },
);
