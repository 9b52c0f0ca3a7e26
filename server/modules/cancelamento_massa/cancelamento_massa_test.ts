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

dbTest("[cancelamento_massa] POST preview and executar", async (t, ctx) => {
  const w = await world(ctx.db);
  const op = await ctx.login("operador");
  const adm = await ctx.login("administrador");
  const s1 = await slot(ctx.db, w, { dias: 3, hora: "09:00", limitevagas: 2 });
  const s2 = await slot(ctx.db, w, { dias: 3, hora: "09:00", medicoid: w.medico2id });
  const s4 = await slot(ctx.db, w, { dias: 3, hora: "15:00" });
  const s3 = await slot(ctx.db, w, { dias: 10, hora: "09:00" });
  const pacA = await paciente(ctx.db, { nome: "Antônio Alves" });
  const pacB = await paciente(ctx.db, { nome: "Bruna Borges" });
  const pacC = await paciente(ctx.db, { nome: "Caio Castro" });
  const book = async (slotagendaid: number, pacienteid: number) => {
    const r = await ctx.req("POST", "/api/agendamentos", {
      token: op,
      body: { slotagendaid, pacienteid },
    });
    assert.equal(r.status, 201);
    return r.body.agendamentoid as number;
  };
  const agA = await book(s1, pacA);
  const agC = await book(s4, pacC);
  const itemB = await backlogItem(ctx.db, w, { pacienteid: pacB });
  const prop = await ctx.req("PATCH", `/api/backlog/${itemB}/alocar`, {
    token: op,
    body: { slotagendaid: s1 },
  });
  assert.equal(prop.status, 200);
  const itemC = await backlogItem(ctx.db, w, { pacienteid: pacC });
  const dia = diaMais(3);
  const filtros = { data_inicio: dia, data_fim: dia };

  await t.step("preview lists affected slots and patients with counts", async () => {
    const res = await ctx.req("POST", "/api/cancelamento-massa/preview", {
      token: adm,
      body: filtros,
    });
    assert.equal(res.status, 200, JSON.stringify(res.body));
    assert.match(res.contentType!, /application\/json/);
    assert.deepEqual(res.body.totais, { slots: 3, agendamentos: 2, propostas: 1, pacientes: 3 });
    assert.deepEqual(
      res.body.pacientes.map((p: { nomecompleto: string }) => p.nomecompleto),
      ["Antônio Alves", "Bruna Borges", "Caio Castro"],
    );
    const manha = await ctx.req("POST", "/api/cancelamento-massa/preview", {
      token: adm,
      body: { ...filtros, periodo: "Manhã" },
    });
    assert.deepEqual(
      manha.body.slots.map((s: { slotagendaid: number }) => s.slotagendaid).sort(),
      [s1, s2].sort(),
    );
    const med = await ctx.req("POST", "/api/cancelamento-massa/preview", {
      token: adm,
      body: { ...filtros, medicoid: w.medico2id },
    });
    assert.equal(med.body.totais.slots, 1);
  });

  await t.step("answers 400 for bad filters, missing motivo or decision", async () => {
    const cases = [
      { data_inicio: dia },
      { data_inicio: dia, data_fim: diaMais(2) },
      { data_inicio: dia, data_fim: diaMais(100) },
      { ...filtros, periodo: "Madrugada" },
    ];
    for (const body of cases) {
      const r = await ctx.req("POST", "/api/cancelamento-massa/preview", { token: adm, body });
      assert.equal(r.status, 400, JSON.stringify(body));
    }
    for (
      const body of [{ ...filtros, motivo: "Greve" }, { ...filtros, mover_para_backlog: true }]
    ) {
      const r = await ctx.req("POST", "/api/cancelamento-massa/executar", { token: adm, body });
      assert.equal(r.status, 400);
      assert.equal(r.body.error.code, "entrada_invalida");
    }
    assert.equal(await count(ctx.db, "ca_slotagenda", "status = 'Cancelado'"), 0);
  });

  await t.step("executes in one go: slots, agendamentos, proposals, queue, messages", async () => {
    const res = await ctx.req("POST", "/api/cancelamento-massa/executar", {
      token: adm,
      body: { ...filtros, motivo: "Falta de energia na unidade", mover_para_backlog: true },
    });
    assert.equal(res.status, 200, JSON.stringify(res.body));
    assert.deepEqual(res.body, {
      slots_cancelados: 3,
      agendamentos_cancelados: 2,
      propostas_retiradas: 1,
      pacientes_afetados: 3,
      backlog_criados: 1,
      notificacoes: 3,
    });
    for (const s of [s1, s2, s4]) {
      assert.deepEqual(await slotState(ctx.db, s), { status: "Cancelado", vagas_ocupadas: 0 });
    }
    assert.deepEqual(await slotState(ctx.db, s3), { status: "Livre", vagas_ocupadas: 0 });
    const ags = await ctx.db.sql<{ status: string; motivo_cancelamento: string }>`
      select status, motivo_cancelamento from ca_agendamento where agendamentoid in (${agA}, ${agC})`;
    for (const a of ags) {
      assert.equal(a.status, "Cancelado");
      assert.equal(a.motivo_cancelamento, "Falta de energia na unidade");
    }
    const [b] = await ctx.db
      .sql`select status, prioridade from ca_backlog where backlogid = ${itemB}`;
    assert.deepEqual({ ...b }, { status: "Pendente", prioridade: "Alta" });
    const [novo] = await ctx.db.sql`select status, prioridade, origem, especialidadeid, medicoid
      from ca_backlog where pacienteid = ${pacA}`;
    assert.deepEqual({ ...novo }, {
      status: "Pendente",
      prioridade: "Alta",
      origem: "cancelamento",
      especialidadeid: w.especialidadeid,
      medicoid: w.medicoid,
    });
    // Caio already waited in the queue: his request is raised to Alta, not duplicated
    const cs = await ctx.db
      .sql`select backlogid, prioridade from ca_backlog where pacienteid = ${pacC}`;
    assert.deepEqual(cs.map((r) => ({ ...r })), [{ backlogid: itemC, prioridade: "Alta" }]);
    assert.equal(await count(ctx.db, "ca_notificacao", "template = 'cancelamento'"), 3);
    // two batches: (Ana Souza, day) with s1 and s4, (Bruno Lima, day) with s2
    assert.equal(await ctx.events("slot.cancelado_massa"), 2);
    assert.equal(await ctx.events("cancelamento_massa.executado"), 1);
    const [ev] = await ctx.db.sql<
      {
        topics: string[];
        before: {
          slots: { slotagendaid: number; status: string; vagas_ocupadas: number }[];
          agendamentos: { agendamentoid: number; status: string }[];
        };
      }
    >`
      select topics, before from ca_evento where kind = 'slot.cancelado_massa'
        and topics @> ${[`medico:${w.medicoid}`]}::text[]`;
    for (const topic of [`data:${dia}`, `paciente:${pacA}`, `paciente:${pacC}`, "backlog"]) {
      assert.ok(ev.topics.includes(topic), topic);
    }
    // The audit trail keeps what the batch was: s1 full (A booked, B proposed), s4 with C.
    assert.deepEqual(
      ev.before.slots.map((s) => [s.slotagendaid, s.status, s.vagas_ocupadas]),
      [[s1, "Ocupado", 2], [s4, "Ocupado", 1]],
    );
    assert.deepEqual(
      ev.before.agendamentos.map((a) => [a.agendamentoid, a.status]).sort(),
      [[agA, "Ativo"], [agC, "Ativo"], [prop.body.agendamento.agendamentoid, "Proposto"]].sort(),
    );
  });

  await t.step("nothing left to cancel is 422; a cancelled slot cannot be booked", async () => {
    const res = await ctx.req("POST", "/api/cancelamento-massa/executar", {
      token: adm,
      body: { ...filtros, motivo: "Outra vez", mover_para_backlog: false },
    });
    assert.equal(res.status, 422);
    assert.equal(res.body.error.code, "nenhum_slot");
    const r = await ctx.req("POST", "/api/agendamentos", {
      token: op,
      body: { slotagendaid: s2, pacienteid: pacA },
    });
    assert.equal(r.status, 422);
    assert.equal(r.body.error.code, "slot_cancelado");
  });
});
