import { strict as assert } from "node:assert";
import { SignJWT } from "jose";
import { liveCluster, TestSocket, until } from "../../testing/live.ts";

const opts = { sanitizeOps: false, sanitizeResources: false };
const fast = { heartbeatMs: 200, sessionCheckMs: 200, authTimeoutMs: 400, maxBehind: 5 };

Deno.test({
  name: "[live] GET /api/live/ws subscription isolation",
  ...opts,
  fn: async (t) => {
    const cl = await liveCluster(1, fast);
    const [a] = cl.instances;
    try {
      const p1 = await cl.ctx.paciente();
      const p2 = await cl.ctx.paciente();
      // Registration events are behind us before anyone subscribes "from now".
      await a.live.feed.settle();
      const staff = await TestSocket.ready(a.wsUrl, await cl.ctx.login("visualizador"));
      await staff.subscribe(["admin", `paciente:${p1.pacienteid}`]);
      // Authenticated through the first message this time.
      const pac = await TestSocket.open(a.wsUrl);
      pac.send({ type: "auth", n: 1, token: p1.token });
      const ready = await pac.next();
      assert.equal(ready.type, "ready");
      assert.equal(ready.re, 1);
      assert.equal(ready.actor.kind, "paciente");

      await t.step("a paciente may subscribe to its own topic only", async () => {
        for (const topic of [`paciente:${p2.pacienteid}`, "unidade:3", "backlog", "admin"]) {
          pac.send({ type: "subscribe", n: 7, topics: [`paciente:${p1.pacienteid}`, topic] });
          const err = await pac.next();
          assert.equal(err.type, "error");
          assert.equal(err.code, "topico_proibido");
          assert.equal(err.re, 7);
        }
        assert.deepEqual(await pac.subscribe([`paciente:${p1.pacienteid}`]), []);
      });

      await t.step("it never receives another paciente's or staff-only events", async () => {
        const other = await cl.emit([`paciente:${p2.pacienteid}`, "unidade:3"]);
        const staffOnly = await cl.emit([`paciente:${p1.pacienteid}`, "admin"]);
        const own = await cl.emit([`paciente:${p1.pacienteid}`, "unidade:3"], {
          after: { observacao_interna: "x" },
        });
        const ev = await pac.next();
        assert.equal(ev.id, own, JSON.stringify(ev));
        assert.equal(ev.after, undefined, "snapshots stay with the staff");
        assert.ok(![other, staffOnly].includes(ev.id));
        // Staff got both of its matches, with the snapshot.
        assert.equal((await staff.next()).id, staffOnly);
        const s2 = await staff.next();
        assert.equal(s2.id, own);
        assert.deepEqual(s2.after, { observacao_interna: "x" });
        // Catch-up obeys the same rules.
        const caught = await pac.subscribe([`paciente:${p1.pacienteid}`], other - 1);
        assert.deepEqual(caught.map((e) => e.id), [own]);
      });

      await t.step("a paciente token cannot open a Yjs room", async () => {
        const ws = new WebSocket(`${a.url.replace("http", "ws")}/api/live/yjs/backlog`, [
          "ca-yjs.v1",
          `bearer.${p1.token}`,
        ]);
        const closed = await new Promise<CloseEvent>((r) => ws.onclose = r);
        assert.equal(closed.code, 4401);
      });
      pac.close();
      staff.close();
    } finally {
      await cl.close();
    }
  },
});

