/**
 * A generation is atomic and reports its progress while it runs, about 15 times whatever its
 * period (a month: every 2 days): on Postgres each `grade.geracao_avancada` is visible to other
 * connections before the slots are (they appear all at once at commit). A generation stopped after
 * reporting progress ends with `grade.geracao_interrompida`; one whose server stopped (no end, no
 * progress for `GERACAO_SILENCIO_S`) is listed as interrompida. On PGlite (one connection) the
 * progress is part of the transaction, so generations there keep chunks of 31 days.
 */
import { strict as assert } from "node:assert";
import { openPostgres } from "../../db/postgres_driver.ts";
import { dbTest, TEST_PG_URL, type TestCtx } from "../../testing/harness.ts";
import { chunkDiasDe } from "./generate_service.ts";
import { GERACAO_SILENCIO_S } from "./geracoes.ts";
import { type GradeRef, Progress } from "./progress.ts";
import {
  type AnyRow,
  countSlots,
  generate,
  generationBody,
  insertMedico,
  seedRefs,
} from "../../testing/fixtures/slots.ts";

/** Another connection pool on the test database (Postgres only). */
async function otherPool(ctx: TestCtx) {
  const [{ db }] = await ctx.db.sql<{ db: string }>`select current_database() as db`;
  const url = new URL(TEST_PG_URL);
  url.pathname = `/${db}`;
  return openPostgres(url.toString(), { max: 2 });
}

const progressos = (ctx: TestCtx) =>
  ctx.db.sql<AnyRow>`select after from ca_evento where kind = 'grade.geracao_avancada' order by id`;

async function until(fn: () => Promise<boolean>, what: string, ms = 20_000) {
  const deadline = Date.now() + ms;
  while (Date.now() < deadline) {
    if (await fn()) return;
    await new Promise((r) => setTimeout(r, 20));
  }
  throw new Error(`timeout: ${what}`);
}

