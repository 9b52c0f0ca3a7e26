import { strict as assert } from "node:assert";
import { signToken } from "../../auth/jwt.ts";
import { dbTest, nextCpf, type TestCtx } from "../../testing/harness.ts";

const SENHA = "segredo1";

/** Every row the portal auth routes may write; equal before and after a refusal. */
async function snapshot(ctx: TestCtx) {
  const [s] = await ctx.db.sql<Record<string, string | number | null>>`
    select (select md5(coalesce(string_agg(p::text, '|' order by pacienteid), ''))
              from ca_paciente p) as pacientes,
           (select md5(coalesce(string_agg(v::text, '|' order by validacaoid), ''))
              from ca_paciente_validacao v) as validacoes,
           (select count(*)::int from ca_sessao_paciente) as sessoes,
           (select count(*)::int from ca_notificacao) as notificacoes,
           (select count(*)::int from ca_evento) as eventos`;
  return s;
}

async function register(ctx: TestCtx, body: Record<string, unknown>) {
  // Claiming takes two calls; the per-IP register limit is not what these steps test.
  await ctx.db.sql`delete from ca_rate_limit where chave like 'register-ip:%'`;
  return await ctx.req("POST", "/api/auth/paciente/register", {
    body: { cpf: nextCpf(), nomecompleto: "Carla Mendes", senha: SENHA, ...body },
  });
}

/** Tomorrow in the easternmost Brazilian zone: in the future everywhere in Brazil. */
const tomorrow = () => Temporal.Now.plainDateISO("America/Noronha").add({ days: 1 }).toString();

/** A patient registered at the desk, without a portal password. */
async function deskPaciente(
  ctx: TestCtx,
  datanascimento: string | null,
  telefone: string | null = "11987650000",
) {
  const cpf = nextCpf();
  const [p] = await ctx.db.sql<{ pacienteid: number }>`
    insert into ca_paciente (nomecompleto, cpf, datanascimento, telefone, origem)
    values ('Paciente do Balcão', ${cpf}, ${datanascimento}, ${telefone}, 'ADM')
    returning pacienteid`;
  return { cpf, pacienteid: p.pacienteid };
}

/** The claim code sent to a desk record's phone on file. */
async function claimCode(ctx: TestCtx, pacienteid: number) {
  const [n] = await ctx.db.sql<{ codigo: string; destino: string }>`
    select s.valores->>'codigo' as codigo, n.destino from ca_notificacao n
    join ca_notificacao_segredo s using (notificacaoid)
    where n.pacienteid = ${pacienteid} order by n.notificacaoid desc limit 1`;
  return n;
}

