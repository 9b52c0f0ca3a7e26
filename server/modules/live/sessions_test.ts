/**
 * Logout and deactivation close the session's sockets at once, on every instance (NOTIFY
 * `ca_sessao` from the triggers of migration 150), not at the next periodic session check.
 */
import { strict as assert } from "node:assert";
import * as Y from "yjs";
import { WebsocketProvider } from "y-websocket";
import { liveCluster, TestSocket, until } from "../../testing/live.ts";
import { BEARER_PREFIX, YJS_SUBPROTOCOL } from "../../live/protocol.ts";

const opts = { sanitizeOps: false, sanitizeResources: false };
// The periodic check is far away: only the revocation NOTIFY can close the sockets in time.
const slowCheck = { sessionCheckMs: 600_000 };

Deno.test({
  name: "[live] POST /api/auth/logout and user deactivation close the session's sockets at once",
  ...opts,
  fn: async (t) => {
    const cl = await liveCluster(2, slowCheck);
    const [a, b] = cl.instances;
    try {
      await t.step(
        "logout through B closes the session's sockets on A and B with 4401",
        async () => {
          const token = await cl.ctx.login("operador");
          const onA = await TestSocket.ready(a.wsUrl, token);
          const onB = await TestSocket.ready(b.wsUrl, token);
          await onA.subscribe(["config"]);
          const doc = new Y.Doc();
          const yjs = new WebsocketProvider(
            `${a.url.replace("http", "ws")}/api/live/yjs`,
            "backlog",
            doc,
            {
              WebSocketPolyfill: WebSocket,
              protocols: [YJS_SUBPROTOCOL, BEARER_PREFIX + token],
              disableBc: true,
            },
          );
          let yjsFinal: number | undefined;
          yjs.on("closed", (e: { code: number }) => yjsFinal = e.code);
          try {
            await until(() => yjs.synced, 5000, "yjs synced");
            const res = await fetch(`${b.url}/api/auth/logout`, {
              method: "POST",
              headers: { authorization: `Bearer ${token}` },
            });
            assert.equal(res.status, 200);
            assert.equal((await onA.closed).code, 4401);
            assert.equal((await onB.closed).code, 4401);
            assert.ok(onA.frames.some((f) => f.type === "error" && f.code === "sessao_revogada"));
            await until(() => yjsFinal !== undefined, 5000, "yjs closed");
            assert.equal(yjsFinal, 4401);
          } finally {
            yjs.destroy();
          }
        },
      );

      await t.step("events after the logout never reach the closed socket", async () => {
        const token = await cl.ctx.login("visualizador");
        const ws = await TestSocket.ready(a.wsUrl, token);
        await ws.subscribe(["config"]);
        await fetch(`${a.url}/api/auth/logout`, {
          method: "POST",
          headers: { authorization: `Bearer ${token}` },
        });
        await ws.closed;
        await cl.emit(["config"]);
        assert.equal(ws.frames.filter((f) => f.type === "event").length, 0);
      });

      await t.step("deactivating a user closes its sockets on both instances", async () => {
        const token = await cl.ctx.login("gerenciador");
        const onA = await TestSocket.ready(a.wsUrl, token);
        const onB = await TestSocket.ready(b.wsUrl, token);
        const adm = await cl.ctx.login("administrador_master");
        const id = await cl.ctx.userId("gerenciador");
        const res = await fetch(`${a.url}/api/usuarios/${id}`, {
          method: "PUT",
          headers: { authorization: `Bearer ${adm}`, "content-type": "application/json" },
          body: JSON.stringify({ ativo: false }),
        });
        assert.equal(res.status, 200);
        assert.equal((await onA.closed).code, 4401);
        assert.equal((await onB.closed).code, 4401);
      });

      await t.step("other sessions stay open and keep receiving events", async () => {
        const token = await cl.ctx.login("administrador");
        const ws = await TestSocket.ready(b.wsUrl, token);
        await ws.subscribe(["config"]);
        const id = await cl.emit(["config"]);
        const ev = await ws.next((f) => f.type === "event" && f.id === id);
        assert.equal(ev.id, id);
        ws.close();
      });
    } finally {
      await cl.close();
    }
  },
});
