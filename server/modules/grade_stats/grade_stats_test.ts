import { strict as assert } from "node:assert";
import { dbTest } from "../../testing/harness.ts";
import {
  type AnyRow,
  generate,
  generationBody,
  seedCalendar,
  SEG,
} from "../../testing/fixtures/slots.ts";

dbTest("[grade-stats] GET /api/grade-stats/day/:date", async (t, ctx) => {
  const { refs } = await seedCalendar(ctx);
  // Ana also sees Clínica Geral at 10:00 that Monday (one Normal place).
  await generate(
    ctx,
    generationBody(refs, {
      especialidadeid: refs.outraEspecialidade,
      consultorioid: refs.consultorio2,
      data_inicio: SEG,
      data_fim: SEG,
      horarios: { "1": ["10:00"] },
    }),
  );
  const token = await ctx.login("visualizador");
  const pick = (r: AnyRow) => [r.nome, r.slots, r.vagas, r.ocupadas, r.livres, r.canceladas];

  await t.step("answers the day's totals, by especialidade, médico and tipo de slot", async () => {
    const res = await ctx.req("GET", `/api/grade-stats/day/${SEG}`, { token });
    assert.equal(res.status, 200);
    assert.match(res.contentType!, /application\/json/);
    assert.equal(res.body.data, SEG);
    assert.deepEqual(res.body.totais, {
      slots: 8,
      vagas: 11,
      ocupadas: 2,
      livres: 9,
      canceladas: 1,
      medicos: 2,
      especialidades: 2,
    });
    assert.deepEqual(res.body.por_especialidade.map(pick), [
      ["Cardiologia", 7, 10, 2, 8, 1],
      ["Clínica Geral", 1, 1, 0, 1, 0],
    ]);
    assert.deepEqual(res.body.por_especialidade.map((r: AnyRow) => r.medicos), [2, 1]);
    assert.deepEqual(res.body.por_medico.map(pick), [
      ["Ana Lúcia Prado", 5, 7, 2, 5, 0],
      ["Bruno Teixeira", 3, 4, 0, 4, 1],
    ]);
    assert.deepEqual(res.body.por_medico.map((r: AnyRow) => r.especialidades), [2, 1]);
    assert.deepEqual(res.body.por_tiposlot.map(pick), [
      ["Normal", 4, 7, 1, 6, 1],
      ["Prioritário", 4, 4, 1, 3, 0],
    ]);
    assert.equal(res.body.por_tiposlot[0].cor, "#22C55E");
    assert.equal(res.body.por_medico[0].medicoid, refs.medico);
  });

  await t.step("applies the médico, especialidade and unidade filters", async () => {
    const m = await ctx.req("GET", `/api/grade-stats/day/${SEG}?medicoid=${refs.medico2}`, {
      token,
    });
    assert.equal(m.body.totais.slots, 3);
    assert.equal(m.body.totais.medicos, 1);
    assert.deepEqual(m.body.por_medico.map((r: AnyRow) => r.nome), ["Bruno Teixeira"]);
    const e = await ctx.req(
      "GET",
      `/api/grade-stats/day/${SEG}?especialidadeid=${refs.outraEspecialidade}`,
      { token },
    );
    assert.equal(e.body.totais.slots, 1);
    const u = await ctx.req("GET", `/api/grade-stats/day/${SEG}?unidadeid=${refs.outraUnidade}`, {
      token,
    });
    assert.equal(u.body.totais.slots, 0);
    assert.deepEqual(u.body.por_medico, []);
  });

  await t.step("answers zeros for an empty day", async () => {
    const res = await ctx.req("GET", "/api/grade-stats/day/2027-03-02", { token });
    assert.equal(res.status, 200);
    assert.deepEqual(res.body.totais, {
      slots: 0,
      vagas: 0,
      ocupadas: 0,
      livres: 0,
      canceladas: 0,
      medicos: 0,
      especialidades: 0,
    });
  });

  await t.step(
    "answers 400 for a bad date or filter, 403 for a paciente, 401 anonymous",
    async () => {
      for (
        const path of ["/api/grade-stats/day/2027-02-30", `/api/grade-stats/day/${SEG}?medicoid=0`]
      ) {
        const res = await ctx.req("GET", path, { token });
        assert.equal(res.status, 400, path);
        assert.equal(res.body.error.code, "entrada_invalida");
      }
      const p = await ctx.paciente();
      assert.equal(
        (await ctx.req("GET", `/api/grade-stats/day/${SEG}`, { token: p.token })).status,
        403,
      );
      assert.equal((await ctx.req("GET", `/api/grade-stats/day/${SEG}`)).status, 401);
    },
  );
});
