import { strict as assert } from "node:assert";
import { dbTest } from "../../testing/harness.ts";
import { count, paciente, slot, slotState, world } from "../../testing/fixtures/agendamentos.ts";

dbTest("[agendamentos] POST /api/agendamentos", async (t, ctx) => {
  const w = await world(ctx.db);
  const token = await ctx.login("operador");
  const pac = await paciente(ctx.db, { nome: "Maria José" });

  await t.step("books the patient into a free slot with protocolo and ordem", async () => {
    const s = await slot(ctx.db, w, { limitevagas: 2 });
    const res = await ctx.req("POST", "/api/agendamentos", {
      token,
      body: { slotagendaid: s, pacienteid: pac },
    });
    assert.equal(res.status, 201, JSON.stringify(res.body));
    assert.match(res.contentType!, /application\/json/);
    assert.equal(res.body.status, "Ativo");
    assert.equal(res.body.ordem, 1);
    assert.match(res.body.protocolo, /^AG-\d{8}-\d{6}$/);
    assert.equal(res.body.medico_nome, "Dra. Ana Souza");
    assert.match(res.body.endereco, /Rua das Flores, 100/);
    assert.deepEqual(await slotState(ctx.db, s), { status: "Livre", vagas_ocupadas: 1 });
    assert.equal(await ctx.events("agendamento.criado"), 1);
    const [ev] = await ctx.db.sql<{ topics: string[] }>`
      select topics from ca_evento where kind = 'agendamento.criado'`;
    assert.ok(ev.topics.includes(`unidade:${w.unidadeid}`));
    assert.ok(ev.topics.includes(`medico:${w.medicoid}`));
    assert.ok(ev.topics.includes(`paciente:${pac}`));
    assert.ok(ev.topics.some((x) => x.startsWith("data:")));
    assert.equal(
      await count(ctx.db, "ca_notificacao", `template = 'confirmacao' and pacienteid = ${pac}`),
      1,
    );
    // second patient takes position 2 and fills the slot
    const pac2 = await paciente(ctx.db);
    const res2 = await ctx.req("POST", "/api/agendamentos", {
      token,
      body: { slotagendaid: s, pacienteid: pac2 },
    });
    assert.equal(res2.status, 201);
    assert.equal(res2.body.ordem, 2);
    assert.deepEqual(await slotState(ctx.db, s), { status: "Ocupado", vagas_ocupadas: 2 });
  });

  await t.step("refuses bad input and domain rules, changing nothing", async () => {
    const free = await slot(ctx.db, w, { limitevagas: 2 });
    const ok = await ctx.req("POST", "/api/agendamentos", {
      token,
      body: { slotagendaid: free, pacienteid: pac },
    });
    assert.equal(ok.status, 201);
    const inativo = await paciente(ctx.db, { status: "Inativo" });
    const outro = await paciente(ctx.db);
    await ctx.db.sql`insert into ca_paciente_tiposlot values (${outro}, ${w.tipoPrioritario})`;
    const [plano] = await ctx.db.sql<{ planoid: number }>`
      insert into ca_plano_tratamento (pacienteid, titulo) values (${outro}, 'Plano X')
      returning planoid`;
    const before = await count(ctx.db, "ca_agendamento");
    const events = await ctx.events();
    const cases: [unknown, number, string][] = [
      [{ slotagendaid: free }, 400, "entrada_invalida"],
      [{ slotagendaid: "abc", pacienteid: pac }, 400, "entrada_invalida"],
      [{ slotagendaid: 999999, pacienteid: pac }, 404, "nao_encontrado"],
      [{ slotagendaid: free, pacienteid: 999999 }, 404, "nao_encontrado"],
      [{ slotagendaid: free, pacienteid: inativo }, 422, "paciente_inativo"],
      [{ slotagendaid: free, pacienteid: pac }, 409, "paciente_ja_no_horario"],
      [{ slotagendaid: free, pacienteid: outro }, 422, "tiposlot_nao_elegivel"],
      [{ slotagendaid: await slot(ctx.db, w, { dias: -2 }), pacienteid: pac }, 422, "slot_passado"],
      [
        {
          slotagendaid: await slot(ctx.db, w, { vagasOcupadas: 1 }),
          pacienteid: pac,
        },
        409,
        "slot_indisponivel",
      ],
      [
        {
          slotagendaid: await slot(ctx.db, w, { status: "Cancelado" }),
          pacienteid: pac,
        },
        422,
        "slot_cancelado",
      ],
      [
        { slotagendaid: free, pacienteid: pac, planoid: plano.planoid },
        422,
        "plano_de_outro_paciente",
      ],
    ];
    for (const [body, status, code] of cases) {
      const res = await ctx.req("POST", "/api/agendamentos", { token, body });
      assert.equal(res.status, status, `${JSON.stringify(body)} → ${JSON.stringify(res.body)}`);
      assert.equal(res.body.error.code, code);
      assert.equal(typeof res.body.error.message, "string");
    }
    assert.equal(await count(ctx.db, "ca_agendamento"), before);
    assert.equal(await ctx.events(), events);
    assert.deepEqual(await slotState(ctx.db, free), { status: "Livre", vagas_ocupadas: 1 });
  });
});
