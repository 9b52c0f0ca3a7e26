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

dbTest("[backlog] POST /api/backlog/:id/alocar-inteligente and alocar-dia", async (t, ctx) => {
  const w = await world(ctx.db);
  const op = await ctx.login("operador");
  await slot(ctx.db, w, { dias: 1, hora: "09:00" }); // soonest, but not the preferred médico
  const b = await slot(ctx.db, w, { dias: 3, hora: "14:00", medicoid: w.medico2id });
  await slot(ctx.db, w, { dias: 5, hora: "10:00", medicoid: w.medico2id });
  const d = await slot(ctx.db, w, { dias: 5, hora: "15:00", medicoid: w.medico2id });
  await slot(ctx.db, w, { dias: 5, hora: "16:00", medicoid: w.medico2id });
  const item = await backlogItem(ctx.db, w, {
    pacienteid: await paciente(ctx.db),
    medicoid: w.medico2id,
    unidadeid: w.unidadeid,
    data_preferida: diaMais(5),
    periodo_preferido: "Tarde",
    horario_preferido: "14:00",
  });
  const url = `/api/backlog/${item}/alocar-inteligente`;

  await t.step("preview suggests the best slot with reasons and writes nothing", async () => {
    const before = await ctx.events();
    const res = await ctx.req("POST", url, { token: op, body: { preview: true } });
    assert.equal(res.status, 200, JSON.stringify(res.body));
    assert.match(res.contentType!, /application\/json/);
    assert.equal(res.body.preview, true);
    assert.equal(res.body.slot.slotagendaid, d);
    assert.deepEqual(res.body.motivos, [
      "Especialidade Cardiologia.",
      "Médico preferido: Dr. Bruno Lima.",
      "Unidade preferida: UBS Centro.",
      `Na data preferida (${diaMais(5).split("-").reverse().join("/")}).`,
      "No período preferido (Tarde).",
      "Horário 15:00, o mais próximo do preferido (14:00).",
      "Tipo de slot elegível: Normal.",
    ]);
    assert.equal(await ctx.events(), before);
    assert.deepEqual(await slotState(ctx.db, d), { status: "Livre", vagas_ocupadas: 0 });
  });

  await t.step("without preview it proposes that slot and logs the reasons", async () => {
    const res = await ctx.req("POST", url, { token: op, body: {} });
    assert.equal(res.status, 200, JSON.stringify(res.body));
    assert.equal(res.body.preview, false);
    assert.equal(res.body.backlog.status, "Aguardando Confirmação");
    assert.equal(res.body.backlog.slotagendaid_proposto, d);
    assert.equal(res.body.agendamento.status, "Proposto");
    assert.ok(res.body.motivos.length >= 5);
    assert.deepEqual(await slotState(ctx.db, d), { status: "Ocupado", vagas_ocupadas: 1 });
    const [ev] = await ctx.db.sql<{ after: { motivos: string[] } }>`
      select after from ca_evento where kind = 'backlog.alocado_inteligente'`;
    assert.ok(ev.after.motivos.includes("No período preferido (Tarde)."));
  });

  await t.step("answers 422 sem_vaga when nothing fits", async () => {
    const other = await backlogItem(ctx.db, w, {
      pacienteid: await paciente(ctx.db),
      especialidadeid: w.especialidade2id,
    });
    const res = await ctx.req("POST", `/api/backlog/${other}/alocar-inteligente`, {
      token: op,
      body: {},
    });
    assert.equal(res.status, 422);
    assert.equal(res.body.error.code, "sem_vaga");
    assert.equal(await count(ctx.db, "ca_agendamento", `backlogid = ${other}`), 0);
  });

  await t.step("alocar-dia picks the free slot of that day; another unidade has none", async () => {
    const other = await backlogItem(ctx.db, w, { pacienteid: await paciente(ctx.db) });
    const none = await ctx.req("POST", `/api/backlog/${other}/alocar-dia`, {
      token: op,
      body: { data: diaMais(3), unidadeid: w.unidade2id },
    });
    assert.equal(none.status, 422);
    assert.equal(none.body.error.code, "sem_vaga");
    const bad = await ctx.req("POST", `/api/backlog/${other}/alocar-dia`, {
      token: op,
      body: { data: "amanhã" },
    });
    assert.equal(bad.status, 400);
    const res = await ctx.req("POST", `/api/backlog/${other}/alocar-dia`, {
      token: op,
      body: { data: diaMais(3) },
    });
    assert.equal(res.status, 200, JSON.stringify(res.body));
    assert.equal(res.body.backlog.slotagendaid_proposto, b);
    assert.equal(await ctx.events("backlog.alocado"), 1);
  });
});
