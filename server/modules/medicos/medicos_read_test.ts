import { strict as assert } from "node:assert";
import { dbTest } from "../../testing/harness.ts";
import { Medico } from "./schemas.ts";
import { BANCO, createMedico, seedRefs } from "../../testing/fixtures/medicos.ts";

dbTest("[medicos] GET /api/medicos", async (t, ctx) => {
  const refs = await seedRefs(ctx);
  const joao = await createMedico(ctx, refs, {
    nomecompleto: "João da Silva",
    crm: "4455",
    dadosbancarios: BANCO,
  });
  const maria = await createMedico(ctx, refs, {
    nomecompleto: "Maria Souza",
    crm: "987654",
    especialidades: [refs.pediatria],
    unidadeid: null,
  });
  const joana = await createMedico(ctx, refs, {
    nomecompleto: "Joana Prado_X",
    crm: "445566",
    especialidades: [refs.cardio, refs.pediatria],
  });
  const ger = await ctx.login("gerenciador");
  assert.equal((await ctx.req("DELETE", `/api/medicos/${joana}`, { token: ger })).status, 200);
  const token = await ctx.login("visualizador");
  const ids = (res: { body: { items: { medicoid: number }[] } }) =>
    res.body.items.map((m) => m.medicoid);

  await t.step("lists active médicos by name with their especialidades, paginated", async () => {
    const res = await ctx.req("GET", "/api/medicos", { token });
    assert.equal(res.status, 200);
    assert.match(res.contentType!, /application\/json/);
    assert.deepEqual(ids(res), [joao, maria]);
    assert.equal(res.body.total, 2);
    assert.equal(res.body.page, 1);
    assert.equal(res.body.limit, 50);
    assert.deepEqual(res.body.items[1].especialidades, [
      { especialidadeid: refs.pediatria, nome: "Pediatria", status: "Ativo" },
    ]);
    const page2 = await ctx.req("GET", "/api/medicos?limit=1&page=2", { token });
    assert.deepEqual(ids(page2), [maria]);
    assert.equal(page2.body.total, 2);
  });

  await t.step("filters by status Inativo and todos", async () => {
    const inativos = await ctx.req("GET", "/api/medicos?status=Inativo", { token });
    assert.deepEqual(ids(inativos), [joana]);
    const todos = await ctx.req("GET", "/api/medicos?status=todos", { token });
    assert.deepEqual(ids(todos), [joana, joao, maria]);
    assert.equal(todos.body.total, 3);
  });

  await t.step("filters by especialidade and unidade", async () => {
    const ped = await ctx.req(
      "GET",
      `/api/medicos?status=todos&especialidadeid=${refs.pediatria}`,
      {
        token,
      },
    );
    assert.deepEqual(ids(ped), [joana, maria]);
    const uni = await ctx.req("GET", `/api/medicos?unidadeid=${refs.unidade}`, { token });
    assert.deepEqual(ids(uni), [joao]);
  });

  await t.step("searches the name ignoring accents and case, word by word", async () => {
    const res = await ctx.req("GET", "/api/medicos?search=JOAO", { token });
    assert.deepEqual(ids(res), [joao]);
    const words = await ctx.req("GET", `/api/medicos?search=${encodeURIComponent("silva joão")}`, {
      token,
    });
    assert.deepEqual(ids(words), [joao]);
  });

  await t.step("searches the start of the CRM", async () => {
    const res = await ctx.req("GET", "/api/medicos?status=todos&search=4455", { token });
    assert.deepEqual(ids(res), [joana, joao]);
    const exact = await ctx.req("GET", "/api/medicos?search=987654", { token });
    assert.deepEqual(ids(exact), [maria]);
  });

  await t.step("treats % and _ in the search as plain characters", async () => {
    const pct = await ctx.req("GET", "/api/medicos?status=todos&search=%25", { token });
    assert.equal(pct.body.total, 0);
    const und = await ctx.req("GET", "/api/medicos?status=todos&search=_", { token });
    assert.deepEqual(ids(und), [joana]);
  });

  await t.step("answers 400 for malformed filters", async () => {
    for (
      const q of ["status=ativo", "page=0", "limit=500", "especialidadeid=abc", "unidadeid=-1"]
    ) {
      const res = await ctx.req("GET", `/api/medicos?${q}`, { token });
      assert.equal(res.status, 400, q);
      assert.equal(res.body.error.code, "entrada_invalida");
    }
  });

  await t.step("shows bank details in full only to administrador and above", async () => {
    const asVis = await ctx.req("GET", `/api/medicos?search=joao`, { token });
    assert.equal(asVis.body.items[0].dadosbancarios.mascarado, true);
    assert.ok(!JSON.stringify(asVis.body).includes("31415"));
    const admin = await ctx.login("administrador");
    const asAdmin = await ctx.req("GET", `/api/medicos?search=joao`, { token: admin });
    assert.deepEqual(asAdmin.body.items[0].dadosbancarios, BANCO);
  });
});

dbTest("[medicos] GET /api/medicos/:id", async (t, ctx) => {
  const refs = await seedRefs(ctx);
  const id = await createMedico(ctx, refs, { dadosbancarios: BANCO });

  await t.step("answers the médico to any staff role", async () => {
    const res = await ctx.req("GET", `/api/medicos/${id}`, {
      token: await ctx.login("visualizador"),
    });
    assert.equal(res.status, 200);
    assert.match(res.contentType!, /application\/json/);
    const m = Medico.parse(res.body);
    assert.equal(m.medicoid, id);
    assert.equal(m.especialidades[0].nome, "Cardiologia");
    assert.equal(res.body.dadosbancarios.mascarado, true);
  });

  await t.step("answers the bank details to the administrador_master", async () => {
    const res = await ctx.req("GET", `/api/medicos/${id}`, {
      token: await ctx.login("administrador_master"),
    });
    assert.deepEqual(res.body.dadosbancarios, BANCO);
  });

  await t.step("answers 400 for a malformed id and 404 for an unknown one", async () => {
    const token = await ctx.login("visualizador");
    for (const bad of ["abc", "0", "-1", "1.5", "99999999999"]) {
      const res = await ctx.req("GET", `/api/medicos/${bad}`, { token });
      assert.equal(res.status, 400, bad);
      assert.equal(res.body.error.code, "entrada_invalida");
    }
    const res = await ctx.req("GET", "/api/medicos/99999", { token });
    assert.equal(res.status, 404);
    assert.equal(res.body.error.code, "nao_encontrado");
    assert.equal(res.body.error.message, "Médico não encontrado(a).");
  });
});
