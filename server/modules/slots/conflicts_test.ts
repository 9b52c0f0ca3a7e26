import { strict as assert } from "node:assert";
import { dbTest, type TestCtx } from "../../testing/harness.ts";
import {
  type AnyRow,
  countSlots,
  generate,
  generationBody,
  type Refs,
  seedRefs,
  SEG,
  snapshot,
} from "../../testing/fixtures/slots.ts";

const URL = "/api/slots/generate-bulk";

/** Preview of `over` and its conflicts as [data, horario, motivo]. */
async function previewConflicts(ctx: TestCtx, refs: Refs, over: Record<string, unknown>) {
  const body = await generate(ctx, generationBody(refs, { ...over, preview: true }), 200);
  return body.conflitos.map((c: AnyRow) => [c.data, c.horario, c.motivo]);
}

const oneDay = { data_inicio: SEG, data_fim: SEG };

dbTest("[slots] POST /api/slots/generate-bulk conflicts", async (t, ctx) => {
  const refs = await seedRefs(ctx);

  await t.step("detects a weekday the unidade is closed", async () => {
    // The unidade opens Monday–Saturday; 2027-03-07 is a Sunday.
    const c = await previewConflicts(ctx, refs, { horarios: { "7": ["08:00"] } });
    assert.deepEqual(c, [["2027-03-07", "08:00", "unidade_fechada"]]);
  });

  await t.step("detects times outside the opening hours", async () => {
    const c = await previewConflicts(ctx, refs, {
      ...oneDay,
      horarios: { "1": ["06:30", "18:30", "18:40"] },
    });
    // 18:30 + 30 min ends at 19:00 (closing): allowed; 18:40 would end at 19:10.
    assert.deepEqual(c, [[SEG, "06:30", "fora_do_horario"], [SEG, "18:40", "fora_do_horario"]]);
  });

  await t.step("honours per-weekday hours of the unidade", async () => {
    await ctx.db.sql`
      update ca_unidade set horarios_por_dia = '{"1": {"abertura": "13:00", "fechamento": "17:00"}}'
      where unidadeid = ${refs.unidade}`;
    const c = await previewConflicts(ctx, refs, {
      data_inicio: SEG,
      data_fim: "2027-03-02",
      horarios: { "1": ["08:00", "13:00"], "2": ["08:00"] },
    });
    // Per-weekday mode: only Monday opens, 13:00–17:00.
    assert.deepEqual(c, [
      [SEG, "08:00", "fora_do_horario"],
      ["2027-03-02", "08:00", "unidade_fechada"],
    ]);
    await ctx.db
      .sql`update ca_unidade set horarios_por_dia = null where unidadeid = ${refs.unidade}`;
  });

  await t.step("detects consecutive times closer than duration + buffer", async () => {
    await ctx.db.sql`update ca_unidade set buffer_minutes = 10 where unidadeid = ${refs.unidade}`;
    const c = await previewConflicts(ctx, refs, {
      ...oneDay,
      horarios: { "1": ["08:00", "08:30", "08:40"] },
    });
    // 08:30 is 30 min after 08:00, less than 30 + 10; 08:40 is exactly 40 after: fine.
    assert.deepEqual(c, [[SEG, "08:30", "intervalo_insuficiente"]]);
    await ctx.db.sql`update ca_unidade set buffer_minutes = null where unidadeid = ${refs.unidade}`;
  });

  await t.step("falls back to the clinic's buffer when the unidade has none", async () => {
    await ctx.db.sql`update ca_clinica_configuracao set buffer_minutes = 5`;
    const c = await previewConflicts(ctx, refs, {
      ...oneDay,
      horarios: { "1": ["08:00", "08:30"] },
    });
    assert.deepEqual(c, [[SEG, "08:30", "intervalo_insuficiente"]]);
    await ctx.db.sql`update ca_clinica_configuracao set buffer_minutes = 0`;
  });

  await t.step("detects the médico busy in another grade at an overlapping time", async () => {
    // Another especialidade's grade of the same médico, 09:00–09:30 on Monday.
    await generate(
      ctx,
      generationBody(refs, {
        ...oneDay,
        especialidadeid: refs.outraEspecialidade,
        consultorioid: refs.consultorio2,
        horarios: { "1": ["09:00"] },
      }),
    );
    const c = await previewConflicts(ctx, refs, {
      ...oneDay,
      horarios: { "1": ["08:00", "08:45", "09:30"] },
    });
    assert.deepEqual(c, [[SEG, "08:45", "medico_ocupado"]]);
  });

  await t.step(
    "detects a time too close to the médico's other slot when there is a buffer",
    async () => {
      await ctx.db.sql`update ca_unidade set buffer_minutes = 5 where unidadeid = ${refs.unidade}`;
      const c = await previewConflicts(ctx, refs, { ...oneDay, horarios: { "1": ["09:30"] } });
      // The other grade's slot ends at 09:30; the buffer asks for 09:35.
      assert.deepEqual(c, [[SEG, "09:30", "intervalo_insuficiente"]]);
      await ctx.db
        .sql`update ca_unidade set buffer_minutes = null where unidadeid = ${refs.unidade}`;
    },
  );

  await t.step("detects the consultório taken by another médico", async () => {
    await generate(
      ctx,
      generationBody(refs, {
        ...oneDay,
        medicoid: refs.medico2,
        consultorioid: refs.consultorio,
        horarios: { "1": ["10:00"] },
      }),
    );
    const body = await generate(
      ctx,
      generationBody(refs, { ...oneDay, horarios: { "1": ["10:15", "11:00"] }, preview: true }),
      200,
    );
    assert.equal(body.conflitos.length, 1);
    const [c] = body.conflitos;
    assert.equal(c.motivo, "consultorio_ocupado");
    assert.equal(c.horario, "10:15");
    assert.match(c.mensagem, /consultório/);
    const [s] = await ctx.db.sql`
      select medicoid from ca_slotagenda where slotagendaid = ${c.slotagendaid}`;
    assert.equal(s.medicoid, refs.medico2);
    // The free time still counts: 11:00 × two tipos.
    assert.equal(body.criados, 2);
    assert.equal(body.ignorados, 2);
  });

  await t.step("detects a cancelled day of the grade", async () => {
    const first = await generate(
      ctx,
      generationBody(refs, {
        data_inicio: "2027-03-08",
        data_fim: "2027-03-08",
        horarios: { "1": ["08:00"] },
      }),
    );
    await ctx.db.sql`
      insert into ca_grade_dia_cancelado (gradeagendaid, data, motivo)
      values (${first.gradeagendaid}, '2027-03-15', 'Feriado municipal')`;
    const c = await previewConflicts(ctx, refs, {
      data_inicio: "2027-03-15",
      data_fim: "2027-03-22",
      horarios: { "1": ["08:00"] },
    });
    assert.deepEqual(c, [["2027-03-15", "08:00", "dia_cancelado"]]);
  });

  await t.step("refuses execution with conflicts: 409 with the list, nothing written", async () => {
    const before = await snapshot(ctx);
    const res = await ctx.req("POST", URL, {
      token: await ctx.login("gerenciador"),
      body: generationBody(refs, {
        data_inicio: "2027-03-15",
        data_fim: "2027-03-22",
        horarios: { "1": ["08:00"] },
      }),
    });
    assert.equal(res.status, 409);
    assert.match(res.contentType!, /application\/json/);
    assert.equal(res.body.error.code, "conflitos_na_grade");
    assert.match(res.body.error.message, /1 conflito/);
    assert.equal(res.body.error.details.conflitos_total, 1);
    assert.equal(res.body.error.details.conflitos[0].motivo, "dia_cancelado");
    assert.deepEqual(res.body.error.details.conflitos_por_motivo, { dia_cancelado: 1 });
    assert.deepEqual(await snapshot(ctx), before);
  });

  await t.step(
    "with ignorar_conflitos skips the conflicting times and creates the rest",
    async () => {
      const body = await generate(
        ctx,
        generationBody(refs, {
          data_inicio: "2027-03-15",
          data_fim: "2027-03-22",
          horarios: { "1": ["08:00"] },
          ignorar_conflitos: true,
        }),
      );
      assert.equal(body.criados, 2);
      assert.equal(body.conflitos_total, 1);
      assert.equal(await countSlots(ctx, "data = '2027-03-15'"), 0);
      assert.equal(await countSlots(ctx, "data = '2027-03-22'"), 2);
      const [ev] = await ctx.db.sql<AnyRow>`
      select after from ca_evento where kind = 'grade.gerada' order by id desc limit 1`;
      assert.equal(ev.after.geracao.conflitos_ignorados, 1);
    },
  );
});

