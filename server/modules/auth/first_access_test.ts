import { strict as assert } from "node:assert";
import { dbTest, type TestCtx } from "../../testing/harness.ts";

const NOVA_SENHA = "Primeiro@Acesso2026";

interface Mail {
  notificacaoid: number;
  destino: string;
  template: string;
  payload: { token: string; senha_temporaria: string; link: string };
}

/** The first-access e-mails of a user, oldest first. */
async function mails(ctx: TestCtx, usuarioid: number) {
  return [
    ...await ctx.db.sql<Mail>`
      select notificacaoid, destino, template, (select s.valores from ca_notificacao_segredo s where s.notificacaoid = ca_notificacao.notificacaoid) as payload
      from ca_notificacao
      where usuarioid = ${usuarioid} order by notificacaoid`,
  ];
}

async function userRow(ctx: TestCtx, usuarioid: number) {
  const [u] = await ctx.db.sql`
    select senhahash, token_primeiro_acesso, token_primeiro_acesso_expira, primeiro_acesso,
           senha_temporaria, updated_at
    from ca_usuario_admin where usuarioid = ${usuarioid}`;
  return u;
}

async function createUser(ctx: TestCtx, email: string) {
  const res = await ctx.req("POST", "/api/usuarios", {
    token: await ctx.login("administrador_master"),
    body: { nome: `Pessoa ${email}`, email, role: "operador" },
  });
  assert.equal(res.status, 201, JSON.stringify(res.body));
  const [mail] = await mails(ctx, res.body.usuarioid);
  return { usuarioid: res.body.usuarioid as number, mail };
}

const firstAccess = (ctx: TestCtx, body: Record<string, unknown>) =>
  ctx.req("POST", "/api/auth/first-access", { body });

