import { strict as assert } from "node:assert";
import { dbTest } from "../testing/harness.ts";
import { runOnce } from "../notify/worker.ts";
import { runJobOnce } from "./all.ts";
import { agendamento, base, credencial, notificacoes, paciente } from "../testing/fixtures/jobs.ts";

dbTest("[jobs] lembrete: reminders within lembrete_horas_antes", async (t, ctx) => {
  const b = await base(ctx.db);
  const comEmail = await paciente(ctx.db, { email: "maria@example.com" });
  const soTelefone = await paciente(ctx.db);
  const soEmail = await paciente(ctx.db, { telefone: null, email: "jose@example.com" });
  const in23h = await agendamento(ctx.db, b, comEmail, { horas: 23 });
  const confirmado = await agendamento(ctx.db, b, soTelefone, { horas: 2, status: "Confirmado" });
  const emailOnly = await agendamento(ctx.db, b, soEmail, { horas: 12 });
  const in30h = await agendamento(ctx.db, b, soTelefone, { horas: 30 });
  const past = await agendamento(ctx.db, b, soTelefone, { horas: -1 });
  const cancelado = await agendamento(ctx.db, b, comEmail, { horas: 5, status: "Cancelado" });
  const slotCancelado = await agendamento(ctx.db, b, soEmail, {
    horas: 6,
    slotStatus: "Cancelado",
  });

  await t.step("reminds Ativo and Confirmado agendamentos in the next 24 h only", async () => {
    const r = await runJobOnce(ctx.deps, "lembrete");
    assert.deepEqual(r, { mensagens: 4 });
    const rows = await notificacoes(ctx.db, "lembrete");
    assert.deepEqual(
      rows.map((n) => [n.agendamentoid, n.canal, n.destino]),
      [
        [in23h.agendamentoid, "email", "maria@example.com"],
        [in23h.agendamentoid, "whatsapp", "11987654321"],
        [confirmado.agendamentoid, "whatsapp", "11987654321"],
        [emailOnly.agendamentoid, "email", "jose@example.com"],
      ],
    );
    const reminded = new Set(rows.map((n) => n.agendamentoid));
    for (const skipped of [in30h, past, cancelado, slotCancelado]) {
      assert.ok(!reminded.has(skipped.agendamentoid));
    }
  });

  await t.step("the text names the consultation in the unidade's time zone", async () => {
    const [n] = await notificacoes(ctx.db, "lembrete");
    const [{ local }] = await ctx.db.sql<{ local: string }>`
      select to_char(s.datainicio at time zone 'America/Sao_Paulo', 'DD/MM/YYYY "às" HH24:MI')
             as local
      from ca_slotagenda s where slotagendaid = ${in23h.slotagendaid}`;
    assert.ok(n.corpo.includes(local), `${n.corpo} should include ${local}`);
    assert.match(n.corpo, /Protocolo: AG-T-/);
    assert.match(n.corpo, /Local: UBS Teste \d+ — Rua Campos Sales, 100 - Centro - Barueri\/SP/);
  });

  await t.step("running again sends nothing twice", async () => {
    assert.deepEqual(await runJobOnce(ctx.deps, "lembrete"), { mensagens: 0 });
    assert.equal((await notificacoes(ctx.db, "lembrete")).length, 4);
    const [{ n }] = await ctx.db.sql<{ n: number }>`
      select count(*)::int as n from ca_job_execucao where job = 'lembrete'`;
    assert.equal(n, 3);
  });

  await t.step("a longer lembrete_horas_antes reaches the one 30 h ahead", async () => {
    await ctx.db.sql`update ca_clinica_configuracao set lembrete_horas_antes = 48`;
    assert.deepEqual(await runJobOnce(ctx.deps, "lembrete"), { mensagens: 1 });
    const rows = await notificacoes(ctx.db, "lembrete");
    assert.ok(rows.some((n) => n.agendamentoid === in30h.agendamentoid));
  });

  await t.step("two runs at once still remind each agendamento once", async () => {
    const other = await agendamento(ctx.db, b, comEmail, { horas: 10 });
    const runs = await Promise.all([
      runJobOnce(ctx.deps, "lembrete"),
      runJobOnce(ctx.deps, "lembrete"),
    ]);
    const total = runs.reduce((n, r) => n + (r as { mensagens: number }).mensagens, 0);
    assert.equal(total, 2);
    const rows = (await notificacoes(ctx.db, "lembrete")).filter((n) =>
      n.agendamentoid === other.agendamentoid
    );
    assert.equal(rows.length, 2);
  });

  await t.step("the outbox worker delivers the reminders", async () => {
    await runOnce(ctx.deps, { batchSize: 50 });
    const [{ n }] = await ctx.db.sql<{ n: number }>`
      select count(*)::int as n from ca_notificacao
      where template = 'lembrete' and status <> 'enviada'`;
    assert.equal(n, 0);
  });
});

