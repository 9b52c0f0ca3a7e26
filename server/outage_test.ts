/**
 * Fault injection against the real server process (`server/main.ts`) on a fresh Postgres
 * database: every backend of that database terminated under steady reads and writes, then new
 * connections refused for a while. The process must live through it, answer 503
 * `banco_indisponivel` (never 500) while the database is away, 200 once it is back (no request
 * failing on a stale pooled connection), and its live sockets must resume.
 */
import { strict as assert } from "node:assert";
import { LiveClient } from "../client-shared/live_client.ts";
import { startServerProcess, waitFor } from "./testing/server_process.ts";

const opts = { sanitizeOps: false, sanitizeResources: false };
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

interface Outcome {
  phase: string;
  method: string;
  path: string;
  status: number;
  code?: string;
  retryAfter: string | null;
}

Deno.test({
  name: "[resilience] the server process survives its database going away",
  ...opts,
  fn: async (t) => {
    const s = await startServerProcess();
    const log: Outcome[] = [];
    let phase = "steady";
    let running = true;
    let live: LiveClient | undefined;
    const workers: Promise<void>[] = [];
    let seq = 0;
    try {
      const token = await s.login("gerenciador");
      const call = async (method: string, path: string, body?: unknown) => {
        const p = phase;
        let status = 0;
        let code: string | undefined;
        let retryAfter: string | null = null;
        try {
          const res = await fetch(`${s.url}${path}`, {
            method,
            headers: {
              authorization: `Bearer ${token}`,
              ...(body ? { "content-type": "application/json" } : {}),
            },
            body: body ? JSON.stringify(body) : undefined,
            signal: AbortSignal.timeout(15_000),
          });
          status = res.status;
          retryAfter = res.headers.get("retry-after");
          const text = await res.text();
          try {
            code = JSON.parse(text)?.error?.code;
          } catch { /* not JSON */ }
        } catch (err) {
          // -2: no answer within 15 s (hung); -1: connection refused (the process is gone).
          status = (err as Error).name === "TimeoutError" ? -2 : -1;
        }
        log.push({ phase: p, method, path, status, code, retryAfter });
        return status;
      };
      const read = () => call("GET", "/api/especialidades");
      const write = () =>
        call("POST", "/api/especialidades", { nome: `Falha ${++seq}`, limitevagas: 4 });
      const health = () => call("GET", "/api/health");
      const loop = (fn: () => Promise<number>) =>
        workers.push((async () => {
          while (running) {
            await fn();
            await sleep(20);
          }
        })());
      loop(read);
      loop(read);
      loop(write);
      loop(health);

      const received: string[] = [];
      live = new LiveClient({
        baseUrl: s.url,
        token,
        topics: ["config"],
        backoff: { baseMs: 100, maxMs: 1000 },
        onEvent: (ev) => received.push(ev.entity_id),
      });
      live.start();
      await waitFor(() => live!.status === "open", 10_000, "live socket open");
      const ok = () => log.filter((o) => o.status >= 200 && o.status < 300).length;

      await t.step("killing every backend under load ends nothing and answers no 500", async () => {
        await waitFor(() => ok() >= 20, 20_000, "steady traffic");
        for (let i = 0; i < 3; i++) {
          phase = `kill ${i}`;
          assert.ok(await s.killBackends() > 0, "the server had backends to kill");
          const before = ok();
          await waitFor(() => ok() >= before + 10, 20_000, "requests succeeding after the kill");
        }
        const bad = log.filter((o) => o.status === 500 || o.status < 0);
        // On a failure, the server's own account of it (its "unhandled" log lines).
        const unhandled = s.output().split("\n").filter((l) => l.includes('"unhandled"'));
        assert.deepEqual(bad, [], unhandled.join("\n"));
      });

      await t.step("while the database refuses connections: 503 banco_indisponivel", async () => {
        phase = "refusing";
        await s.refuse(true);
        // Requests started from here on find no connection and none can be opened.
        phase = "outage";
        const during = () => log.filter((o) => o.phase === "outage");
        const unavailable = (path: string, method = "GET") =>
          during().some((o) => o.status === 503 && o.path === path && o.method === method);
        await waitFor(
          () =>
            unavailable("/api/health") && unavailable("/api/especialidades") &&
            unavailable("/api/especialidades", "POST"),
          20_000,
          "503 on health, reads and writes",
        ).catch((err) => {
          throw new Error(`${err.message}; seen: ${JSON.stringify(during())}`);
        });
        // Stay down a little longer: a few more rounds of every worker.
        const n = during().length;
        await waitFor(() => during().length >= n + 4, 30_000, "more requests during the outage");
        for (const o of during().filter((o) => o.status === 503)) {
          assert.equal(o.code, "banco_indisponivel");
          assert.ok(Number(o.retryAfter) > 0, "Retry-After");
        }
        assert.deepEqual(during().filter((o) => o.status !== 503), []);
      });

      await t.step(
        "after it is back: 200 again and no request fails on a stale connection",
        async () => {
          phase = "back";
          await s.refuse(false);
          await waitFor(
            () =>
              log.some((o) => o.phase === "back" && o.path === "/api/health" && o.status === 200),
            20_000,
            "health 200",
          );
          phase = "burst";
          const burst = await Promise.all(
            Array.from({ length: 24 }, (_, i) => (i % 3 === 0 ? write() : read())),
          );
          assert.deepEqual(burst.filter((st) => st < 200 || st >= 300), []);
        },
      );

      await t.step("the live socket resumes and receives new events", async () => {
        await waitFor(() => live!.status === "open", 20_000, "live socket back");
        await live!.ready();
        const res = await fetch(`${s.url}/api/especialidades`, {
          method: "POST",
          headers: { authorization: `Bearer ${token}`, "content-type": "application/json" },
          body: JSON.stringify({ nome: "Depois da falha", limitevagas: 2 }),
        });
        assert.equal(res.status, 201);
        const { especialidadeid } = await res.json();
        await waitFor(
          () => received.includes(String(especialidadeid)),
          20_000,
          "event after the outage",
        );
      });

      running = false;
      await Promise.all(workers);

      await t.step("no 500 in the whole run, and the process never exited", async () => {
        assert.deepEqual(log.filter((o) => o.status === 500 || o.status < 0), []);
        const alive = await Promise.race([s.exited.then(() => false), sleep(50).then(() => true)]);
        assert.ok(alive, `the process exited:\n${s.output()}`);
        assert.doesNotMatch(s.output(), /Uncaught|rejeição não tratada/);
      });
    } finally {
      running = false;
      live?.close();
      await Promise.all(workers);
      await s.stop();
    }
  },
});

Deno.test({
  name: "[resilience] SIGTERM while the database is unreachable ends the process within 10 s",
  ...opts,
  ignore: Deno.build.os === "windows",
  fn: async () => {
    const s = await startServerProcess();
    try {
      const token = await s.login("gerenciador");
      const ws = new WebSocket(`${s.url.replace("http", "ws")}/api/live/ws`, [
        "ca-live.v1",
        `bearer.${token}`,
      ]);
      await new Promise((r) => ws.addEventListener("message", r, { once: true }));
      await s.refuse(true);
      // Requests in flight against the dead database while the signal arrives.
      const inflight = Array.from(
        { length: 4 },
        () =>
          fetch(`${s.url}/api/especialidades`, { headers: { authorization: `Bearer ${token}` } })
            .then((r) => r.body?.cancel(), () => {}),
      );
      s.child.kill("SIGTERM");
      const timer = new Promise<"timeout">((r) => setTimeout(() => r("timeout"), 10_000));
      const result = await Promise.race([s.exited, timer]);
      assert.notEqual(result, "timeout", `still running 10 s after SIGTERM:\n${s.output()}`);
      await Promise.all(inflight);
      ws.close();
    } finally {
      await s.stop();
    }
  },
});
