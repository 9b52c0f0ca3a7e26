import { strict as assert } from "node:assert";
import { dbTest } from "../../testing/harness.ts";
import { PacienteList, PacienteSearchResponse } from "./schemas.ts";
import { criarPaciente } from "../../testing/fixtures/pacientes.ts";

dbTest("[pacientes] GET /api/pacientes pages", async (t, ctx) => {
  const token = await ctx.login("visualizador");
  await ctx.db.sql`
    insert into ca_paciente (nomecompleto, cpf)
    select 'Lote Paciente ' || lpad(i::text, 3, '0'), lpad(i::text, 11, '0')
    from generate_series(1, 12) as i`;
  const list = (query: string) => ctx.req("GET", `/api/pacientes${query}`, { token });
  const nomes = (body: { items: { nomecompleto: string }[] }) =>
    body.items.map((p) => p.nomecompleto.slice(-3));

  await t.step("page 1 is the default and is said in the answer", async () => {
    const res = await list("?limit=5");
    assert.equal(res.status, 200);
    assert.match(res.contentType!, /application\/json/);
    const body = PacienteList.parse(res.body);
    assert.deepEqual({ total: body.total, page: body.page, limit: body.limit }, {
      total: 12,
      page: 1,
      limit: 5,
    });
    assert.deepEqual(nomes(body), ["001", "002", "003", "004", "005"]);
  });

  await t.step("the next pages follow the same order, the last one partial", async () => {
    assert.deepEqual(nomes((await list("?limit=5&page=2")).body), [
      "006",
      "007",
      "008",
      "009",
      "010",
    ]);
    const last = await list("?limit=5&page=3");
    assert.deepEqual(nomes(last.body), ["011", "012"]);
    assert.equal(last.body.total, 12);
  });

  await t.step("a page past the end is empty but keeps the total", async () => {
    const res = await list("?limit=5&page=9");
    assert.equal(res.status, 200);
    assert.deepEqual(res.body.items, []);
    assert.equal(res.body.total, 12);
    assert.equal(res.body.page, 9);
  });

  await t.step("answers 400 for a malformed page", async () => {
    for (const q of ["?page=0", "?page=-1", "?page=1.5", "?page=abc"]) {
      const res = await list(q);
      assert.equal(res.status, 400, q);
      assert.equal(res.body.error.code, "entrada_invalida");
    }
  });
});

dbTest("[pacientes] GET /api/pacientes/search", async (t, ctx) => {
  const token = await ctx.login("visualizador");
  const jose = await criarPaciente(ctx, {
    nomecompleto: "José Conceição Araújo",
    datanascimento: "1950-02-03",
    telefone: "11987654321",
    tipo: "Idoso",
  });
  const joao = await criarPaciente(ctx, { nomecompleto: "João Pereira" });
  const josefa = await criarPaciente(ctx, { nomecompleto: "Josefa Lima" });
  const op = await ctx.login("operador");
  await ctx.req("DELETE", `/api/pacientes/${josefa.pacienteid}`, { token: op });
  const search = (query: string, tk = token) =>
    ctx.req("GET", `/api/pacientes/search${query}`, { token: tk });
  const ids = (body: { items: { pacienteid: number }[] }) => body.items.map((p) => p.pacienteid);

  await t.step("suggests active patients by name words, accents ignored", async () => {
    const res = await search("?q=jo");
    assert.equal(res.status, 200);
    assert.match(res.contentType!, /application\/json/);
    const body = PacienteSearchResponse.parse(res.body);
    assert.deepEqual(ids(body), [joao.pacienteid, jose.pacienteid], "never the inactive Josefa");
    assert.deepEqual(body.items[1], {
      pacienteid: jose.pacienteid,
      nomecompleto: "José Conceição Araújo",
      cpf: jose.cpf,
      datanascimento: "1950-02-03",
      telefone: "11987654321",
      telefone_validado: false,
      tipo: "Idoso",
    });
    assert.deepEqual(ids((await search("?q=JOSE%20araujo")).body), [jose.pacienteid]);
  });

  await t.step("suggests by CPF prefix, punctuation ignored", async () => {
    const prefix = `${joao.cpf.slice(0, 3)}.${joao.cpf.slice(3, 7)}`;
    const res = await search(`?q=${encodeURIComponent(prefix)}`);
    assert.ok(ids(res.body).includes(joao.pacienteid));
    assert.deepEqual(ids((await search(`?q=${jose.cpf}`)).body), [jose.pacienteid]);
  });

  await t.step("answers 10 suggestions by default, `limit` up to 20", async () => {
    await ctx.db.sql`
      insert into ca_paciente (nomecompleto, cpf)
      select 'Lote Busca ' || lpad(i::text, 3, '0'), lpad(i::text, 11, '0')
      from generate_series(1, 25) as i`;
    assert.equal((await search("?q=lote")).body.items.length, 10);
    assert.equal((await search("?q=lote&limit=20")).body.items.length, 20);
  });

  await t.step("answers 400 for a short, blank or wildcard-only query or a bad limit", async () => {
    for (const q of ["", "?q=", "?q=j", "?q=%20%20", "?q=..", "?q=%25%25", "?q=jo&limit=21"]) {
      const res = await search(q);
      assert.equal(res.status, 400, q);
      assert.equal(res.body.error.code, "entrada_invalida");
    }
  });
});
