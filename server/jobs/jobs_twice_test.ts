/**
 * Every scheduled job of the agenda is idempotent: two runs at once (two instances, or a cron
 * run overlapping a slow one) and a third run later act once and send each message once. The
 * reminder job has its own concurrent test in jobs_test.ts; the proposal expiry job in
 * backlog_reoffer_test.ts. Which jobs main.ts registers, and how: scheduler_test.ts.
 */
import { strict as assert } from "node:assert";
import { dbTest } from "../testing/harness.ts";
import { runJobOnce } from "./all.ts";
import { agendamento, base, credencial, notificacoes, paciente } from "../testing/fixtures/jobs.ts";

dbTest("[jobs] seguro: two runs at once check each agendamento once", async (t, ctx) => {
  const b = await base(ctx.db);
  const vencidos: number[] = [];
  for (let i = 0; i < 4; i++) {
    const p = await paciente(ctx.db, { email: `vencido${i}@example.com` });
    const a = await agendamento(ctx.db, b, p, { horas: 10 + i });
    await credencial(ctx.db, p, "2020-01-01");
    vencidos.push(a.agendamentoid);
  }
  const valido = await paciente(ctx.db);
  await agendamento(ctx.db, b, valido, { horas: 5 });
  await credencial(ctx.db, valido, "2099-12-31");

  await t.step("overlapping runs split the work; nothing is done twice", async () => {
    const runs = await Promise.all([
      runJobOnce(ctx.deps, "seguro"),
      runJobOnce(ctx.deps, "seguro"),
    ]) as { validos: number; invalidos: number }[];
    assert.equal(runs[0].invalidos + runs[1].invalidos, 4);
    assert.equal(runs[0].validos + runs[1].validos, 1);
    const rows = await notificacoes(ctx.db, "seguro_invalido");
    // one WhatsApp and one e-mail per invalid agendamento
    assert.equal(rows.length, 8);
    const byNumber = (a: number, b: number) => a - b;
    assert.deepEqual(
      [...new Set(rows.map((r) => r.agendamentoid))].sort(byNumber),
      vencidos.sort(byNumber),
    );
    assert.equal(await ctx.events("agendamento.seguro_invalidado"), 4);
    assert.equal(await ctx.events("agendamento.seguro_validado"), 1);
  });

  await t.step("a later run finds nothing left to do", async () => {
    assert.deepEqual(await runJobOnce(ctx.deps, "seguro"), { validos: 0, invalidos: 0 });
    assert.equal((await notificacoes(ctx.db, "seguro_invalido")).length, 8);
    assert.equal(await ctx.events("agendamento.seguro_invalidado"), 4);
  });
});
