import { strict as assert } from "node:assert";
import { dbTest, type TestCtx } from "../../testing/harness.ts";
import {
  addAgendamento,
  type AnyRow,
  generate,
  generationBody,
  QUA,
  seedCalendar,
  SEG,
  snapshot,
} from "../../testing/fixtures/slots.ts";

const statusOf = async (ctx: TestCtx, id: number) => {
  const [s] = await ctx.db.sql<{ status: string }>`
    select status from ca_slotagenda where slotagendaid = ${id}`;
  return s.status;
};

async function slotId(ctx: TestCtx, medico: number, hora: string, tipo: number) {
  const [s] = await ctx.db.sql<{ id: number }>`
    select slotagendaid as id from ca_slotagenda
    where medicoid = ${medico} and tiposlotid = ${tipo} and data = ${SEG}
      and to_char(datainicio at time zone 'America/Sao_Paulo', 'HH24:MI') = ${hora}`;
  return s.id;
}

dbTest("[grade-agenda] cancel-day, restore-day, cancelled-days, day-history", async (t, ctx) => {
  const { refs, parcial, cheio } = await seedCalendar(ctx);
  const token = await ctx.login("gerenciador");
  const [{ id: gradeId }] = await ctx.db.sql<{ id: number }>`
    select gradeagendaid as id from ca_gradeagenda
    where medicoid = ${refs.medico} and especialidadeid = ${refs.especialidade}`;
  const base = `/api/grade-agenda/${gradeId}`;
  const livre = await slotId(ctx, refs.medico, "08:00", refs.prioritario);
  const massCancelled = await slotId(ctx, refs.medico, "08:30", refs.normal);
  // Cancelled earlier for another reason (e.g. a mass cancellation): restoring must not revive it.
  await ctx.db
    .sql`update ca_slotagenda set status = 'Cancelado' where slotagendaid = ${massCancelled}`;
  const maria = await addAgendamento(ctx, parcial, "Maria das Dores");
  const jose = await addAgendamento(ctx, cheio, "José Ribamar");

  const invalid: [string, Record<string, unknown>][] = [
    ["a missing motivo", { data: SEG }],
    ["a motivo under 3 characters", { data: SEG, motivo: " ab " }],
    ["a malformed date", { data: "01/03/2027", motivo: "Feriado" }],
  ];
  for (const [what, body] of invalid) {
    await t.step(`answers 400 for ${what} and changes nothing`, async () => {
      const before = await snapshot(ctx);
      const res = await ctx.req("POST", `${base}/cancel-day`, { token, body });
      assert.equal(res.status, 400);
      assert.equal(res.body.error.code, "entrada_invalida");
      assert.deepEqual(await snapshot(ctx), before);
    });
  }

  await t.step("answers 404 for an unknown grade and 422 for a past day", async () => {
    const before = await snapshot(ctx);
    const missing = await ctx.req("POST", "/api/grade-agenda/999999/cancel-day", {
      token,
      body: { data: SEG, motivo: "Feriado" },
    });
    assert.equal(missing.status, 404);
    assert.equal(missing.body.error.code, "nao_encontrado");
    const past = await ctx.req("POST", `${base}/cancel-day`, {
      token,
      body: { data: "2020-01-06", motivo: "Feriado" },
    });
    assert.equal(past.status, 422);
    assert.equal(past.body.error.code, "data_passada");
    assert.deepEqual(await snapshot(ctx), before);
  });

  let cancelamentoid = 0;
  await t.step("cancels the free slots and lists the booked ones with their patients", async () => {
    const res = await ctx.req("POST", `${base}/cancel-day`, {
      token,
      body: { data: SEG, motivo: "  Médico em congresso " },
    });
    assert.equal(res.status, 201);
    assert.match(res.contentType!, /application\/json/);
    cancelamentoid = res.body.cancelamento.cancelamentoid;
    assert.equal(res.body.cancelamento.motivo, "Médico em congresso");
    assert.equal(res.body.cancelamento.cancelado_por_nome, "Usuário gerenciador");
    assert.equal(res.body.cancelamento.restaurado, false);
    assert.deepEqual(res.body.slots_cancelados, [livre]);
    assert.deepEqual(
      res.body.pendentes.map((p: AnyRow) => [p.slotagendaid, p.hora, p.agendamentos[0].nome]),
      [[parcial, "08:00", "Maria das Dores"], [cheio, "08:30", "José Ribamar"]],
    );
    const first = res.body.pendentes[0].agendamentos[0];
    assert.equal(first.agendamentoid, maria.agendamentoid);
    assert.equal(first.telefone, "11987654321");
    assert.equal(res.body.pendentes[1].agendamentos[0].pacienteid, jose.pacienteid);
    assert.equal(await statusOf(ctx, livre), "Cancelado");
    assert.equal(await statusOf(ctx, parcial), "Livre");
    assert.equal(await statusOf(ctx, cheio), "Ocupado");
    // médico2's slots that day are another grade: untouched.
    const [{ n }] = await ctx.db.sql<{ n: number }>`
      select count(*)::int as n from ca_slotagenda
      where medicoid = ${refs.medico2} and data = ${SEG} and status = 'Livre'`;
    assert.equal(n, 3);
  });

  await t.step("writes grade.dia_cancelado with the day's topics and slot ids", async () => {
    const [ev] = await ctx.db.sql<AnyRow>`
      select * from ca_evento where kind = 'grade.dia_cancelado' order by id desc limit 1`;
    assert.equal(ev.entity_id, String(gradeId));
    assert.deepEqual(ev.topics, [
      `unidade:${refs.unidade}`,
      `especialidade:${refs.especialidade}`,
      `medico:${refs.medico}`,
      `data:${SEG}`,
    ]);
    assert.deepEqual(ev.after.slots_cancelados, [livre]);
    assert.deepEqual(ev.after.slots_com_agendamentos, [parcial, cheio]);
    // The audit trail shows the day as it stood: not cancelled, which slots were free.
    assert.deepEqual(ev.before, {
      cancelamento: null,
      slots_livres: [livre],
      slots_com_agendamentos: [parcial, cheio],
    });
  });

  await t.step("answers 409 when the day is already cancelled", async () => {
    const before = await snapshot(ctx);
    const res = await ctx.req("POST", `${base}/cancel-day`, {
      token,
      body: { data: SEG, motivo: "De novo" },
    });
    assert.equal(res.status, 409);
    assert.equal(res.body.error.code, "dia_ja_cancelado");
    assert.deepEqual(await snapshot(ctx), before);
  });

  await t.step("lists the standing cancellations, also by range", async () => {
    const vis = await ctx.login("visualizador");
    const all = await ctx.req("GET", `${base}/cancelled-days`, { token: vis });
    assert.equal(all.status, 200);
    assert.deepEqual(all.body.map((d: AnyRow) => [d.data, d.slots_cancelados]), [[SEG, 1]]);
    const inside = await ctx.req(
      "GET",
      `${base}/cancelled-days/range?inicio=2027-02-01&fim=2027-03-01`,
      { token: vis },
    );
    assert.equal(inside.body.length, 1);
    const outside = await ctx.req(
      "GET",
      `${base}/cancelled-days/range?inicio=2027-03-02&fim=2027-03-31`,
      { token: vis },
    );
    assert.deepEqual(outside.body, []);
    const bad = await ctx.req(
      "GET",
      `${base}/cancelled-days/range?inicio=2027-03-31&fim=2027-03-01`,
      { token: vis },
    );
    assert.equal(bad.status, 400);
    const p = await ctx.paciente();
    assert.equal((await ctx.req("GET", `${base}/cancelled-days`, { token: p.token })).status, 403);
    assert.equal(
      (await ctx.req("GET", "/api/grade-agenda/999999/cancelled-days", { token: vis })).status,
      404,
    );
  });

  await t.step(
    "restores the day: only the slots it cancelled come back, history kept",
    async () => {
      const res = await ctx.req("PUT", `${base}/restore-day`, {
        token,
        body: { data: SEG, motivo: "Congresso adiado" },
      });
      assert.equal(res.status, 200);
      assert.deepEqual(res.body.slots_restaurados, [livre]);
      assert.equal(res.body.cancelamento.cancelamentoid, cancelamentoid);
      assert.equal(res.body.cancelamento.restaurado, true);
      assert.equal(res.body.cancelamento.restaurado_por_nome, "Usuário gerenciador");
      assert.equal(res.body.cancelamento.motivo_restauracao, "Congresso adiado");
      assert.equal(await statusOf(ctx, livre), "Livre");
      assert.equal(await statusOf(ctx, massCancelled), "Cancelado");
      const [ev] = await ctx.db.sql<AnyRow>`
      select * from ca_evento where kind = 'grade.dia_restaurado' order by id desc limit 1`;
      assert.deepEqual(ev.after.slots_restaurados, [livre]);
      assert.equal(ev.before.restaurado, false);
      assert.ok(ev.topics.includes(`data:${SEG}`));
    },
  );

  await t.step("answers 409 when restoring a day that is not cancelled", async () => {
    const before = await snapshot(ctx);
    const res = await ctx.req("PUT", `${base}/restore-day`, { token, body: { data: SEG } });
    assert.equal(res.status, 409);
    assert.equal(res.body.error.code, "dia_nao_cancelado");
    assert.deepEqual(await snapshot(ctx), before);
  });

  await t.step("the day history shows each cancellation and restoration", async () => {
    const again = await ctx.req("POST", `${base}/cancel-day`, {
      token: await ctx.login("administrador"),
      body: { data: SEG, motivo: "Falta de energia" },
    });
    assert.equal(again.status, 201);
    const res = await ctx.req("GET", `${base}/day-history/${SEG}`, {
      token: await ctx.login("visualizador"),
    });
    assert.equal(res.status, 200);
    assert.deepEqual(
      res.body.historico.map((h: AnyRow) => [
        h.motivo,
        h.cancelado_por_nome,
        h.restaurado,
        h.restaurado_por_nome,
      ]),
      [
        ["Médico em congresso", "Usuário gerenciador", true, "Usuário gerenciador"],
        ["Falta de energia", "Usuário administrador", false, null],
      ],
    );
    const bad = await ctx.req("GET", `${base}/day-history/2027-13-01`, { token });
    assert.equal(bad.status, 400);
  });

  await t.step("answers 409 when a restored slot would clash with a newer one", async () => {
    // Wednesday 14:00 is wholly free: cancel it, give the médico another grade at that time,
    // then restoring would put him in two places at once.
    const cancel = await ctx.req("POST", `${base}/cancel-day`, {
      token,
      body: { data: QUA, motivo: "Reforma da sala" },
    });
    assert.equal(cancel.body.slots_cancelados.length, 2);
    await generate(
      ctx,
      generationBody(refs, {
        especialidadeid: refs.outraEspecialidade,
        consultorioid: refs.consultorio2,
        data_inicio: QUA,
        data_fim: QUA,
        horarios: { "3": ["14:00"] },
      }),
    );
    const before = await snapshot(ctx);
    const res = await ctx.req("PUT", `${base}/restore-day`, { token, body: { data: QUA } });
    assert.equal(res.status, 409);
    assert.equal(res.body.error.code, "conflito_ao_restaurar");
    assert.deepEqual(await snapshot(ctx), before);
  });

  await t.step("answers 422 for an inactive grade", async () => {
    await ctx.db.sql`update ca_gradeagenda set status = 'Inativo' where gradeagendaid = ${gradeId}`;
    const res = await ctx.req("POST", `${base}/cancel-day`, {
      token,
      body: { data: "2027-03-04", motivo: "Feriado" },
    });
    assert.equal(res.status, 422);
    assert.equal(res.body.error.code, "grade_inativa");
  });
});
