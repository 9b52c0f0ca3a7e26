import { strict as assert } from "node:assert";
import { dbTest } from "../../testing/harness.ts";
import {
  addAgendamento,
  type AnyRow,
  QUA,
  seedCalendar,
  SEG,
} from "../../testing/fixtures/slots.ts";

dbTest("[slots] GET /api/slots (day view)", async (t, ctx) => {
  const { refs } = await seedCalendar(ctx);
  const token = await ctx.login("visualizador");

  await t.step("groups the day's slots by local hour with médico, tipo and places", async () => {
    const res = await ctx.req("GET", `/api/slots?data=${SEG}`, { token });
    assert.equal(res.status, 200);
    assert.match(res.contentType!, /application\/json/);
    assert.equal(res.body.data, SEG);
    assert.deepEqual(
      res.body.grupos.map((g: AnyRow) => [g.hora, g.slots.map((s: AnyRow) => s.hora)]),
      [
        ["08:00", ["08:00", "08:00", "08:15", "08:15", "08:30", "08:30"]],
        ["09:00", ["09:00", "09:00"]],
      ],
    );
    const first = res.body.grupos[0].slots[0];
    assert.equal(first.medico.nome, "Ana Lúcia Prado");
    assert.deepEqual(first.tiposlot, { tiposlotid: refs.normal, nome: "Normal", cor: "#22C55E" });
    assert.equal(first.consultorio.nome, "Sala 1");
    assert.equal(first.unidade.timezone, "America/Sao_Paulo");
    assert.equal(first.limitevagas, 2);
    assert.equal(first.vagas_ocupadas, 1);
    assert.equal(first.livres, 1);
    assert.equal(first.datainicio, "2027-03-01T11:00:00.000Z");
    // 8 slots, one cancelled. Live: three (Normal 2 + Prioritário 1) pairs and médico2's 09:00
    // Prioritário: 10 places, 2 taken.
    assert.deepEqual(res.body.totais, {
      slots: 7,
      vagas: 10,
      ocupadas: 2,
      livres: 8,
      canceladas: 1,
    });
    assert.deepEqual(res.body.grupos[1].totais, {
      slots: 1,
      vagas: 1,
      ocupadas: 0,
      livres: 1,
      canceladas: 1,
    });
  });

  await t.step("filters by médico, tipo and status", async () => {
    const byMedico = await ctx.req("GET", `/api/slots?data=${SEG}&medicoid=${refs.medico2}`, {
      token,
    });
    assert.equal(byMedico.body.totais.slots + byMedico.body.totais.canceladas, 4);
    const byTipo = await ctx.req("GET", `/api/slots?data=${SEG}&tiposlotid=${refs.prioritario}`, {
      token,
    });
    assert.ok(
      byTipo.body.grupos.every((g: AnyRow) =>
        g.slots.every((s: AnyRow) => s.tiposlot.nome === "Prioritário")
      ),
    );
    assert.equal(byTipo.body.totais.slots, 4);
    const cancelled = await ctx.req("GET", `/api/slots?data=${SEG}&status=Cancelado`, { token });
    assert.equal(cancelled.body.totais.canceladas, 1);
    assert.equal(cancelled.body.totais.slots, 0);
    const other = await ctx.req("GET", `/api/slots?data=${SEG}&unidadeid=${refs.outraUnidade}`, {
      token,
    });
    assert.deepEqual(other.body.grupos, []);
  });

  await t.step("answers 400 for a missing or malformed date and a bad status", async () => {
    for (const qs of ["", "?data=2027-3-1", "?data=2027-02-30", `?data=${SEG}&status=Livres`]) {
      const res = await ctx.req("GET", `/api/slots${qs}`, { token });
      assert.equal(res.status, 400, qs);
      assert.equal(res.body.error.code, "entrada_invalida");
    }
  });
});

