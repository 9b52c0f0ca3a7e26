import { strict as assert } from "node:assert";
import { dbTest } from "../../testing/harness.ts";
import { insertConsultorio } from "../../testing/fixtures/consultorios.ts";
import { Unidade, UnidadeList } from "./schemas.ts";

dbTest("[unidades] GET /api/unidades and /api/unidades/:id", async (t, ctx) => {
  const token = await ctx.login("visualizador");
  const [sj] = await ctx.db.sql<{ unidadeid: number }>`
    insert into ca_unidade (nome, tipo, cidade, uf, horarios_por_dia, dias_funcionamento)
    values ('Unidade São João', 'Clínica', 'São Paulo', 'SP',
            '{"2": {"abertura": "09:00", "fechamento": "15:00"}}', '{2}')
    returning unidadeid`;
  const [hosp] = await ctx.db.sql<{ unidadeid: number }>`
    insert into ca_unidade (nome, tipo, cidade, uf, horario_abertura, horario_fechamento,
                            buffer_minutes)
    values ('Hospital Central', 'Hospital', 'Barueri', 'SP', '07:00', '22:00', 10)
    returning unidadeid`;
  await ctx.db.sql`
    insert into ca_unidade (nome, tipo, cidade, status) values ('Posto Antigo', 'Outro', 'Barueri', 'Inativo')`;
  await insertConsultorio(ctx, sj.unidadeid, "Sala B");
  await insertConsultorio(ctx, sj.unidadeid, "Sala A", "Inativo");

  const names = (body: { nome: string }[]) => body.map((i) => i.nome);

  await t.step("lists the active unidades with consultórios and computed hours", async () => {
    const res = await ctx.req("GET", "/api/unidades", { token });
    assert.equal(res.status, 200);
    assert.match(res.contentType!, /application\/json/);
    const body = UnidadeList.parse(res.body);
    assert.deepEqual(names(body), ["Hospital Central", "Unidade São João"]);
    const [h, s] = body;
    // global pair of the unidade, Monday–Friday by default
    assert.deepEqual(h.horarios["1"], { abertura: "07:00", fechamento: "22:00" });
    assert.equal(h.horarios["6"], null);
    assert.equal(h.buffer_minutes_efetivo, 10);
    // per-day mode: only Tuesday open
    assert.deepEqual(s.horarios["2"], { abertura: "09:00", fechamento: "15:00" });
    assert.equal(s.horarios["1"], null);
    assert.equal(s.buffer_minutes_efetivo, 0);
    assert.deepEqual(s.consultorios.map((c) => [c.nome, c.status]), [
      ["Sala A", "Inativo"],
      ["Sala B", "Ativo"],
    ]);
  });

  await t.step("filters by status, tipo, cidade and accent-insensitive search", async () => {
    const get = async (q: string) =>
      names((await ctx.req("GET", `/api/unidades?${q}`, { token })).body);
    assert.deepEqual(await get("status=todos"), [
      "Hospital Central",
      "Posto Antigo",
      "Unidade São João",
    ]);
    assert.deepEqual(await get("status=Inativo"), ["Posto Antigo"]);
    assert.deepEqual(await get("tipo=Hospital"), ["Hospital Central"]);
    assert.deepEqual(await get("cidade=SAO%20PAULO"), ["Unidade São João"]);
    assert.deepEqual(await get("cidade=barueri&status=todos"), [
      "Hospital Central",
      "Posto Antigo",
    ]);
    assert.deepEqual(await get("search=sao%20joao"), ["Unidade São João"]);
    assert.deepEqual(await get("search=CENTRAL"), ["Hospital Central"]);
    assert.deepEqual(await get("search=_"), []);
  });

  await t.step("answers 400 for an invalid filter", async () => {
    for (const q of ["status=ativos", "tipo=Posto", "cidade="]) {
      const res = await ctx.req("GET", `/api/unidades?${q}`, { token });
      assert.equal(res.status, 400, q);
      assert.equal(res.body.error.code, "entrada_invalida");
    }
  });

  await t.step("GET /:id answers one unidade, inactive ones included", async () => {
    const res = await ctx.req("GET", `/api/unidades/${hosp.unidadeid}`, { token });
    assert.equal(res.status, 200);
    assert.match(res.contentType!, /application\/json/);
    const u = Unidade.parse(res.body);
    assert.equal(u.nome, "Hospital Central");
    assert.equal(u.horario_abertura, "07:00");
  });

  await t.step("GET /:id answers 400 when malformed and 404 when unknown", async () => {
    for (const bad of ["abc", "0", "-1", "99999999999"]) {
      const res = await ctx.req("GET", `/api/unidades/${bad}`, { token });
      assert.equal(res.status, 400, bad);
      assert.equal(res.body.error.code, "entrada_invalida");
    }
    const res = await ctx.req("GET", "/api/unidades/999999", { token });
    assert.equal(res.status, 404);
    assert.match(res.contentType!, /application\/json/);
    assert.equal(res.body.error.code, "nao_encontrado");
  });
});
