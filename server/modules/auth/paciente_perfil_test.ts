import { strict as assert } from "node:assert";
import { dbTest, type TestCtx } from "../../testing/harness.ts";

const ME = "/api/auth/paciente/me";
const SENHA_URL = "/api/auth/paciente/senha";
const SENHA = "segredo1";
/** Every row these routes may write; equal before and after a refusal. */
async function snapshot(ctx: TestCtx) {
  const [s] = await ctx.db.sql<Record<string, string | number | null>>`
    select (select md5(coalesce(string_agg(p::text, '|' order by pacienteid), ''))
              from ca_paciente p) as pacientes,
           (select md5(coalesce(string_agg(v::text, '|' order by validacaoid), ''))
              from ca_paciente_validacao v) as validacoes,
           (select md5(coalesce(string_agg(s::text, '|' order by jti), ''))
              from ca_sessao_paciente s) as sessoes,
           (select count(*)::int from ca_evento) as eventos`;
  return s;
}

dbTest("[auth] PUT /api/auth/paciente/me", async (t, ctx) => {
  const p = await ctx.paciente();
  const other = await ctx.paciente();
  const put = (body: unknown, token = p.token) => ctx.req("PUT", ME, { token, body });

  await t.step("changes e-mail, phone and contacts and writes paciente.atualizado", async () => {
    const res = await put({
      email: "Carla@Exemplo.com",
      telefone: "(11) 98765-4321",
      contatos: [{ nome: "Mãe", telefone: "11912345678", parentesco: "mãe" }],
    });
    assert.equal(res.status, 200);
    assert.match(res.contentType!, /application\/json/);
    assert.equal(res.body.pacienteid, p.pacienteid);
    assert.equal(res.body.email, "carla@exemplo.com");
    assert.equal(res.body.telefone, "11987654321");
    assert.deepEqual(res.body.contatos, [
      { nome: "Mãe", telefone: "11912345678", parentesco: "mãe" },
    ]);
    assert.ok(Array.isArray(res.body.tipos_slot), "same shape as GET /me");
    assert.equal("senhahash" in res.body, false);
    const [ev] = await ctx.db.sql<
      { actor_tipo: string; actor_id: number; before: { email: null }; after: { email: string } }
    >`select actor_tipo, actor_id, before, after from ca_evento
      where kind = 'paciente.atualizado' and entity_id = ${p.pacienteid}`;
    assert.equal(ev.actor_tipo, "paciente");
    assert.equal(ev.actor_id, p.pacienteid);
    assert.equal(ev.before.email, null);
    assert.equal(ev.after.email, "carla@exemplo.com");
    assert.equal("senhahash" in ev.after, false);
  });

  await t.step("keeps the fields the body leaves out", async () => {
    const res = await put({ email: "nova@exemplo.com" });
    assert.equal(res.status, 200);
    assert.equal(res.body.telefone, "11987654321");
    assert.equal(res.body.contatos.length, 1);
  });

  await t.step("null or an empty string clears e-mail and phone", async () => {
    const res = await put({ email: "", telefone: null });
    assert.equal(res.status, 200);
    assert.equal(res.body.email, null);
    assert.equal(res.body.telefone, null);
    assert.equal((await put({ telefone: "11987654321" })).status, 200);
  });

  await t.step("a new phone loses the validation and kills open codes", async () => {
    await ctx.db.sql`update ca_paciente set telefone_validado = true, telefone_validado_em = now()
                     where pacienteid = ${p.pacienteid}`;
    const sent = await ctx.req("POST", "/api/auth/paciente/telefone/enviar-codigo", {
      token: p.token,
      body: {},
    });
    assert.equal(sent.status, 200);
    const same = await put({ telefone: "11987654321" });
    assert.equal(same.body.telefone_validado, true, "the same number keeps its validation");
    const res = await put({ telefone: "21987650000" });
    assert.equal(res.status, 200);
    assert.equal(res.body.telefone_validado, false);
    assert.equal(res.body.telefone_validado_em, null);
    const [{ abertos }] = await ctx.db.sql<{ abertos: number }>`
      select count(*)::int as abertos from ca_paciente_validacao
      where pacienteid = ${p.pacienteid} and consumed_at is null`;
    assert.equal(abertos, 0);
  });

  const invalid: [string, unknown, string][] = [
    ["an empty body", {}, ""],
    ["a malformed e-mail", { email: "carla@" }, "email"],
    ["a malformed phone", { telefone: "123" }, "telefone"],
    ["more than 3 contacts", {
      contatos: Array(4).fill({ nome: "Irmão", telefone: "11912345678" }),
    }, "contatos"],
    ["a contact without phone", { contatos: [{ nome: "Irmão" }] }, "contatos.0.telefone"],
    ["contacts that are not a list", { contatos: "Mãe" }, "contatos"],
    ["a change of name", { nomecompleto: "Outra Pessoa" }, ""],
    ["a change of CPF", { cpf: "52998224725" }, ""],
    ["a change of birth date", { datanascimento: "1990-01-01" }, ""],
    ["a change of status, tipo or funcionário", {
      status: "Ativo",
      tipo: "Idoso",
      funcionario: true,
    }, ""],
    ["another patient's id", { pacienteid: 1, email: "x@exemplo.com" }, ""],
  ];
  for (const [what, body, path] of invalid) {
    await t.step(`answers 400 for ${what} and changes nothing`, async () => {
      const before = await snapshot(ctx);
      const res = await put(body);
      assert.equal(res.status, 400);
      assert.match(res.contentType!, /application\/json/);
      assert.equal(res.body.error.code, "entrada_invalida");
      const paths = res.body.error.details.map((d: { path: string }) => d.path);
      assert.ok(paths.includes(path), JSON.stringify(res.body.error.details));
      assert.deepEqual(await snapshot(ctx), before);
    });
  }

  await t.step("says that identity fields change only at the desk", async () => {
    const res = await put({ nomecompleto: "Outra Pessoa" });
    assert.equal(res.body.error.details[0].message, "Campo não editável pelo portal.");
  });

  await t.step("answers 400 json_invalido for a body that is not JSON", async () => {
    const res = await ctx.req("PUT", ME, {
      token: p.token,
      body: "{email",
      headers: { "content-type": "application/json" },
    });
    assert.equal(res.status, 400);
    assert.equal(res.body.error.code, "json_invalido");
  });

  await t.step("changes only the token's own record", async () => {
    const [theirs] = await ctx.db.sql`
      select email, telefone, updated_at from ca_paciente where pacienteid = ${other.pacienteid}`;
    assert.equal((await put({ email: "so-eu@exemplo.com" })).status, 200);
    const [after] = await ctx.db.sql`
      select email, telefone, updated_at from ca_paciente where pacienteid = ${other.pacienteid}`;
    assert.deepEqual(after, theirs);
    const mine = await ctx.req("GET", ME, { token: other.token });
    assert.equal(mine.body.email, null);
  });

  await t.step("an inactivated patient's token is refused with 401", async () => {
    const gone = await ctx.paciente();
    const op = await ctx.login("operador");
    assert.equal(
      (await ctx.req("DELETE", `/api/pacientes/${gone.pacienteid}`, { token: op })).status,
      200,
    );
    const before = await snapshot(ctx);
    const res = await put({ email: "x@exemplo.com" }, gone.token);
    assert.equal(res.status, 401);
    assert.deepEqual(await snapshot(ctx), before);
  });
});

