import { strict as assert } from "node:assert";
import { dbTest } from "../../testing/harness.ts";
import { Consultorio, ConsultorioList } from "./schemas.ts";
import {
  insertActiveGrade,
  insertConsultorio,
  insertUnidade,
  tableRows,
} from "../../testing/fixtures/consultorios.ts";

dbTest("[consultorios] POST /api/consultorios", async (t, ctx) => {
  const token = await ctx.login("gerenciador");
  const centro = await insertUnidade(ctx, "UBS Centro");
  const jardim = await insertUnidade(ctx, "UBS Jardim");
  const fechada = await insertUnidade(ctx, "UBS Fechada", "Inativo");

  await t.step("creates the consultório (201) and writes consultorio.criado", async () => {
    const res = await ctx.req("POST", "/api/consultorios", {
      token,
      body: { unidadeid: centro, nome: "  Consultório 1 " },
    });
    assert.equal(res.status, 201);
    assert.match(res.contentType!, /application\/json/);
    const body = Consultorio.parse(res.body);
    assert.equal(body.nome, "Consultório 1");
    assert.equal(body.unidadeid, centro);
    assert.equal(body.unidade_nome, "UBS Centro");
    assert.equal(body.status, "Ativo");
    const [ev] = await ctx.db.sql<{ topics: string[]; entity_id: string }>`
      select topics, entity_id from ca_evento where kind = 'consultorio.criado'`;
    assert.deepEqual(ev.topics, ["config", `unidade:${centro}`]);
    assert.equal(ev.entity_id, String(body.consultorioid));
  });

  await t.step("accepts the same name in another unidade", async () => {
    const res = await ctx.req("POST", "/api/consultorios", {
      token,
      body: { unidadeid: jardim, nome: "Consultório 1" },
    });
    assert.equal(res.status, 201);
  });

  await t.step("answers 409 consultorio_duplicado ignoring case and accents", async () => {
    const before = await tableRows(ctx, "ca_consultorio");
    for (const nome of ["CONSULTORIO 1", "consultório 1"]) {
      const res = await ctx.req("POST", "/api/consultorios", {
        token,
        body: { unidadeid: centro, nome },
      });
      assert.equal(res.status, 409, nome);
      assert.match(res.contentType!, /application\/json/);
      assert.equal(res.body.error.code, "consultorio_duplicado");
      assert.equal(res.body.error.details.status, "Ativo");
    }
    assert.deepEqual(await tableRows(ctx, "ca_consultorio"), before);
    assert.equal(await ctx.events("consultorio.criado"), 2);
  });

  await t.step("two operators racing for the same name: exactly one wins", async () => {
    const body = { unidadeid: jardim, nome: "Sala Disputada" };
    const results = await Promise.all([
      ctx.req("POST", "/api/consultorios", { token, body }),
      ctx.req("POST", "/api/consultorios", { token, body: { ...body, nome: "SALA DISPUTADA" } }),
    ]);
    assert.deepEqual(results.map((r) => r.status).sort(), [201, 409]);
    const lost = results.find((r) => r.status === 409)!;
    assert.equal(lost.body.error.code, "consultorio_duplicado");
    const [{ n }] = await ctx.db.sql<{ n: number }>`
      select count(*)::int as n from ca_consultorio where unidadeid = ${jardim}
        and lower(nome) = 'sala disputada'`;
    assert.equal(n, 1);
  });

  await t.step("answers 422 for an inactive or unknown unidade", async () => {
    const before = await tableRows(ctx, "ca_consultorio");
    const inativa = await ctx.req("POST", "/api/consultorios", {
      token,
      body: { unidadeid: fechada, nome: "Sala 9" },
    });
    assert.equal(inativa.status, 422);
    assert.equal(inativa.body.error.code, "unidade_inativa");
    const inexistente = await ctx.req("POST", "/api/consultorios", {
      token,
      body: { unidadeid: 999999, nome: "Sala 9" },
    });
    assert.equal(inexistente.status, 422);
    assert.equal(inexistente.body.error.code, "unidade_inexistente");
    assert.deepEqual(await tableRows(ctx, "ca_consultorio"), before);
  });

  await t.step("answers 400 for each malformed body", async () => {
    const before = await tableRows(ctx, "ca_consultorio");
    const cases: [unknown, string][] = [
      [{ unidadeid: centro }, "nome"],
      [{ unidadeid: centro, nome: "   " }, "nome"],
      [{ unidadeid: centro, nome: "x".repeat(121) }, "nome"],
      [{ nome: "Sala 2" }, "unidadeid"],
      [{ unidadeid: "1", nome: "Sala 2" }, "unidadeid"],
      [{ unidadeid: -4, nome: "Sala 2" }, "unidadeid"],
    ];
    for (const [body, path] of cases) {
      const res = await ctx.req("POST", "/api/consultorios", { token, body });
      assert.equal(res.status, 400, JSON.stringify(body));
      assert.equal(res.body.error.code, "entrada_invalida");
      assert.deepEqual(res.body.error.details.map((d: { path: string }) => d.path), [path]);
    }
    assert.deepEqual(await tableRows(ctx, "ca_consultorio"), before);
  });
});

