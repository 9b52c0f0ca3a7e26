/**
 * The booking answers the detail it built from what it already held (no read back after the
 * commit): it must be exactly what a read of the agendamento answers.
 */
import { strict as assert } from "node:assert";
import { dbTest } from "../../testing/harness.ts";
import { paciente, slot, world } from "../../testing/fixtures/agendamentos.ts";

dbTest("[agendamentos] POST /api/agendamentos answers the stored detail", async (t, ctx) => {
  const w = await world(ctx.db);
  const token = await ctx.login("operador");

  await t.step("the created body equals GET /api/agendamentos/:id, field for field", async () => {
    const pac = await paciente(ctx.db, { nome: "Clara Nunes" });
    await ctx.db.sql`update ca_paciente set email = 'clara@example.com' where pacienteid = ${pac}`;
    const [plano] = await ctx.db.sql<{ planoid: number }>`
      insert into ca_plano_tratamento (pacienteid, titulo) values (${pac}, 'Plano A')
      returning planoid`;
    for (const limitevagas of [1, 3]) {
      const s = await slot(ctx.db, w, { limitevagas });
      const res = await ctx.req("POST", "/api/agendamentos", {
        token,
        body: { slotagendaid: s, pacienteid: pac, planoid: plano.planoid },
      });
      assert.equal(res.status, 201, JSON.stringify(res.body));
      const read = await ctx.req("GET", `/api/agendamentos/${res.body.agendamentoid}`, { token });
      assert.equal(read.status, 200);
      assert.deepEqual(res.body, read.body);
    }
  });

  await t.step("one confirmation per channel and one event, each new row notified", async () => {
    const pac = await paciente(ctx.db);
    await ctx.db.sql`update ca_paciente set email = 'ana@example.com' where pacienteid = ${pac}`;
    const s = await slot(ctx.db, w);
    const res = await ctx.req("POST", "/api/agendamentos", {
      token,
      body: { slotagendaid: s, pacienteid: pac },
    });
    assert.equal(res.status, 201);
    const rows = await ctx.db.sql<{ canal: string; idempotency_key: string }>`
      select canal, idempotency_key from ca_notificacao where pacienteid = ${pac}
      order by notificacaoid`;
    assert.deepEqual(rows.map((r) => r.canal), ["whatsapp", "email"]);
    assert.equal(rows[0].idempotency_key, `confirmacao:${res.body.agendamentoid}:whatsapp`);
    const [ev] = await ctx.db.sql<{ actor_tipo: string; after: { protocolo: string } }>`
      select actor_tipo, after from ca_evento
      where kind = 'agendamento.criado' and entity_id = ${String(res.body.agendamentoid)}`;
    assert.equal(ev.actor_tipo, "admin");
    assert.equal(ev.after.protocolo, res.body.protocolo);
  });
});
