/**
 * A lease belongs to the admin session: it is kept while the session has a live socket on any
 * instance, and released when the last one anywhere closes (migration 151).
 */
import { strict as assert } from "node:assert";
import { liveCluster, TestSocket, until } from "../../testing/live.ts";

const opts = { sanitizeOps: false, sanitizeResources: false };

Deno.test({
  name: "[live] a lease whose session has sockets on two instances outlives the first close",
  ...opts,
  fn: async (t) => {
    const cl = await liveCluster(2, { heartbeatMs: 300 });
    const [a, b] = cl.instances;
    try {
      const token = await cl.ctx.login("operador");
      const onA = await TestSocket.ready(a.wsUrl, token);
      const onB = await TestSocket.ready(b.wsUrl, token);
      const held = async () =>
        (await cl.ctx.db.sql`select 1 from ca_lock where resource = 'backlog:41'`).length === 1;
      // Both instances recorded the session's presence before anything closes.
      await until(
        async () => {
          const rows = await cl.ctx.db.sql`select instance from ca_live_presenca`;
          return rows.length === 2;
        },
        5000,
        "presence on both instances",
      );
      const res = await fetch(`${a.url}/api/locks`, {
        method: "POST",
        headers: { authorization: `Bearer ${token}`, "content-type": "application/json" },
        body: JSON.stringify({ resource: "backlog:41" }),
      });
      assert.equal(res.status, 201);

      await t.step("closing the socket on A keeps the lease (B still has one)", async () => {
        onA.close();
        await until(() => a.live.conns.size === 0, 5000, "A detached");
        await Promise.all([...a.live.pendingReleases]);
        assert.equal(await held(), true);
        assert.equal(await cl.ctx.events("lock.liberado"), 0);
      });

      await t.step("closing the last socket, on B, releases it with lock.liberado", async () => {
        onB.close();
        await until(() => b.live.conns.size === 0, 5000, "B detached");
        await Promise.all([...b.live.pendingReleases]);
        assert.equal(await held(), false);
        assert.equal(await cl.ctx.events("lock.liberado"), 1);
      });
    } finally {
      await cl.close();
    }
  },
});