dbTest("[auth] PUT /api/auth/paciente/senha", async (t, ctx) => {
  const p = await ctx.paciente();
  const login = (senha: string) =>
    ctx.req("POST", "/api/auth/paciente/login", { body: { cpf: p.cpf, senha } });
  const put = (body: unknown, token = p.token) => ctx.req("PUT", SENHA_URL, { token, body });

  const invalid: [string, unknown, string][] = [
    ["a new password shorter than 6", { senha_atual: SENHA, nova_senha: "12345" }, "nova_senha"],
    ["a new password equal to the current", {
      senha_atual: SENHA,
      nova_senha: SENHA,
    }, "nova_senha"],
    ["no current password", { nova_senha: "outra-senha" }, "senha_atual"],
    ["no new password", { senha_atual: SENHA }, "nova_senha"],
  ];
  for (const [what, body, path] of invalid) {
    await t.step(`answers 400 for ${what} and changes nothing`, async () => {
      const before = await snapshot(ctx);
      const res = await put(body);
      assert.equal(res.status, 400);
      assert.equal(res.body.error.code, "entrada_invalida");
      const paths = res.body.error.details.map((d: { path: string }) => d.path);
      assert.ok(paths.includes(path), JSON.stringify(res.body.error.details));
      assert.deepEqual(await snapshot(ctx), before);
    });
  }

  await t.step("answers 422 senha_incorreta for a wrong current password", async () => {
    const before = await snapshot(ctx);
    const res = await put({ senha_atual: "errada1", nova_senha: "nova-senha" });
    assert.equal(res.status, 422);
    assert.match(res.contentType!, /application\/json/);
    assert.equal(res.body.error.code, "senha_incorreta");
    assert.deepEqual(await snapshot(ctx), before);
    assert.equal((await login(SENHA)).status, 200, "the password did not change");
  });

  await t.step("changes the password and ends every other session of the patient", async () => {
    const other = await login(SENHA);
    assert.equal(other.status, 200);
    const stranger = await ctx.paciente();
    const res = await put({ senha_atual: SENHA, nova_senha: "nova-senha" });
    assert.equal(res.status, 200);
    assert.match(res.contentType!, /application\/json/);
    assert.equal(res.body.ok, true);
    assert.ok(res.body.sessoes_encerradas >= 1);
    assert.equal((await ctx.req("GET", ME, { token: p.token })).status, 200, "this one stays");
    assert.equal((await ctx.req("GET", ME, { token: other.body.token })).status, 401);
    assert.equal((await ctx.req("GET", ME, { token: stranger.token })).status, 200);
    assert.equal((await login(SENHA)).status, 401);
    assert.equal((await login("nova-senha")).status, 200);
    const [ev] = await ctx.db.sql<{ actor_tipo: string; after: Record<string, unknown> }>`
      select actor_tipo, after from ca_evento where kind = 'paciente.senha_alterada'`;
    assert.equal(ev.actor_tipo, "paciente");
    assert.equal(JSON.stringify(ev.after).includes("$2"), false, "never the hash");
    assert.equal(JSON.stringify(ev.after).includes("nova-senha"), false);
  });

  await t.step("locks with 429 after 5 wrong current passwords, even the right one", async () => {
    const q = await ctx.paciente();
    for (let i = 0; i < 5; i++) {
      const res = await put({ senha_atual: "errada1", nova_senha: "nova-senha" }, q.token);
      assert.equal(res.status, 422);
    }
    const res = await put({ senha_atual: SENHA, nova_senha: "nova-senha" }, q.token);
    assert.equal(res.status, 429);
    assert.equal(res.body.error.code, "muitas_tentativas");
    assert.ok(Number(res.headers.get("retry-after")) > 0);
    const ok = await ctx.req("POST", "/api/auth/paciente/login", {
      body: { cpf: q.cpf, senha: SENHA },
    });
    assert.equal(ok.status, 200, "the password did not change");
  });
});
