/**
 * Deno Deploy runs without native addons, a writable disk or subprocesses. This starts the real
 * server under those rules (`--deny-ffi --deny-write --deny-run`) on Postgres and walks a login,
 * a booking and a live event over the WebSocket; bcrypt falls back to bcryptjs there.
 */
import { strict as assert } from "node:assert";
import { freshPostgres } from "../server/testing/harness.ts";
import { api, seedClinic } from "./seed.ts";
import { startServer } from "./server.ts";

/**
 * Deploy's rules: network, environment and reading the deployed files; nothing else. The
 * preload removes the native `Temporal` (Deploy's Deno 2.5 has none without a flag).
 */
export const DEPLOY_FLAGS = [
  "--preload=e2e/no_native_temporal.ts",
  "--allow-net",
  "--allow-env",
  "--allow-read",
  "--deny-ffi",
  "--deny-write",
  "--deny-run",
];

/** The next frame of `type` (ignoring pings), or a rejection after `ms`. */
function nextFrame(ws: WebSocket, type: string, ms = 30_000): Promise<Record<string, unknown>> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`no ${type} frame in ${ms} ms`)), ms);
    const onMessage = (e: MessageEvent) => {
      const msg = JSON.parse(String(e.data));
      if (msg.type !== type) return;
      clearTimeout(timer);
      ws.removeEventListener("message", onMessage);
      resolve(msg);
    };
    ws.addEventListener("message", onMessage);
    ws.addEventListener("close", (e) => reject(new Error(`socket closed ${e.code} ${e.reason}`)));
  });
}

Deno.test({
  name:
    "[deploy] the server runs with --deny-ffi --deny-write --deny-run and no native Temporal: login, booking, live event",
  sanitizeOps: false,
  sanitizeResources: false,
  fn: async (t) => {
    const db = await freshPostgres(2);
    const server = await startServer({
      databaseUrl: db.url,
      flags: DEPLOY_FLAGS,
      env: { LOG_REQUESTS: "true" },
    });
    let ws: WebSocket | undefined;
    try {
      let clinic!: Awaited<ReturnType<typeof seedClinic>>;
      await t.step("logs in and books (bcryptjs, no disk, no subprocess)", async () => {
        clinic = await seedClinic(server.url);
        assert.equal(clinic.agendamentos.length, 3);
        const [row] = await db.db.sql<{ n: number }>`
          select count(*)::int as n from ca_agendamento where agendamentoid = any(${clinic.agendamentos})`;
        assert.equal(row.n, 3);
      });

      await t.step("a booking reaches a subscribed WebSocket as a live event", async () => {
        ws = new WebSocket(`${server.url.replace("http", "ws")}/api/live/ws`);
        const socket = ws;
        await new Promise((resolve, reject) => {
          const timer = setTimeout(() => reject(new Error("WebSocket did not open")), 30_000);
          socket.onopen = () => resolve(clearTimeout(timer));
          socket.onerror = () => reject(new Error("WebSocket failed to open"));
        });
        const ready = nextFrame(ws, "ready");
        ws.send(JSON.stringify({ type: "auth", token: clinic.master }));
        await ready;
        const subscribed = nextFrame(ws, "subscribed");
        ws.send(JSON.stringify({
          type: "subscribe",
          n: 1,
          topics: [`unidade:${clinic.unidadeid}`],
        }));
        await subscribed;
        const day = await api(server.url, "GET", `/api/slots?data=${clinic.dia}`, {
          token: clinic.master,
        });
        // deno-lint-ignore no-explicit-any
        const free = day.grupos.flatMap((g: any) => g.slots).find((s: any) =>
          s.unidade.unidadeid === clinic.unidadeid && s.vagas_ocupadas === 0 &&
          s.tiposlot.tiposlotid === clinic.normal
        );
        assert.ok(free, "a free slot to book");
        const events: Record<string, unknown>[] = [];
        ws.addEventListener("message", (e) => {
          const msg = JSON.parse(String(e.data));
          if (msg.type === "event") events.push(msg);
        });
        const booked = await api(server.url, "POST", "/api/agendamentos", {
          token: clinic.master,
          body: { slotagendaid: free.slotagendaid, pacienteid: clinic.pacientes[0].pacienteid },
        });
        const deadline = Date.now() + 30_000;
        const mine = () =>
          events.find((e) =>
            e.entity === "agendamento" && Number(e.entity_id) === booked.agendamentoid
          );
        while (!mine() && Date.now() < deadline) await new Promise((r) => setTimeout(r, 50));
        assert.ok(mine(), `event of the booking; got ${JSON.stringify(events)}`);
      });

      await t.step("the log has one JSON line per request and no CPF", async () => {
        const log = await server.log();
        const lines = log.split("\n").filter((l) => l.startsWith("{"));
        const requests = lines.map((l) => JSON.parse(l)).filter((l) => l.msg === "request");
        assert.ok(requests.some((r) => r.route === "/api/agendamentos" && r.status === 201));
        for (const p of clinic.pacientes) assert.ok(!log.includes(p.cpf), "no CPF in the log");
        assert.ok(!/Requires (write|run|ffi) access/i.test(log), log.slice(-2000));
      });
    } finally {
      ws?.close();
      await server.stop();
      await db.drop();
    }
  },
});
