import { strict as assert } from "node:assert";
import { type EventMsg, LiveClient } from "../../../client-shared/live_client.ts";
import { openPostgres } from "../../db/postgres_driver.ts";
import { liveCluster, until } from "../../testing/live.ts";
import { TEST_PG_URL } from "../../testing/harness.ts";

const opts = { sanitizeOps: false, sanitizeResources: false };

Deno.test({
  name: "[live] client resumes on instance B with since after instance A shuts down",
  ...opts,
  fn: async (t) => {
    const cl = await liveCluster(2);
    const [a, b] = cl.instances;
    const got: EventMsg[] = [];
    const reloads: string[] = [];
    const client = new LiveClient({
      baseUrl: [a.url, b.url],
      token: await cl.ctx.login("operador"),
      topics: ["unidade:3"],
      onEvent: (ev) => got.push(ev),
      onReload: (r) => reloads.push(r),
      backoff: { baseMs: 50, maxMs: 400 },
    });
    try {
      client.start();
      await client.ready();
      const before = [await cl.emit(["unidade:3"]), await cl.emit(["unidade:3"])];

      await t.step("receives live events while connected to A", async () => {
        await until(() => got.length === 2, 3000, "two events");
        assert.deepEqual(got.map((e) => e.id), before);
        assert.equal(client.lastId, before[1]);
      });

      await t.step(
        "after A dies, gets every event committed meanwhile from B, none twice",
        async () => {
          await a.stop();
          // Written while the client is disconnected or reconnecting, mixed with other topics.
          const meanwhile: number[] = [];
          for (let i = 0; i < 20; i++) {
            meanwhile.push(await cl.emit(["unidade:3"], { db: b.db }));
            await cl.emit(["unidade:4"], { db: b.db });
          }
          await until(() => got.length === 22, 5000, "22 events");
          const after = await cl.emit(["unidade:3"], { db: b.db });
          await until(() => got.length === 23, 3000, "live event on B");
          const ids = got.map((e) => e.id);
          assert.deepEqual(ids, [...before, ...meanwhile, after]);
          assert.equal(new Set(ids).size, ids.length);
          assert.ok(client.reconnects >= 1);
          assert.equal(client.baseUrl, b.url);
          assert.deepEqual(reloads, []);
        },
      );
    } finally {
      client.close();
      await cl.close();
    }
  },
});

Deno.test({
  name: "[live] LISTEN backend terminated under steady writes: every event arrives, in order",
  ...opts,
  fn: async (t) => {
    const cl = await liveCluster(1, { pollMs: 60_000 });
    const [a] = cl.instances;
    const got: number[] = [];
    const client = new LiveClient({
      baseUrl: a.url,
      token: await cl.ctx.login("operador"),
      topics: ["backlog"],
      onEvent: (ev) => {
        got.push(ev.id);
        reconnectsAt.set(ev.id, a.live.feed.stats.reconnects);
      },
    });
    /** How many times the feed had reconnected when each event reached the client. */
    const reconnectsAt = new Map<number, number>();
    const written: number[] = [];
    let writing = true;
    let writer: Promise<void> | undefined;
    try {
      client.start();
      await client.ready();
      writer = (async () => {
        while (writing) {
          written.push(await cl.emit(["backlog"]));
          await new Promise((r) => setTimeout(r, 3));
        }
      })();
      await until(() => got.length >= 20, 5000, "first events");

      // New connections are refused for a while, so the LISTEN connection stays down and the
      // events below can only come through the reconnect hook (the safety poll is a minute away).
      const blind: number[] = [];
      const [{ name }] = await cl.ctx.db.sql<{ name: string }>`select current_database() as name`;
      const admin = openPostgres(TEST_PG_URL, { max: 1 });
      await admin.script(`alter database "${name}" with allow_connections false`);
      try {
        await t.step("pg_terminate_backend kills the LISTEN connection", async () => {
          // Through the admin connection: the pool may hold no idle connection to reuse, and new
          // ones to this database are refused by now.
          const rows = await admin.sql<{ ok: boolean }>`
            select pg_terminate_backend(pid) as ok from pg_stat_activity
            where datname = ${name} and query ilike 'LISTEN%'`;
          assert.ok(rows.length >= 1, "a LISTEN backend was found");
          assert.ok(rows.every((r) => r.ok));
          writing = false;
          await writer;
          for (let i = 0; i < 10; i++) blind.push(await cl.emit(["backlog"]));
          written.push(...blind);
        });
      } finally {
        await admin.script(`alter database "${name}" with allow_connections true`);
        await admin.close();
      }

      await t.step("the feed reconnects and catches up from its last id, in order", async () => {
        await until(() => got.length === written.length, 10_000, "all events");
        assert.deepEqual(got, written);
        assert.ok(a.live.feed.stats.reconnects >= 1);
        // Nothing arrived while LISTEN was down: every event written then came after the
        // reconnect, through its catch-up.
        for (const id of blind) {
          assert.ok(reconnectsAt.get(id)! >= 1, `event ${id} before reconnect`);
        }
      });
    } finally {
      writing = false;
      await writer;
      client.close();
      await cl.close();
    }
  },
});

Deno.test({
  name: "[live] client module: reload when too far behind, then live again",
  ...opts,
  fn: async () => {
    const cl = await liveCluster(1, { maxBehind: 3 });
    const [a] = cl.instances;
    const first = await cl.emit(["config"]);
    for (let i = 0; i < 5; i++) await cl.emit(["config"]);
    await a.live.feed.settle();
    const got: number[] = [];
    const reloads: string[] = [];
    const client = new LiveClient({
      baseUrl: a.url,
      token: await cl.ctx.login("visualizador"),
      topics: ["config"],
      since: first,
      onEvent: (ev) => got.push(ev.id),
      onReload: (r) => reloads.push(r),
    });
    try {
      client.start();
      await client.ready();
      assert.deepEqual(reloads, ["historico_indisponivel"]);
      assert.deepEqual(got, []);
      assert.equal(client.lastId, a.live.head());
      const next = await cl.emit(["config"]);
      await until(() => got.length === 1, 3000, "live event");
      assert.deepEqual(got, [next]);
    } finally {
      client.close();
      await cl.close();
    }
  },
});
