/**
 * A cancelled grade day keeps the slots that still hold places (listed for the operator to move),
 * but none of their free places may be taken again until the day is restored: no booking, no
 * proposal, no smart choice, no automatic re-offer. A slot emptied on a cancelled day is
 * cancelled with the day, and restoring the day brings it back.
 */
import { strict as assert } from "node:assert";
import { dbTest } from "../../testing/harness.ts";
import {
  backlogItem,
  count,
  diaMais,
  paciente,
  slot,
  slotState,
  world,
} from "../../testing/fixtures/agendamentos.ts";

dbTest("[agendamentos] places on a cancelled grade day", async (t, ctx) => {
  const w = await world(ctx.db, { realocacao: true });
  const op = await ctx.login("operador");
  const ger = await ctx.login("gerenciador");
  const dia = diaMais(3);
  const s = await slot(ctx.db, w, { dias: 3, hora: "09:00", limitevagas: 2 });
  const [{ grade }] = await ctx.db.sql<{ grade: number }>`
    select gradeagendaid as grade from ca_slotagenda where slotagendaid = ${s}`;
  const booked = await ctx.req("POST", "/api/agendamentos", {
    token: op,
    body: { slotagendaid: s, pacienteid: await paciente(ctx.db) },
  });
  assert.equal(booked.status, 201);
  const item = await backlogItem(ctx.db, w, { pacienteid: await paciente(ctx.db) });
  const cancel = await ctx.req("POST", `/api/grade-agenda/${grade}/cancel-day`, {
    token: ger,
    body: { data: dia, motivo: "Reforma do consultório" },
  });
  assert.equal(cancel.status, 201, JSON.stringify(cancel.body));
  assert.deepEqual(cancel.body.pendentes.map((p: { slotagendaid: number }) => p.slotagendaid), [s]);
  assert.deepEqual(await slotState(ctx.db, s), { status: "Livre", vagas_ocupadas: 1 });

  await t.step("day, week and stats views show the slot with no free place", async () => {
    const vis = await ctx.login("visualizador");
    const day = await ctx.req("GET", `/api/slots?data=${dia}`, { token: vis });
    assert.equal(day.status, 200);
    const [view] = day.body.grupos.flatMap((g: { slots: unknown[] }) => g.slots);
    assert.equal(view.slotagendaid, s);
    assert.equal(view.dia_cancelado, true);
    assert.equal(view.livres, 0);
    assert.equal(view.vagas_ocupadas, 1);
    assert.deepEqual(day.body.totais, {
      slots: 1,
      vagas: 2,
      ocupadas: 1,
      livres: 0,
      canceladas: 0,
    });
    const stats = await ctx.req("GET", `/api/grade-stats/day/${dia}`, { token: vis });
    assert.equal(stats.status, 200);
    assert.equal(stats.body.totais.livres, 0);
    assert.equal(stats.body.totais.ocupadas, 1);
    const week = await ctx.req("GET", `/api/slots/semana?inicio=${dia}`, { token: vis });
    assert.equal(week.status, 200);
    assert.deepEqual(week.body.dias[0], {
      data: dia,
      slots: 1,
      vagas: 2,
      ocupadas: 1,
      livres: 0,
      canceladas: 0,
    });
  });

  await t.step("booking the free place answers 422 dia_cancelado and changes nothing", async () => {
    const before = await count(ctx.db, "ca_agendamento");
    const res = await ctx.req("POST", "/api/agendamentos", {
      token: op,
      body: { slotagendaid: s, pacienteid: await paciente(ctx.db) },
    });
    assert.equal(res.status, 422);
    assert.match(res.contentType!, /application\/json/);
    assert.equal(res.body.error.code, "dia_cancelado");
    assert.equal(
      res.body.error.message,
      "O dia deste horário foi cancelado na grade do médico. Escolha outro dia.",
    );
    assert.equal(await count(ctx.db, "ca_agendamento"), before);
    assert.deepEqual(await slotState(ctx.db, s), { status: "Livre", vagas_ocupadas: 1 });
  });

  await t.step("proposing it to a backlog item is refused the same way", async () => {
    const res = await ctx.req("PATCH", `/api/backlog/${item}/alocar`, {
      token: op,
      body: { slotagendaid: s },
    });
    assert.equal(res.status, 422);
    assert.equal(res.body.error.code, "dia_cancelado");
    const [b] = await ctx.db.sql`select status from ca_backlog where backlogid = ${item}`;
    assert.equal(b.status, "Pendente");
  });

  await t.step("smart allocation and alocar-dia never pick it", async () => {
    const smart = await ctx.req("POST", `/api/backlog/${item}/alocar-inteligente`, {
      token: op,
      body: { preview: true },
    });
    assert.equal(smart.status, 422);
    assert.equal(smart.body.error.code, "sem_vaga");
    const day = await ctx.req("POST", `/api/backlog/${item}/alocar-dia`, {
      token: op,
      body: { data: dia },
    });
    assert.equal(day.status, 422);
    assert.equal(day.body.error.code, "sem_vaga");
  });

  await t.step("the last place freed cancels the slot with the day; no re-offer", async () => {
    const res = await ctx.req("PUT", `/api/agendamentos/${booked.body.agendamentoid}/cancelar`, {
      token: op,
      body: { motivo: "Remarcado para outro dia" },
    });
    assert.equal(res.status, 200, JSON.stringify(res.body));
    assert.deepEqual(await slotState(ctx.db, s), { status: "Cancelado", vagas_ocupadas: 0 });
    const [b] = await ctx.db.sql`select status from ca_backlog where backlogid = ${item}`;
    assert.equal(b.status, "Pendente");
    assert.equal(await ctx.events("backlog.realocado_automaticamente"), 0);
    const [{ n }] = await ctx.db.sql<{ n: number }>`
      select count(*)::int as n from ca_grade_dia_cancelado_slot x
      join ca_grade_dia_cancelado d using (cancelamentoid)
      where x.slotagendaid = ${s} and d.data = ${dia}`;
    assert.equal(n, 1);
  });

  await t.step("restoring the day gives the slot back, bookable again", async () => {
    const res = await ctx.req("PUT", `/api/grade-agenda/${grade}/restore-day`, {
      token: ger,
      body: { data: dia },
    });
    assert.equal(res.status, 200, JSON.stringify(res.body));
    assert.deepEqual(res.body.slots_restaurados, [s]);
    assert.deepEqual(await slotState(ctx.db, s), { status: "Livre", vagas_ocupadas: 0 });
    const again = await ctx.req("PATCH", `/api/backlog/${item}/alocar`, {
      token: op,
      body: { slotagendaid: s },
    });
    assert.equal(again.status, 200, JSON.stringify(again.body));
  });
});
