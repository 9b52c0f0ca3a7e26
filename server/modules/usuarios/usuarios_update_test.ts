import { strict as assert } from "node:assert";
import { dbTest } from "../../testing/harness.ts";
import {
  assertNoSecretsInEvents,
  BASE,
  lastEvent,
  loginAs,
  makeUser,
  snapshot,
} from "../../testing/fixtures/usuarios.ts";

const NOVA_SENHA = "Nova@Senha2026";

dbTest("[usuarios] PUT /api/usuarios/:id", async (t, ctx) => {
  const token = await ctx.login("administrador_master");
  const ana = await makeUser(ctx, "ana@ubs.gov.br", "operador", { nome: "Ana Souza" });
  await makeUser(ctx, "bia@ubs.gov.br", "operador", { nome: "Bia Lima" });
  const path = `${BASE}/${ana}`;

  await t.step("updates the given fields and writes usuario.atualizado with the diff", async () => {
    const res = await ctx.req("PUT", path, {
      token,
      body: { nome: "Ana Souza Reis", cargo: "Coordenação", role: "gerenciador" },
    });
    assert.equal(res.status, 200);
    assert.match(res.contentType!, /application\/json/);
    assert.equal(res.body.nome, "Ana Souza Reis");
    assert.equal(res.body.cargo, "Coordenação");
    assert.equal(res.body.role, "gerenciador");
    assert.equal(res.body.email, "ana@ubs.gov.br");
    assert.equal("senhahash" in res.body, false);
    const ev = await lastEvent(ctx, "usuario.atualizado");
    assert.equal(ev.entity_id, String(ana));
    assert.deepEqual(ev.topics, ["admin"]);
    assert.deepEqual(ev.before, { nome: "Ana Souza", cargo: null, role: "operador" });
    assert.deepEqual(ev.after, {
      nome: "Ana Souza Reis",
      cargo: "Coordenação",
      role: "gerenciador",
    });
  });

  await t.step("the new role takes effect on the user's open session", async () => {
    const login = await loginAs(ctx, "ana@ubs.gov.br");
    assert.equal(login.status, 200);
    const me = await ctx.req("GET", "/api/auth/me", { token: login.body.token });
    assert.equal(me.body.role, "gerenciador");
  });

  await t.step("answers 409 email_duplicado when taking another user's e-mail", async () => {
    const before = await snapshot(ctx);
    const res = await ctx.req("PUT", path, { token, body: { email: "BIA@ubs.gov.br" } });
    assert.equal(res.status, 409);
    assert.equal(res.body.error.code, "email_duplicado");
    assert.deepEqual(await snapshot(ctx), before);
  });

  const weak: [string, string][] = [
    ["under 10 characters", "Ab@12345"],
    ["no upper-case letter", "senha@forte123"],
    ["no lower-case letter", "SENHA@FORTE123"],
    ["no digit", "Senha@Forte!!"],
    ["no symbol", "SenhaForte123"],
  ];
  for (const [what, senha] of weak) {
    await t.step(`answers 400 for a password with ${what}`, async () => {
      const before = await snapshot(ctx);
      const res = await ctx.req("PUT", path, { token, body: { senha } });
      assert.equal(res.status, 400);
      assert.equal(res.body.error.code, "entrada_invalida");
      assert.equal(res.body.error.details[0].path, "senha");
      assert.deepEqual(await snapshot(ctx), before);
    });
  }

  await t.step(
    "sets a new password, revokes the sessions and writes senha_redefinida",
    async () => {
      const open = (await loginAs(ctx, "ana@ubs.gov.br")).body.token;
      assert.equal((await ctx.req("GET", "/api/auth/me", { token: open })).status, 200);
      const res = await ctx.req("PUT", path, { token, body: { senha: NOVA_SENHA } });
      assert.equal(res.status, 200);
      const me = await ctx.req("GET", "/api/auth/me", { token: open });
      assert.equal(me.status, 401);
      assert.equal(me.body.error.code, "sessao_revogada");
      assert.equal((await loginAs(ctx, "ana@ubs.gov.br")).status, 401);
      assert.equal((await loginAs(ctx, "ana@ubs.gov.br", NOVA_SENHA)).status, 200);
      const ev = await lastEvent(ctx, "usuario.senha_redefinida");
      assert.equal(ev.entity_id, String(ana));
      await assertNoSecretsInEvents(ctx);
    },
  );

  await t.step(
    "deactivates: sessions revoked at once, login refused, usuario.desativado",
    async () => {
      const open = (await loginAs(ctx, "ana@ubs.gov.br", NOVA_SENHA)).body.token;
      const res = await ctx.req("PUT", path, { token, body: { ativo: false } });
      assert.equal(res.status, 200);
      assert.equal(res.body.ativo, false);
      assert.equal((await ctx.req("GET", "/api/auth/me", { token: open })).status, 401);
      const [{ n }] = await ctx.db.sql`
      select count(*)::int as n from ca_sessao where usuarioid = ${ana} and revoked_at is null`;
      assert.equal(n, 0);
      assert.equal((await loginAs(ctx, "ana@ubs.gov.br", NOVA_SENHA)).status, 403);
      const ev = await lastEvent(ctx, "usuario.inativado");
      assert.deepEqual(ev.before, { ativo: true });
      assert.deepEqual(ev.after, { ativo: false });
    },
  );

  await t.step("reactivates and writes usuario.reativado", async () => {
    const res = await ctx.req("PUT", path, { token, body: { ativo: true } });
    assert.equal(res.status, 200);
    assert.equal(res.body.ativo, true);
    assert.equal((await lastEvent(ctx, "usuario.reativado")).entity_id, String(ana));
    assert.equal((await loginAs(ctx, "ana@ubs.gov.br", NOVA_SENHA)).status, 200);
  });

  await t.step("a request that changes nothing writes no event", async () => {
    const n = await ctx.events();
    const res = await ctx.req("PUT", path, {
      token,
      body: { ativo: true, nome: "Ana Souza Reis" },
    });
    assert.equal(res.status, 200);
    assert.equal(await ctx.events(), n);
  });

  await t.step("answers 400 for an empty body or a bad field", async () => {
    const before = await snapshot(ctx);
    const bodies = [{}, { email: "x" }, { cpf: "11111111111" }, { role: "dono" }, { ativo: "n" }];
    for (const body of bodies) {
      const res = await ctx.req("PUT", path, { token, body });
      assert.equal(res.status, 400, JSON.stringify(body));
      assert.equal(res.body.error.code, "entrada_invalida");
    }
    assert.deepEqual(await snapshot(ctx), before);
  });

  await t.step("answers 400 for a malformed id and 404 for an unknown one", async () => {
    assert.equal(
      (await ctx.req("PUT", `${BASE}/abc`, { token, body: { nome: "Nome" } })).status,
      400,
    );
    const res = await ctx.req("PUT", `${BASE}/999999`, { token, body: { nome: "Nome Novo" } });
    assert.equal(res.status, 404);
    assert.equal(res.body.error.code, "nao_encontrado");
  });
});