dbTest("[auth] POST /api/auth/paciente/register", async (t, ctx) => {
  await t.step("creates a portal patient, opens a session and never answers the hash", async () => {
    const cpf = nextCpf();
    const res = await register(ctx, {
      cpf,
      nomecompleto: "Carla  Mendes",
      datanascimento: "1990-05-17",
      email: "carla@exemplo.com",
      telefone: "11987654321",
      contatos: [{ nome: "Mãe", telefone: "11912345678", parentesco: "mãe" }],
    });
    assert.equal(res.status, 201);
    assert.match(res.contentType!, /application\/json/);
    assert.equal(typeof res.body.token, "string");
    assert.equal(res.body.paciente.cpf, cpf);
    assert.equal(res.body.paciente.nomecompleto, "Carla Mendes", "spaces collapse as at the desk");
    assert.equal(res.body.paciente.origem, "Portal");
    assert.equal(res.body.paciente.telefone_validado, false);
    assert.equal(res.body.paciente.senhahash, undefined);
    assert.equal(JSON.stringify(res.body).includes("$2"), false);
    const [row] = await ctx.db.sql<{ senhahash: string }>`
      select senhahash from ca_paciente where cpf = ${cpf}`;
    assert.match(row.senhahash, /^\$2[aby]\$/);
    assert.notEqual(row.senhahash, SENHA);
    assert.equal(await ctx.events("paciente.cadastrado"), 1);
    const [ev] = await ctx.db.sql<{ actor_tipo: string; after: Record<string, unknown> }>`
      select actor_tipo, after from ca_evento where kind = 'paciente.cadastrado'`;
    assert.equal(ev.actor_tipo, "paciente");
    assert.equal("senhahash" in ev.after, false);
    const me = await ctx.req("GET", "/api/auth/paciente/me", { token: res.body.token });
    assert.equal(me.status, 200);
  });

  const invalid: [string, Record<string, unknown>, string][] = [
    ["a CPF with wrong check digits", { cpf: "52998224726" }, "cpf"],
    ["a password shorter than 6", { senha: "12345" }, "senha"],
    ["a single-word name", { nomecompleto: "Carla" }, "nomecompleto"],
    ["more than 3 contacts", {
      contatos: Array(4).fill({ nome: "Irmão", telefone: "11912345678" }),
    }, "contatos"],
    ["a malformed phone", { telefone: "123" }, "telefone"],
    ["a birth date in the future", { datanascimento: tomorrow() }, "datanascimento"],
    ["a birth date before 1900", { datanascimento: "1899-12-31" }, "datanascimento"],
    ["a birth date that does not exist", { datanascimento: "2023-02-29" }, "datanascimento"],
    ["a birth date not in AAAA-MM-DD", { datanascimento: "17/05/1990" }, "datanascimento"],
  ];
  for (const [what, patch, path] of invalid) {
    await t.step(`answers 400 for ${what} and creates nothing`, async () => {
      const before = await snapshot(ctx);
      const res = await register(ctx, patch);
      assert.equal(res.status, 400);
      assert.match(res.contentType!, /application\/json/);
      assert.equal(res.body.error.code, "entrada_invalida");
      const paths = res.body.error.details.map((d: { path: string }) => d.path);
      assert.ok(paths.includes(path), JSON.stringify(res.body.error.details));
      assert.deepEqual(await snapshot(ctx), before);
    });
  }

  await t.step("says why a birth date is refused", async () => {
    for (
      const [sent, message] of [
        [tomorrow(), "Data de nascimento no futuro."],
        ["1899-12-31", "Data de nascimento anterior a 1900."],
      ]
    ) {
      const res = await register(ctx, { datanascimento: sent });
      assert.equal(res.status, 400);
      const issue = res.body.error.details.find((d: { path: string }) =>
        d.path === "datanascimento"
      );
      assert.equal(issue.message, message);
    }
  });

  await t.step("accepts a baby born today", async () => {
    const today = Temporal.Now.plainDateISO("America/Sao_Paulo").toString();
    const res = await register(ctx, { datanascimento: today });
    assert.equal(res.status, 201);
    assert.equal(res.body.paciente.datanascimento, today);
  });

  await t.step("answers 409 cpf_cadastrado for a CPF that already has a login", async () => {
    const cpf = nextCpf();
    assert.equal((await register(ctx, { cpf })).status, 201);
    const before = await snapshot(ctx);
    const res = await register(ctx, { cpf, senha: "outrasenha" });
    assert.equal(res.status, 409);
    assert.equal(res.body.error.code, "cpf_cadastrado");
    assert.deepEqual(await snapshot(ctx), before);
    const login = await ctx.req("POST", "/api/auth/paciente/login", {
      body: { cpf, senha: "outrasenha" },
    });
    assert.equal(login.status, 401, "the first password still rules");
  });

  await t.step(
    "CPF + birth date alone do not claim a desk record: a code goes to the phone on file",
    async () => {
      const desk = await deskPaciente(ctx, "1975-03-09", "11987651234");
      const res = await register(ctx, {
        cpf: desk.cpf,
        datanascimento: "1975-03-09",
        telefone: "21999998888",
      });
      assert.equal(res.status, 422);
      assert.equal(res.body.error.code, "codigo_necessario");
      assert.match(res.body.error.message, /final 1234/);
      const [row] = await ctx.db.sql`
      select senhahash from ca_paciente where pacienteid = ${desk.pacienteid}`;
      assert.equal(row.senhahash, null);
      const sent = await claimCode(ctx, desk.pacienteid);
      assert.equal(
        sent.destino,
        "11987651234",
        "the code goes to the phone on file, never the one sent",
      );
      const sessions = await ctx.db.sql`
      select 1 from ca_sessao_paciente where pacienteid = ${desk.pacienteid}`;
      assert.equal(sessions.length, 0);
    },
  );

  await t.step("a wrong claim code answers 422 and claims nothing", async () => {
    const desk = await deskPaciente(ctx, "1975-03-09");
    await register(ctx, { cpf: desk.cpf, datanascimento: "1975-03-09" });
    const { codigo } = await claimCode(ctx, desk.pacienteid);
    const wrong = codigo === "0000" ? "1111" : "0000";
    const res = await register(ctx, { cpf: desk.cpf, datanascimento: "1975-03-09", codigo: wrong });
    assert.equal(res.status, 422);
    assert.equal(res.body.error.code, "codigo_incorreto");
    const [row] = await ctx.db.sql`
      select senhahash from ca_paciente where pacienteid = ${desk.pacienteid}`;
    assert.equal(row.senhahash, null);
  });

  await t.step("a desk record without a phone is claimed at the unidade", async () => {
    const desk = await deskPaciente(ctx, "1975-03-09", null);
    const before = await snapshot(ctx);
    const res = await register(ctx, { cpf: desk.cpf, datanascimento: "1975-03-09" });
    assert.equal(res.status, 409);
    assert.equal(res.body.error.code, "ativacao_na_unidade");
    assert.deepEqual(await snapshot(ctx), before);
  });

  await t.step(
    "claims a desk record with the birth date and the code sent to its phone",
    async () => {
      const desk = await deskPaciente(ctx, "1975-03-09");
      const first = await register(ctx, { cpf: desk.cpf, datanascimento: "1975-03-09" });
      assert.equal(first.status, 422);
      const { codigo } = await claimCode(ctx, desk.pacienteid);
      const res = await register(ctx, { cpf: desk.cpf, datanascimento: "1975-03-09", codigo });
      assert.equal(res.status, 201, JSON.stringify(res.body));
      assert.equal(res.body.paciente.pacienteid, desk.pacienteid);
      assert.equal(res.body.paciente.origem, "ADM");
      assert.equal(await ctx.events("paciente.acesso_portal_ativado"), 1);
      const [{ n }] = await ctx.db.sql<{ n: number }>`
      select count(*)::int as n from ca_paciente where cpf = ${desk.cpf}`;
      assert.equal(n, 1);
      const again = await register(ctx, { cpf: desk.cpf, datanascimento: "1975-03-09" });
      assert.equal(again.status, 409, "a record is claimed once");
      assert.equal(again.body.error.code, "cpf_cadastrado");
    },
  );

  for (
    const [what, onFile, sent] of [
      ["a wrong birth date", "1975-03-09", "1975-03-10"],
      ["no birth date sent", "1975-03-09", undefined],
      ["no birth date on file", null, "1975-03-09"],
    ] as const
  ) {
    await t.step(`refuses to claim a desk record with ${what}`, async () => {
      const desk = await deskPaciente(ctx, onFile);
      const before = await snapshot(ctx);
      const res = await register(ctx, { cpf: desk.cpf, datanascimento: sent });
      assert.equal(res.status, 409);
      assert.equal(res.body.error.code, "cpf_cadastrado");
      assert.deepEqual(await snapshot(ctx), before);
      const [row] = await ctx.db.sql`
        select senhahash from ca_paciente where pacienteid = ${desk.pacienteid}`;
      assert.equal(row.senhahash, null);
    });
  }
});

