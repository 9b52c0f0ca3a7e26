import { strict as assert } from "node:assert";
import { dbTest } from "../../testing/harness.ts";
import {
  backlogItem,
  comTelefone,
  count,
  paciente,
  slot,
  slotState,
  world,
} from "../../testing/fixtures/agendamentos.ts";

/** An agendamento written directly (for slots in the past, which booking refuses). */
async function agendamentoEm(
  ctx: { db: import("../../db/db.ts").Db },
  slotagendaid: number,
  pacienteid: number,
  backlogid: number | null = null,
) {
  await ctx.db.sql`update ca_slotagenda set vagas_ocupadas = 1, status = 'Ocupado'
                   where slotagendaid = ${slotagendaid}`;
  const [a] = await ctx.db.sql<{ agendamentoid: number }>`
    insert into ca_agendamento (slotagendaid, pacienteid, backlogid, protocolo, ordem)
    values (${slotagendaid}, ${pacienteid}, ${backlogid}, ${"T-" + slotagendaid}, 1)
    returning agendamentoid`;
  return a.agendamentoid;
}

dbTest("[agendamentos] PUT /api/agendamentos/:id/cancelar", async (t, ctx) => {
  const w = await world(ctx.db);
  const op = await ctx.login("operador");
  const me = await ctx.paciente();
  const other = await ctx.paciente();
  await comTelefone(ctx.db, me.pacienteid);
  const s = await slot(ctx.db, w);
  const book = await ctx.req("POST", "/api/agendamentos", {
    token: op,
    body: { slotagendaid: s, pacienteid: me.pacienteid },
  });
  const id = book.body.agendamentoid;
  const url = `/api/agendamentos/${id}/cancelar`;

  await t.step(
    "refuses a missing motivo (400), another patient (404), visualizador (403)",
    async () => {
      assert.equal((await ctx.req("PUT", url, { token: me.token, body: {} })).status, 400);
      const res = await ctx.req("PUT", url, { token: other.token, body: { motivo: "Quero" } });
      assert.equal(res.status, 404);
      const vis = await ctx.login("visualizador");
      assert.equal(
        (await ctx.req("PUT", url, { token: vis, body: { motivo: "abc" } })).status,
        403,
      );
      assert.deepEqual(await slotState(ctx.db, s), { status: "Ocupado", vagas_ocupadas: 1 });
      assert.equal(await ctx.events("agendamento.cancelado"), 0);
    },
  );

  await t.step("the patient cancels their own: place freed, WhatsApp, event", async () => {
    const res = await ctx.req("PUT", url, { token: me.token, body: { motivo: "Vou viajar" } });
    assert.equal(res.status, 200, JSON.stringify(res.body));
    assert.equal(res.body.status, "Cancelado");
    assert.equal(res.body.motivo_cancelamento, "Vou viajar");
    assert.deepEqual(await slotState(ctx.db, s), { status: "Livre", vagas_ocupadas: 0 });
    assert.equal(await count(ctx.db, "ca_notificacao", "template = 'cancelamento'"), 1);
    const [ev] = await ctx.db.sql<{ actor_tipo: string; topics: string[] }>`
      select actor_tipo, topics from ca_evento where kind = 'agendamento.cancelado'`;
    assert.equal(ev.actor_tipo, "paciente");
    assert.ok(ev.topics.includes(`paciente:${me.pacienteid}`));
  });

  await t.step("cancelling twice is 422 transicao_invalida", async () => {
    const res = await ctx.req("PUT", url, { token: op, body: { motivo: "De novo" } });
    assert.equal(res.status, 422);
    assert.deepEqual(res.body.error.details, { from: "Cancelado", to: "Cancelado" });
  });

  await t.step("a past consultation cannot be cancelled; a proposal neither", async () => {
    const past = await agendamentoEm(ctx, await slot(ctx.db, w, { dias: -1 }), me.pacienteid);
    const res = await ctx.req("PUT", `/api/agendamentos/${past}/cancelar`, {
      token: op,
      body: { motivo: "Atrasado" },
    });
    assert.equal(res.status, 422);
    assert.equal(res.body.error.code, "consulta_passada");
    const item = await backlogItem(ctx.db, w, { pacienteid: await paciente(ctx.db) });
    const p = await ctx.req("PATCH", `/api/backlog/${item}/alocar`, {
      token: op,
      body: { slotagendaid: await slot(ctx.db, w) },
    });
    const prop = await ctx.req(
      "PUT",
      `/api/agendamentos/${p.body.agendamento.agendamentoid}/cancelar`,
      {
        token: op,
        body: { motivo: "Não" },
      },
    );
    assert.equal(prop.status, 422);
    assert.equal(prop.body.error.code, "transicao_invalida");
  });
});