dbTest("[usuarios] PUT /api/usuarios/:id keeps an active master", async (t, ctx) => {
  const token = await ctx.login("administrador_master");
  const me = await ctx.userId("administrador_master");

  await t.step(
    "the only master cannot deactivate or demote themselves (ultimo_master)",
    async () => {
      const before = await snapshot(ctx);
      for (const body of [{ ativo: false }, { role: "administrador" }]) {
        const res = await ctx.req("PUT", `${BASE}/${me}`, { token, body });
        assert.equal(res.status, 422);
        assert.equal(res.body.error.code, "ultimo_master");
      }
      assert.deepEqual(await snapshot(ctx), before);
    },
  );

  const outro = await makeUser(ctx, "outro.master@ubs.gov.br", "administrador_master");

  await t.step("with another master, self-deactivation is still refused", async () => {
    const before = await snapshot(ctx);
    for (const body of [{ ativo: false }, { role: "visualizador" }]) {
      const res = await ctx.req("PUT", `${BASE}/${me}`, { token, body });
      assert.equal(res.status, 422);
      assert.equal(res.body.error.code, "alteracao_propria_proibida");
    }
    assert.deepEqual(await snapshot(ctx), before);
  });

  await t.step("a master may change their own name and password", async () => {
    const res = await ctx.req("PUT", `${BASE}/${me}`, { token, body: { nome: "Chefe Geral" } });
    assert.equal(res.status, 200);
    assert.equal(res.body.nome, "Chefe Geral");
  });

  await t.step("a master demotes another master while one stays", async () => {
    const res = await ctx.req("PUT", `${BASE}/${outro}`, {
      token,
      body: { role: "administrador" },
    });
    assert.equal(res.status, 200);
    assert.equal(res.body.role, "administrador");
    await ctx.db
      .sql`update ca_usuario_admin set role = 'administrador_master' where usuarioid = ${outro}`;
  });

  await t.step("two masters deactivating each other at once: exactly one wins", async () => {
    const other = (await loginAs(ctx, "outro.master@ubs.gov.br")).body.token;
    const [a, b] = await Promise.all([
      ctx.req("PUT", `${BASE}/${outro}`, { token, body: { ativo: false } }),
      ctx.req("PUT", `${BASE}/${me}`, { token: other, body: { ativo: false } }),
    ]);
    const statuses = [a.status, b.status].sort();
    assert.equal(statuses[0], 200, JSON.stringify([a.body, b.body]));
    assert.ok([401, 422].includes(statuses[1]), JSON.stringify([a.body, b.body]));
    const [{ n }] = await ctx.db.sql`
      select count(*)::int as n from ca_usuario_admin
      where role = 'administrador_master' and ativo`;
    assert.equal(n, 1);
  });

  await t.step("the database itself refuses to drop the last active master", async () => {
    await assert.rejects(
      async () => {
        await ctx.db.sql`
          update ca_usuario_admin set ativo = false where role = 'administrador_master'`;
      },
      (err: { message: string }) => /último administrador master/.test(err.message),
    );
    const [{ n }] = await ctx.db.sql`
      select count(*)::int as n from ca_usuario_admin
      where role = 'administrador_master' and ativo`;
    assert.equal(n, 1);
  });
});