dbTest("[auth] POST /api/auth/paciente/login", async (t, ctx) => {
  const p = await ctx.paciente();
  const login = (cpf: string, senha: string) =>
    ctx.req("POST", "/api/auth/paciente/login", { body: { cpf, senha } });

  await t.step("answers a token and the patient, with punctuation in the CPF", async () => {
    const formatted = `${p.cpf.slice(0, 3)}.${p.cpf.slice(3, 6)}.${p.cpf.slice(6, 9)}-${
      p.cpf.slice(9)
    }`;
    const res = await login(formatted, SENHA);
    assert.equal(res.status, 200);
    assert.match(res.contentType!, /application\/json/);
    assert.equal(typeof res.body.token, "string");
    assert.equal(res.body.paciente.pacienteid, p.pacienteid);
    assert.equal(res.body.paciente.senhahash, undefined);
    assert.ok(await ctx.events("auth.sessao_paciente_iniciada") >= 2);
  });

  await t.step("refuses a wrong password and an unknown CPF with 401, no session", async () => {
    const before = await snapshot(ctx);
    const wrong = await login(p.cpf, "errada1");
    assert.equal(wrong.status, 401);
    assert.equal(wrong.body.error.code, "credenciais_invalidas");
    const unknown = await login(nextCpf(), SENHA);
    assert.equal(unknown.status, 401);
    assert.equal(unknown.body.error.code, "credenciais_invalidas");
    assert.deepEqual(await snapshot(ctx), before);
  });

  await t.step("a desk patient without password cannot log in", async () => {
    const desk = await deskPaciente(ctx, "1980-01-01");
    const res = await login(desk.cpf, "qualquer");
    assert.equal(res.status, 401);
    assert.equal(res.body.error.code, "credenciais_invalidas");
  });

  await t.step("answers 400 for a malformed CPF", async () => {
    const res = await login("123", SENHA);
    assert.equal(res.status, 400);
    assert.equal(res.body.error.code, "entrada_invalida");
  });

  await t.step("locks the CPF with 429 after 5 wrong passwords, even the right one", async () => {
    const other = await ctx.paciente();
    for (let i = 0; i < 4; i++) assert.equal((await login(other.cpf, "errada1")).status, 401);
    const fifth = await login(other.cpf, "errada1");
    assert.equal(fifth.status, 401);
    const res = await login(other.cpf, SENHA);
    assert.equal(res.status, 429);
    assert.equal(res.body.error.code, "muitas_tentativas");
    assert.ok(Number(res.headers.get("retry-after")) > 0);
    assert.equal((await login(p.cpf, SENHA)).status, 200, "other CPFs are not locked");
  });

  await t.step("an inactive patient cannot log in", async () => {
    const other = await ctx.paciente();
    await ctx.db
      .sql`update ca_paciente set status = 'Inativo' where pacienteid = ${other.pacienteid}`;
    const res = await login(other.cpf, SENHA);
    assert.equal(res.status, 401);
    assert.equal(res.body.error.code, "paciente_inativo");
    const me = await ctx.req("GET", "/api/auth/paciente/me", { token: other.token });
    assert.equal(me.status, 401, "an open session dies with the inactivation");
  });
});

