/** The portal's reads of /api/medicos: a paciente token sees active médicos, never private data. */
import { strict as assert } from "node:assert";
import { dbTest } from "../../testing/harness.ts";
import { MedicoPortal, MedicoPortalList } from "./schemas.ts";
import { BANCO, createMedico, seedRefs, snapshot } from "../../testing/fixtures/medicos.ts";

const PRIVATE = [
  "cpf",
  "datanascimento",
  "telefone",
  "email",
  "endereco",
  "dadosbancarios",
  "observacoes",
  "limitevagas",
  "status",
];

dbTest("[medicos] GET /api/medicos with a paciente token", async (t, ctx) => {
  const refs = await seedRefs(ctx);
  const ana = await createMedico(ctx, refs, {
    nomecompleto: "Ana Lúcia Conceição",
    crm: "112233",
    especialidades: [refs.cardio, refs.pediatria],
    dadosbancarios: BANCO,
    observacoes: "Atende só às terças",
  });
  const bruno = await createMedico(ctx, refs, {
    nomecompleto: "Bruno Reis",
    especialidades: [refs.pediatria],
    unidadeid: null,
  });
  const saiu = await createMedico(ctx, refs, { nomecompleto: "Carlos Saiu" });
  const ger = await ctx.login("gerenciador");
  assert.equal((await ctx.req("DELETE", `/api/medicos/${saiu}`, { token: ger })).status, 200);
  // An especialidade inactivated after the link: no longer offered by the portal.
  await ctx.db.sql`insert into ca_medico_especialidade (medicoid, especialidadeid)
                   values (${bruno}, ${refs.inativa})`;
  const p = await ctx.paciente();

  await t.step("lists active médicos with public data only, paginated", async () => {
    const res = await ctx.req("GET", "/api/medicos", { token: p.token });
    assert.equal(res.status, 200);
    assert.match(res.contentType!, /application\/json/);
    const body = MedicoPortalList.parse(res.body);
    assert.deepEqual(body.items.map((m) => m.medicoid), [ana, bruno]);
    assert.equal(body.total, 2);
    assert.equal(body.page, 1);
    const a = body.items[0];
    assert.equal(a.crm, "112233");
    assert.equal(a.crm_uf, "SP");
    assert.equal(a.unidadeid, refs.unidade);
    assert.equal(a.unidade_nome, "UBS Centro");
    assert.deepEqual(a.especialidades.map((e) => e.nome), ["Cardiologia", "Pediatria"]);
    for (const key of PRIVATE) assert.equal(key in res.body.items[0], false, key);
    assert.equal(JSON.stringify(res.body).includes("31415"), false, "no bank account");
  });

  await t.step("offers only the active especialidades of a médico", async () => {
    const res = await ctx.req("GET", `/api/medicos/${bruno}`, { token: p.token });
    assert.equal(res.status, 200);
    assert.deepEqual(MedicoPortal.parse(res.body).especialidades, [
      { especialidadeid: refs.pediatria, nome: "Pediatria" },
    ]);
  });

  await t.step("filters by especialidade, unidade and search like the staff list", async () => {
    const byEsp = await ctx.req("GET", `/api/medicos?especialidadeid=${refs.cardio}`, {
      token: p.token,
    });
    assert.deepEqual(byEsp.body.items.map((m: { medicoid: number }) => m.medicoid), [ana]);
    const byUni = await ctx.req("GET", `/api/medicos?unidadeid=${refs.unidade}`, {
      token: p.token,
    });
    assert.deepEqual(byUni.body.items.map((m: { medicoid: number }) => m.medicoid), [ana]);
    const bySearch = await ctx.req("GET", "/api/medicos?search=bruno", { token: p.token });
    assert.deepEqual(bySearch.body.items.map((m: { medicoid: number }) => m.medicoid), [bruno]);
  });

  await t.step("refuses status=Inativo or todos (403) and malformed filters (400)", async () => {
    for (const status of ["Inativo", "todos"]) {
      const res = await ctx.req("GET", `/api/medicos?status=${status}`, { token: p.token });
      assert.equal(res.status, 403, status);
      assert.equal(res.body.error.code, "sem_permissao");
    }
    for (const q of ["especialidadeid=abc", "especialidadeid=1e3", "unidadeid=true", "limit=0"]) {
      const res = await ctx.req("GET", `/api/medicos?${q}`, { token: p.token });
      assert.equal(res.status, 400, q);
      assert.equal(res.body.error.code, "entrada_invalida");
    }
  });

  await t.step("GET /:id answers 404 for an inactive or unknown médico", async () => {
    for (const id of [saiu, 999999]) {
      const res = await ctx.req("GET", `/api/medicos/${id}`, { token: p.token });
      assert.equal(res.status, 404, String(id));
      assert.equal(res.body.error.message, "Médico não encontrado(a).");
    }
  });

  await t.step("every write and the photo upload stay closed to a paciente", async () => {
    const before = await snapshot(ctx);
    const calls: [string, string, unknown?][] = [
      ["POST", "/api/medicos", { nomecompleto: "X Y" }],
      ["PUT", `/api/medicos/${ana}`, { nomecompleto: "X Y" }],
      ["DELETE", `/api/medicos/${ana}`],
      ["PATCH", `/api/medicos/${saiu}/reativar`],
      ["DELETE", `/api/upload/medico/${ana}/foto`],
    ];
    for (const [method, path, body] of calls) {
      const res = await ctx.req(method, path, { token: p.token, body });
      assert.equal(res.status, 403, `${method} ${path}`);
    }
    assert.equal(await snapshot(ctx), before);
  });
});
