/**
 * The booking transactions stay lean: statements sent inside each transaction, counted through
 * the real routes (`server/testing/statements.ts`). Each is one read of what the checks, the
 * message and the event need, the conditional writes, and the event + outbox rows in one
 * statement; the answer is built from what the transaction holds, not read back.
 */
import { strict as assert } from "node:assert";
import { dbTest, makeCtx } from "../testing/harness.ts";
import { countingDb } from "../testing/statements.ts";
import { backlogItem, paciente, slot, world } from "../testing/fixtures/agendamentos.ts";

/**
 * Upper bounds (statements inside the transaction). Before issue 8's kernel: book 18, and before
 * the lean paths: cancel 10, propose (`alocar`) 14, confirm 9.
 */
const LIMIT = { book: 4, cancel: 4, propose: 7, confirm: 4 };

dbTest("[booking] statements per transaction", async (t, ctx) => {
  const w = await world(ctx.db);
  const op = await ctx.login("operador");
  const ana = await paciente(ctx.db, { nome: "Ana Enxuta" });
  const bia = await paciente(ctx.db, { nome: "Bia Enxuta" });
  const s1 = await slot(ctx.db, w, { dias: 7, hora: "09:00", limitevagas: 2 });
  const item = await backlogItem(ctx.db, w, { pacienteid: bia });
  const counted = countingDb(ctx.db);
  const api = makeCtx(ctx.driver, counted.db);
  const measure = async (method: string, path: string, body?: unknown) => {
    counted.reset();
    const res = await api.req(method, path, { token: op, body });
    assert.ok(res.status < 300, `${method} ${path}: ${res.status} ${JSON.stringify(res.body)}`);
    assert.equal(counted.stats.transactions, 1);
    return { body: res.body, stats: { ...counted.stats } };
  };

  let agendamentoid = 0;
  await t.step(`a direct booking: at most ${LIMIT.book} statements`, async () => {
    const r = await measure("POST", "/api/agendamentos", { slotagendaid: s1, pacienteid: ana });
    agendamentoid = r.body.agendamentoid;
    assert.ok(r.stats.inTransaction <= LIMIT.book, JSON.stringify(r.stats));
  });
  await t.step(`a cancellation: at most ${LIMIT.cancel} statements`, async () => {
    const r = await measure("PUT", `/api/agendamentos/${agendamentoid}/cancelar`, {
      motivo: "Pedido",
    });
    assert.equal(r.body.status, "Cancelado");
    assert.ok(r.stats.inTransaction <= LIMIT.cancel, JSON.stringify(r.stats));
    // Built from what the transaction held, the answer is what a read gives afterwards.
    const read = await ctx.req("GET", `/api/agendamentos/${agendamentoid}`, { token: op });
    assert.deepEqual(r.body, read.body);
  });
  await t.step(`a proposal: at most ${LIMIT.propose} statements`, async () => {
    const r = await measure("PATCH", `/api/backlog/${item}/alocar`, { slotagendaid: s1 });
    assert.ok(r.stats.inTransaction <= LIMIT.propose, JSON.stringify(r.stats));
  });
  await t.step(`a confirmation: at most ${LIMIT.confirm} statements`, async () => {
    const r = await measure("PATCH", `/api/backlog/${item}/confirmar`);
    assert.ok(r.stats.inTransaction <= LIMIT.confirm, JSON.stringify(r.stats));
  });
});