dbTest("[slots] POST /api/slots/generate-bulk reports progress while atomic", async (t, ctx) => {
  const refs = await seedRefs(ctx);
  const gerenciador = await ctx.login("gerenciador");
  // A month, 2027-04-01 .. 2027-04-30: 30 days in 15 chunks of 2 days; Fridays at 10:00 (2, 9,
  // 16, 23 and 30 April).
  const body = generationBody(refs, {
    data_inicio: "2027-04-01",
    data_fim: "2027-04-30",
    horarios: { "5": ["10:00"] },
    distribuicao: [{ tiposlotid: refs.normal, quantidade: 1 }],
  });
  const ours = "medicoid = " + refs.medico + " and data between '2027-04-01' and '2027-04-30'";
  const cadaDoisDias = Array.from({ length: 15 }, (_, i) => 2 * (i + 1)); // Postgres

  await t.step("the chunk of days follows the period: about 15 reports, 1 to 31 days", () => {
    assert.deepEqual(
      [1, 2, 15, 16, 30, 31, 42, 91, 366].map(chunkDiasDe),
      [1, 1, 1, 2, 2, 3, 3, 7, 25],
    );
    assert.equal(chunkDiasDe(10_000), 31);
  });

  if (ctx.driver === "postgres") {
    await t.step("each chunk's progress is visible before any slot is", async () => {
      // An uncommitted slot of the same médico in another grade on Friday 2027-04-16 (eighth
      // chunk, 15–16 April): the generation's insert waits on it (exclusion constraint) after
      // reporting 7 chunks, until it rolls back.
      const blocker = await otherPool(ctx);
      let release!: () => void;
      const released = new Promise<void>((r) => (release = r));
      let ready!: () => void;
      const isReady = new Promise<void>((r) => (ready = r));
      const holding = blocker.begin(async (sql) => {
        const [g] = await sql<{ id: number }>`
          insert into ca_gradeagenda (medicoid, especialidadeid, unidadeid, vigencia_inicio,
                                      vigencia_fim)
          values (${refs.medico}, ${refs.outraEspecialidade}, ${refs.outraUnidade},
                  '2027-04-16', '2027-04-16')
          returning gradeagendaid as id`;
        await sql`
          insert into ca_slotagenda (gradeagendaid, medicoid, tiposlotid, unidadeid,
            especialidadeid, datainicio, datafim, data, periodo)
          values (${g.id}, ${refs.medico}, ${refs.normal}, ${refs.outraUnidade},
            ${refs.outraEspecialidade}, '2027-04-16 13:00Z', '2027-04-16 13:30Z', '2027-04-16',
            'Manhã')`;
        ready();
        await released;
        throw new Error("rollback");
      }).catch(() => {});
      await isReady;
      try {
        const running = ctx.req("POST", "/api/slots/generate-bulk", { token: gerenciador, body });
        await until(async () => (await progressos(ctx)).length >= 7, "seven progress events");
        const seen = await progressos(ctx);
        // blocked in the eighth chunk: the first seven, every 2 days, and no more
        assert.deepEqual(seen.map((p) => p.after.dias_processados), cadaDoisDias.slice(0, 7));
        const first = seen[0];
        assert.equal(first.after.dias_total, 30);
        assert.equal(typeof first.after.geracao, "string");
        // the generation is still running: nothing it wrote is visible yet
        assert.equal(await countSlots(ctx, ours), 0);
        assert.equal(await ctx.events("grade.gerada"), 0);
        // GET /api/slots/geracoes lists it as running (what the wizard shows after a reload)
        const lista = await ctx.req("GET", "/api/slots/geracoes", { token: gerenciador });
        assert.equal(lista.status, 200, JSON.stringify(lista.body));
        assert.equal(lista.body.items.length, 1);
        const g = lista.body.items[0];
        assert.equal(g.geracao, first.after.geracao);
        assert.equal(g.status, "em_andamento");
        assert.equal(g.dias_processados, 14);
        assert.equal(g.dias_total, 30);
        assert.equal(g.codigo, null);
        assert.equal(g.medico.medicoid, refs.medico);
        assert.equal(g.unidade.unidadeid, refs.unidade);
        assert.equal(g.resumo, null);
        assert.equal(typeof g.usuarioid, "number");
        release();
        await holding;
        const res = await running;
        assert.equal(res.status, 201, JSON.stringify(res.body));
        assert.equal(res.body.criados, 5);
        // …and, once committed, as concluded with its summary
        const fim = (await ctx.req("GET", "/api/slots/geracoes", { token: gerenciador })).body
          .items[0];
        assert.equal(fim.status, "concluida");
        assert.equal(fim.dias_processados, 30);
        assert.deepEqual(fim.resumo, {
          data_inicio: "2027-04-01",
          data_fim: "2027-04-30",
          criados: 5,
          existentes: 0,
          ignorados: 0,
          conflitos_ignorados: 0,
        });
        assert.equal(await countSlots(ctx, ours), 5);
        const all = await progressos(ctx);
        assert.deepEqual(all.map((p) => p.after.dias_processados), cadaDoisDias);
        const [done] = await ctx.db.sql<AnyRow>`
          select after from ca_evento where kind = 'grade.gerada'`;
        for (const p of all) assert.equal(p.after.geracao, done.after.geracao.id);
      } finally {
        release();
        await holding;
        await blocker.close();
      }
    });
  } else {
    await t.step("a month is one chunk: its progress would only arrive at commit", async () => {
      // PGlite's one connection is the transaction's: no progress is seen while it runs, so the
      // generation keeps its largest chunks (31 days) and reports nothing.
      const out = await generate(ctx, body);
      assert.equal(out.criados, 5);
      assert.equal((await progressos(ctx)).length, 0);
      const lista = await ctx.req("GET", "/api/slots/geracoes", { token: gerenciador });
      assert.deepEqual(lista.body.items, []);
    });
  }

  await t.step("GET /api/slots/geracoes is the gerenciador's", async () => {
    const operador = await ctx.login("operador");
    const res = await ctx.req("GET", "/api/slots/geracoes", { token: operador });
    assert.equal(res.status, 403);
  });

  await t.step("a one-day generation reports no progress", async () => {
    const before = await ctx.events("grade.geracao_avancada");
    const out = await generate(
      ctx,
      generationBody(refs, {
        data_inicio: "2027-05-07",
        data_fim: "2027-05-07",
        horarios: { "5": ["10:00"] },
        distribuicao: [{ tiposlotid: refs.normal, quantidade: 1 }],
      }),
    );
    assert.equal(out.criados, 1);
    assert.equal(await ctx.events("grade.geracao_avancada"), before);
  });

  await t.step("a refused generation writes no slot and ends its visible progress", async () => {
    // a third médico is busy in another grade on Friday 2027-09-10 at 10:00: a conflict, refused.
    const medico3 = await insertMedico(ctx, "Carla Nunes", [refs.especialidade]);
    await generate(
      ctx,
      generationBody(refs, {
        medicoid: medico3,
        consultorioid: null,
        data_inicio: "2027-09-10",
        data_fim: "2027-09-10",
        horarios: { "5": ["10:00"] },
        distribuicao: [{ tiposlotid: refs.normal, quantidade: 1 }],
      }),
    );
    const before = await ctx.events("grade.geracao_avancada");
    const res = await ctx.req("POST", "/api/slots/generate-bulk", {
      token: gerenciador,
      body: generationBody(refs, {
        medicoid: medico3,
        unidadeid: refs.outraUnidade,
        consultorioid: null,
        data_inicio: "2027-09-01",
        data_fim: "2027-09-30",
        horarios: { "5": ["10:00"] },
        distribuicao: [{ tiposlotid: refs.normal, quantidade: 1 }],
      }),
    });
    assert.equal(res.status, 409);
    assert.equal(res.body.error.code, "conflitos_na_grade");
    assert.equal(await countSlots(ctx, `medicoid = ${medico3}`), 1);
    const [{ n }] = await ctx.db.sql<{ n: number }>`
      select count(*)::int as n from ca_gradeagenda
      where medicoid = ${medico3} and unidadeid = ${refs.outraUnidade}`;
    assert.equal(n, 0);
    const interrompidas = await ctx.db.sql<AnyRow>`
      select after from ca_evento where kind = 'grade.geracao_interrompida'`;
    if (ctx.driver === "postgres") {
      // 15 chunks reported outside the transaction, then the end of that generation
      assert.equal(await ctx.events("grade.geracao_avancada"), before + 15);
      assert.equal(interrompidas.length, 1);
      assert.equal(interrompidas[0].after.codigo, "conflitos_na_grade");
      const [last] = await ctx.db.sql<AnyRow>`
        select after from ca_evento where kind = 'grade.geracao_avancada' order by id desc limit 1`;
      assert.equal(interrompidas[0].after.geracao, last.after.geracao);
      const lista = await ctx.req("GET", "/api/slots/geracoes", { token: gerenciador });
      const g = lista.body.items.find((x: AnyRow) => x.geracao === last.after.geracao);
      assert.equal(g.status, "interrompida");
      assert.equal(g.codigo, "conflitos_na_grade");
    } else {
      // rolled back with the transaction: nothing was ever visible
      assert.equal(await ctx.events("grade.geracao_avancada"), before);
      assert.equal(interrompidas.length, 0);
    }
  });

  await t.step("a generation silent for GERACAO_SILENCIO_S is listed as interrompida", async () => {
    // A generation whose server stopped after reporting progress: its transaction rolled back with
    // the connection and it never writes an end. Its progress as the service writes it, then aged.
    const [grade] = await ctx.db.sql<AnyRow>`
      select gradeagendaid, unidadeid, especialidadeid, medicoid from ca_gradeagenda
      where medicoid = ${refs.medico} and unidadeid = ${refs.unidade} and status = 'Ativo'`;
    const orfa = new Progress(ctx.db, {
      tipo: "admin",
      id: await ctx.userId("gerenciador"),
      nome: "G",
    });
    await orfa.report(ctx.db.sql, grade as GradeRef, {
      data_inicio: "2027-10-01",
      data_fim: "2027-10-02",
      dias_processados: 2,
      dias_total: 30,
      criados: 0,
    });
    await orfa.settle(); // out of band, the write lands while the generation goes on
    const listed = async () =>
      (await ctx.req("GET", "/api/slots/geracoes", { token: gerenciador })).body.items.find(
        (x: AnyRow) => x.geracao === orfa.geracao,
      );
    assert.equal((await listed()).status, "em_andamento");
    await ctx.db.sql`
      update ca_evento set at = at - ${GERACAO_SILENCIO_S + 1}::int * interval '1 second'
      where kind = 'grade.geracao_avancada' and after->>'geracao' = ${orfa.geracao}`;
    const g = await listed();
    assert.equal(g.status, "interrompida");
    assert.equal(g.codigo, "sem_progresso");
    assert.equal(g.dias_processados, 2);
  });
});
