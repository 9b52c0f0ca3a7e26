/**
 * Mass cancellation tells every affected patient (once per channel on file) and, when asked,
 * moves each patient whose consultation was cancelled back to the queue with prioridade Alta and
 * origem `cancelamento` (also one who had been booked from a request: that request is closed and
 * a new one opens). Without the move, nobody is added to the queue.
 */
import { strict as assert } from "node:assert";
import { dbTest, type TestCtx } from "../../testing/harness.ts";
import {
  backlogItem,
  diaMais,
  paciente,
  slot,
  world,
} from "../../testing/fixtures/agendamentos.ts";

const mensagens = (ctx: TestCtx, pacienteid: number) =>
  ctx.db.sql<{ canal: string; corpo: string }>`
    select canal, corpo from ca_notificacao
    where pacienteid = ${pacienteid} and template = 'cancelamento' order by canal`;

dbTest("[cancelamento_massa] notifies each patient and moves them to the queue", async (t, ctx) => {
  const w = await world(ctx.db);
  const op = await ctx.login("operador");
  const adm = await ctx.login("administrador");
  const direto = await paciente(ctx.db, { nome: "Davi Direto" });
  await ctx.db.sql`update ca_paciente set email = 'davi@example.com' where pacienteid = ${direto}`;
  const daFila = await paciente(ctx.db, { nome: "Fernanda Fila" });
  const proposto = await paciente(ctx.db, { nome: "Paulo Proposta" });
  const s1 = await slot(ctx.db, w, { dias: 7, hora: "09:00", limitevagas: 3 });
  const s2 = await slot(ctx.db, w, { dias: 8, hora: "09:00" });
  const book = await ctx.req("POST", "/api/agendamentos", {
    token: op,
    body: { slotagendaid: s1, pacienteid: direto },
  });
  assert.equal(book.status, 201);
  const itemFila = await backlogItem(ctx.db, w, { pacienteid: daFila, medicoid: w.medicoid });
  const itemProposto = await backlogItem(ctx.db, w, { pacienteid: proposto });
  for (const item of [itemFila, itemProposto]) {
    const r = await ctx.req("PATCH", `/api/backlog/${item}/alocar`, {
      token: op,
      body: { slotagendaid: s1 },
    });
    assert.equal(r.status, 200);
  }
  assert.equal(
    (await ctx.req("PATCH", `/api/backlog/${itemFila}/confirmar`, { token: op })).status,
    200,
  );
  const dia = diaMais(7);

  await t.step("executar with mover_para_backlog: everyone told, booked ones queued", async () => {
    const res = await ctx.req("POST", "/api/cancelamento-massa/executar", {
      token: adm,
      body: {
        data_inicio: dia,
        data_fim: dia,
        motivo: "Interdição sanitária",
        mover_para_backlog: true,
      },
    });
    assert.equal(res.status, 200, JSON.stringify(res.body));
    assert.equal(res.body.pacientes_afetados, 3);
    assert.equal(res.body.notificacoes, 3);
    assert.equal(res.body.backlog_criados, 2);
    assert.deepEqual((await mensagens(ctx, direto)).map((m) => m.canal), ["email", "whatsapp"]);
    for (const p of [daFila, proposto]) {
      const m = await mensagens(ctx, p);
      assert.equal(m.length, 1);
      assert.match(m[0].corpo, /Motivo: Interdição sanitária/);
    }
    const fila = await ctx.db.sql<
      { pacienteid: number; status: string; prioridade: string; origem: string }
    >`
      select pacienteid, status, prioridade, origem from ca_backlog
      where ativo and status = 'Pendente' order by pacienteid`;
    assert.deepEqual(fila.map((r) => ({ ...r })), [
      { pacienteid: direto, status: "Pendente", prioridade: "Alta", origem: "cancelamento" },
      { pacienteid: daFila, status: "Pendente", prioridade: "Alta", origem: "cancelamento" },
      { pacienteid: proposto, status: "Pendente", prioridade: "Alta", origem: "ADM" },
    ]);
    const [old] = await ctx.db.sql`select status from ca_backlog where backlogid = ${itemFila}`;
    assert.equal(old.status, "Cancelado");
  });

  await t.step("without the move, the patient is told and the queue is untouched", async () => {
    const pac = await paciente(ctx.db, { nome: "Sara Sem Fila" });
    const r = await ctx.req("POST", "/api/agendamentos", {
      token: op,
      body: { slotagendaid: s2, pacienteid: pac },
    });
    assert.equal(r.status, 201);
    const [{ n: before }] = await ctx.db.sql<{ n: number }>`
      select count(*)::int as n from ca_backlog`;
    const res = await ctx.req("POST", "/api/cancelamento-massa/executar", {
      token: adm,
      body: {
        data_inicio: diaMais(8),
        data_fim: diaMais(8),
        motivo: "Falta de energia",
        mover_para_backlog: false,
      },
    });
    assert.equal(res.status, 200, JSON.stringify(res.body));
    assert.equal(res.body.backlog_criados, 0);
    assert.equal((await mensagens(ctx, pac)).length, 1);
    const [{ n: after }] = await ctx.db.sql<{ n: number }>`
      select count(*)::int as n from ca_backlog`;
    assert.equal(after, before);
  });
});
