import { strict as assert } from "node:assert";
import { captureLogs } from "../ops/log.ts";
import { dbTest, nextCpf, TEST_PASSWORD } from "../testing/harness.ts";

dbTest("[ops] one JSON log line per request, without secrets or personal data", async (t, ctx) => {
  const lines: string[] = [];
  const restore = captureLogs((l) => lines.push(l));
  try {
    const cpf = nextCpf();
    const p = await ctx.paciente(cpf);
    const token = await ctx.login("operador");
    const operador = await ctx.userId("operador");
    lines.length = 0;

    await t.step("logs method, route pattern, status, ms, request id and actor", async () => {
      const res = await ctx.req("GET", `/api/pacientes/999999?cpf=${cpf}`, { token });
      assert.equal(res.status, 404);
      const id = res.headers.get("x-request-id")!;
      assert.match(id, /^[0-9a-f-]{36}$/);
      assert.equal(lines.length, 1);
      const line = JSON.parse(lines[0]);
      assert.equal(line.msg, "request");
      assert.equal(line.method, "GET");
      assert.equal(line.route, "/api/pacientes/:id");
      assert.equal(line.status, 404);
      assert.equal(typeof line.ms, "number");
      assert.equal(line.request_id, id);
      assert.equal(line.actor, `admin:${operador}`);
    });

    await t.step("keeps a sane incoming X-Request-Id and replaces an insane one", async () => {
      const kept = await ctx.req("GET", "/api/health", {
        headers: { "x-request-id": "lb-42.abc" },
      });
      assert.equal(kept.headers.get("x-request-id"), "lb-42.abc");
      const bad = await ctx.req("GET", "/api/health", {
        headers: { "x-request-id": "x".repeat(300) },
      });
      assert.notEqual(bad.headers.get("x-request-id"), "x".repeat(300));
      assert.match(bad.headers.get("x-request-id")!, /^[0-9a-f-]{36}$/);
    });

    await t.step("never logs passwords, tokens, CPFs or bodies", async () => {
      lines.length = 0;
      const login = await ctx.req("POST", "/api/auth/paciente/login", {
        body: { cpf, senha: "segredo1" },
      });
      assert.equal(login.status, 200);
      await ctx.req("POST", "/api/auth/login", {
        body: { email: "operador@teste.local", senha: TEST_PASSWORD },
      });
      await ctx.req("GET", `/api/pacientes?cpf=${cpf}&nome=Paciente`, { token });
      await ctx.req("GET", "/api/auth/paciente/me", { token: p.token });
      const all = lines.join("\n");
      assert.equal(lines.length, 4);
      for (const secret of [cpf, "segredo1", TEST_PASSWORD, token, p.token, login.body.token]) {
        assert.ok(!all.includes(secret), `log must not contain ${secret.slice(0, 12)}…`);
      }
      assert.ok(!all.includes("operador@teste.local"));
      assert.equal(JSON.parse(lines[3]).actor, `paciente:${p.pacienteid}`);
      assert.equal(JSON.parse(lines[2]).route, "/api/pacientes");
    });
  } finally {
    restore();
  }
}, { LOG_REQUESTS: "true" });

dbTest("[ops] GET /api/metrics", async (t, ctx) => {
  await t.step("answers 401 without the token and with a wrong one", async () => {
    const none = await ctx.req("GET", "/api/metrics");
    assert.equal(none.status, 401);
    assert.match(none.contentType!, /application\/json/);
    assert.equal(none.body.error.code, "nao_autenticado");
    const wrong = await ctx.req("GET", "/api/metrics", {
      headers: { authorization: "Bearer errado" },
    });
    assert.equal(wrong.status, 401);
    assert.equal(wrong.body.error.code, "token_invalido");
    const session = await ctx.login("administrador_master");
    assert.equal((await ctx.req("GET", "/api/metrics", { token: session })).status, 401);
  });

  await t.step("answers the Prometheus text with requests, latency, outbox and pool", async () => {
    await ctx.req("GET", "/api/medicos/999999", { token: await ctx.login("operador") });
    await ctx.db.sql`
      insert into ca_notificacao (canal, destino, template, corpo, idempotency_key, status)
      values ('email', 'x@y.z', 't', 'c', 'k1', 'pendente'), ('email', 'x@y.z', 't', 'c', 'k2', 'falhou')`;
    const res = await ctx.req("GET", "/api/metrics", {
      headers: { authorization: "Bearer metrics-secret-1" },
    });
    assert.equal(res.status, 200);
    assert.match(res.contentType!, /^text\/plain; version=0\.0\.4/);
    const text = res.body as string;
    assert.match(
      text,
      /^ca_http_requests_total\{method="GET",route="\/api\/medicos\/:id",status="404"\} \d+$/m,
    );
    assert.match(
      text,
      /^ca_http_request_duration_seconds_bucket\{method="GET",route="\/api\/medicos\/:id",le="\+Inf"\} \d+$/m,
    );
    assert.match(text, /^# TYPE ca_http_request_duration_seconds histogram$/m);
    assert.match(text, /^ca_outbox_backlog 1$/m);
    assert.match(text, /^ca_outbox_failed 1$/m);
    assert.match(text, /^ca_db_up 1$/m);
    assert.match(text, /^ca_db_pool_max \d+$/m);
    assert.match(text, /^ca_events_delivered_total \d+$/m);
    if (ctx.driver === "postgres") {
      assert.match(text, /^ca_db_pool_connections\{state="active"\} [1-9]\d*$/m);
    }
    assert.ok(!/route="[^"]*999999/.test(text), "raw paths never become labels");
  });
}, { METRICS_TOKEN: "metrics-secret-1" });

dbTest("[ops] GET /api/metrics is absent without METRICS_TOKEN", async (t, ctx) => {
  await t.step("answers 404", async () => {
    const res = await ctx.req("GET", "/api/metrics");
    assert.equal(res.status, 404);
  });
});

Deno.test("[ops] an unexpected error is logged as one JSON line without row values", async () => {
  const { Hono } = await import("hono");
  const { onError } = await import("./errors.ts");
  const app = new Hono();
  app.onError(onError);
  app.get("/boom", () => {
    const err = Object.assign(new Error('invalid input syntax for type bigint: "52998224725"'), {
      name: "PostgresError",
      code: "22P03",
      detail: "Key (cpf)=(52998224725)",
      parameters: ["52998224725", "$2b$10$hash"],
    });
    throw err;
  });
  const lines: string[] = [];
  const restore = captureLogs((l) => lines.push(l));
  try {
    const res = await app.request("/boom");
    assert.equal(res.status, 500);
    assert.equal((await res.json()).error.code, "erro_interno");
  } finally {
    restore();
  }
  assert.equal(lines.length, 1);
  const line = JSON.parse(lines[0]);
  assert.equal(line.level, "error");
  assert.equal(line.msg, "unhandled");
  assert.equal(line.code, "22P03");
  assert.ok(Array.isArray(line.stack));
  assert.ok(!lines[0].includes("52998224725"), "no row value in the log");
  assert.ok(!lines[0].includes("$2b$"), "no parameter in the log");
});
