import { strict as assert } from "node:assert";
import { dbTest } from "../../testing/harness.ts";
import { Medico } from "./schemas.ts";
import { BANCO, medicoBody, seedRefs, snapshot } from "../../testing/fixtures/medicos.ts";

dbTest("[medicos] POST /api/medicos", async (t, ctx) => {
  const refs = await seedRefs(ctx);
  const token = await ctx.login("gerenciador");

  await t.step("creates the médico with its especialidades and answers 201", async () => {
    const body = medicoBody(refs, {
      crm: "123.456",
      crm_uf: "rj",
      cpf: "529.982.247-25",
      especialidades: [refs.pediatria, refs.cardio, refs.cardio],
      datanascimento: "1980-05-17",
      limitevagas: 4,
      observacoes: "  ",
    });
    const res = await ctx.req("POST", "/api/medicos", { token, body });
    assert.equal(res.status, 201);
    assert.match(res.contentType!, /application\/json/);
    const m = Medico.parse(res.body);
    assert.equal(m.nomecompleto, "Ana Lúcia Conceição");
    assert.equal(m.crm, "123456");
    assert.equal(m.crm_uf, "RJ");
    assert.equal(m.cpf, "52998224725");
    assert.equal(m.telefone, "11987654321");
    assert.equal(m.email, "ana@clinica.com.br");
    assert.equal(m.datanascimento, "1980-05-17");
    assert.equal(m.observacoes, null);
    assert.equal(m.status, "Ativo");
    assert.equal(m.unidade_nome, "UBS Centro");
    assert.equal(m.foto_url, null);
    assert.deepEqual(m.especialidades.map((e) => [e.especialidadeid, e.nome]), [
      [refs.cardio, "Cardiologia"],
      [refs.pediatria, "Pediatria"],
    ]);
    const links = await ctx.db.sql`
      select especialidadeid from ca_medico_especialidade where medicoid = ${m.medicoid}
      order by especialidadeid`;
    assert.deepEqual(links.map((l) => l.especialidadeid), [refs.cardio, refs.pediatria]);
  });

  await t.step("writes medico.criado on the config and medico topics", async () => {
    const [ev] = await ctx.db.sql<{ topics: string[]; entity_id: string; actor_nome: string }>`
      select topics, entity_id, actor_nome from ca_evento where kind = 'medico.criado'`;
    const [m] = await ctx.db.sql`select medicoid from ca_medico`;
    assert.deepEqual(ev.topics, ["config", `medico:${m.medicoid}`]);
    assert.equal(ev.entity_id, String(m.medicoid));
    assert.equal(ev.actor_nome, "Usuário gerenciador");
  });

  await t.step("stores bank details and shows them masked to the gerenciador", async () => {
    const res = await ctx.req("POST", "/api/medicos", {
      token,
      body: medicoBody(refs, { dadosbancarios: BANCO }),
    });
    assert.equal(res.status, 201);
    assert.equal(res.body.dadosbancarios.mascarado, true);
    assert.equal(res.body.dadosbancarios.banco, "Banco do Brasil");
    assert.equal(res.body.dadosbancarios.conta, "•••••-9");
    assert.equal(res.body.dadosbancarios.pix, "•••");
    const [row] = await ctx.db.sql`
      select dadosbancarios from ca_medico where medicoid = ${res.body.medicoid}`;
    assert.deepEqual(row.dadosbancarios, BANCO);
    const [ev] = await ctx.db.sql`
      select after from ca_evento where kind = 'medico.criado' and entity_id = ${
      String(res.body.medicoid)
    }`;
    assert.ok(!JSON.stringify(ev.after).includes("31415"), "no account number in the event log");
  });

  await t.step("answers 400 with every issue for a malformed body", async () => {
    const before = await snapshot(ctx);
    const res = await ctx.req("POST", "/api/medicos", { token, body: { email: "x" } });
    assert.equal(res.status, 400);
    assert.equal(res.body.error.code, "entrada_invalida");
    const paths = res.body.error.details.map((d: { path: string }) => d.path).sort();
    assert.deepEqual(paths, ["crm", "crm_uf", "email", "especialidades", "nomecompleto"]);
    assert.equal(await snapshot(ctx), before);
  });

  const invalid: [string, Record<string, unknown>, string][] = [
    ["a CRM with letters", { crm: "12A45" }, "crm"],
    ["a CRM of 3 digits", { crm: "123" }, "crm"],
    ["a CRM of 8 digits", { crm: "12345678" }, "crm"],
    ["an unknown UF", { crm_uf: "XX" }, "crm_uf"],
    ["a CPF with wrong check digits", { cpf: "52998224724" }, "cpf"],
    ["a phone without DDD", { telefone: "98765-4321" }, "telefone"],
    ["an empty especialidades list", { especialidades: [] }, "especialidades"],
    ["a malformed especialidade id", { especialidades: ["abc"] }, "especialidades.0"],
    ["a malformed unidadeid", { unidadeid: -3 }, "unidadeid"],
    ["a limitevagas of 0", { limitevagas: 0 }, "limitevagas"],
    ["a future birth date", { datanascimento: "2999-01-01" }, "datanascimento"],
    ["an inexistent birth date", { datanascimento: "2001-02-30" }, "datanascimento"],
    ["bank details without conta", { dadosbancarios: { ...BANCO, conta: undefined } }, ""],
    ["an unknown account type", { dadosbancarios: { ...BANCO, tipo: "Investimento" } }, ""],
    ["an unknown field", { status: "Inativo" }, ""],
    ["a one-letter name", { nomecompleto: "A" }, "nomecompleto"],
  ];
  for (const [what, over, path] of invalid) {
    await t.step(`answers 400 for ${what}`, async () => {
      const before = await snapshot(ctx);
      const res = await ctx.req("POST", "/api/medicos", { token, body: medicoBody(refs, over) });
      assert.equal(res.status, 400, JSON.stringify(res.body));
      assert.match(res.contentType!, /application\/json/);
      assert.equal(res.body.error.code, "entrada_invalida");
      if (path) {
        assert.ok(
          res.body.error.details.some((d: { path: string }) => d.path === path),
          JSON.stringify(res.body.error.details),
        );
      }
      assert.equal(await snapshot(ctx), before);
    });
  }

  await t.step("answers 400 json_invalido for a body that is not JSON", async () => {
    const res = await ctx.req("POST", "/api/medicos", {
      token,
      body: "{nope",
      headers: { "content-type": "application/json" },
    });
    assert.equal(res.status, 400);
    assert.equal(res.body.error.code, "json_invalido");
  });

  await t.step(
    "answers 422 especialidade_invalida naming the unknown and inactive ones",
    async () => {
      const before = await snapshot(ctx);
      const res = await ctx.req("POST", "/api/medicos", {
        token,
        body: medicoBody(refs, { especialidades: [refs.cardio, 99999, refs.inativa] }),
      });
      assert.equal(res.status, 422);
      assert.equal(res.body.error.code, "especialidade_invalida");
      assert.match(res.body.error.message, /99999/);
      assert.match(res.body.error.message, /Homeopatia/);
      assert.deepEqual(res.body.error.details.inexistentes, [99999]);
      assert.deepEqual(res.body.error.details.inativas, [
        { especialidadeid: refs.inativa, nome: "Homeopatia" },
      ]);
      assert.equal(await snapshot(ctx), before);
    },
  );

  await t.step("answers 422 unidade_invalida for an unknown or inactive unidade", async () => {
    const before = await snapshot(ctx);
    for (const unidadeid of [99999, refs.unidadeInativa]) {
      const res = await ctx.req("POST", "/api/medicos", {
        token,
        body: medicoBody(refs, { unidadeid }),
      });
      assert.equal(res.status, 422);
      assert.equal(res.body.error.code, "unidade_invalida");
      assert.equal(res.body.error.details.unidadeid, unidadeid);
    }
    assert.equal(await snapshot(ctx), before);
  });

  await t.step("accepts a médico without unidade, CPF or phone", async () => {
    const res = await ctx.req("POST", "/api/medicos", {
      token,
      body: medicoBody(refs, { unidadeid: null, cpf: null, telefone: undefined, email: "" }),
    });
    assert.equal(res.status, 400, "an empty e-mail is not an e-mail");
    const ok = await ctx.req("POST", "/api/medicos", {
      token,
      body: medicoBody(refs, { unidadeid: null, cpf: null, telefone: undefined, email: null }),
    });
    assert.equal(ok.status, 201);
    assert.equal(ok.body.unidadeid, null);
    assert.equal(ok.body.cpf, null);
  });

  await t.step("answers 409 crm_duplicado for the same CRM and UF", async () => {
    await ctx.req("POST", "/api/medicos", {
      token,
      body: medicoBody(refs, { crm: "7654321", crm_uf: "MG" }),
    });
    const before = await snapshot(ctx);
    const res = await ctx.req("POST", "/api/medicos", {
      token,
      body: medicoBody(refs, { crm: "7654321", crm_uf: "mg" }),
    });
    assert.equal(res.status, 409);
    assert.equal(res.body.error.code, "crm_duplicado");
    assert.match(res.body.error.message, /7654321\/MG/);
    assert.equal(await snapshot(ctx), before);
    const otherUf = await ctx.req("POST", "/api/medicos", {
      token,
      body: medicoBody(refs, { crm: "7654321", crm_uf: "BA" }),
    });
    assert.equal(otherUf.status, 201, "the same number in another UF is another CRM");
  });

  await t.step(
    "two racing creations of one CRM: exactly one wins, the other gets 409",
    async () => {
      const [a, b] = await Promise.all([
        ctx.req("POST", "/api/medicos", { token, body: medicoBody(refs, { crm: "31337" }) }),
        ctx.req("POST", "/api/medicos", { token, body: medicoBody(refs, { crm: "31337" }) }),
      ]);
      assert.deepEqual([a.status, b.status].sort(), [201, 409]);
      assert.equal((a.status === 409 ? a : b).body.error.code, "crm_duplicado");
      const [{ n }] = await ctx.db
        .sql`select count(*)::int as n from ca_medico where crm = '31337'`;
      assert.equal(n, 1);
    },
  );

  await t.step("answers 409 cpf_duplicado for a CPF already registered", async () => {
    const cpf = "11144477735";
    assert.equal(
      (await ctx.req("POST", "/api/medicos", { token, body: medicoBody(refs, { cpf }) })).status,
      201,
    );
    const before = await snapshot(ctx);
    const res = await ctx.req("POST", "/api/medicos", {
      token,
      body: medicoBody(refs, { cpf: "111.444.777-35" }),
    });
    assert.equal(res.status, 409);
    assert.equal(res.body.error.code, "cpf_duplicado");
    assert.equal(await snapshot(ctx), before);
  });
});
