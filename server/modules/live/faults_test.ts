/**
 * Live-layer details found with stock clients: the `Sec-WebSocket-Protocol` header without a
 * space, close codes that y-websocket 3.1 treats as final (4400–4499), a database error during a
 * socket's authentication, and an oversized Yjs update.
 */
import { strict as assert } from "node:assert";
import * as Y from "yjs";
import { WebsocketProvider } from "y-websocket";
import { LiveClient } from "../../../client-shared/live_client.ts";
import type { Db } from "../../db/db.ts";
import { openPostgres } from "../../db/postgres_driver.ts";
import { type Cluster, liveCluster, TestSocket, until } from "../../testing/live.ts";
import {
  BEARER_PREFIX,
  CLOSE,
  isFinalClose,
  LIVE_SUBPROTOCOL,
  YJS_SUBPROTOCOL,
} from "../../live/protocol.ts";
import { MAX_YJS_FRAME } from "../../live/yjs_relay.ts";
import { TEST_PG_URL } from "../../testing/harness.ts";

const opts = { sanitizeOps: false, sanitizeResources: false };

/** A raw HTTP/1.1 upgrade request; answers the status line and the headers. */
async function rawUpgrade(url: string, path: string, protocolHeader: string) {
  const { hostname, port } = new URL(url);
  const conn = await Deno.connect({ hostname, port: Number(port) });
  try {
    const req = [
      `GET ${path} HTTP/1.1`,
      `Host: ${hostname}:${port}`,
      "Upgrade: websocket",
      "Connection: Upgrade",
      "Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==",
      "Sec-WebSocket-Version: 13",
      `Sec-WebSocket-Protocol: ${protocolHeader}`,
      "",
      "",
    ].join("\r\n");
    await conn.write(new TextEncoder().encode(req));
    let text = "";
    const buf = new Uint8Array(4096);
    while (!text.includes("\r\n\r\n")) {
      const n = await conn.read(buf);
      if (n === null) break;
      text += new TextDecoder().decode(buf.subarray(0, n));
    }
    const [head] = text.split("\r\n\r\n");
    const [statusLine, ...lines] = head.split("\r\n");
    const headers = new Map(lines.map((l) => {
      const i = l.indexOf(":");
      return [l.slice(0, i).trim().toLowerCase(), l.slice(i + 1).trim()] as const;
    }));
    return { status: Number(statusLine.split(" ")[1]), headers };
  } finally {
    conn.close();
  }
}

Deno.test({
  name: "[live] Sec-WebSocket-Protocol with and without a space after the comma",
  ...opts,
  fn: async (t) => {
    const cl = await liveCluster(1);
    const [a] = cl.instances;
    try {
      const token = await cl.ctx.login("operador");
      for (const sep of [",", ", "]) {
        await t.step(`GET /api/live/ws with "${sep}" upgrades (101 ca-live.v1)`, async () => {
          const res = await rawUpgrade(
            a.url,
            "/api/live/ws",
            `${LIVE_SUBPROTOCOL}${sep}${BEARER_PREFIX}${token}`,
          );
          assert.equal(res.status, 101);
          assert.equal(res.headers.get("sec-websocket-protocol"), LIVE_SUBPROTOCOL);
        });
        await t.step(`GET /api/live/yjs/:room with "${sep}" upgrades (101 ca-yjs.v1)`, async () => {
          const res = await rawUpgrade(
            a.url,
            "/api/live/yjs/unidade:3:2026-11-23",
            `${YJS_SUBPROTOCOL}${sep}${BEARER_PREFIX}${token}`,
          );
          assert.equal(res.status, 101);
          assert.equal(res.headers.get("sec-websocket-protocol"), YJS_SUBPROTOCOL);
        });
      }
      await t.step("the token is never echoed as the chosen protocol", async () => {
        const res = await rawUpgrade(a.url, "/api/live/ws", `${BEARER_PREFIX}${token}`);
        assert.equal(res.status, 101);
        assert.equal(res.headers.get("sec-websocket-protocol"), undefined);
      });
    } finally {
      await cl.close();
    }
  },
});

/** Makes the cluster's database refuse connections and kills its backends, until `restore`. */
async function refuse(cl: Cluster, admin: Db) {
  const [{ name }] = await cl.ctx.db.sql<{ name: string }>`select current_database() as name`;
  await admin.script(`alter database "${name}" with allow_connections false`);
  await admin.sql`
    select pg_terminate_backend(pid) from pg_stat_activity
    where datname = ${name} and pid <> pg_backend_pid()`;
  return async () => {
    await admin.script(`alter database "${name}" with allow_connections true`);
  };
}

