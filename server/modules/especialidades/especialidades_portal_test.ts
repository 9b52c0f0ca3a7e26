/** The portal's reads of /api/especialidades: a paciente token sees active rows, reduced. */
import { strict as assert } from "node:assert";
import { dbTest } from "../../testing/harness.ts";
import { EspecialidadePortal, EspecialidadePortalList } from "./schemas.ts";

const BASE = "/api/especialidades";

dbTest("[especialidades] GET /api/especialidades with a paciente token", async (t, ctx) => {
  const [pedi] = await ctx.db.sql<{ id: number }>`
    insert into ca_especialidade (nome, limitevagas, duracao_minutos)
    values ('Pediatria', 4, 20) returning especialidadeid as id`;
  const [cardio] = await ctx.db.sql<{ id: number }>`
    insert into ca_especialidade (nome, limitevagas) values ('Cardiologia', 6)
    returning especialidadeid as id`;
  const [homeo] = await ctx.db.sql<{ id: number }>`
    insert into ca_especialidade (nome, status) values ('Homeopatia', 'Inativo')
    returning especialidadeid as id`;
  const p = await ctx.paciente();

  await t.step("lists only active especialidades, by name, without configuration", async () => {
    const res = await ctx.req("GET", BASE, { token: p.token });
    assert.equal(res.status, 200);
    assert.match(res.contentType!, /application\/json/);
    const body = EspecialidadePortalList.parse(res.body);
    assert.deepEqual(body, [
      { especialidadeid: cardio.id, nome: "Cardiologia", duracao_minutos: 30 },
      { especialidadeid: pedi.id, nome: "Pediatria", duracao_minutos: 20 },
    ]);
    for (const hidden of ["limitevagas", "cotas", "total_medicos", "status", "created_at"]) {
      assert.equal(hidden in res.body[0], false, hidden);
    }
  });

  await t.step("searches ignoring accents and case", async () => {
    const res = await ctx.req("GET", `${BASE}?search=PEDIÁ`, { token: p.token });
    assert.equal(res.status, 200);
    assert.deepEqual(res.body.map((e: { nome: string }) => e.nome), ["Pediatria"]);
  });

  await t.step("refuses status=Inativo or todos with 403", async () => {
    for (const status of ["Inativo", "todos"]) {
      const res = await ctx.req("GET", `${BASE}?status=${status}`, { token: p.token });
      assert.equal(res.status, 403, status);
      assert.match(res.contentType!, /application\/json/);
      assert.equal(res.body.error.code, "sem_permissao");
    }
    assert.equal((await ctx.req("GET", `${BASE}?status=Ativo`, { token: p.token })).status, 200);
  });

  await t.step("answers 400 for a bad status, as to the staff", async () => {
    const res = await ctx.req("GET", `${BASE}?status=ativo`, { token: p.token });
    assert.equal(res.status, 400);
    assert.equal(res.body.error.code, "entrada_invalida");
  });

  await t.step("GET /:id answers an active one in the portal shape", async () => {
    const res = await ctx.req("GET", `${BASE}/${pedi.id}`, { token: p.token });
    assert.equal(res.status, 200);
    assert.match(res.contentType!, /application\/json/);
    assert.deepEqual(EspecialidadePortal.parse(res.body), {
      especialidadeid: pedi.id,
      nome: "Pediatria",
      duracao_minutos: 20,
    });
  });

  await t.step("GET /:id answers 404 for an inactive one, like an unknown one", async () => {
    for (const id of [homeo.id, 999999]) {
      const res = await ctx.req("GET", `${BASE}/${id}`, { token: p.token });
      assert.equal(res.status, 404, String(id));
      assert.equal(res.body.error.code, "nao_encontrado");
    }
  });

  await t.step("GET /:id answers 400 for a malformed id", async () => {
    for (const bad of ["abc", "0", "1e3", "true", "1.5", "99999999999"]) {
      const res = await ctx.req("GET", `${BASE}/${bad}`, { token: p.token });
      assert.equal(res.status, 400, bad);
      assert.equal(res.body.error.code, "entrada_invalida");
    }
  });

  await t.step("the staff still read every field and inactive rows", async () => {
    const token = await ctx.login("visualizador");
    const res = await ctx.req("GET", `${BASE}?status=todos`, { token });
    assert.equal(res.status, 200);
    assert.equal(res.body.length, 3);
    assert.equal(typeof res.body[0].limitevagas, "number");
    const one = await ctx.req("GET", `${BASE}/${homeo.id}`, { token });
    assert.equal(one.status, 200);
    assert.equal(one.body.status, "Inativo");
  });

  await t.step("cotas and every write stay closed to a paciente, changing nothing", async () => {
    const before = await ctx.db.sql`select * from ca_especialidade order by especialidadeid`;
    const events = await ctx.events();
    const calls: [string, string, unknown?][] = [
      ["GET", `${BASE}/${pedi.id}/cotas`],
      ["POST", `${BASE}/${pedi.id}/cotas`, []],
      ["POST", BASE, { nome: "Dermatologia", limitevagas: 2 }],
      ["PUT", `${BASE}/${pedi.id}`, { nome: "Pediatria Geral" }],
      ["DELETE", `${BASE}/${pedi.id}`],
      ["PATCH", `${BASE}/${homeo.id}/reativar`],
    ];
    for (const [method, path, body] of calls) {
      const res = await ctx.req(method, path, { token: p.token, body });
      assert.equal(res.status, 403, `${method} ${path}`);
      assert.equal(res.body.error.code, "sem_permissao");
    }
    assert.deepEqual(
      await ctx.db.sql`select * from ca_especialidade order by especialidadeid`,
      before,
    );
    assert.equal(await ctx.events(), events);
  });
});