dbTest("[auth] GET /api/auth/paciente/me and POST /logout", async (t, ctx) => {
  const p = await ctx.paciente();

  await t.step("me answers the patient's own data without the hash", async () => {
    await ctx.db.sql`insert into ca_tiposlot (nome) values ('Normal')`;
    await ctx.db.sql`insert into ca_paciente_tiposlot (pacienteid, tiposlotid)
                     select ${p.pacienteid}, tiposlotid from ca_tiposlot`;
    const res = await ctx.req("GET", "/api/auth/paciente/me", { token: p.token });
    assert.equal(res.status, 200);
    assert.match(res.contentType!, /application\/json/);
    assert.equal(res.body.pacienteid, p.pacienteid);
    assert.equal(res.body.cpf, p.cpf);
    assert.equal("senhahash" in res.body, false);
    assert.deepEqual(res.body.tipos_slot.map((x: { nome: string }) => x.nome), ["Normal"]);
  });

  await t.step("logout revokes only that session and writes the event", async () => {
    const second = await ctx.req("POST", "/api/auth/paciente/login", {
      body: { cpf: p.cpf, senha: SENHA },
    });
    const res = await ctx.req("POST", "/api/auth/paciente/logout", { token: p.token });
    assert.equal(res.status, 200);
    assert.deepEqual(res.body, { ok: true });
    const me = await ctx.req("GET", "/api/auth/paciente/me", { token: p.token });
    assert.equal(me.status, 401);
    assert.equal(me.body.error.code, "sessao_revogada");
    const other = await ctx.req("GET", "/api/auth/paciente/me", { token: second.body.token });
    assert.equal(other.status, 200);
    assert.equal(await ctx.events("auth.sessao_paciente_encerrada"), 1);
    const again = await ctx.req("POST", "/api/auth/paciente/logout", { token: p.token });
    assert.equal(again.status, 401);
  });
});

