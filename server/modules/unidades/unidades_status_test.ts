import { strict as assert } from "node:assert";
import { dbTest, type TestCtx } from "../../testing/harness.ts";
import {
  insertActiveGrade,
  insertConsultorio,
  insertGradeDeps,
  insertGradeWith,
  insertUnidade,
  tableRows,
} from "../../testing/fixtures/consultorios.ts";
import { Unidade } from "./schemas.ts";

dbTest("[unidades] DELETE and PATCH /api/unidades/:id/reativar", async (t, ctx) => {
  const token = await ctx.login("gerenciador");
  const id = await insertUnidade(ctx, "UBS Centro");
  const sala = await insertConsultorio(ctx, id, "Sala 1");
  const grade = await insertActiveGrade(ctx, id, null);
  const url = `/api/unidades/${id}`;

  await t.step("refuses with 409 unidade_em_uso while an active grade uses it", async () => {
    const before = await tableRows(ctx, "ca_unidade");
    const res = await ctx.req("DELETE", url, { token });
    assert.equal(res.status, 409);
    assert.match(res.contentType!, /application\/json/);
    assert.equal(res.body.error.code, "unidade_em_uso");
    assert.deepEqual(
      res.body.error.details.grades.map((g: { gradeagendaid: number }) => g.gradeagendaid),
      [grade],
    );
    assert.deepEqual(await tableRows(ctx, "ca_unidade"), before);
    assert.equal(await ctx.events("unidade.inativada"), 0);
  });

  await t.step("inactivates once no active grade is left, and writes the event", async () => {
    await ctx.db.sql`update ca_gradeagenda set status = 'Inativo' where gradeagendaid = ${grade}`;
    const res = await ctx.req("DELETE", url, { token });
    assert.equal(res.status, 200);
    assert.equal(Unidade.parse(res.body).status, "Inativo");
    const [ev] = await ctx.db.sql<{ topics: string[]; before: { status: string } }>`
      select topics, before from ca_evento where kind = 'unidade.inativada'`;
    assert.deepEqual(ev.topics, ["config", `unidade:${id}`]);
    assert.equal(ev.before.status, "Ativo");
    // its consultórios keep their own status
    const [c] = await ctx.db.sql`select status from ca_consultorio where consultorioid = ${sala}`;
    assert.equal(c.status, "Ativo");
  });

  await t.step("leaves the default list but stays readable", async () => {
    const list = await ctx.req("GET", "/api/unidades", { token });
    assert.deepEqual(list.body, []);
    const one = await ctx.req("GET", url, { token });
    assert.equal(one.status, 200);
    assert.equal(one.body.status, "Inativo");
  });

  await t.step("answers 409 when already inactive", async () => {
    const res = await ctx.req("DELETE", url, { token });
    assert.equal(res.status, 409);
    assert.equal(res.body.error.code, "ja_inativo");
  });

  await t.step("refuses new consultórios while inactive (422), nothing written", async () => {
    const before = await tableRows(ctx, "ca_consultorio");
    const res = await ctx.req("PUT", url, { token, body: { consultorios: [{ nome: "Sala 2" }] } });
    assert.equal(res.status, 422);
    assert.equal(res.body.error.code, "unidade_inativa");
    assert.deepEqual(await tableRows(ctx, "ca_consultorio"), before);
  });

  await t.step("reactivates, writes the event, then answers 409 when already active", async () => {
    const res = await ctx.req("PATCH", `${url}/reativar`, { token });
    assert.equal(res.status, 200);
    assert.match(res.contentType!, /application\/json/);
    assert.equal(res.body.status, "Ativo");
    assert.deepEqual(res.body.consultorios.map((c: { nome: string }) => c.nome), ["Sala 1"]);
    assert.equal(await ctx.events("unidade.reativada"), 1);
    const again = await ctx.req("PATCH", `${url}/reativar`, { token });
    assert.equal(again.status, 409);
    assert.equal(again.body.error.code, "ja_ativo");
  });

  await t.step("answers 400 for a malformed id and 404 for an unknown one", async () => {
    assert.equal((await ctx.req("DELETE", "/api/unidades/1.5", { token })).status, 400);
    assert.equal((await ctx.req("DELETE", "/api/unidades/999999", { token })).status, 404);
    assert.equal((await ctx.req("PATCH", "/api/unidades/x/reativar", { token })).status, 400);
    assert.equal((await ctx.req("PATCH", "/api/unidades/999999/reativar", { token })).status, 404);
  });
});

dbTest("[unidades] DELETE while a grade is being created for the unidade", async (t, ctx) => {
  const token = await ctx.login("gerenciador");
  const id = await insertUnidade(ctx, "UBS Centro");
  const sala = await insertConsultorio(ctx, id, "Sala 1");
  const deps = await insertGradeDeps(ctx);

  // Postgres: both requests start while the grade is uncommitted and the transaction commits
  // only once both are seen waiting on a lock (pg_stat_activity), so they must wait for it and
  // then see the grade. PGlite has one connection: the requests queue behind the transaction
  // and run after its commit, so there it shows the refusal only, not the wait.
  const step = ctx.driver === "postgres"
    ? "waits for the grade's transaction and then refuses with 409"
    : "refuses with 409 once the grade is committed (PGlite serializes the requests)";
  await t.step(step, async () => {
    let unidade!: Promise<{ status: number; body: { error: { code: string } } }>;
    let consultorio!: Promise<{ status: number; body: { error: { code: string } } }>;
    await ctx.db.begin(async (sql) => {
      await insertGradeWith(sql, deps, id, sala);
      unidade = ctx.req("DELETE", `/api/unidades/${id}`, { token });
      consultorio = ctx.req("DELETE", `/api/consultorios/${sala}`, { token });
      if (ctx.driver === "postgres") await lockWaiters(ctx, 2);
    });
    const [u, c] = await Promise.all([unidade, consultorio]);
    assert.equal(u.status, 409);
    assert.equal(u.body.error.code, "unidade_em_uso");
    assert.equal(c.status, 409);
    assert.equal(c.body.error.code, "consultorio_em_uso");
    const [row] = await ctx.db.sql`select status from ca_unidade where unidadeid = ${id}`;
    assert.equal(row.status, "Ativo");
  });
});

/** Resolves once `n` backends of this database wait on a lock (the racing requests). */
async function lockWaiters(ctx: TestCtx, n: number) {
  // The deadline only turns a hang into a failure (the requests never waited); no timing claim.
  for (const end = Date.now() + 60_000; Date.now() < end;) {
    const [{ waiting }] = await ctx.db.sql<{ waiting: number }>`
      select count(*)::int as waiting from pg_stat_activity
      where datname = current_database() and wait_event_type = 'Lock'`;
    if (waiting >= n) return;
    await new Promise((r) => setTimeout(r, 10));
  }
  throw new Error(`fewer than ${n} requests waited on the grade's lock`);
}
