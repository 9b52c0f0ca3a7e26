/**
 * The grade's encaixe settings through the API: `limite_encaixe` on generation and
 * `PATCH /api/grade-agenda/:id` (overbooking on/off for the slots from today on, the limit), and
 * the slot view answering how many encaixes a slot may take.
 */
import { strict as assert } from "node:assert";
import { dbTest } from "../../testing/harness.ts";
import { type AnyRow, generate, generationBody, seedRefs } from "../../testing/fixtures/slots.ts";

dbTest("[grade-agenda] PATCH /api/grade-agenda/:id and limite_encaixe", async (t, ctx) => {
  const refs = await seedRefs(ctx);
  const ger = await ctx.login("gerenciador");
  const g = await generate(ctx, generationBody(refs, { overbooking: true, limite_encaixe: 3 }));
  const id = g.gradeagendaid;
  const slotsDaGrade = async () =>
    (await ctx.db.sql<{ isoverbooking: boolean }>`
      select isoverbooking from ca_slotagenda where gradeagendaid = ${id}`).map((s) =>
      s.isoverbooking
    );
  const grade = async () => {
    const [r] = await ctx.db.sql<{ overbooking: boolean; limite_encaixe: number }>`
      select overbooking, limite_encaixe from ca_gradeagenda where gradeagendaid = ${id}`;
    return { ...r };
  };

  await t.step("generation stores limite_encaixe; the grade and its slots answer it", async () => {
    assert.deepEqual(await grade(), { overbooking: true, limite_encaixe: 3 });
    const res = await ctx.req("GET", `/api/grade-agenda/${id}`, { token: ger });
    assert.equal(res.status, 200);
    assert.equal(res.body.limite_encaixe, 3);
    const [{ slotagendaid, data }] = await ctx.db.sql<{ slotagendaid: number; data: string }>`
      select slotagendaid, data from ca_slotagenda where gradeagendaid = ${id} limit 1`;
    const one = await ctx.req("GET", `/api/slots/${slotagendaid}`, { token: ger });
    assert.equal(one.body.limite_encaixe, 3);
    const day = await ctx.req("GET", `/api/slots?data=${data}`, { token: ger });
    const s = day.body.grupos.flatMap((x: AnyRow) => x.slots).find((x: AnyRow) =>
      x.slotagendaid === slotagendaid
    );
    assert.equal(s.limite_encaixe, 3);
  });

  await t.step("a re-run without limite_encaixe keeps the grade's own", async () => {
    await generate(ctx, generationBody(refs, { overbooking: true, horarios: { "2": ["10:00"] } }));
    assert.equal((await grade()).limite_encaixe, 3);
  });

  await t.step("answers 400 for a limit out of range, nothing changed", async () => {
    for (const body of [{ limite_encaixe: 21 }, { limite_encaixe: -1 }, { limite_encaixe: 1.5 }]) {
      const res = await ctx.req("PATCH", `/api/grade-agenda/${id}`, { token: ger, body });
      assert.equal(res.status, 400, JSON.stringify(body));
      assert.equal(res.body.error.code, "entrada_invalida");
      assert.match(
        JSON.stringify(res.body.error.details),
        /limite de encaixes deve ser de 0 a 20|inteiro/,
      );
    }
    const empty = await ctx.req("PATCH", `/api/grade-agenda/${id}`, { token: ger, body: {} });
    assert.equal(empty.status, 400);
    const gen = await ctx.req("POST", "/api/slots/generate-bulk", {
      token: ger,
      body: generationBody(refs, { limite_encaixe: 30, preview: true }),
    });
    assert.equal(gen.status, 400);
    assert.deepEqual(await grade(), { overbooking: true, limite_encaixe: 3 });
    assert.equal(await ctx.events("grade.atualizada"), 0);
  });

  await t.step("sets the limit; turning overbooking off clears the slots' flag", async () => {
    const res = await ctx.req("PATCH", `/api/grade-agenda/${id}`, {
      token: ger,
      body: { overbooking: false, limite_encaixe: 2 },
    });
    assert.equal(res.status, 200);
    assert.match(res.contentType!, /application\/json/);
    assert.equal(res.body.overbooking, false);
    assert.equal(res.body.limite_encaixe, 2);
    assert.deepEqual(await grade(), { overbooking: false, limite_encaixe: 2 });
    assert.ok((await slotsDaGrade()).every((f) => !f));
    const [ev] = await ctx.db.sql<{ before: AnyRow; after: AnyRow; topics: string[] }>`
      select before, after, topics from ca_evento where kind = 'grade.atualizada'`;
    assert.deepEqual(ev.before, { overbooking: true, limite_encaixe: 3 });
    assert.deepEqual(ev.after, { overbooking: false, limite_encaixe: 2 });
    assert.ok(ev.topics.includes("data:2027-03-01"), ev.topics.join());
  });

  await t.step("turning it on again marks the slots; the slot view answers the limit", async () => {
    const res = await ctx.req("PATCH", `/api/grade-agenda/${id}`, {
      token: ger,
      body: { overbooking: true },
    });
    assert.equal(res.status, 200);
    assert.equal(res.body.limite_encaixe, 2);
    assert.ok((await slotsDaGrade()).every((f) => f));
    assert.equal(await ctx.events("grade.atualizada"), 2);
  });

  await t.step("answers 404 for an unknown grade and 422 for an inactive one", async () => {
    const res = await ctx.req("PATCH", "/api/grade-agenda/999999", {
      token: ger,
      body: { limite_encaixe: 1 },
    });
    assert.equal(res.status, 404);
    await ctx.db.sql`update ca_gradeagenda set status = 'Inativo' where gradeagendaid = ${id}`;
    const inativa = await ctx.req("PATCH", `/api/grade-agenda/${id}`, {
      token: ger,
      body: { limite_encaixe: 1 },
    });
    assert.equal(inativa.status, 422);
    assert.equal(inativa.body.error.code, "grade_inativa");
    assert.equal((await grade()).limite_encaixe, 2);
  });
});