dbTest("[slots] GET /api/slots/semana and /api/slots/mes", async (t, ctx) => {
  const { refs } = await seedCalendar(ctx);
  const token = await ctx.login("operador");

  await t.step("answers seven days from inicio with per-day totals", async () => {
    const res = await ctx.req("GET", `/api/slots/semana?inicio=${SEG}`, { token });
    assert.equal(res.status, 200);
    assert.equal(res.body.inicio, SEG);
    assert.equal(res.body.fim, "2027-03-07");
    assert.equal(res.body.dias.length, 7);
    assert.deepEqual(res.body.dias[0], {
      data: SEG,
      slots: 7,
      vagas: 10,
      ocupadas: 2,
      livres: 8,
      canceladas: 1,
    });
    assert.deepEqual(res.body.dias[2], {
      data: QUA,
      slots: 2,
      vagas: 3,
      ocupadas: 0,
      livres: 3,
      canceladas: 0,
    });
    assert.equal(res.body.dias[1].slots, 0);
    assert.deepEqual(res.body.totais, {
      slots: 9,
      vagas: 13,
      ocupadas: 2,
      livres: 11,
      canceladas: 1,
    });
  });

  await t.step("answers every day of the month, filtered by médico", async () => {
    const res = await ctx.req("GET", `/api/slots/mes?ano=2027&mes=3&medicoid=${refs.medico}`, {
      token,
    });
    assert.equal(res.status, 200);
    assert.equal(res.body.inicio, "2027-03-01");
    assert.equal(res.body.fim, "2027-03-31");
    assert.equal(res.body.dias.length, 31);
    assert.equal(res.body.totais.slots, 6);
    const feb = await ctx.req("GET", "/api/slots/mes?ano=2028&mes=2", { token });
    assert.equal(feb.body.dias.length, 29);
  });

  await t.step("answers 400 for a bad month or week start", async () => {
    for (
      const path of ["/api/slots/mes?ano=2027&mes=13", "/api/slots/mes?mes=3", "/api/slots/semana"]
    ) {
      const res = await ctx.req("GET", path, { token });
      assert.equal(res.status, 400, path);
      assert.equal(res.body.error.code, "entrada_invalida");
    }
  });
});

dbTest("[slots] GET /api/slots/:id and /api/slots/distribuicao-padrao", async (t, ctx) => {
  const { refs, parcial } = await seedCalendar(ctx);
  const token = await ctx.login("visualizador");

  await t.step("answers one slot with its live agendamentos", async () => {
    const a = await addAgendamento(ctx, parcial, "Maria das Dores");
    const res = await ctx.req("GET", `/api/slots/${parcial}`, { token });
    assert.equal(res.status, 200);
    assert.equal(res.body.slotagendaid, parcial);
    assert.equal(res.body.hora, "08:00");
    assert.equal(res.body.periodo, "Manhã");
    assert.deepEqual(res.body.agendamentos.map((x: AnyRow) => [x.agendamentoid, x.paciente.nome]), [
      [a.agendamentoid, "Maria das Dores"],
    ]);
  });

  await t.step("answers 404 for an unknown slot and 400 for a malformed id", async () => {
    const missing = await ctx.req("GET", "/api/slots/999999", { token });
    assert.equal(missing.status, 404);
    assert.equal(missing.body.error.code, "nao_encontrado");
    assert.equal((await ctx.req("GET", "/api/slots/abc", { token })).status, 400);
  });

  await t.step("pre-fills the distribution from the especialidade's cotas", async () => {
    const res = await ctx.req(
      "GET",
      `/api/slots/distribuicao-padrao?especialidadeid=${refs.especialidade}`,
      { token },
    );
    assert.equal(res.status, 200);
    assert.equal(res.body.duracao_minutos, 30);
    assert.deepEqual(
      res.body.distribuicao.map((d: AnyRow) => [d.tiposlotid, d.quantidade]),
      [[refs.normal, 2], [refs.prioritario, 1]],
    );
    const missing = await ctx.req("GET", "/api/slots/distribuicao-padrao?especialidadeid=999999", {
      token,
    });
    assert.equal(missing.status, 404);
    const bad = await ctx.req("GET", "/api/slots/distribuicao-padrao", { token });
    assert.equal(bad.status, 400);
  });
});
