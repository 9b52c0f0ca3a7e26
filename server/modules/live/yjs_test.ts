import { strict as assert } from "node:assert";
import * as Y from "yjs";
import { WebsocketProvider } from "y-websocket";
import { liveCluster, until } from "../../testing/live.ts";
import { BEARER_PREFIX, YJS_SUBPROTOCOL } from "../../live/protocol.ts";

const opts = { sanitizeOps: false, sanitizeResources: false };
const ROOM = "unidade:3:2026-11-23";

function provider(base: string, token: string, room = ROOM) {
  const doc = new Y.Doc();
  const p = new WebsocketProvider(`${base.replace("http", "ws")}/api/live/yjs`, room, doc, {
    WebSocketPolyfill: WebSocket,
    protocols: [YJS_SUBPROTOCOL, BEARER_PREFIX + token],
    disableBc: true,
    maxBackoffTime: 200,
  });
  return { doc, p };
}

Deno.test({
  name: "[live] GET /api/live/yjs/:room relays presence and updates between instances",
  ...opts,
  fn: async (t) => {
    const cl = await liveCluster(2, { sessionCheckMs: 300 });
    const [a, b] = cl.instances;
    const op = await cl.ctx.login("operador");
    const ger = await cl.ctx.login("gerenciador");
    const one = provider(a.url, op);
    const two = provider(b.url, ger);
    try {
      await until(() => one.p.synced && two.p.synced, 5000, "both synced");

      await t.step("each client sees the other's awareness state across instances", async () => {
        one.p.awareness.setLocalState({ nome: "Operador", dragging: "backlog:12", slot: 456 });
        two.p.awareness.setLocalState({ nome: "Gerente", dragging: null, slot: null });
        await until(() => two.p.awareness.getStates().get(one.doc.clientID)?.nome === "Operador");
        await until(() => one.p.awareness.getStates().get(two.doc.clientID)?.nome === "Gerente");
        assert.deepEqual(two.p.awareness.getStates().get(one.doc.clientID), {
          nome: "Operador",
          dragging: "backlog:12",
          slot: 456,
        });
      });

      await t.step("doc updates travel both ways", async () => {
        one.doc.getMap("view").set("filtro", "pediatria");
        await until(() => two.doc.getMap("view").get("filtro") === "pediatria");
        two.doc.getMap("view").set("dia", "2026-11-23");
        await until(() => one.doc.getMap("view").get("dia") === "2026-11-23");
      });

      await t.step("an update over the NOTIFY limit goes through ca_yjs_update", async () => {
        const before = a.live.yjs.stats.viaTable;
        const big = "z".repeat(20_000);
        one.doc.getMap("view").set("nota", big);
        await until(() => two.doc.getMap("view").get("nota") === big);
        assert.ok(a.live.yjs.stats.viaTable > before);
        const [row] = await cl.ctx.db.sql<
          { n: number }
        >`select count(*)::int as n from ca_yjs_update`;
        assert.ok(row.n >= 1);
      });

      await t.step("a late joiner on B gets a room held only on A", async () => {
        const room = "unidade:3:2026-11-24";
        const four = provider(a.url, op, room);
        const five = provider(b.url, ger, room);
        try {
          await until(() => four.p.synced, 5000, "four synced");
          five.p.disconnect();
          four.doc.getMap("view").set("filtro", "cardiologia");
          four.p.awareness.setLocalState({ nome: "Sozinho" });
          await until(() => !b.live.yjs.rooms.has(room), 2000, "room only on A");
          five.p.connect();
          await until(() => five.doc.getMap("view").get("filtro") === "cardiologia", 5000);
          await until(() =>
            five.p.awareness.getStates().get(four.doc.clientID)?.nome === "Sozinho"
          );
        } finally {
          four.p.destroy();
          five.p.destroy();
        }
      });

      await t.step("a client that leaves disappears from the others' presence", async () => {
        one.p.destroy();
        await until(() => !two.p.awareness.getStates().has(one.doc.clientID), 5000, "removal");
        await until(() => !a.live.yjs.rooms.has(ROOM), 2000, "empty room dropped on A");
        assert.ok(b.live.yjs.rooms.has(ROOM));
      });

      await t.step("refuses a socket without a token, and a malformed room name", async () => {
        const ws = new WebSocket(`${b.url.replace("http", "ws")}/api/live/yjs/${ROOM}`);
        const closed = await new Promise<CloseEvent>((r) => ws.onclose = r);
        assert.equal(closed.code, 4401);
        const res = await fetch(`${b.url}/api/live/yjs/Sala%20Ruim`);
        assert.equal(res.status, 400);
        assert.equal((await res.json()).error.code, "entrada_invalida");
      });

      await t.step("closes with 4401 a Yjs socket whose session is revoked", async () => {
        const login = await cl.ctx.req("POST", "/api/auth/login", {
          body: { email: "operador@teste.local", senha: "Senha@Teste123" },
        });
        const ws = new WebSocket(`${a.url.replace("http", "ws")}/api/live/yjs/${ROOM}`, [
          YJS_SUBPROTOCOL,
          BEARER_PREFIX + login.body.token,
        ]);
        await new Promise((r) => ws.onopen = r);
        const closed = new Promise<CloseEvent>((r) => ws.onclose = r);
        // Two completed re-checks: at least one ran wholly after the socket opened.
        const checks = a.live.stats.sessionChecks;
        await until(() => a.live.stats.sessionChecks >= checks + 2, 10_000, "session checks");
        assert.equal(ws.readyState, WebSocket.OPEN, "a live session stays connected");
        await cl.ctx.req("POST", "/api/auth/logout", { token: login.body.token });
        assert.equal((await closed).code, 4401);
      });

      await t.step("closes a socket that sends garbage, the room keeps working", async () => {
        const ws = new WebSocket(`${b.url.replace("http", "ws")}/api/live/yjs/${ROOM}`, [
          YJS_SUBPROTOCOL,
          BEARER_PREFIX + op,
        ]);
        ws.binaryType = "arraybuffer";
        await new Promise((r) => ws.onopen = r);
        ws.send(new Uint8Array([0, 9, 255, 255, 255]));
        const closed = await new Promise<CloseEvent>((r) => ws.onclose = r);
        assert.equal(closed.code, 4500);
        two.doc.getMap("view").set("ainda", true);
        const six = provider(a.url, ger);
        try {
          await until(() => six.doc.getMap("view").get("ainda") === true, 5000, "relay alive");
        } finally {
          six.p.destroy();
        }
      });
    } finally {
      one.p.destroy();
      two.p.destroy();
      await cl.close();
    }
  },
});
