import { strict as assert } from "node:assert";
import { dbTest, nextCpf } from "../../testing/harness.ts";
import {
  assertNoSecretsInEvents,
  BASE,
  lastEvent,
  makeUser,
  snapshot,
} from "../../testing/fixtures/usuarios.ts";

dbTest("[usuarios] POST /api/usuarios", async (t, ctx) => {
  const token = await ctx.login("administrador_master");
  const cpf = nextCpf();

  await t.step("creates the user, e-mails the first access and writes usuario.criado", async () => {
    const masked = `${cpf.slice(0, 3)}.${cpf.slice(3, 6)}.${cpf.slice(6, 9)}-${cpf.slice(9)}`;
    const res = await ctx.req("POST", BASE, {
      token,
      body: {
        nome: "Maria Operadora",
        email: "Maria@Ubs.gov.br",
        cpf: masked,
        cargo: "Recepção",
        role: "operador",
      },
    });
    assert.equal(res.status, 201);
    assert.match(res.contentType!, /application\/json/);
    assert.equal(res.body.nome, "Maria Operadora");
    assert.equal(res.body.email, "maria@ubs.gov.br");
    assert.equal(res.body.cpf, cpf);
    assert.equal(res.body.role, "operador");
    assert.equal(res.body.ativo, true);
    assert.equal(res.body.primeiro_acesso, true);
    assert.equal(res.body.senha_temporaria, true);
    for (const secret of ["senhahash", "token_primeiro_acesso", "token_primeiro_acesso_expira"]) {
      assert.equal(secret in res.body, false, secret);
    }
    const [mail] = await ctx.db.sql`
      select * from ca_notificacao where usuarioid = ${res.body.usuarioid}`;
    assert.equal(mail.canal, "email");
    assert.equal(mail.destino, "maria@ubs.gov.br");
    assert.equal(mail.template, "primeiro_acesso");
    const ev = await lastEvent(ctx, "usuario.criado");
    assert.equal(ev.entity_id, String(res.body.usuarioid));
    assert.deepEqual(ev.topics, ["admin"]);
    assert.equal(ev.actor_id, await ctx.userId("administrador_master"));
    assert.equal(ev.after.email, "maria@ubs.gov.br");
    await assertNoSecretsInEvents(ctx);
  });

  await t.step("creates a user without cpf and cargo", async () => {
    const res = await ctx.req("POST", BASE, {
      token,
      body: { nome: "João Gestor", email: "joao@ubs.gov.br", cpf: "", role: "gerenciador" },
    });
    assert.equal(res.status, 201);
    assert.equal(res.body.cpf, null);
    assert.equal(res.body.cargo, null);
  });

  await t.step("answers 409 email_duplicado for the same e-mail in any case", async () => {
    const before = await snapshot(ctx);
    const res = await ctx.req("POST", BASE, {
      token,
      body: { nome: "Outra Maria", email: "MARIA@UBS.GOV.BR", role: "visualizador" },
    });
    assert.equal(res.status, 409);
    assert.equal(res.body.error.code, "email_duplicado");
    assert.deepEqual(await snapshot(ctx), before);
  });

  await t.step("answers 409 cpf_duplicado for a CPF already in use", async () => {
    const before = await snapshot(ctx);
    const res = await ctx.req("POST", BASE, {
      token,
      body: { nome: "Outra Pessoa", email: "outra@ubs.gov.br", cpf, role: "visualizador" },
    });
    assert.equal(res.status, 409);
    assert.equal(res.body.error.code, "cpf_duplicado");
    assert.deepEqual(await snapshot(ctx), before);
  });

  const ok = { nome: "Pessoa Válida", email: "valida@ubs.gov.br", role: "operador" };
  const invalid: [string, Record<string, unknown>, string][] = [
    ["a missing name", { ...ok, nome: undefined }, "nome"],
    ["a two-letter name", { ...ok, nome: "Jo" }, "nome"],
    ["a missing e-mail", { ...ok, email: undefined }, "email"],
    ["a malformed e-mail", { ...ok, email: "sem-arroba" }, "email"],
    ["a CPF with wrong check digits", { ...ok, cpf: "12345678900" }, "cpf"],
    ["a missing role", { ...ok, role: undefined }, "role"],
    ["an unknown role", { ...ok, role: "superusuario" }, "role"],
    ["a cargo over 120 characters", { ...ok, cargo: "x".repeat(121) }, "cargo"],
  ];
  for (const [what, body, path] of invalid) {
    await t.step(`answers 400 for ${what} and creates nothing`, async () => {
      const before = await snapshot(ctx);
      const res = await ctx.req("POST", BASE, { token, body });
      assert.equal(res.status, 400);
      assert.equal(res.body.error.code, "entrada_invalida");
      assert.ok(res.body.error.details.some((d: { path: string }) => d.path === path));
      assert.deepEqual(await snapshot(ctx), before);
    });
  }
});

