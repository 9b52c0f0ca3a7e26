import { strict as assert } from "node:assert";
import { dbTest } from "../../testing/harness.ts";
import {
  backlogItem,
  count,
  paciente,
  slot,
  slotState,
  world,
} from "../../testing/fixtures/agendamentos.ts";

dbTest("[backlog] PATCH /api/backlog/:id/retirar-proposta", async (t, ctx) => {
  const w = await world(ctx.db, { realocacao: true });
  const op = await ctx.login("operador");
  const pac = await paciente(ctx.db, { nome: "Carla Dias" });
  const id = await backlogItem(ctx.db, w, { pacienteid: pac });
  // Another Pendente item that would take the freed place if it were re-offered.
  const outro = await backlogItem(ctx.db, w, { pacienteid: await paciente(ctx.db) });
  const s = await slot(ctx.db, w, { limitevagas: 1 });
  const path = `/api/backlog/${id}/retirar-proposta`;

  const state = async () => {
    const [b] = await ctx.db.sql<
      { status: string; slotagendaid_proposto: number | null; motivo_recusa: string | null }
    >`select status, slotagendaid_proposto, motivo_recusa from ca_backlog where backlogid = ${id}`;
    return { ...b };
  };

  await t.step("answers 422 when the item has no proposal, nothing changed", async () => {
    const res = await ctx.req("PATCH", path, { token: op });
    assert.equal(res.status, 422);
    assert.match(res.headers.get("content-type") ?? "", /json/);
    assert.equal(res.body.error.code, "transicao_invalida");
    assert.equal((await state()).status, "Pendente");
    assert.equal(await ctx.events("backlog.proposta_retirada"), 0);
  });

  const alocado = await ctx.req("PATCH", `/api/backlog/${id}/alocar`, {
    token: op,
    body: { slotagendaid: s },
  });
  assert.equal(alocado.status, 200, JSON.stringify(alocado.body));

  await t.step("visualizador and patients are refused with 403, nothing changed", async () => {
    const vis = await ctx.login("visualizador");
    const p = await ctx.paciente();
    for (const token of [vis, p.token]) {
      const res = await ctx.req("PATCH", path, { token });
      assert.equal(res.status, 403);
    }
    assert.equal((await state()).status, "Aguardando Confirmação");
    assert.equal((await slotState(ctx.db, s)).vagas_ocupadas, 1);
  });

  await t.step("answers 423 naming the holder while another operator leases the item", async () => {
    const ger = await ctx.login("gerenciador");
    const lock = await ctx.req("POST", "/api/locks", {
      token: ger,
      body: { resource: `backlog:${id}` },
    });
    assert.equal(lock.status, 201, JSON.stringify(lock.body));
    const res = await ctx.req("PATCH", path, { token: op });
    assert.equal(res.status, 423);
    assert.equal(res.body.error.code, "recurso_bloqueado");
    assert.ok(res.body.error.details.holder_nome);
    assert.equal((await state()).status, "Aguardando Confirmação");
    const free = await ctx.req("DELETE", `/api/locks/backlog:${id}`, { token: ger });
    assert.equal(free.status, 200);
  });

  await t.step("withdraws: item Pendente, place freed, not re-offered, event written", async () => {
    const res = await ctx.req("PATCH", path, { token: op });
    assert.equal(res.status, 200, JSON.stringify(res.body));
    assert.match(res.headers.get("content-type") ?? "", /json/);
    assert.equal(res.body.backlog.status, "Pendente");
    assert.equal(res.body.agendamento.status, "Cancelado");
    assert.deepEqual(await state(), {
      status: "Pendente",
      slotagendaid_proposto: null,
      motivo_recusa: null,
    });
    assert.deepEqual({ ...await slotState(ctx.db, s) }, { status: "Livre", vagas_ocupadas: 0 });
    const [a] = await ctx.db.sql<{ status: string; motivo_cancelamento: string }>`
      select status, motivo_cancelamento from ca_agendamento where backlogid = ${id}`;
    assert.equal(a.status, "Cancelado");
    assert.equal(a.motivo_cancelamento, "Proposta retirada pelo operador");
    // The operator put things back: the other item was not offered the place.
    assert.equal(await count(ctx.db, "ca_agendamento", `backlogid = ${outro}`), 0);
    const [ev] = await ctx.db.sql<{ topics: string[]; actor_tipo: string }>`
      select topics, actor_tipo from ca_evento where kind = 'backlog.proposta_retirada'`;
    assert.equal(ev.actor_tipo, "admin");
    assert.ok(ev.topics.includes("backlog"));
    assert.ok(ev.topics.includes(`unidade:${w.unidadeid}`));
  });

  await t.step("a second withdrawal answers 422 and changes nothing", async () => {
    const res = await ctx.req("PATCH", path, { token: op });
    assert.equal(res.status, 422);
    assert.equal(await ctx.events("backlog.proposta_retirada"), 1);
  });

  await t.step("the item can be offered again afterwards", async () => {
    const again = await ctx.req("PATCH", `/api/backlog/${id}/alocar`, {
      token: op,
      body: { slotagendaid: s },
    });
    assert.equal(again.status, 200, JSON.stringify(again.body));
  });

  await t.step("answers 400 for a malformed id and 404 for an unknown one", async () => {
    assert.equal(
      (await ctx.req("PATCH", "/api/backlog/abc/retirar-proposta", { token: op })).status,
      400,
    );
    assert.equal(
      (await ctx.req("PATCH", "/api/backlog/999999/retirar-proposta", { token: op })).status,
      404,
    );
  });
});
