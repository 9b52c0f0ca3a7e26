import { strict as assert } from "node:assert";
import type { Db } from "../../db/db.ts";
import { dbTest } from "../../testing/harness.ts";
import { generate, generationBody, seedRefs, SEG } from "../../testing/fixtures/slots.ts";

/** The kept day totals (migration 100), without the keys that went back to zero. */
function kept(db: Db) {
  return db.sql`
    select data, unidadeid, especialidadeid, medicoid, tiposlotid, slots, vagas, ocupadas,
      canceladas
    from ca_slot_dia_total where (slots, vagas, ocupadas, canceladas) <> (0, 0, 0, 0)
    order by 1, 2, 3, 4, 5`;
}

/** The same totals counted from the slots. */
function counted(db: Db) {
  return db.sql`
    select data, unidadeid, especialidadeid, medicoid, tiposlotid,
      count(*) filter (where status <> 'Cancelado')::int as slots,
      coalesce(sum(limitevagas) filter (where status <> 'Cancelado'), 0)::int as vagas,
      coalesce(sum(vagas_ocupadas) filter (where status <> 'Cancelado'), 0)::int as ocupadas,
      count(*) filter (where status = 'Cancelado')::int as canceladas
    from ca_slotagenda group by 1, 2, 3, 4, 5 order by 1, 2, 3, 4, 5`;
}

async function assertKept(db: Db) {
  assert.deepEqual([...await kept(db)], [...await counted(db)]);
}

dbTest("[slots] day totals follow every write to the slots", async (t, ctx) => {
  const refs = await seedRefs(ctx);
  const { sql } = ctx.db;
  const ids = async () =>
    (await sql<{ id: number }>`select slotagendaid as id from ca_slotagenda order by 1`)
      .map((r) => r.id);

  await t.step("generation adds its slots", async () => {
    await generate(ctx, generationBody(refs, { data_fim: "2027-03-14" }));
    await generate(
      ctx,
      generationBody(refs, { medicoid: refs.medico2, consultorioid: refs.consultorio2 }),
    );
    assert.ok((await kept(ctx.db)).length > 4);
    await assertKept(ctx.db);
  });

  await t.step("places taken and freed in one transaction count once, at commit", async () => {
    const [{ a }] = await sql<{ a: number }>`
      select min(slotagendaid) as a from ca_slotagenda where limitevagas = 2`;
    const [{ b }] = await sql<{ b: number }>`
      select min(slotagendaid) as b from ca_slotagenda where limitevagas = 1`;
    const take = sql`vagas_ocupadas = vagas_ocupadas + 1,
      status = case when vagas_ocupadas + 1 = limitevagas then 'Ocupado' else status end`;
    await ctx.db.begin(async (tx) => {
      await tx`update ca_slotagenda set ${take} where slotagendaid = ${a}`;
      await tx`update ca_slotagenda set ${take} where slotagendaid = ${a}`;
      await tx`update ca_slotagenda set vagas_ocupadas = vagas_ocupadas - 1, status = 'Livre'
               where slotagendaid = ${a}`;
      await tx`update ca_slotagenda set ${take} where slotagendaid = ${b}`;
      await tx`update ca_slotagenda set updated_at = now() where slotagendaid = ${b}`;
    });
    await assertKept(ctx.db);
  });

  await t.step("a rolled back transaction leaves them as they were", async () => {
    const before = [...await kept(ctx.db)];
    // Only our own error may end it: a failing statement would roll back without testing much.
    await assert.rejects(
      ctx.db.begin(async (tx) => {
        await tx`update ca_slotagenda set status = 'Cancelado'`;
        const gone = await tx`delete from ca_slotagenda where data = ${SEG} returning 1`;
        assert.ok(gone.length > 0, "the transaction deleted slots before rolling back");
        throw new Error("desfazer");
      }),
      /desfazer/,
    );
    assert.deepEqual([...await kept(ctx.db)], before);
  });

  await t.step("cancelling, moving and deleting slots", async () => {
    const [a, b, c, d] = await ids();
    await sql`update ca_slotagenda set status = 'Cancelado' where slotagendaid in (${a}, ${b})`;
    await sql`update ca_slotagenda set data = data + 28,
              tiposlotid = case when tiposlotid = ${refs.normal} then ${refs.prioritario}::int
                           else ${refs.normal}::int end,
              datainicio = datainicio + interval '28 days', datafim = datafim + interval '28 days'
              where slotagendaid = ${c}`;
    await sql`delete from ca_slotagenda where slotagendaid = ${d}`;
    await assertKept(ctx.db);
  });

  await t.step("truncating empties them", async () => {
    await ctx.db.script("truncate ca_slotagenda cascade");
    assert.equal((await kept(ctx.db)).length, 0);
    await assertKept(ctx.db);
  });
});