Deno.test({
  name: "[live] a database error while authenticating a socket is not an authentication failure",
  ...opts,
  fn: async (t) => {
    const cl = await liveCluster(1, { heartbeatMs: 200, authTimeoutMs: 5000 });
    const [a] = cl.instances;
    const admin = openPostgres(TEST_PG_URL, { max: 1 });
    let restore: (() => Promise<void>) | undefined;
    const live: LiveClient[] = [];
    try {
      const token = await cl.ctx.login("operador");
      restore = await refuse(cl, admin);

      await t.step("GET /api/live/ws closes with 4503 (retryable), not 4401", async () => {
        const ws = await TestSocket.open(a.wsUrl, token);
        const closed = await ws.closed;
        assert.equal(closed.code, 4503);
        const err = ws.frames.find((f) => f.type === "error");
        assert.equal(err?.code, "banco_indisponivel");
      });

      await t.step(
        "GET /api/live/yjs/:room closes with 4503, which y-websocket retries",
        async () => {
          const ws = new WebSocket(`${a.url.replace("http", "ws")}/api/live/yjs/backlog`, [
            YJS_SUBPROTOCOL,
            BEARER_PREFIX + token,
          ]);
          const closed = await new Promise<CloseEvent>((r) => ws.onclose = r);
          assert.equal(closed.code, 4503);
        },
      );

      await t.step(
        "LiveClient keeps retrying through 4503 and resumes once it is back",
        async () => {
          let authErrors = 0;
          const client = new LiveClient({
            baseUrl: a.url,
            token,
            topics: ["config"],
            backoff: { baseMs: 50, maxMs: 200 },
            onAuthError: () => authErrors++,
          });
          live.push(client);
          client.start();
          await until(() => client.reconnects >= 2, 10_000, "a few refused attempts");
          assert.equal(client.status, "connecting");
          await restore!();
          restore = undefined;
          await until(() => client.status === "open", 15_000, "connected after the outage");
          await client.ready();
          assert.equal(authErrors, 0);
        },
      );

      await t.step("a revoked session still closes with 4401 and the client stops", async () => {
        const other = await cl.ctx.login("visualizador");
        let authErrors = 0;
        const client = new LiveClient({
          baseUrl: a.url,
          token: other,
          backoff: { baseMs: 50, maxMs: 200 },
          onAuthError: () => authErrors++,
        });
        live.push(client);
        await cl.ctx.db.sql`update ca_sessao set revoked_at = now() where revoked_at is null
          and usuarioid = ${await cl.ctx.userId("visualizador")}`;
        client.start();
        await until(() => authErrors === 1, 10_000, "onAuthError");
        assert.equal(client.status, "closed");
      });
    } finally {
      for (const c of live) c.close();
      await restore?.();
      await admin.close();
      await cl.close();
    }
  },
});

Deno.test({
  name: "[live] Yjs close codes: transient conditions are retried, an oversized update is final",
  ...opts,
  fn: async (t) => {
    const cl = await liveCluster(1, { heartbeatMs: 200 });
    const [a] = cl.instances;
    try {
      const token = await cl.ctx.login("operador");
      await t.step(
        "an update over the size limit: permission denied, then final 4413",
        async () => {
          const doc = new Y.Doc();
          const p = new WebsocketProvider(
            `${a.url.replace("http", "ws")}/api/live/yjs`,
            "unidade:9:2026-11-23",
            doc,
            {
              WebSocketPolyfill: WebSocket,
              protocols: [YJS_SUBPROTOCOL, BEARER_PREFIX + token],
              disableBc: true,
              maxBackoffTime: 100,
            },
          );
          const closes: number[] = [];
          let final: { code: number; reason: string } | undefined;
          p.on("connection-close", (e: CloseEvent | null) => e && closes.push(e.code));
          p.on("closed", (e: { code: number; reason: string }) => final = e);
          try {
            await until(() => p.synced, 5000, "synced");
            doc.getMap("view").set("nota", "x".repeat(MAX_YJS_FRAME + 10));
            await until(() => final !== undefined, 5000, "final close");
            assert.equal(final!.code, 4413);
            // No reconnect loop: the provider stays down.
            await new Promise((r) => setTimeout(r, 500));
            assert.deepEqual(closes, [4413]);
            assert.equal(p.wsconnected, false);
            assert.equal(p.shouldConnect, false);
          } finally {
            p.destroy();
          }
        },
      );
      await t.step("idle, slow, abuse and database codes are ones y-websocket retries", () => {
        for (const code of [CLOSE.timeout, CLOSE.tooSlow, CLOSE.abuse, CLOSE.unavailable]) {
          assert.equal(isFinalClose(code), false, String(code));
          assert.ok(code < 4400 || code >= 4500, String(code));
        }
        assert.equal(isFinalClose(CLOSE.unauthorized), true);
      });
    } finally {
      await cl.close();
    }
  },
});