dbTest("[consultorios] GET /api/consultorios", async (t, ctx) => {
  const token = await ctx.login("visualizador");
  const centro = await insertUnidade(ctx, "UBS Centro");
  const jardim = await insertUnidade(ctx, "UBS Jardim");
  const c1 = await insertConsultorio(ctx, centro, "Consultório Pediátrico");
  await insertConsultorio(ctx, centro, "Sala 2", "Inativo");
  await insertConsultorio(ctx, jardim, "Sala A");

  const names = (body: { nome: string }[]) => body.map((i) => i.nome);

  await t.step("lists the active ones by default", async () => {
    const res = await ctx.req("GET", "/api/consultorios", { token });
    assert.equal(res.status, 200);
    assert.match(res.contentType!, /application\/json/);
    const body = ConsultorioList.parse(res.body);
    assert.deepEqual(names(body), ["Consultório Pediátrico", "Sala A"]);
  });

  await t.step("filters by unidade, status and accent-insensitive search", async () => {
    const todos = await ctx.req("GET", `/api/consultorios?unidadeid=${centro}&status=todos`, {
      token,
    });
    assert.deepEqual(names(todos.body), ["Consultório Pediátrico", "Sala 2"]);
    const inativos = await ctx.req("GET", "/api/consultorios?status=Inativo", { token });
    assert.deepEqual(names(inativos.body), ["Sala 2"]);
    const busca = await ctx.req("GET", "/api/consultorios?search=PEDIATRICO", { token });
    assert.deepEqual(names(busca.body), ["Consultório Pediátrico"]);
    const curinga = await ctx.req("GET", "/api/consultorios?search=%25", { token });
    assert.deepEqual(names(curinga.body), []);
  });

  await t.step("answers 400 for a bad filter", async () => {
    for (const q of ["status=ativo", "unidadeid=abc", "unidadeid=0"]) {
      const res = await ctx.req("GET", `/api/consultorios?${q}`, { token });
      assert.equal(res.status, 400, q);
      assert.equal(res.body.error.code, "entrada_invalida");
    }
  });

  await t.step("GET /:id answers the row, 400 when malformed, 404 when unknown", async () => {
    const ok = await ctx.req("GET", `/api/consultorios/${c1}`, { token });
    assert.equal(ok.status, 200);
    assert.equal(Consultorio.parse(ok.body).nome, "Consultório Pediátrico");
    for (const bad of ["abc", "0", "1.5"]) {
      const res = await ctx.req("GET", `/api/consultorios/${bad}`, { token });
      assert.equal(res.status, 400, bad);
      assert.equal(res.body.error.code, "entrada_invalida");
    }
    const missing = await ctx.req("GET", "/api/consultorios/999999", { token });
    assert.equal(missing.status, 404);
    assert.match(missing.contentType!, /application\/json/);
    assert.equal(missing.body.error.code, "nao_encontrado");
  });
});

