import { strict as assert } from "node:assert";
import { emit, liveCluster, pgliteInstance, TestSocket, until } from "../../testing/live.ts";

const opts = { sanitizeOps: false, sanitizeResources: false };

Deno.test({
  name: "[live] GET /api/live/ws fans events out across instances",
  ...opts,
  fn: async (t) => {
    const cl = await liveCluster(2);
    const [a, b] = cl.instances;
    try {
      const op = await cl.ctx.login("operador");
      const ger = await cl.ctx.login("gerenciador");

      const ws = await TestSocket.ready(b.wsUrl, op);

      await t.step("an event committed through instance A reaches a client of B", async () => {
        const caught = await ws.subscribe(["unidade:3", "locks"]);
        assert.deepEqual(caught, []);
        const id = await cl.emit(["unidade:3", "data:2026-11-23"], { db: a.db });
        const ev = await ws.next();
        assert.equal(ev.type, "event");
        assert.equal(ev.id, id);
        assert.equal(ev.kind, "teste.evento");
        assert.deepEqual(ev.topics, ["unidade:3", "data:2026-11-23"]);
        assert.deepEqual(ev.after, { ok: true });
        assert.match(ev.at, /^\d{4}-\d{2}-\d{2}T/);
      });

      await t.step(
        "a lease taken through A's API reaches B's client as lock.adquirido",
        async () => {
          const res = await fetch(`${a.url}/api/locks`, {
            method: "POST",
            headers: { authorization: `Bearer ${op}`, "content-type": "application/json" },
            body: JSON.stringify({ resource: "backlog:12" }),
          });
          assert.equal(res.status, 201);
          assert.match(res.headers.get("content-type")!, /application\/json/);
          assert.equal((await res.json()).holder_nome, "Usuário operador");
          const got = await ws.next();
          assert.equal(got.kind, "lock.adquirido");
          assert.equal(got.entity_id, "backlog:12");
          assert.deepEqual(got.topics, ["locks", "backlog"]);
        },
      );

      await t.step("the same lease is refused on B with 423 and the holder's name", async () => {
        const res = await fetch(`${b.url}/api/locks`, {
          method: "POST",
          headers: { authorization: `Bearer ${ger}`, "content-type": "application/json" },
          body: JSON.stringify({ resource: "backlog:12" }),
        });
        assert.equal(res.status, 423);
        assert.match(res.headers.get("content-type")!, /application\/json/);
        const body = await res.json();
        assert.equal(body.error.code, "recurso_bloqueado");
        assert.equal(body.error.details.holder_nome, "Usuário operador");
        const [row] = await cl.ctx.db
          .sql`select holder_nome from ca_lock where resource = 'backlog:12'`;
        assert.equal(row.holder_nome, "Usuário operador");
        ws.close();
      });

      await t.step("a date-range subscription gets days inside the range only", async () => {
        const ws = await TestSocket.ready(a.wsUrl, ger);
        await ws.subscribe(["data:2026-11-01..2026-11-30"]);
        await cl.emit(["data:2026-12-01"]);
        const inside = await cl.emit(["unidade:9", "data:2026-11-30"]);
        const ev = await ws.next();
        assert.equal(ev.id, inside);
        ws.close();
      });

      await t.step("since replays what the client missed, in order, then goes live", async () => {
        const first = await cl.emit(["medico:7"]);
        const missed = [await cl.emit(["medico:7"]), await cl.emit(["medico:8"])];
        const more = await cl.emit(["medico:7"]);
        await a.live.feed.settle();
        const ws = await TestSocket.ready(a.wsUrl, ger);
        const caught = await ws.subscribe(["medico:7"], first);
        assert.deepEqual(caught.map((e) => e.id), [missed[0], more]);
        const live = await cl.emit(["medico:7"]);
        assert.equal((await ws.next()).id, live);
        ws.close();
      });
    } finally {
      await cl.close();
    }
  },
});

Deno.test({
  name: "[live] embedded PGlite mode serves live events",
  ...opts,
  fn: async () => {
    const p = await pgliteInstance();
    try {
      const token = await p.ctx.login("operador");
      const ws = await TestSocket.ready(p.instance.wsUrl, token);
      await ws.subscribe(["backlog"]);
      const res = await fetch(`${p.instance.url}/api/locks`, {
        method: "POST",
        headers: { authorization: `Bearer ${token}`, "content-type": "application/json" },
        body: JSON.stringify({ resource: "backlog:5" }),
      });
      assert.equal(res.status, 201);
      await res.body?.cancel();
      const ev = await ws.next();
      assert.equal(ev.kind, "lock.adquirido");
      assert.equal(ev.entity_id, "backlog:5");
      const id = await emit(p.ctx.db, ["backlog"]);
      assert.equal((await ws.next()).id, id);
      ws.close();
      await until(() => p.instance.live.conns.size === 0, 2000, "socket gone");
      // The socket's session held backlog:5: its last socket closing released it.
      await until(async () => (await p.ctx.events("lock.liberado")) === 1, 2000, "release");
    } finally {
      await p.close();
    }
  },
});