dbTest("[auth] first access: create, e-mail, set password, log in", async (t, ctx) => {
  const email = "nova.operadora@ubs.gov.br";
  const { usuarioid, mail } = await createUser(ctx, email);
  const { token, senha_temporaria } = mail.payload;
  const ok = { token, email, senha_temporaria, nova_senha: NOVA_SENHA };

  await t.step("the e-mail with token and temporary password is in the outbox", () => {
    assert.equal(mail.destino, email);
    assert.equal(mail.template, "primeiro_acesso");
    assert.equal(typeof token, "string");
    assert.ok(token.length >= 40);
    assert.equal(typeof senha_temporaria, "string");
    assert.ok(mail.payload.link.includes(encodeURIComponent(token)));
  });

  await t.step("the stored token is a hash, never the token itself", async () => {
    const u = await userRow(ctx, usuarioid);
    assert.notEqual(u.token_primeiro_acesso, token);
    assert.match(u.token_primeiro_acesso as string, /^[0-9a-f]{64}$/);
  });

  await t.step(
    "login with the temporary password answers 403 primeiro_acesso_pendente",
    async () => {
      const res = await ctx.req("POST", "/api/auth/login", {
        body: { email, senha: senha_temporaria },
      });
      assert.equal(res.status, 403);
      assert.match(res.contentType!, /application\/json/);
      assert.equal(res.body.error.code, "primeiro_acesso_pendente");
    },
  );

  await t.step("validate-first-access answers the e-mail and name", async () => {
    const res = await ctx.req("POST", "/api/auth/validate-first-access", { body: { token } });
    assert.equal(res.status, 200);
    assert.deepEqual(res.body, { valido: true, email, nome: `Pessoa ${email}` });
  });

  await t.step(
    "validate-first-access answers 422 for an unknown token, 400 for a short one",
    async () => {
      const bad = await ctx.req("POST", "/api/auth/validate-first-access", {
        body: { token: "x".repeat(43) },
      });
      assert.equal(bad.status, 422);
      assert.equal(bad.body.error.code, "token_invalido");
      const short = await ctx.req("POST", "/api/auth/validate-first-access", {
        body: { token: "abc" },
      });
      assert.equal(short.status, 400);
      assert.equal(short.body.error.code, "entrada_invalida");
    },
  );

  const weak: [string, string, RegExp][] = [
    ["under 10 characters", "Ab@1234", /10 caracteres/],
    ["no upper-case letter", "primeiro@acesso2026", /maiúscula/],
    ["no lower-case letter", "PRIMEIRO@ACESSO2026", /minúscula/],
    ["no digit", "Primeiro@Acesso", /número/],
    ["no symbol", "PrimeiroAcesso2026", /símbolo/],
  ];
  for (const [what, nova_senha, message] of weak) {
    await t.step(`first-access answers 400 for a new password with ${what}`, async () => {
      const before = await userRow(ctx, usuarioid);
      const res = await firstAccess(ctx, { ...ok, nova_senha });
      assert.equal(res.status, 400);
      assert.equal(res.body.error.code, "entrada_invalida");
      const issue = res.body.error.details.find((d: { path: string }) => d.path === "nova_senha");
      assert.match(issue.message, message);
      assert.deepEqual(await userRow(ctx, usuarioid), before);
    });
  }

  await t.step("first-access answers 401 for a wrong temporary password or e-mail", async () => {
    const before = await userRow(ctx, usuarioid);
    for (const body of [{ ...ok, senha_temporaria: "Errada@12345" }, { ...ok, email: "x@y.com" }]) {
      const res = await firstAccess(ctx, body);
      assert.equal(res.status, 401);
      assert.equal(res.body.error.code, "credenciais_invalidas");
    }
    assert.deepEqual(await userRow(ctx, usuarioid), before);
  });

  await t.step(
    "first-access answers 422 when the new password repeats the temporary one",
    async () => {
      const res = await firstAccess(ctx, { ...ok, nova_senha: senha_temporaria });
      assert.equal(res.status, 422);
      assert.equal(res.body.error.code, "senha_repetida");
    },
  );

  await t.step("the right data sets the password, answers a token and logs the event", async () => {
    const res = await firstAccess(ctx, ok);
    assert.equal(res.status, 200);
    assert.match(res.contentType!, /application\/json/);
    assert.equal(typeof res.body.token, "string");
    assert.equal(res.body.usuario.usuarioid, usuarioid);
    const me = await ctx.req("GET", "/api/auth/me", { token: res.body.token });
    assert.equal(me.status, 200);
    assert.equal(me.body.email, email);
    const u = await userRow(ctx, usuarioid);
    assert.equal(u.primeiro_acesso, false);
    assert.equal(u.senha_temporaria, false);
    assert.equal(u.token_primeiro_acesso, null);
    assert.equal(await ctx.events("usuario.primeiro_acesso_concluido"), 1);
  });

  await t.step("login works with the new password and not with the temporary one", async () => {
    const good = await ctx.req("POST", "/api/auth/login", { body: { email, senha: NOVA_SENHA } });
    assert.equal(good.status, 200);
    const old = await ctx.req("POST", "/api/auth/login", {
      body: { email, senha: senha_temporaria },
    });
    assert.equal(old.status, 401);
  });

  await t.step("the token is single-use: a second use answers 422 token_invalido", async () => {
    const again = await firstAccess(ctx, { ...ok, nova_senha: "Outra@Senha2026" });
    assert.equal(again.status, 422);
    assert.equal(again.body.error.code, "token_invalido");
    const check = await ctx.req("POST", "/api/auth/validate-first-access", { body: { token } });
    assert.equal(check.status, 422);
    const login = await ctx.req("POST", "/api/auth/login", { body: { email, senha: NOVA_SENHA } });
    assert.equal(login.status, 200);
  });
});