dbTest("[consultorios] PUT /api/consultorios/:id", async (t, ctx) => {
  const token = await ctx.login("gerenciador");
  const centro = await insertUnidade(ctx, "UBS Centro");
  const jardim = await insertUnidade(ctx, "UBS Jardim");
  const fechada = await insertUnidade(ctx, "UBS Fechada", "Inativo");
  const sala1 = await insertConsultorio(ctx, centro, "Sala 1");
  await insertConsultorio(ctx, centro, "Sala 2");
  const usada = await insertConsultorio(ctx, centro, "Sala 3");
  await insertActiveGrade(ctx, centro, usada);

  await t.step("renames and writes consultorio.atualizado", async () => {
    const res = await ctx.req("PUT", `/api/consultorios/${sala1}`, {
      token,
      body: { nome: "Sala Um" },
    });
    assert.equal(res.status, 200);
    assert.match(res.contentType!, /application\/json/);
    assert.equal(res.body.nome, "Sala Um");
    const [ev] = await ctx.db.sql<{ before: { nome: string }; after: { nome: string } }>`
      select before, after from ca_evento where kind = 'consultorio.atualizado'`;
    assert.equal(ev.before.nome, "Sala 1");
    assert.equal(ev.after.nome, "Sala Um");
  });

  await t.step("accepts a change of case of its own name", async () => {
    const res = await ctx.req("PUT", `/api/consultorios/${sala1}`, {
      token,
      body: { nome: "SALA UM" },
    });
    assert.equal(res.status, 200);
    assert.equal(res.body.nome, "SALA UM");
  });

  await t.step("answers 409 when the new name exists in the unidade", async () => {
    const before = await tableRows(ctx, "ca_consultorio");
    const res = await ctx.req("PUT", `/api/consultorios/${sala1}`, {
      token,
      body: { nome: "sala 2" },
    });
    assert.equal(res.status, 409);
    assert.equal(res.body.error.code, "consultorio_duplicado");
    assert.deepEqual(await tableRows(ctx, "ca_consultorio"), before);
  });

  await t.step("moves to another active unidade, topics of both", async () => {
    const res = await ctx.req("PUT", `/api/consultorios/${sala1}`, {
      token,
      body: { unidadeid: jardim },
    });
    assert.equal(res.status, 200);
    assert.equal(res.body.unidadeid, jardim);
    assert.equal(res.body.unidade_nome, "UBS Jardim");
    const [ev] = await ctx.db.sql<{ topics: string[] }>`
      select topics from ca_evento where kind = 'consultorio.atualizado' order by id desc limit 1`;
    assert.deepEqual(ev.topics, ["config", `unidade:${centro}`, `unidade:${jardim}`]);
  });

  await t.step(
    "refuses a move while an active grade uses it (409), rename still allowed",
    async () => {
      const before = await tableRows(ctx, "ca_consultorio");
      const res = await ctx.req("PUT", `/api/consultorios/${usada}`, {
        token,
        body: { unidadeid: jardim },
      });
      assert.equal(res.status, 409);
      assert.equal(res.body.error.code, "consultorio_em_uso");
      assert.equal(res.body.error.details.grades.length, 1);
      assert.deepEqual(await tableRows(ctx, "ca_consultorio"), before);
      const rename = await ctx.req("PUT", `/api/consultorios/${usada}`, {
        token,
        body: { nome: "Sala Três" },
      });
      assert.equal(rename.status, 200);
    },
  );

  await t.step("answers 422 for a move to an inactive unidade", async () => {
    const res = await ctx.req("PUT", `/api/consultorios/${sala1}`, {
      token,
      body: { unidadeid: fechada },
    });
    assert.equal(res.status, 422);
    assert.equal(res.body.error.code, "unidade_inativa");
  });

  await t.step(
    "answers 400 for an empty body, 404 for an unknown id, 403 to operador",
    async () => {
      const events = await ctx.events();
      const empty = await ctx.req("PUT", `/api/consultorios/${sala1}`, { token, body: {} });
      assert.equal(empty.status, 400);
      assert.equal(empty.body.error.code, "entrada_invalida");
      const missing = await ctx.req("PUT", "/api/consultorios/999999", {
        token,
        body: { nome: "X" },
      });
      assert.equal(missing.status, 404);
      const op = await ctx.req("PUT", `/api/consultorios/${sala1}`, {
        token: await ctx.login("operador"),
        body: { nome: "X" },
      });
      assert.equal(op.status, 403);
      assert.equal(await ctx.events(), events + 1); // the operador's login only
    },
  );
});