dbTest("[agendamentos] confirmar-presenca, nao-compareceu, concluir", async (t, ctx) => {
  const w = await world(ctx.db);
  const op = await ctx.login("operador");
  const pac = await paciente(ctx.db);
  const item = await backlogItem(ctx.db, w, { pacienteid: pac });
  await ctx.db.sql`update ca_backlog set status = 'Agendado' where backlogid = ${item}`;
  const past = await agendamentoEm(ctx, await slot(ctx.db, w, { dias: -1 }), pac, item);
  const future = await ctx.req("POST", "/api/agendamentos", {
    token: op,
    body: { slotagendaid: await slot(ctx.db, w), pacienteid: pac },
  });
  const fut = future.body.agendamentoid;
  const put = (id: number, action: string, token = op) =>
    ctx.req("PUT", `/api/agendamentos/${id}/${action}`, { token });

  await t.step("confirms presence: Ativo → Confirmado; twice is 422", async () => {
    const res = await put(fut, "confirmar-presenca");
    assert.equal(res.status, 200);
    assert.equal(res.body.status, "Confirmado");
    assert.equal(await ctx.events("agendamento.presenca_confirmada"), 1);
    const again = await put(fut, "confirmar-presenca");
    assert.equal(again.status, 422);
    assert.deepEqual(again.body.error.details, { from: "Confirmado", to: "Confirmado" });
  });

  await t.step("no-show and completion wait for the consultation time", async () => {
    for (const action of ["nao-compareceu", "concluir"]) {
      const res = await put(fut, action);
      assert.equal(res.status, 422);
      assert.equal(res.body.error.code, "consulta_futura");
    }
    const [a] = await ctx.db.sql`select status from ca_agendamento where agendamentoid = ${fut}`;
    assert.equal(a.status, "Confirmado");
  });

  await t.step("concluir marks the backlog Compareceu and creates an empty ficha", async () => {
    assert.equal(await count(ctx.db, "ca_ficha_clinica", `pacienteid = ${pac}`), 0);
    const res = await put(past, "concluir");
    assert.equal(res.status, 200, JSON.stringify(res.body));
    assert.equal(res.body.status, "Concluído");
    const [f] = await ctx.db.sql`select conteudo from ca_ficha_clinica where pacienteid = ${pac}`;
    assert.deepEqual(f.conteudo, {});
    const [b] = await ctx.db.sql`select status from ca_backlog where backlogid = ${item}`;
    assert.equal(b.status, "Compareceu");
    assert.equal(await ctx.events("ficha.criada"), 1);
    const [ev] = await ctx.db.sql<{ topics: string[] }>`
      select topics from ca_evento where kind = 'ficha.criada'`;
    assert.ok(ev.topics.includes("admin"), "clinical record events are staff-only");
    assert.equal(await ctx.events("agendamento.concluido"), 1);
    const again = await put(past, "nao-compareceu");
    assert.equal(again.status, 422);
    assert.deepEqual(again.body.error.details, { from: "Concluído", to: "Não Compareceu" });
  });

  await t.step("nao-compareceu on a past consultation; an existing ficha is kept", async () => {
    const other = await agendamentoEm(ctx, await slot(ctx.db, w, { dias: -2 }), pac);
    const res = await put(other, "nao-compareceu");
    assert.equal(res.status, 200);
    assert.equal(res.body.status, "Não Compareceu");
    await ctx.db.sql`update ca_ficha_clinica set conteudo = '{"alergias": "dipirona"}'
                     where pacienteid = ${pac}`;
    const third = await agendamentoEm(ctx, await slot(ctx.db, w, { dias: -3 }), pac);
    assert.equal((await put(third, "concluir")).status, 200);
    const [f] = await ctx.db.sql`select conteudo from ca_ficha_clinica where pacienteid = ${pac}`;
    assert.deepEqual(f.conteudo, { alergias: "dipirona" });
    assert.equal(await ctx.events("ficha.criada"), 1);
  });
});