dbTest("[auth] POST /api/auth/paciente/telefone/enviar-codigo and /confirmar", async (t, ctx) => {
  const p = await ctx.paciente();
  const enviar = (body: unknown = {}) =>
    ctx.req("POST", "/api/auth/paciente/telefone/enviar-codigo", { token: p.token, body });
  const confirmar = (codigo: string) =>
    ctx.req("POST", "/api/auth/paciente/telefone/confirmar", { token: p.token, body: { codigo } });
  const ultimoCodigo = async () => {
    const [n] = await ctx.db.sql<{ codigo: string; canal: string; destino: string }>`
      select (select s.valores from ca_notificacao_segredo s where s.notificacaoid = ca_notificacao.notificacaoid)->>'codigo' as codigo, canal, destino from ca_notificacao
      where pacienteid = ${p.pacienteid} order by notificacaoid desc limit 1`;
    return n;
  };
  const semCooldown = () =>
    ctx.db.sql`update ca_paciente_validacao set created_at = created_at - interval '61 seconds'
               where pacienteid = ${p.pacienteid}`;
  const errado = (c: string) => c.split("").map((d) => String((Number(d) + 1) % 10)).join("");

  await t.step("answers 422 telefone_ausente without a phone on file or in the body", async () => {
    const res = await enviar();
    assert.equal(res.status, 422);
    assert.equal(res.body.error.code, "telefone_ausente");
  });

  await t.step("sends a 4-digit WhatsApp code through the outbox", async () => {
    const res = await enviar({ telefone: "(11) 98765-4321" });
    assert.equal(res.status, 200);
    assert.match(res.contentType!, /application\/json/);
    assert.equal(res.body.canal, "whatsapp");
    assert.equal(res.body.digitos, 4);
    const n = await ultimoCodigo();
    assert.equal(n.canal, "whatsapp");
    assert.equal(n.destino, "11987654321");
    assert.match(n.codigo, /^\d{4}$/);
    assert.equal(JSON.stringify(res.body).includes(n.codigo), false);
    assert.equal(await ctx.events("paciente.codigo_enviado"), 1);
  });

  await t.step("answers 429 with Retry-After within the cooldown", async () => {
    const before = await snapshot(ctx);
    const res = await enviar({ telefone: "11987654321" });
    assert.equal(res.status, 429);
    assert.equal(res.body.error.code, "aguarde_reenvio");
    assert.ok(Number(res.headers.get("retry-after")) > 0);
    assert.deepEqual(await snapshot(ctx), before);
  });

  await t.step("answers 400 for a code that is not 4 digits", async () => {
    const res = await confirmar("12345");
    assert.equal(res.status, 400);
    assert.equal(res.body.error.code, "entrada_invalida");
  });

  await t.step("counts wrong codes; the third one exhausts the code", async () => {
    const { codigo } = await ultimoCodigo();
    const first = await confirmar(errado(codigo));
    assert.equal(first.status, 422);
    assert.equal(first.body.error.code, "codigo_incorreto");
    assert.equal(first.body.error.details.tentativas_restantes, 2);
    assert.equal((await confirmar(errado(codigo))).body.error.details.tentativas_restantes, 1);
    const third = await confirmar(errado(codigo));
    assert.equal(third.body.error.code, "tentativas_esgotadas");
    const right = await confirmar(codigo);
    assert.equal(right.status, 422);
    assert.equal(right.body.error.code, "tentativas_esgotadas");
  });

  await t.step("answers 422 codigo_expirado after 5 minutes, changing nothing", async () => {
    await semCooldown();
    assert.equal((await enviar({ telefone: "11987654321" })).status, 200);
    const { codigo } = await ultimoCodigo();
    await ctx.db.sql`update ca_paciente_validacao set expires_at = now() - interval '1 second'
                     where pacienteid = ${p.pacienteid} and consumed_at is null`;
    const before = await snapshot(ctx);
    const res = await confirmar(codigo);
    assert.equal(res.status, 422);
    assert.equal(res.body.error.code, "codigo_expirado");
    assert.deepEqual(await snapshot(ctx), before);
  });

  await t.step("the right code sets the phone and telefone_validado", async () => {
    await semCooldown();
    assert.equal((await enviar({ telefone: "21987650000" })).status, 200);
    const { codigo } = await ultimoCodigo();
    const res = await confirmar(codigo);
    assert.equal(res.status, 200);
    assert.deepEqual(res.body, { validado: true, telefone: "21987650000" });
    const [row] = await ctx.db.sql`
      select telefone, telefone_validado from ca_paciente where pacienteid = ${p.pacienteid}`;
    assert.deepEqual({ ...row }, { telefone: "21987650000", telefone_validado: true });
    assert.equal(await ctx.events("paciente.telefone_validado"), 1);
    const again = await confirmar(codigo);
    assert.equal(again.body.error.code, "codigo_inexistente");
  });

  await t.step("a staff token is refused on the portal OTP routes", async () => {
    const token = await ctx.login("operador");
    const res = await ctx.req("POST", "/api/auth/paciente/telefone/enviar-codigo", {
      token,
      body: { telefone: "11987654321" },
    });
    assert.equal(res.status, 403);
  });
});

