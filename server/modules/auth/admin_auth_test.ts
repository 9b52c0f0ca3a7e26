import { strict as assert } from "node:assert";
import { dbTest, TEST_PASSWORD } from "../../testing/harness.ts";

dbTest("[auth] POST /api/auth/login", async (t, ctx) => {
  await ctx.userId("operador");

  await t.step("answers a token and the user with permissions", async () => {
    const res = await ctx.req("POST", "/api/auth/login", {
      body: { email: "OPERADOR@teste.local", senha: TEST_PASSWORD },
    });
    assert.equal(res.status, 200);
    assert.match(res.contentType!, /application\/json/);
    assert.equal(typeof res.body.token, "string");
    assert.equal(res.body.usuario.role, "operador");
    assert.equal(res.body.usuario.senhahash, undefined);
    assert.equal(res.body.usuario.permissoes.agendar, true);
    assert.equal(res.body.usuario.permissoes.configurar, false);
    assert.equal(await ctx.events("auth.sessao_iniciada"), 1);
  });

  await t.step("refuses a wrong password with 401 and records no session", async () => {
    const [{ n: before }] = await ctx.db.sql`select count(*)::int as n from ca_sessao`;
    const res = await ctx.req("POST", "/api/auth/login", {
      body: { email: "operador@teste.local", senha: "errada" },
    });
    assert.equal(res.status, 401);
    assert.equal(res.body.error.code, "credenciais_invalidas");
    const [{ n: after }] = await ctx.db.sql`select count(*)::int as n from ca_sessao`;
    assert.equal(after, before);
  });

  await t.step("answers 400 with every issue for a malformed body", async () => {
    const res = await ctx.req("POST", "/api/auth/login", { body: { email: "não-é-email" } });
    assert.equal(res.status, 400);
    assert.equal(res.body.error.code, "entrada_invalida");
    const paths = res.body.error.details.map((d: { path: string }) => d.path).sort();
    assert.deepEqual(paths, ["email", "senha"]);
  });

  await t.step("answers 400 json_invalido for a body that is not JSON", async () => {
    const res = await ctx.req("POST", "/api/auth/login", {
      body: "{nope",
      headers: { "content-type": "application/json" },
    });
    assert.equal(res.status, 400);
    assert.equal(res.body.error.code, "json_invalido");
  });

  await t.step("locks the account for 15 minutes after 5 wrong passwords", async () => {
    await ctx.userId("gerenciador");
    for (let i = 0; i < 5; i++) {
      const r = await ctx.req("POST", "/api/auth/login", {
        body: { email: "gerenciador@teste.local", senha: "x" },
      });
      assert.equal(r.status, 401);
    }
    const res = await ctx.req("POST", "/api/auth/login", {
      body: { email: "gerenciador@teste.local", senha: TEST_PASSWORD },
    });
    assert.equal(res.status, 429);
    assert.equal(res.body.error.code, "muitas_tentativas");
    assert.ok(Number(res.headers.get("retry-after")) > 0);
  });
});

dbTest("[auth] sessions: me, logout and deactivation revoke at once", async (t, ctx) => {
  const token = await ctx.login("administrador");

  await t.step("GET /api/auth/me answers the logged user", async () => {
    const res = await ctx.req("GET", "/api/auth/me", { token });
    assert.equal(res.status, 200);
    assert.equal(res.body.email, "administrador@teste.local");
    assert.equal(res.body.permissoes.usuarios, false);
  });

  await t.step("a forged token answers 401 token_invalido", async () => {
    const res = await ctx.req("GET", "/api/auth/me", { token: token.slice(0, -3) + "abc" });
    assert.equal(res.status, 401);
    assert.equal(res.body.error.code, "token_invalido");
  });

  await t.step("deactivating the user revokes the token immediately", async () => {
    const other = await ctx.login("operador");
    assert.equal((await ctx.req("GET", "/api/auth/me", { token: other })).status, 200);
    await ctx.db
      .sql`update ca_usuario_admin set ativo = false where email = 'operador@teste.local'`;
    const res = await ctx.req("GET", "/api/auth/me", { token: other });
    assert.equal(res.status, 401);
    assert.equal(res.body.error.code, "sessao_revogada");
  });

  await t.step("logout revokes the session and writes auth.logout", async () => {
    const res = await ctx.req("POST", "/api/auth/logout", { token });
    assert.equal(res.status, 200);
    assert.equal((await ctx.req("GET", "/api/auth/me", { token })).status, 401);
    assert.equal(await ctx.events("auth.sessao_encerrada"), 1);
  });
});