dbTest("[slots] exclusion constraints of ca_slotagenda", async (t, ctx) => {
  const refs = await seedRefs(ctx);
  const a = await generate(ctx, generationBody(refs, { horarios: { "1": ["08:00"] } }));
  const [slot] = await ctx.db.sql<AnyRow>`
    select * from ca_slotagenda where gradeagendaid = ${a.gradeagendaid} limit 1`;
  const [other] = await ctx.db.sql<{ id: number }>`
    insert into ca_gradeagenda (medicoid, especialidadeid, unidadeid, vigencia_inicio, vigencia_fim)
    values (${refs.medico}, ${refs.outraEspecialidade}, ${refs.unidade}, ${SEG}, ${SEG})
    returning gradeagendaid as id`;

  const insertAt = async (
    grade: number,
    medico: number,
    consultorio: number | null,
    status = "Livre",
  ) =>
    await ctx.db.sql`
      insert into ca_slotagenda (gradeagendaid, medicoid, tiposlotid, unidadeid, especialidadeid,
        consultorioid, datainicio, datafim, data, periodo, status)
      values (${grade}, ${medico}, ${refs.normal}, ${refs.unidade}, ${refs.especialidade},
        ${consultorio}, ${slot.datainicio}::timestamptz + interval '15 minutes',
        ${slot.datafim}::timestamptz + interval '15 minutes', ${SEG}, 'Manhã', ${status})`;

  await t.step("refuses an overlapping slot of the same médico in another grade", async () => {
    await assert.rejects(insertAt(other.id, refs.medico, null), (e: AnyRow) => {
      assert.equal(e.code, "23P01");
      return true;
    });
  });

  await t.step(
    "refuses another médico in the same consultório at an overlapping time",
    async () => {
      const [g2] = await ctx.db.sql<{ id: number }>`
      insert into ca_gradeagenda (medicoid, especialidadeid, unidadeid, vigencia_inicio, vigencia_fim)
      values (${refs.medico2}, ${refs.especialidade}, ${refs.unidade}, ${SEG}, ${SEG})
      returning gradeagendaid as id`;
      await assert.rejects(insertAt(g2.id, refs.medico2, refs.consultorio), (e: AnyRow) => {
        assert.equal(e.code, "23P01");
        return true;
      });
      // A cancelled slot does not hold the consultório.
      await insertAt(g2.id, refs.medico2, refs.consultorio, "Cancelado");
    },
  );
});