dbTest("[usuarios] GET /api/usuarios", async (t, ctx) => {
  const token = await ctx.login("administrador_master");
  await makeUser(ctx, "ana@ubs.gov.br", "operador", { nome: "Ána Lúcia" });
  await makeUser(ctx, "bruno@ubs.gov.br", "operador", { nome: "Bruno Costa" });
  await makeUser(ctx, "carla@ubs.gov.br", "visualizador", { nome: "Carla Dias", ativo: false });
  const dario = await makeUser(ctx, "dario@ubs.gov.br", "gerenciador", { nome: "Dario Reis" });

  await t.step("pages through every user ordered by name", async () => {
    const res = await ctx.req("GET", `${BASE}?limit=2&page=2`, { token });
    assert.equal(res.status, 200);
    assert.match(res.contentType!, /application\/json/);
    assert.equal(res.body.total, 5);
    assert.equal(res.body.page, 2);
    assert.equal(res.body.limit, 2);
    assert.deepEqual(res.body.items.map((u: { nome: string }) => u.nome), [
      "Carla Dias",
      "Dario Reis",
    ]);
    assert.equal("senhahash" in res.body.items[0], false);
  });

  await t.step("searches name ignoring accents and e-mail", async () => {
    const byName = await ctx.req("GET", `${BASE}?search=ana lucia`, { token });
    assert.deepEqual(byName.body.items.map((u: { email: string }) => u.email), ["ana@ubs.gov.br"]);
    const byEmail = await ctx.req("GET", `${BASE}?search=BRUNO@`, { token });
    assert.equal(byEmail.body.total, 1);
    assert.equal(byEmail.body.items[0].nome, "Bruno Costa");
  });

  await t.step("filters by role and by ativo", async () => {
    const ops = await ctx.req("GET", `${BASE}?role=operador`, { token });
    assert.equal(ops.body.total, 2);
    const inativos = await ctx.req("GET", `${BASE}?ativo=false`, { token });
    assert.deepEqual(inativos.body.items.map((u: { nome: string }) => u.nome), ["Carla Dias"]);
    const ativos = await ctx.req("GET", `${BASE}?ativo=true&role=visualizador`, { token });
    assert.equal(ativos.body.total, 0);
    const porStatus = await ctx.req("GET", `${BASE}?status=Inativo`, { token });
    assert.deepEqual(porStatus.body.items.map((u: { nome: string }) => u.nome), ["Carla Dias"]);
    const todos = await ctx.req("GET", `${BASE}?status=todos`, { token });
    assert.equal(todos.body.total, 5);
  });

  await t.step("answers 400 for bad page, limit, role or ativo", async () => {
    for (const qs of ["page=0", "limit=500", "role=chefe", "ativo=talvez", "status=x"]) {
      const res = await ctx.req("GET", `${BASE}?${qs}`, { token });
      assert.equal(res.status, 400, qs);
      assert.equal(res.body.error.code, "entrada_invalida");
    }
  });

  await t.step("GET /:id answers one user", async () => {
    const res = await ctx.req("GET", `${BASE}/${dario}`, { token });
    assert.equal(res.status, 200);
    assert.equal(res.body.nome, "Dario Reis");
    assert.equal(res.body.role, "gerenciador");
    assert.equal("senhahash" in res.body, false);
  });

  await t.step("GET /:id answers 400 for a malformed id and 404 for an unknown one", async () => {
    const bad = await ctx.req("GET", `${BASE}/abc`, { token });
    assert.equal(bad.status, 400);
    assert.equal(bad.body.error.code, "entrada_invalida");
    const res = await ctx.req("GET", `${BASE}/999999`, { token });
    assert.equal(res.status, 404);
    assert.equal(res.body.error.code, "nao_encontrado");
  });
});
