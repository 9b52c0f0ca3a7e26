import { strict as assert } from "node:assert";
import { dbTest } from "../testing/harness.ts";
import { tx } from "./tx.ts";

const raise = (code: string) =>
  `do $$ begin raise exception 'simulado' using errcode = '${code}'; end $$`;

dbTest("[agendamentos] tx retries a deadlock victim", async (t, ctx) => {
  await t.step("a transaction that died in a deadlock runs again, from scratch", async () => {
    let attempts = 0;
    const out = await tx(ctx.db, async (sql) => {
      attempts++;
      await sql`insert into ca_job_execucao (job, chave) values ('tx_test', ${String(attempts)})`;
      if (attempts === 1) await sql`${sql.raw(raise("40P01"))}`;
      return attempts;
    });
    assert.equal(out, 2);
    const rows = await ctx.db.sql`select chave from ca_job_execucao where job = 'tx_test'`;
    assert.deepEqual(rows.map((r) => r.chave), ["2"], "the failed attempt left nothing");
  });

  await t.step("other errors are not retried; retries are bounded", async () => {
    let attempts = 0;
    await assert.rejects(
      tx(ctx.db, async (sql) => {
        attempts++;
        await sql`${sql.raw(raise("23505"))}`;
      }),
    );
    assert.equal(attempts, 1);
    attempts = 0;
    await assert.rejects(
      tx(ctx.db, async (sql) => {
        attempts++;
        await sql`${sql.raw(raise("40P01"))}`;
      }),
    );
    assert.equal(attempts, 3);
  });
});
