import { strict as assert } from "node:assert";
import { dbTest } from "../../testing/harness.ts";
import {
  type AnyRow,
  countSlots,
  generate,
  generationBody,
  QUA,
  seedRefs,
  SEG,
  snapshot,
} from "../../testing/fixtures/slots.ts";

const URL = "/api/slots/generate-bulk";

dbTest("[slots] POST /api/slots/generate-bulk", async (t, ctx) => {
  const refs = await seedRefs(ctx);
  const token = await ctx.login("gerenciador");

  await t.step("preview answers the plan and writes nothing", async () => {
    const before = await snapshot(ctx);
    const res = await ctx.req("POST", URL, {
      token,
      body: generationBody(refs, { preview: true }),
    });
    assert.equal(res.status, 200);
    assert.match(res.contentType!, /application\/json/);
    assert.equal(res.body.preview, true);
    assert.equal(res.body.gradeagendaid, null);
    assert.equal(res.body.grade_nova, true);
    // Monday 08:00 + 08:30 and Wednesday 14:00, two tipos each (cotas Normal 2, Prioritário 1).
    assert.equal(res.body.criados, 6);
    assert.equal(res.body.existentes, 0);
    assert.deepEqual(res.body.conflitos, []);
    assert.deepEqual(res.body.periodo, { data_inicio: SEG, data_fim: "2027-03-07", dias: 7 });
    assert.deepEqual(
      res.body.distribuicao.map((
        d: { nome: string; quantidade: number },
      ) => [d.nome, d.quantidade]),
      [["Normal", 2], ["Prioritário", 1]],
    );
    assert.deepEqual(await snapshot(ctx), before);
  });

  let gradeId = 0;
  await t.step("creates the grade and one slot per day, time and tipo", async () => {
    const body = await generate(ctx, generationBody(refs));
    assert.equal(body.preview, false);
    assert.equal(body.grade_nova, true);
    assert.equal(body.criados, 6);
    assert.equal(body.ignorados, 0);
    gradeId = body.gradeagendaid;
    const [grade] = await ctx.db.sql`select * from ca_gradeagenda where gradeagendaid = ${gradeId}`;
    assert.equal(grade.medicoid, refs.medico);
    assert.equal(grade.consultorioid, refs.consultorio);
    assert.equal(grade.vigencia_inicio, SEG);
    assert.equal(grade.vigencia_fim, "2027-03-07");
    assert.equal(grade.limitevagas, 3);
    assert.equal(grade.status, "Ativo");
    assert.equal(grade.created_by, await ctx.userId("gerenciador"));
    const slots = await ctx.db.sql<Record<string, unknown>>`
      select s.data, to_char(s.datainicio at time zone 'UTC', 'HH24:MI') as utc,
        extract(epoch from s.datafim - s.datainicio)::int / 60 as minutos, s.periodo, s.status,
        s.limitevagas, s.vagas_ocupadas, t.nome as tipo, s.unidadeid, s.especialidadeid,
        s.consultorioid, s.isoverbooking
      from ca_slotagenda s join ca_tiposlot t using (tiposlotid)
      where s.gradeagendaid = ${gradeId} order by s.datainicio, t.nome`;
    // São Paulo is UTC-3: 08:00 → 11:00 UTC, 14:00 → 17:00 UTC.
    assert.deepEqual(slots.map((s) => [s.data, s.utc, s.tipo, s.limitevagas, s.periodo]), [
      [SEG, "11:00", "Normal", 2, "Manhã"],
      [SEG, "11:00", "Prioritário", 1, "Manhã"],
      [SEG, "11:30", "Normal", 2, "Manhã"],
      [SEG, "11:30", "Prioritário", 1, "Manhã"],
      [QUA, "17:00", "Normal", 2, "Tarde"],
      [QUA, "17:00", "Prioritário", 1, "Tarde"],
    ]);
    for (const s of slots) {
      assert.equal(s.minutos, 30);
      assert.equal(s.status, "Livre");
      assert.equal(s.vagas_ocupadas, 0);
      assert.equal(s.unidadeid, refs.unidade);
      assert.equal(s.especialidadeid, refs.especialidade);
      assert.equal(s.consultorioid, refs.consultorio);
      assert.equal(s.isoverbooking, false);
    }
  });

  await t.step("writes one grade.gerada event with bounded topics", async () => {
    const [ev] = await ctx.db.sql<AnyRow>`
      select * from ca_evento where kind = 'grade.gerada' order by id desc limit 1`;
    assert.equal(ev.entity, "gradeagenda");
    assert.equal(ev.entity_id, String(gradeId));
    assert.deepEqual(ev.topics, [
      `unidade:${refs.unidade}`,
      `especialidade:${refs.especialidade}`,
      `medico:${refs.medico}`,
    ]);
    assert.equal(ev.before, null);
    assert.equal(ev.after.geracao.criados, 6);
    assert.equal(ev.after.geracao.data_inicio, SEG);
    assert.equal(ev.actor_id, await ctx.userId("gerenciador"));
    // On Postgres a week in chunks of one day: its progress every day, then the end (on PGlite
    // one chunk: its progress would arrive with the commit)
    const progress = await ctx.db.sql<AnyRow>`
      select after from ca_evento where kind = 'grade.geracao_avancada' order by id`;
    assert.deepEqual(
      progress.map((p) => p.after.dias_processados),
      ctx.driver === "postgres" ? [1, 2, 3, 4, 5, 6, 7] : [],
    );
    for (const p of progress) assert.equal(p.after.geracao, ev.after.geracao.id);
  });

  await t.step("a re-run creates nothing and reports the existing slots", async () => {
    const before = await countSlots(ctx);
    const body = await generate(ctx, generationBody(refs));
    assert.equal(body.gradeagendaid, gradeId);
    assert.equal(body.grade_nova, false);
    assert.equal(body.criados, 0);
    assert.equal(body.existentes, 6);
    assert.equal(body.ignorados, 6);
    assert.equal(await countSlots(ctx), before);
  });

  await t.step("reuses the grade, extends its vigência and adds a new tipo at a time", async () => {
    const body = await generate(
      ctx,
      generationBody(refs, {
        data_inicio: "2027-03-08",
        data_fim: "2027-03-14",
        horarios: { "2": ["09:00"] },
        distribuicao: [{ tiposlotid: refs.normal, quantidade: 3 }],
        overbooking: true,
      }),
    );
    assert.equal(body.gradeagendaid, gradeId);
    assert.equal(body.criados, 1);
    const [grade] = await ctx.db.sql`select * from ca_gradeagenda where gradeagendaid = ${gradeId}`;
    assert.equal(grade.vigencia_inicio, SEG);
    assert.equal(grade.vigencia_fim, "2027-03-14");
    assert.equal(grade.overbooking, true);
    assert.equal(grade.limitevagas, 3);
    const [s] = await ctx.db.sql`
      select limitevagas, isoverbooking, data from ca_slotagenda
      where gradeagendaid = ${gradeId} and data = '2027-03-09'`;
    assert.deepEqual({ ...s }, { limitevagas: 3, isoverbooking: true, data: "2027-03-09" });
    const [{ n }] = await ctx.db.sql`select count(*)::int as n from ca_gradeagenda`;
    assert.equal(n, 1);
    const [ev] = await ctx.db.sql<AnyRow>`
      select before from ca_evento where kind = 'grade.gerada' order by id desc limit 1`;
    assert.equal(ev.before.vigencia_fim, "2027-03-07");
  });

  await t.step("a long generation runs in chunks and writes grade.progresso events", async () => {
    // 2027-04-01 .. 2027-06-30 is 91 days: 13 chunks of 7 days (PGlite: 3 of at most 31).
    const body = await generate(
      ctx,
      generationBody(refs, {
        data_inicio: "2027-04-01",
        data_fim: "2027-06-30",
        horarios: { "5": ["10:00"] },
        distribuicao: [{ tiposlotid: refs.normal, quantidade: 1 }],
      }),
    );
    // Fridays from 2027-04-02 to 2027-06-25: 13.
    assert.equal(body.criados, 13);
    assert.equal(await countSlots(ctx, "data between '2027-04-01' and '2027-06-30'"), 13);
    const progress = await ctx.db.sql<AnyRow>`
      select after from ca_evento
      where kind = 'grade.geracao_avancada' and after->>'dias_total' = '91' order by id`;
    assert.deepEqual(
      progress.map((p) => p.after.dias_processados),
      ctx.driver === "postgres" ? Array.from({ length: 13 }, (_, i) => 7 * (i + 1)) : [31, 62, 91],
    );
    assert.equal(progress.at(-1)!.after.criados, 13);
  });

  await t.step("creates a separate grade for another especialidade of the médico", async () => {
    const body = await generate(
      ctx,
      generationBody(refs, {
        especialidadeid: refs.outraEspecialidade,
        data_inicio: "2027-07-05",
        data_fim: "2027-07-05",
        horarios: { "1": ["10:00"] },
      }),
    );
    assert.notEqual(body.gradeagendaid, gradeId);
    assert.equal(body.grade_nova, true);
    assert.equal(body.criados, 1);
  });
});

dbTest("[slots] POST /api/slots/generate-bulk in other time zones", async (t, ctx) => {
  await t.step("lands Manaus slots at UTC-4", async () => {
    const refs = await seedRefs(ctx, { timezone: "America/Manaus" });
    const body = await generate(ctx, generationBody(refs, { horarios: { "1": ["08:00"] } }));
    assert.equal(body.criados, 2);
    const rows = await ctx.db.sql<{ inicio: Date; fim: Date; data: string }>`
      select datainicio as inicio, datafim as fim, data from ca_slotagenda
      where gradeagendaid = ${body.gradeagendaid}`;
    for (const r of rows) {
      // 08:00 in Manaus (UTC-4) is 12:00 UTC; the consultation lasts 30 minutes.
      assert.equal(r.inicio.toISOString(), "2027-03-01T12:00:00.000Z");
      assert.equal(r.fim.toISOString(), "2027-03-01T12:30:00.000Z");
      assert.equal(r.data, SEG);
    }
  });
});