Deno.test({
  name: "[live] GET /api/live/ws bad frames, tokens and slow clients",
  ...opts,
  fn: async (t) => {
    const cl = await liveCluster(1, { ...fast, bufferLimit: 256 * 1024 });
    const [a] = cl.instances;
    try {
      const token = await cl.ctx.login("operador");
      // A healthy client that must keep being served through everything below.
      const healthy = await TestSocket.ready(a.wsUrl, token);
      await healthy.subscribe(["config"]);

      await t.step("answers 426 to a plain HTTP request", async () => {
        const res = await fetch(`${a.url}/api/live/ws`);
        assert.equal(res.status, 426);
        assert.match(res.headers.get("content-type")!, /application\/json/);
        assert.equal((await res.json()).error.code, "upgrade_necessario");
      });

      await t.step("answers error frames and keeps the connection for bad frames", async () => {
        const ws = await TestSocket.open(a.wsUrl);
        ws.send({ type: "subscribe", n: 1, topics: ["config"] });
        assert.equal((await ws.next()).code, "nao_autenticado");
        ws.send({ type: "auth", n: 2, token });
        assert.equal((await ws.next()).type, "ready");
        ws.send("{not json");
        assert.equal((await ws.next()).code, "json_invalido");
        ws.send({ type: "explode", n: 3 });
        const unknown = await ws.next();
        assert.equal(unknown.code, "tipo_desconhecido");
        assert.equal(unknown.re, 3);
        ws.send({ type: "subscribe", n: 4, topics: "config" });
        assert.equal((await ws.next()).code, "mensagem_invalida");
        ws.ws.send(new Uint8Array([1, 2, 3]));
        assert.equal((await ws.next()).code, "frame_invalido");
        for (
          const bad of ["foo:1", "unidade:abc", "data:2026-02-30", "data:2026-12-01..2026-01-01"]
        ) {
          ws.send({ type: "subscribe", n: 5, topics: [bad] });
          assert.equal((await ws.next()).code, "topico_invalido", bad);
        }
        ws.send({ type: "auth", n: 6, token });
        assert.equal((await ws.next()).code, "ja_autenticado");
        ws.send({ type: "ping", n: 8 });
        assert.deepEqual(await ws.next(), { type: "pong", re: 8 });
        ws.close();
      });

      await t.step("refuses a flood of frames, then closes the connection", async () => {
        const known = new Set(a.live.conns);
        const ws = await TestSocket.ready(a.wsUrl, token);
        const conn = [...a.live.conns].find((c) => !known.has(c))!;
        for (let i = 0; i < 80; i++) ws.send({ type: "ping", n: i });
        await ws.closed;
        // The client may see an abrupt end (its own frames still in flight), the server not.
        assert.equal(conn.closeCode, 4500);
        assert.ok(!a.live.conns.has(conn));
        assert.ok(ws.frames.filter((f) => f.type === "pong").length <= 50);
        const errors = ws.frames.filter((f) => f.type === "error");
        assert.ok(errors.every((f) => f.code === "muitas_mensagens"));
      });

      await t.step("closes with 1009 after an oversized frame", async () => {
        const ws = await TestSocket.ready(a.wsUrl, token);
        ws.send(JSON.stringify({ type: "ping", pad: "x".repeat(20_000) }));
        assert.equal((await ws.next()).code, "mensagem_grande");
        assert.equal((await ws.closed).code, 1009);
      });

      await t.step("closes with 4401 for bad, expired and revoked tokens", async () => {
        const bad = await TestSocket.open(a.wsUrl, "not-a-jwt");
        assert.equal((await bad.next()).code, "token_invalido");
        assert.equal((await bad.closed).code, 4401);

        const expired = await new SignJWT({}).setProtectedHeader({ alg: "HS256" })
          .setIssuer("command-agenda").setAudience("admin").setSubject("1")
          .setJti(crypto.randomUUID()).setIssuedAt(1_700_000_000)
          .setExpirationTime(1_700_000_100).sign(cl.ctx.deps.jwtKey);
        const old = await TestSocket.open(a.wsUrl);
        old.send({ type: "auth", token: expired });
        assert.equal((await old.next()).code, "token_invalido");
        assert.equal((await old.closed).code, 4401);

        const silent = await TestSocket.open(a.wsUrl);
        assert.equal((await silent.closed).code, 4401, "no auth within the time limit");

        const login = await cl.ctx.req("POST", "/api/auth/login", {
          body: { email: "operador@teste.local", senha: "Senha@Teste123" },
        });
        const revoked = await TestSocket.ready(a.wsUrl, login.body.token);
        await revoked.subscribe(["config"]);
        const out = await cl.ctx.req("POST", "/api/auth/logout", { token: login.body.token });
        assert.equal(out.status, 200);
        assert.equal((await revoked.next()).code, "sessao_revogada");
        assert.equal((await revoked.closed).code, 4401);
      });

      await t.step("closes with 4508 a client that stops answering pings", async () => {
        const ws = await TestSocket.ready(a.wsUrl, token);
        ws.autoPong = false;
        assert.equal((await ws.closed).code, 4508);
        assert.ok(ws.pings >= 2, `closed after ${ws.pings} unanswered ping(s), not before two`);
      });

      await t.step("answers reload when since is beyond the retained window", async () => {
        const first = await cl.emit(["unidade:1"]);
        for (let i = 0; i < 6; i++) await cl.emit(["unidade:1"]);
        await a.live.feed.settle();
        const ws = await TestSocket.ready(a.wsUrl, token);
        ws.send({ type: "subscribe", n: 1, topics: ["unidade:1"], since: first - 1 });
        assert.deepEqual(await ws.next(), { type: "reload", reason: "historico_indisponivel" });
        assert.equal((await ws.next()).type, "subscribed");
        const live = await cl.emit(["unidade:1"]);
        assert.equal((await ws.next()).id, live);
        ws.close();
      });

      await t.step("the healthy client was served throughout", async () => {
        const id = await cl.emit(["config"]);
        assert.equal((await healthy.next()).id, id);
        assert.ok(a.live.conns.size >= 1);
      });
      healthy.close();
    } finally {
      await cl.close();
    }
  },
});

