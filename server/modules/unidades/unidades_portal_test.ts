/** The portal's reads of /api/unidades: a paciente token sees active unidades, reduced. */
import { strict as assert } from "node:assert";
import { dbTest } from "../../testing/harness.ts";
import { insertConsultorio } from "../../testing/fixtures/consultorios.ts";
import { UnidadePortal, UnidadePortalList } from "./schemas.ts";

dbTest("[unidades] GET /api/unidades with a paciente token", async (t, ctx) => {
  const [sj] = await ctx.db.sql<{ unidadeid: number }>`
    insert into ca_unidade (nome, tipo, logradouro, numero, bairro, cidade, uf, cep, telefone,
                            horarios_por_dia, dias_funcionamento, buffer_minutes)
    values ('Unidade São João', 'Clínica', 'Rua das Flores', '100', 'Centro', 'Barueri', 'SP',
            '06401000', '1141990000', '{"2": {"abertura": "09:00", "fechamento": "15:00"}}',
            '{2}', 5)
    returning unidadeid`;
  const [hosp] = await ctx.db.sql<{ unidadeid: number }>`
    insert into ca_unidade (nome, tipo, cidade, horario_abertura, horario_fechamento)
    values ('Hospital Central', 'Hospital', 'Barueri', '07:00', '22:00') returning unidadeid`;
  const [velho] = await ctx.db.sql<{ unidadeid: number }>`
    insert into ca_unidade (nome, tipo, status) values ('Posto Antigo', 'Outro', 'Inativo')
    returning unidadeid`;
  await insertConsultorio(ctx, sj.unidadeid, "Sala 1");
  const p = await ctx.paciente();

  await t.step("lists active unidades with address and hours, no internal settings", async () => {
    const res = await ctx.req("GET", "/api/unidades", { token: p.token });
    assert.equal(res.status, 200);
    assert.match(res.contentType!, /application\/json/);
    const body = UnidadePortalList.parse(res.body);
    assert.deepEqual(body.map((u) => u.unidadeid), [hosp.unidadeid, sj.unidadeid]);
    const u = body[1];
    assert.equal(u.logradouro, "Rua das Flores");
    assert.equal(u.cep, "06401000");
    assert.equal(u.telefone, "1141990000");
    assert.deepEqual(u.horarios["2"], { abertura: "09:00", fechamento: "15:00" });
    assert.equal(u.horarios["1"], null);
    assert.deepEqual(body[0].horarios["1"], { abertura: "07:00", fechamento: "22:00" });
    for (
      const hidden of [
        "consultorios",
        "buffer_minutes",
        "buffer_minutes_efetivo",
        "realocacao_automatica",
        "status",
        "horarios_por_dia",
      ]
    ) {
      assert.equal(hidden in res.body[1], false, hidden);
    }
  });

  await t.step("filters by tipo, cidade and search like the staff list", async () => {
    const res = await ctx.req("GET", "/api/unidades?tipo=Hospital&cidade=barueri", {
      token: p.token,
    });
    assert.equal(res.status, 200);
    assert.deepEqual(res.body.map((u: { nome: string }) => u.nome), ["Hospital Central"]);
    const s = await ctx.req("GET", "/api/unidades?search=sao joao", { token: p.token });
    assert.deepEqual(s.body.map((u: { nome: string }) => u.nome), ["Unidade São João"]);
  });

  await t.step("refuses status=Inativo or todos with 403 and a bad tipo with 400", async () => {
    for (const status of ["Inativo", "todos"]) {
      const res = await ctx.req("GET", `/api/unidades?status=${status}`, { token: p.token });
      assert.equal(res.status, 403, status);
      assert.equal(res.body.error.code, "sem_permissao");
    }
    const bad = await ctx.req("GET", "/api/unidades?tipo=Castelo", { token: p.token });
    assert.equal(bad.status, 400);
    assert.equal(bad.body.error.code, "entrada_invalida");
  });

  await t.step("GET /:id answers an active unidade in the portal shape", async () => {
    const res = await ctx.req("GET", `/api/unidades/${sj.unidadeid}`, { token: p.token });
    assert.equal(res.status, 200);
    assert.match(res.contentType!, /application\/json/);
    const u = UnidadePortal.parse(res.body);
    assert.equal(u.nome, "Unidade São João");
    assert.equal(u.timezone, "America/Sao_Paulo");
  });

  await t.step("GET /:id answers 404 for an inactive or unknown one, 400 malformed", async () => {
    for (const id of [velho.unidadeid, 999999]) {
      const res = await ctx.req("GET", `/api/unidades/${id}`, { token: p.token });
      assert.equal(res.status, 404, String(id));
      assert.equal(res.body.error.code, "nao_encontrado");
    }
    for (const bad of ["x", "1e3", "-4"]) {
      const res = await ctx.req("GET", `/api/unidades/${bad}`, { token: p.token });
      assert.equal(res.status, 400, bad);
    }
  });

  await t.step("every write and the consultórios stay closed to a paciente", async () => {
    const before = await ctx.db.sql`select * from ca_unidade order by unidadeid`;
    const events = await ctx.events();
    const calls: [string, string, unknown?][] = [
      ["POST", "/api/unidades", { nome: "UBS Nova", tipo: "Clínica" }],
      ["PUT", `/api/unidades/${sj.unidadeid}`, { nome: "Outro nome" }],
      ["DELETE", `/api/unidades/${sj.unidadeid}`],
      ["PATCH", `/api/unidades/${velho.unidadeid}/reativar`],
      ["GET", "/api/consultorios"],
      ["GET", `/api/consultorios?unidadeid=${sj.unidadeid}`],
    ];
    for (const [method, path, body] of calls) {
      const res = await ctx.req(method, path, { token: p.token, body });
      assert.equal(res.status, 403, `${method} ${path}`);
    }
    assert.deepEqual(await ctx.db.sql`select * from ca_unidade order by unidadeid`, before);
    assert.equal(await ctx.events(), events);
  });
});