dbTest("[usuarios] PUT /api/usuarios/:id while the first access is pending", async (t, ctx) => {
  const token = await ctx.login("administrador_master");
  const created = await ctx.req("POST", BASE, {
    token,
    body: { nome: "Pessoa Digitada", email: "errado@ubs.gov.br", role: "operador" },
  });
  assert.equal(created.status, 201);
  const id = created.body.usuarioid;
  const mail = async () => {
    const rows = await ctx.db.sql<{ destino: string; payload: { token: string } }>`
      select destino, (select s.valores from ca_notificacao_segredo s where s.notificacaoid = ca_notificacao.notificacaoid) as payload from ca_notificacao where usuarioid = ${id}
      order by notificacaoid desc`;
    return { count: rows.length, last: rows[0] };
  };
  const validate = (t: string) =>
    ctx.req("POST", "/api/auth/validate-first-access", { body: { token: t } });
  const first = await mail();

  await t.step("a corrected e-mail re-sends the first access to the new address", async () => {
    const res = await ctx.req("PUT", `${BASE}/${id}`, {
      token,
      body: { email: "certo@ubs.gov.br" },
    });
    assert.equal(res.status, 200);
    assert.equal(res.body.email, "certo@ubs.gov.br");
    assert.equal(res.body.primeiro_acesso, true);
    const now = await mail();
    assert.equal(now.count, 2);
    assert.equal(now.last.destino, "certo@ubs.gov.br");
    assert.equal((await validate(first.last.payload.token)).status, 422);
    const ok = await validate(now.last.payload.token);
    assert.equal(ok.status, 200);
    assert.equal(ok.body.email, "certo@ubs.gov.br");
    assert.equal((await lastEvent(ctx, "usuario.primeiro_acesso_reenviado")).entity_id, String(id));
  });

  await t.step("a password set by the master closes the first access", async () => {
    const pending = (await mail()).last.payload.token;
    const res = await ctx.req("PUT", `${BASE}/${id}`, { token, body: { senha: NOVA_SENHA } });
    assert.equal(res.status, 200);
    assert.equal(res.body.primeiro_acesso, false);
    assert.equal(res.body.senha_temporaria, false);
    assert.equal((await mail()).count, 2);
    assert.equal((await validate(pending)).status, 422);
    assert.equal((await loginAs(ctx, "certo@ubs.gov.br", NOVA_SENHA)).status, 200);
  });
});
