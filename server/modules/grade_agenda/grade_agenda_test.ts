import { strict as assert } from "node:assert";
import { dbTest } from "../../testing/harness.ts";
import { type AnyRow, generate, generationBody, seedRefs } from "../../testing/fixtures/slots.ts";

dbTest("[grade-agenda] GET /api/grade-agenda and /api/grade-agenda/:id", async (t, ctx) => {
  const refs = await seedRefs(ctx);
  const a = await generate(ctx, generationBody(refs));
  const b = await generate(
    ctx,
    generationBody(refs, {
      medicoid: refs.medico2,
      consultorioid: refs.consultorio2,
      horarios: { "2": ["09:00"] },
    }),
  );
  await ctx.db.sql`
    insert into ca_gradeagenda (medicoid, especialidadeid, unidadeid, vigencia_inicio, vigencia_fim,
      status)
    values (${refs.medico}, ${refs.especialidade}, ${refs.unidade}, '2026-01-01', '2026-06-30',
      'Inativo')`;
  const token = await ctx.login("visualizador");

  await t.step("lists the Ativo grades with names and counters", async () => {
    const res = await ctx.req("GET", "/api/grade-agenda", { token });
    assert.equal(res.status, 200);
    assert.match(res.contentType!, /application\/json/);
    assert.equal(res.body.total, 2);
    assert.equal(res.body.page, 1);
    assert.equal(res.body.limit, 50);
    const first = res.body.items.find((g: AnyRow) => g.gradeagendaid === a.gradeagendaid);
    assert.equal(first.medico_nome, "Ana Lúcia Prado");
    assert.equal(first.especialidade_nome, "Cardiologia");
    assert.equal(first.unidade_nome, "UBS Centro");
    assert.equal(first.consultorio_nome, "Sala 1");
    assert.equal(first.slots_ativos, 6);
    assert.equal(first.dias_cancelados, 0);
  });

  await t.step("filters by médico and status and paginates", async () => {
    const byMedico = await ctx.req("GET", `/api/grade-agenda?medicoid=${refs.medico2}`, { token });
    assert.deepEqual(byMedico.body.items.map((g: AnyRow) => g.gradeagendaid), [b.gradeagendaid]);
    const all = await ctx.req("GET", "/api/grade-agenda?status=todos", { token });
    assert.equal(all.body.total, 3);
    const inactive = await ctx.req("GET", "/api/grade-agenda?status=Inativo", { token });
    assert.equal(inactive.body.total, 1);
    const page2 = await ctx.req("GET", "/api/grade-agenda?status=todos&limit=2&page=2", { token });
    assert.equal(page2.body.items.length, 1);
    assert.equal(page2.body.total, 3);
    const other = await ctx.req("GET", `/api/grade-agenda?unidadeid=${refs.outraUnidade}`, {
      token,
    });
    assert.deepEqual(other.body.items, []);
  });

  await t.step("answers 400 for bad filters and 403 for a paciente", async () => {
    for (const qs of ["?status=ativo", "?medicoid=x", "?limit=0"]) {
      const res = await ctx.req("GET", `/api/grade-agenda${qs}`, { token });
      assert.equal(res.status, 400, qs);
      assert.equal(res.body.error.code, "entrada_invalida");
    }
    const p = await ctx.paciente();
    assert.equal((await ctx.req("GET", "/api/grade-agenda", { token: p.token })).status, 403);
  });

  await t.step("answers one grade, 404 for an unknown one", async () => {
    const res = await ctx.req("GET", `/api/grade-agenda/${a.gradeagendaid}`, { token });
    assert.equal(res.status, 200);
    assert.equal(res.body.vigencia_inicio, "2027-03-01");
    assert.equal(res.body.timezone, "America/Sao_Paulo");
    const missing = await ctx.req("GET", "/api/grade-agenda/999999", { token });
    assert.equal(missing.status, 404);
    assert.equal(missing.body.error.code, "nao_encontrado");
    assert.equal((await ctx.req("GET", "/api/grade-agenda/0", { token })).status, 400);
  });
});