dbTest("[auth] first access: expired token and resend", async (t, ctx) => {
  const master = await ctx.login("administrador_master");
  const email = "atrasado@ubs.gov.br";
  const { usuarioid, mail } = await createUser(ctx, email);
  const old = mail.payload;
  await ctx.db
    .sql`update ca_usuario_admin set token_primeiro_acesso_expira = now() - interval '1 minute'
                   where usuarioid = ${usuarioid}`;
  const resend = (token?: string, body: unknown = { usuarioid }) =>
    ctx.req("POST", "/api/auth/resend-first-access", { token, body });

  await t.step("an expired token answers 410 token_expirado and changes nothing", async () => {
    const before = await userRow(ctx, usuarioid);
    const check = await ctx.req("POST", "/api/auth/validate-first-access", {
      body: { token: old.token },
    });
    assert.equal(check.status, 410);
    assert.equal(check.body.error.code, "token_expirado");
    const res = await firstAccess(ctx, {
      token: old.token,
      email,
      senha_temporaria: old.senha_temporaria,
      nova_senha: NOVA_SENHA,
    });
    assert.equal(res.status, 410);
    assert.equal(res.body.error.code, "token_expirado");
    assert.deepEqual(await userRow(ctx, usuarioid), before);
  });

  await t.step(
    "resend is refused to every role below master, pacientes and anonymous",
    async () => {
      const before = await userRow(ctx, usuarioid);
      for (const role of ["visualizador", "operador", "gerenciador", "administrador"] as const) {
        const res = await resend(await ctx.login(role));
        assert.equal(res.status, 403, role);
        assert.equal(res.body.error.code, "sem_permissao");
      }
      const p = await ctx.paciente();
      assert.equal((await resend(p.token)).status, 403);
      assert.equal((await resend()).status, 401);
      assert.deepEqual(await userRow(ctx, usuarioid), before);
      assert.equal((await mails(ctx, usuarioid)).length, 1);
    },
  );

  await t.step("resend answers 400 for a malformed id and 404 for an unknown user", async () => {
    assert.equal((await resend(master, { usuarioid: "abc" })).status, 400);
    const res = await resend(master, { usuarioid: 999999 });
    assert.equal(res.status, 404);
    assert.equal(res.body.error.code, "nao_encontrado");
  });

  let fresh: Mail["payload"];
  await t.step("the master resends: a new e-mail, the old token stops working", async () => {
    const res = await resend(master);
    assert.equal(res.status, 200);
    assert.deepEqual(res.body, { enviado: true, email });
    const all = await mails(ctx, usuarioid);
    assert.equal(all.length, 2);
    fresh = all[1].payload;
    assert.notEqual(fresh.token, old.token);
    assert.notEqual(fresh.senha_temporaria, old.senha_temporaria);
    const oldCheck = await ctx.req("POST", "/api/auth/validate-first-access", {
      body: { token: old.token },
    });
    assert.equal(oldCheck.status, 422);
    assert.equal(oldCheck.body.error.code, "token_invalido");
    const newCheck = await ctx.req("POST", "/api/auth/validate-first-access", {
      body: { token: fresh.token },
    });
    assert.equal(newCheck.status, 200);
    assert.equal(await ctx.events("usuario.primeiro_acesso_reenviado"), 1);
  });

  await t.step("the new token completes the first access", async () => {
    const res = await firstAccess(ctx, {
      token: fresh.token,
      email,
      senha_temporaria: fresh.senha_temporaria,
      nova_senha: NOVA_SENHA,
    });
    assert.equal(res.status, 200);
    const login = await ctx.req("POST", "/api/auth/login", { body: { email, senha: NOVA_SENHA } });
    assert.equal(login.status, 200);
  });

  await t.step("resend after completion answers 409 and sends nothing", async () => {
    const res = await resend(master);
    assert.equal(res.status, 409);
    assert.equal(res.body.error.code, "primeiro_acesso_concluido");
    assert.equal((await mails(ctx, usuarioid)).length, 2);
  });

  await t.step("resend for an inactive user answers 422 usuario_inativo", async () => {
    const other = await createUser(ctx, "inativo@ubs.gov.br");
    await ctx.req("PUT", `/api/usuarios/${other.usuarioid}`, {
      token: master,
      body: { ativo: false },
    });
    const res = await resend(master, { usuarioid: other.usuarioid });
    assert.equal(res.status, 422);
    assert.equal(res.body.error.code, "usuario_inativo");
    const check = await ctx.req("POST", "/api/auth/validate-first-access", {
      body: { token: other.mail.payload.token },
    });
    assert.equal(check.status, 403);
  });
});
