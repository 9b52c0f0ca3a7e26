import { strict as assert } from "node:assert";
import { LOGIN_POLICY, progressiveDelay } from "../../auth/login_guard.ts";
import { dbTest, TEST_PASSWORD, type TestCtx } from "../../testing/harness.ts";

const SENHA_PACIENTE = "segredo1";

function adminLogin(ctx: TestCtx, email: string, senha: string, ip: string) {
  return ctx.req("POST", "/api/auth/login", {
    body: { email, senha },
    headers: { "x-forwarded-for": ip },
  });
}

function pacienteLogin(ctx: TestCtx, cpf: string, senha: string, ip: string) {
  return ctx.req("POST", "/api/auth/paciente/login", {
    body: { cpf, senha },
    headers: { "x-forwarded-for": ip },
  });
}

/** Puts a counter at `n` in its current window (the state an attack leaves behind). */
async function seedCounter(ctx: TestCtx, key: string, windowSeconds: number, n: number) {
  const w = windowSeconds;
  await ctx.db.sql`
    insert into ca_rate_limit (chave, janela, contagem)
    values (${key}, ${
    ctx.db.sql.raw(`to_timestamp(floor(extract(epoch from now()) / ${w}) * ${w})`)
  }, ${n})
    on conflict (chave, janela) do update set contagem = excluded.contagem`;
}

dbTest("[auth] login limits: a clinic behind one NAT", async (t, ctx) => {
  await ctx.userId("operador");
  await t.step("200 correct logins from one IP all succeed", async () => {
    const statuses = new Map<number, number>();
    for (let i = 0; i < 200; i++) {
      const res = await adminLogin(ctx, "operador@teste.local", TEST_PASSWORD, "200.10.0.1");
      statuses.set(res.status, (statuses.get(res.status) ?? 0) + 1);
    }
    assert.deepEqual([...statuses], [[200, 200]]);
  });

  await t.step("a colleague's typos at the same NAT do not lock anyone else", async () => {
    await ctx.userId("gerenciador");
    for (let i = 0; i < 5; i++) {
      const r = await adminLogin(ctx, "gerenciador@teste.local", "errada", "200.10.0.1");
      assert.equal(r.status, 401);
    }
    const res = await adminLogin(ctx, "operador@teste.local", TEST_PASSWORD, "200.10.0.1");
    assert.equal(res.status, 200);
  });
}, { TRUST_PROXY: "true" });

dbTest("[auth] login limits: a stranger who knows a staff e-mail", async (t, ctx) => {
  await ctx.userId("administrador");
  const email = "administrador@teste.local";

  await t.step(
    "5 wrong passwords lock the stranger's (account, IP) pair, even with the right one",
    async () => {
      for (let i = 0; i < 5; i++) {
        assert.equal((await adminLogin(ctx, email, "chute", "66.6.6.6")).status, 401);
      }
      const res = await adminLogin(ctx, email, TEST_PASSWORD, "66.6.6.6");
      assert.equal(res.status, 429);
      assert.match(res.contentType!, /application\/json/);
      assert.equal(res.body.error.code, "muitas_tentativas");
      assert.ok(Number(res.headers.get("retry-after")) > 0);
    },
  );

  await t.step("the owner still logs in from the clinic's IP", async () => {
    const res = await adminLogin(ctx, email, TEST_PASSWORD, "200.20.0.1");
    assert.equal(res.status, 200);
    assert.equal(typeof res.body.token, "string");
  });

  await t.step(
    "past the account's hard ceiling only an IP with a past success gets in",
    async () => {
      await seedCounter(
        ctx,
        `login-fail:email:${email}`,
        LOGIN_POLICY.accountFailures.windowSeconds,
        LOGIN_POLICY.hardCeiling,
      );
      const stranger = await adminLogin(ctx, email, TEST_PASSWORD, "77.7.7.7");
      assert.equal(stranger.status, 429);
      assert.equal(stranger.body.error.code, "muitas_tentativas");
      const owner = await adminLogin(ctx, email, TEST_PASSWORD, "200.20.0.1");
      assert.equal(owner.status, 200);
    },
  );
}, { TRUST_PROXY: "true" });

dbTest("[auth] login limits: one IP guessing many accounts", async (t, ctx) => {
  await ctx.userId("operador");
  await t.step("answers 429 once the IP's failures reach the ceiling", async () => {
    const ip = "88.8.8.8";
    await seedCounter(
      ctx,
      `login-fail-ip:${ip}`,
      LOGIN_POLICY.ipFailures.windowSeconds,
      LOGIN_POLICY.ipFailures.max - 1,
    );
    assert.equal((await adminLogin(ctx, "ninguem@teste.local", "x", ip)).status, 401);
    const res = await adminLogin(ctx, "operador@teste.local", TEST_PASSWORD, ip);
    assert.equal(res.status, 429);
    assert.equal(res.body.error.code, "muitas_tentativas");
    assert.equal(
      (await adminLogin(ctx, "operador@teste.local", TEST_PASSWORD, "88.8.8.9")).status,
      200,
      "other addresses are not affected",
    );
  });
}, { TRUST_PROXY: "true" });

dbTest("[auth] login limits: a stranger who knows a patient's CPF", async (t, ctx) => {
  const p = await ctx.paciente();
  await t.step(
    "locks only the stranger's (CPF, IP) pair; the patient logs in from home",
    async () => {
      for (let i = 0; i < 5; i++) {
        assert.equal((await pacienteLogin(ctx, p.cpf, "chute123", "66.6.6.6")).status, 401);
      }
      const stranger = await pacienteLogin(ctx, p.cpf, SENHA_PACIENTE, "66.6.6.6");
      assert.equal(stranger.status, 429);
      assert.equal(stranger.body.error.code, "muitas_tentativas");
      const owner = await pacienteLogin(ctx, p.cpf, SENHA_PACIENTE, "189.1.2.3");
      assert.equal(owner.status, 200);
      assert.equal(owner.body.paciente.pacienteid, p.pacienteid);
    },
  );
}, { TRUST_PROXY: "true" });

Deno.test("[auth] login limits: progressive delay per account", () => {
  assert.equal(progressiveDelay(0), 0);
  assert.equal(progressiveDelay(LOGIN_POLICY.slowAfter - 1), 0);
  assert.equal(progressiveDelay(LOGIN_POLICY.slowAfter), LOGIN_POLICY.stepMs);
  assert.ok(
    progressiveDelay(LOGIN_POLICY.slowAfter + 5) > progressiveDelay(LOGIN_POLICY.slowAfter),
  );
  assert.equal(progressiveDelay(10_000), LOGIN_POLICY.maxDelayMs);
});
