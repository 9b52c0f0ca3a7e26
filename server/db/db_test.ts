import { strict as assert } from "node:assert";
import { dbTest, freshPostgres } from "../testing/harness.ts";
import { listMigrations, migrate } from "./migrate.ts";
import { openPostgres } from "./postgres_driver.ts";

dbTest("[db] both drivers return the same shapes", async (t, { db }) => {
  await t.step("int8, numeric, date, time, timestamptz, arrays and jsonb", async () => {
    const [row] = await db.sql`
      select 5::bigint as big, 2.5::numeric as num, ${"2026-02-28"}::date as d, '08:30'::time as h,
             ${new Date("2026-01-01T12:00:00Z")}::timestamptz as ts, ${[1, 2]}::int[] as arr,
             ${{ a: [1, "x"] }}::jsonb as doc, ${null}::text as nothing`;
    assert.deepEqual(row, {
      big: 5,
      num: 2.5,
      d: "2026-02-28",
      h: "08:30:00",
      ts: new Date("2026-01-01T12:00:00Z"),
      arr: [1, 2],
      doc: { a: [1, "x"] },
      nothing: null,
    });
  });

  await t.step("count is the number of affected rows", async () => {
    await db.sql`create temp table t (x int)`;
    const ins = await db.sql`insert into t select generate_series(1, 3)`;
    assert.equal(ins.count, 3);
    const upd = await db.sql`update t set x = x + 1 where x > 1`;
    assert.equal(upd.count, 2);
  });

  await t.step("a transaction that throws leaves nothing behind", async () => {
    await db.sql`create table tx_probe (x int)`;
    await assert.rejects(
      db.begin(async (sql) => {
        await sql`insert into tx_probe values (1)`;
        throw new Error("boom");
      }),
      /boom/,
    );
    const rows = await db.sql`select * from tx_probe`;
    assert.equal(rows.length, 0);
  });

  await t.step("a committed transaction is visible", async () => {
    const n = await db.begin(async (sql) => {
      await sql`insert into tx_probe values (1), (2)`;
      const [r] = await sql<{ n: number }>`select count(*)::int as n from tx_probe`;
      return r.n;
    });
    assert.equal(n, 2);
  });

  await t.step("LISTEN receives what a transaction NOTIFYs on commit", async () => {
    const got: string[] = [];
    const l = await db.listen("probe_channel", (p) => got.push(p));
    await db.begin(async (sql) => {
      await sql`select pg_notify('probe_channel', 'hello')`;
    });
    for (let i = 0; i < 50 && got.length === 0; i++) await new Promise((r) => setTimeout(r, 20));
    await l.unlisten();
    assert.deepEqual(got, ["hello"]);
  });

  await t.step("migrations are recorded and re-running applies nothing", async () => {
    const names = (await listMigrations()).map((m) => m.name);
    const rows = await db.sql<{ name: string }>`select name from ca_migration order by name`;
    assert.deepEqual(rows.map((r) => r.name), names);
    assert.deepEqual(await migrate(db), []);
  });
});

Deno.test({
  name: "[db] two instances migrating one empty database at once apply each file once",
  sanitizeOps: false,
  sanitizeResources: false,
  fn: async () => {
    const fresh = await freshPostgres(2);
    try {
      // Start from an empty schema: the harness database is already migrated.
      await fresh.db.script("drop schema public cascade; create schema public;");
      const other = openPostgres(fresh.url, { max: 2 });
      try {
        const [a, b] = await Promise.all([migrate(fresh.db), migrate(other)]);
        const all = (await listMigrations()).map((m) => m.name);
        assert.deepEqual([...a, ...b].sort(), all);
        const [{ n }] = await fresh.db.sql<
          { n: number }
        >`select count(*)::int as n from ca_migration`;
        assert.equal(n, all.length);
      } finally {
        await other.close();
      }
    } finally {
      await fresh.drop();
    }
  },
});