dbTest("[consultorios] DELETE and PATCH /api/consultorios/:id/reativar", async (t, ctx) => {
  const token = await ctx.login("gerenciador");
  const centro = await insertUnidade(ctx, "UBS Centro");
  const sala = await insertConsultorio(ctx, centro, "Sala 1");
  const grade = await insertActiveGrade(ctx, centro, sala);

  await t.step("refuses with 409 consultorio_em_uso listing the active grades", async () => {
    const before = await tableRows(ctx, "ca_consultorio");
    const res = await ctx.req("DELETE", `/api/consultorios/${sala}`, { token });
    assert.equal(res.status, 409);
    assert.match(res.contentType!, /application\/json/);
    assert.equal(res.body.error.code, "consultorio_em_uso");
    assert.deepEqual(
      res.body.error.details.grades.map((g: { gradeagendaid: number }) => g.gradeagendaid),
      [grade],
    );
    assert.match(res.body.error.details.grades[0].medico, /Dra\. Teste/);
    assert.deepEqual(await tableRows(ctx, "ca_consultorio"), before);
    assert.equal(await ctx.events("consultorio.inativado"), 0);
  });

  await t.step("inactivates once the grade is inactive and writes the event", async () => {
    await ctx.db.sql`update ca_gradeagenda set status = 'Inativo' where gradeagendaid = ${grade}`;
    const res = await ctx.req("DELETE", `/api/consultorios/${sala}`, { token });
    assert.equal(res.status, 200);
    assert.equal(res.body.status, "Inativo");
    assert.equal(await ctx.events("consultorio.inativado"), 1);
    const [row] = await ctx.db.sql`select status from ca_consultorio where consultorioid = ${sala}`;
    assert.equal(row.status, "Inativo");
  });

  await t.step("answers 409 when already inactive", async () => {
    const res = await ctx.req("DELETE", `/api/consultorios/${sala}`, { token });
    assert.equal(res.status, 409);
    assert.equal(res.body.error.code, "ja_inativo");
  });

  await t.step("refuses reactivation with 422 while its unidade is inactive", async () => {
    await ctx.db.sql`update ca_unidade set status = 'Inativo' where unidadeid = ${centro}`;
    const res = await ctx.req("PATCH", `/api/consultorios/${sala}/reativar`, { token });
    assert.equal(res.status, 422);
    assert.equal(res.body.error.code, "unidade_inativa");
    const [row] = await ctx.db.sql`select status from ca_consultorio where consultorioid = ${sala}`;
    assert.equal(row.status, "Inativo");
    await ctx.db.sql`update ca_unidade set status = 'Ativo' where unidadeid = ${centro}`;
  });

  await t.step("reactivates, writes the event, then answers 409 when already active", async () => {
    const res = await ctx.req("PATCH", `/api/consultorios/${sala}/reativar`, { token });
    assert.equal(res.status, 200);
    assert.equal(res.body.status, "Ativo");
    assert.equal(await ctx.events("consultorio.reativado"), 1);
    const again = await ctx.req("PATCH", `/api/consultorios/${sala}/reativar`, { token });
    assert.equal(again.status, 409);
    assert.equal(again.body.error.code, "ja_ativo");
  });

  await t.step("answers 400 for a malformed id and 404 for an unknown one", async () => {
    assert.equal((await ctx.req("DELETE", "/api/consultorios/x", { token })).status, 400);
    assert.equal((await ctx.req("DELETE", "/api/consultorios/999999", { token })).status, 404);
    assert.equal(
      (await ctx.req("PATCH", "/api/consultorios/999999/reativar", { token })).status,
      404,
    );
  });
});