dbTest("[auth] a paciente token reaches only its own data", async (t, ctx) => {
  const a = await ctx.paciente();
  const b = await ctx.paciente();

  await t.step("me answers only the token's own patient", async () => {
    const res = await ctx.req("GET", "/api/auth/paciente/me", { token: a.token });
    assert.equal(res.body.pacienteid, a.pacienteid);
    assert.equal(JSON.stringify(res.body).includes(b.cpf), false);
  });

  await t.step("another patient's code cannot validate this patient's phone", async () => {
    await ctx.req("POST", "/api/auth/paciente/telefone/enviar-codigo", {
      token: b.token,
      body: { telefone: "11987654321" },
    });
    const [n] = await ctx.db.sql<{ codigo: string }>`
      select (select s.valores from ca_notificacao_segredo s where s.notificacaoid = ca_notificacao.notificacaoid)->>'codigo' as codigo from ca_notificacao where pacienteid = ${b.pacienteid}`;
    const res = await ctx.req("POST", "/api/auth/paciente/telefone/confirmar", {
      token: a.token,
      body: { codigo: n.codigo },
    });
    assert.equal(res.status, 422);
    assert.equal(res.body.error.code, "codigo_inexistente");
  });

  await t.step("a token re-signed for another subject with the same jti is refused", async () => {
    const [s] = await ctx.db.sql<{ jti: string }>`
      select jti from ca_sessao_paciente where pacienteid = ${a.pacienteid} limit 1`;
    const forged = await signToken(ctx.deps.jwtKey, "paciente", b.pacienteid, s.jti);
    const res = await ctx.req("GET", "/api/auth/paciente/me", { token: forged });
    assert.equal(res.status, 401);
    assert.equal(res.body.error.code, "sessao_revogada");
  });

  await t.step("a paciente session cannot pose as an admin with the same subject", async () => {
    const [s] = await ctx.db.sql<{ jti: string }>`
      select jti from ca_sessao_paciente where pacienteid = ${a.pacienteid} limit 1`;
    const forged = await signToken(ctx.deps.jwtKey, "admin", a.pacienteid, s.jti);
    const res = await ctx.req("GET", "/api/pacientes", { token: forged });
    assert.equal(res.status, 401);
  });
});