dbTest("[slots] POST /api/slots/generate-bulk racing for the same médico", async (t, ctx) => {
  const refs = await seedRefs(ctx);
  const token = await ctx.login("gerenciador");

  await t.step(
    "two grades of the same médico at the same time: one wins, one gets 409",
    async () => {
      const body = (especialidadeid: number, consultorioid: number) =>
        generationBody(refs, {
          especialidadeid,
          consultorioid,
          data_inicio: SEG,
          data_fim: SEG,
          horarios: { "1": ["08:00", "09:00", "10:00"] },
        });
      const [a, b] = await Promise.all([
        ctx.req("POST", URL, { token, body: body(refs.especialidade, refs.consultorio) }),
        ctx.req("POST", URL, { token, body: body(refs.outraEspecialidade, refs.consultorio2) }),
      ]);
      const statuses = [a.status, b.status].sort();
      assert.deepEqual(statuses, [201, 409]);
      const loser = a.status === 409 ? a : b;
      // Postgres: the exclusion constraint stops the second writer (conflito_horario); PGlite
      // serializes the transactions, so the second one sees the first's slots in its checks.
      assert.ok(
        ["conflito_horario", "conflitos_na_grade"].includes(loser.body.error.code),
        loser.body.error.code,
      );
      const [{ grades }] = await ctx.db.sql<{ grades: number }>`
      select count(distinct gradeagendaid)::int as grades from ca_slotagenda
      where medicoid = ${refs.medico} and status <> 'Cancelado'`;
      assert.equal(grades, 1);
      assert.equal(await countSlots(ctx), a.status === 201 ? a.body.criados : b.body.criados);
    },
  );
});
