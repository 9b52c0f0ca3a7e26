import { strict as assert } from "node:assert";
import { LiveClient } from "../../../client-shared/live_client.ts";
import { liveCluster, TestSocket, until } from "../../testing/live.ts";

const opts = { sanitizeOps: false, sanitizeResources: false };

Deno.test({
  name: "[live] leases over the socket: renewal, release on disconnect, expiry",
  ...opts,
  fn: async (t) => {
    const cl = await liveCluster(2, { heartbeatMs: 300, sweepMs: 200, leaseTtlSec: 1 });
    const [a, b] = cl.instances;
    try {
      const op = await cl.ctx.login("operador");
      const ger = await cl.ctx.login("gerenciador");
      const lease = (r: string) => cl.ctx.db.sql`select * from ca_lock where resource = ${r}`;

      await t.step(
        "the client module acquires, renews over the socket and keeps the lease",
        async () => {
          const client = new LiveClient({ baseUrl: a.url, token: op, topics: ["locks"] });
          client.start();
          await client.ready();
          const got = await client.acquire("backlog:1");
          assert.equal(got.ok, true);
          const refused = await new LiveClient({ baseUrl: b.url, token: ger }).acquire("backlog:1");
          assert.deepEqual(
            { ok: refused.ok, holder: !refused.ok && refused.holder_nome },
            { ok: false, holder: "Usuário operador" },
          );
          const renewed = await client.renew();
          assert.deepEqual(renewed, { held: ["backlog:1"], lost: [] });
          // Past the expiry it was renewed to, the heartbeat has kept it alive: wait until the
          // database clock passes that instant (a condition, not a fixed delay), then look.
          const expiry = (r: string) =>
            cl.ctx.db.sql<{ expires_at: Date }>`
              select expires_at from ca_lock where resource = ${r}`;
          const [{ expires_at: first }] = await expiry("backlog:1");
          await until(
            async () => {
              const [{ past }] = await cl.ctx.db.sql<{ past: boolean }>`
              select now() > ${first} as past`;
              return past;
            },
            10_000,
            "the first expiry to pass",
          );
          const [held] = await expiry("backlog:1");
          assert.ok(held && held.expires_at > first, "renewed past its first expiry");
          assert.equal(await cl.ctx.events("lock.expirado"), 0);
          assert.equal(await client.release("backlog:1"), true);
          assert.equal((await lease("backlog:1")).length, 0);
          client.close();
        },
      );

      await t.step(
        "closing a session's last socket releases only that session's leases",
        async () => {
          const opWs1 = await TestSocket.ready(a.wsUrl, op);
          const opWs2 = await TestSocket.ready(a.wsUrl, op);
          const gerWs = await TestSocket.ready(a.wsUrl, ger);
          const adm = await cl.ctx.login("administrador");
          const sentinel = await TestSocket.ready(a.wsUrl, adm);
          for (
            const [token, resource] of [[op, "backlog:2"], [ger, "backlog:3"], [adm, "backlog:4"]]
          ) {
            const res = await fetch(`${a.url}/api/locks`, {
              method: "POST",
              headers: { authorization: `Bearer ${token}`, "content-type": "application/json" },
              body: JSON.stringify({ resource }),
            });
            assert.equal(res.status, 201);
            await res.body?.cancel();
          }
          const released = () => cl.ctx.events("lock.liberado");
          const before = await released();
          opWs1.close();
          await until(() => a.live.conns.size === 3, 2000, "first socket gone");
          // Sentinel: a third session closes after it. Once its lease is released, a release
          // wrongly started for the operator's first socket (started before it) shows too.
          sentinel.close();
          await until(async () => (await lease("backlog:4")).length === 0, 3000, "sentinel");
          assert.equal(await released(), before + 1, "another socket of the session is open");
          assert.equal((await lease("backlog:2")).length, 1);
          opWs2.close();
          await until(async () => (await released()) === before + 2, 3000, "release");
          assert.equal((await lease("backlog:2")).length, 0, "the operator's lease is gone");
          assert.equal((await lease("backlog:3")).length, 1, "the other operator lost nothing");
          const [ev] = await cl.ctx.db.sql<{ before: { motivo: string } }>`
          select before from ca_evento where kind = 'lock.liberado' order by id desc limit 1`;
          assert.equal(ev.before.motivo, "desconectado");
          gerWs.close();
        },
      );

      await t.step("a lease nobody renews expires and writes lock.expirado", async () => {
        const res = await fetch(`${b.url}/api/locks`, {
          method: "POST",
          headers: { authorization: `Bearer ${ger}`, "content-type": "application/json" },
          body: JSON.stringify({ resource: "slot:9" }),
        });
        assert.equal(res.status, 201);
        await res.body?.cancel();
        await until(async () => (await lease("slot:9")).length === 0, 4000, "expiry");
        assert.equal(await cl.ctx.events("lock.expirado"), 1);
      });
    } finally {
      await cl.close();
    }
  },
});