dbTest("[jobs] seguro: insurance check 24 h before", async (t, ctx) => {
  const b = await base(ctx.db);
  const vencido = await paciente(ctx.db, { email: "vencido@example.com" });
  const valido = await paciente(ctx.db);
  const semCredencial = await paciente(ctx.db);
  const longe = await paciente(ctx.db);
  const aVencido = await agendamento(ctx.db, b, vencido, { horas: 20 });
  const aValido = await agendamento(ctx.db, b, valido, { horas: 20 });
  const aSem = await agendamento(ctx.db, b, semCredencial, { horas: 20 });
  const aLonge = await agendamento(ctx.db, b, longe, { horas: 30 });
  // expired the day before the consultation
  const [{ ontem }] = await ctx.db.sql<{ ontem: string }>`
    select (${aVencido.data}::date - 1)::text as ontem`;
  const credVencida = await credencial(ctx.db, vencido, ontem);
  // valid exactly until the consultation day
  const credValida = await credencial(ctx.db, valido, aValido.data);
  const credLonge = await credencial(ctx.db, longe, "2020-01-01");

  const agend = async (id: number) => {
    const [r] = await ctx.db.sql<{ seguro_status: string }>`
      select seguro_status from ca_agendamento where agendamentoid = ${id}`;
    return r.seguro_status;
  };
  const cred = async (id: number) => {
    const [r] = await ctx.db.sql<{ status: string; verificado_em: Date | null }>`
      select status, verificado_em from ca_seguro_credencial where credencialid = ${id}`;
    return r;
  };

  await t.step("an expired card makes the agendamento Inválido and warns the patient", async () => {
    assert.deepEqual(await runJobOnce(ctx.deps, "seguro"), { validos: 1, invalidos: 1 });
    assert.equal(await agend(aVencido.agendamentoid), "Inválido");
    assert.equal((await cred(credVencida)).status, "Inválida");
    assert.ok((await cred(credVencida)).verificado_em instanceof Date);
    const rows = await notificacoes(ctx.db, "seguro_invalido");
    assert.deepEqual(rows.map((n) => [n.agendamentoid, n.canal]), [
      [aVencido.agendamentoid, "email"],
      [aVencido.agendamentoid, "whatsapp"],
    ]);
    assert.match(rows[0].corpo, /carteirinha vencida em \d{2}\/\d{2}\/\d{4}/);
  });

  await t.step("writes agendamento.seguro_invalido on the patient, unidade and day", async () => {
    const [ev] = await ctx.db.sql<{ topics: string[]; before: unknown; after: unknown }>`
      select topics, before, after from ca_evento
      where kind = 'agendamento.seguro_invalidado' and entity_id = ${
      String(aVencido.agendamentoid)
    }`;
    assert.deepEqual(ev.topics, [
      `paciente:${vencido}`,
      `unidade:${b.unidadeid}`,
      `data:${aVencido.data}`,
    ]);
    assert.equal((ev.before as { seguro_status: string }).seguro_status, "Não se aplica");
    assert.equal((ev.after as { seguro_status: string }).seguro_status, "Inválido");
  });

  await t.step("a card valid through the consultation day is Válida", async () => {
    assert.equal(await agend(aValido.agendamentoid), "Válido");
    assert.equal((await cred(credValida)).status, "Válida");
    assert.equal(await ctx.events("agendamento.seguro_validado"), 1);
    const rows = await notificacoes(ctx.db, "seguro_invalido");
    assert.ok(rows.every((n) => n.agendamentoid !== aValido.agendamentoid));
  });

  await t.step("leaves patients without a card and agendamentos beyond 24 h alone", async () => {
    assert.equal(await agend(aSem.agendamentoid), "Não se aplica");
    assert.equal(await agend(aLonge.agendamentoid), "Não se aplica");
    assert.equal((await cred(credLonge)).status, "Pendente");
  });

  await t.step("running again changes and sends nothing", async () => {
    assert.deepEqual(await runJobOnce(ctx.deps, "seguro"), { validos: 0, invalidos: 0 });
    assert.equal((await notificacoes(ctx.db, "seguro_invalido")).length, 2);
    assert.equal(await ctx.events("agendamento.seguro_invalidado"), 1);
    assert.equal(await ctx.events("agendamento.seguro_validado"), 1);
  });
});