Deno.test({
  name: "[live] GET /api/live/ws drops a client that stops reading, without slowing the others",
  ...opts,
  fn: async () => {
    // Batches of 100 frames of ~7 KB stay under the limit for a reader that keeps up.
    const cl = await liveCluster(1, { bufferLimit: 1024 * 1024, batch: 100 });
    const [a] = cl.instances;
    try {
      const token = await cl.ctx.login("operador");
      const healthy = await TestSocket.ready(a.wsUrl, token);
      await healthy.subscribe(["config"]);
      const known = new Set(a.live.conns);
      const slow = await rawSocketThatNeverReads(a.url, token);
      await until(() => a.live.conns.size === known.size + 1, 2000, "slow socket open");
      const slowConn = [...a.live.conns].find((c) => !known.has(c))!;
      await until(() => slowConn.keys.has("config"), 2000, "slow socket subscribed");

      const pad = "y".repeat(7000);
      const ids = await cl.ctx.db.begin(async (sql) => {
        const out: number[] = [];
        for (let i = 0; i < 1500; i++) {
          const [r] = await sql<{ id: number }>`
            insert into ca_evento (actor_tipo, kind, entity, entity_id, topics, after)
            values ('sistema', 'teste.rajada', 'teste', ${i}, '{config}', ${{ pad }})
            returning id`;
          out.push(r.id);
        }
        return out;
      });
      const got: number[] = [];
      while (got.length < ids.length) got.push((await healthy.next()).id);
      assert.deepEqual(got, ids);
      await until(() => slowConn.closed, 5000, "slow client dropped");
      assert.equal(slowConn.closeCode, 4529);
      assert.ok(!a.live.conns.has(slowConn));
      assert.ok(slowConn.lastSent < ids.at(-1)!, "the slow client was cut before the end");
      slow.close();
      healthy.close();
    } finally {
      await cl.close();
    }
  },
});

/** A WebSocket handshake over raw TCP, subscribing to `config`, that then never reads. */
async function rawSocketThatNeverReads(base: string, token: string): Promise<Deno.Conn> {
  const url = new URL(base);
  const conn = await Deno.connect({ hostname: url.hostname, port: Number(url.port) });
  const key = btoa(String.fromCharCode(...crypto.getRandomValues(new Uint8Array(16))));
  const req = [
    "GET /api/live/ws HTTP/1.1",
    `Host: ${url.host}`,
    "Upgrade: websocket",
    "Connection: Upgrade",
    `Sec-WebSocket-Key: ${key}`,
    "Sec-WebSocket-Version: 13",
    `Sec-WebSocket-Protocol: ca-live.v1, bearer.${token}`,
    "",
    "",
  ].join("\r\n");
  await conn.write(new TextEncoder().encode(req));
  const buf = new Uint8Array(4096);
  await conn.read(buf); // 101 Switching Protocols (and maybe `ready`)
  const payload = new TextEncoder().encode(
    JSON.stringify({ type: "subscribe", topics: ["config"] }),
  );
  const mask = crypto.getRandomValues(new Uint8Array(4));
  const frame = new Uint8Array(2 + 4 + payload.length);
  frame[0] = 0x81;
  frame[1] = 0x80 | payload.length; // < 126 bytes
  frame.set(mask, 2);
  payload.forEach((b, i) => frame[6 + i] = b ^ mask[i % 4]);
  await conn.write(frame);
  return conn;
}
