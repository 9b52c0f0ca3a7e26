import { strict as assert } from "node:assert";
import { dbTest } from "../../testing/harness.ts";
import {
  backlogItem,
  diaMais,
  paciente,
  slot,
  world,
} from "../../testing/fixtures/agendamentos.ts";
import { AgendamentoDetail, AgendamentoList } from "./schemas.ts";

dbTest("[agendamentos] GET /api/agendamentos, /:id, /buscar-paciente, /meus", async (t, ctx) => {
  const w = await world(ctx.db);
  const op = await ctx.login("operador");
  const vis = await ctx.login("visualizador");
  const joao = await paciente(ctx.db, { nome: "João Araújo", cpf: "52998224725" });
  const ana = await paciente(ctx.db, { nome: "Ana Beatriz" });
  const me = await ctx.paciente();
  const dia = diaMais(2);
  const s1 = await slot(ctx.db, w, { dias: 2, hora: "10:00", limitevagas: 2 });
  const s2 = await slot(ctx.db, w, { dias: 2, hora: "08:00", medicoid: w.medico2id });
  const s3 = await slot(ctx.db, w, { dias: 3, hora: "08:00" });
  const book = async (slotagendaid: number, pacienteid: number) => {
    const res = await ctx.req("POST", "/api/agendamentos", {
      token: op,
      body: { slotagendaid, pacienteid },
    });
    assert.equal(res.status, 201, JSON.stringify(res.body));
    return res.body.agendamentoid as number;
  };
  const aJoao = await book(s1, joao);
  const aAna = await book(s2, ana);
  const aMe = await book(s1, me.pacienteid);
  await book(s3, joao);
  await ctx.req("PUT", `/api/agendamentos/${aAna}/cancelar`, {
    token: op,
    body: { motivo: "Pedido da paciente" },
  });
  await backlogItem(ctx.db, w, { pacienteid: joao, especialidadeid: w.especialidade2id });

  await t.step("lists a day ordered by horário with stats", async () => {
    const res = await ctx.req("GET", `/api/agendamentos?data=${dia}`, { token: vis });
    assert.equal(res.status, 200, JSON.stringify(res.body));
    assert.match(res.contentType!, /application\/json/);
    const ids = res.body.items.map((i: { agendamentoid: number }) => i.agendamentoid);
    assert.deepEqual(ids, [aAna, aJoao, aMe]);
    assert.equal(res.body.total, 3);
    assert.deepEqual(
      { ...res.body.stats, por_status: undefined },
      { total: 3, ativos: 2, cancelados: 1, especialidades: 1, medicos: 2, por_status: undefined },
    );
    assert.deepEqual(res.body.stats.por_status, { Ativo: 2, Cancelado: 1 });
    AgendamentoList.parse(res.body);
  });

  await t.step("filters by name (accents ignored), CPF, status, médico; orders", async () => {
    const byName = await ctx.req("GET", `/api/agendamentos?data=${dia}&q=joao araujo`, {
      token: vis,
    });
    assert.deepEqual(byName.body.items.map((i: { agendamentoid: number }) => i.agendamentoid), [
      aJoao,
    ]);
    const byCpf = await ctx.req("GET", `/api/agendamentos?data=${dia}&q=529.982`, { token: vis });
    assert.equal(byCpf.body.total, 1);
    const cancelados = await ctx.req("GET", `/api/agendamentos?data=${dia}&status=Cancelado`, {
      token: vis,
    });
    assert.equal(cancelados.body.total, 1);
    assert.equal(cancelados.body.stats.total, 3, "stats ignore the status filter");
    const med = await ctx.req("GET", `/api/agendamentos?data=${dia}&medicoid=${w.medico2id}`, {
      token: vis,
    });
    assert.equal(med.body.total, 1);
    const byPac = await ctx.req("GET", `/api/agendamentos?data=${dia}&ordenar=paciente`, {
      token: vis,
    });
    assert.equal(byPac.body.items[0].paciente_nome, "Ana Beatriz");
    const range = await ctx.req(
      "GET",
      `/api/agendamentos?data_inicio=${dia}&data_fim=${diaMais(3)}`,
      { token: vis },
    );
    assert.equal(range.body.total, 4);
  });

  await t.step("answers 400 without a date, with both forms or a range too long", async () => {
    for (
      const qs of [
        "",
        `data=${dia}&data_inicio=${dia}`,
        `data_inicio=${dia}&data_fim=${diaMais(80)}`,
        "data=2026-02-30",
        `data=${dia}&status=Outro`,
      ]
    ) {
      const res = await ctx.req("GET", `/api/agendamentos?${qs}`, { token: vis });
      assert.equal(res.status, 400, qs);
      assert.equal(res.body.error.code, "entrada_invalida");
    }
    const p = await ctx.req("GET", `/api/agendamentos?data=${dia}`, { token: me.token });
    assert.equal(p.status, 403);
  });

  await t.step("GET /:id answers the detail; a patient only their own", async () => {
    const res = await ctx.req("GET", `/api/agendamentos/${aJoao}`, { token: vis });
    assert.equal(res.status, 200);
    AgendamentoDetail.parse(res.body);
    assert.equal(res.body.paciente_nome, "João Araújo");
    assert.equal(res.body.hora, "10:00");
    const mine = await ctx.req("GET", `/api/agendamentos/${aMe}`, { token: me.token });
    assert.equal(mine.status, 200);
    const other = await ctx.req("GET", `/api/agendamentos/${aJoao}`, { token: me.token });
    assert.equal(other.status, 404);
    assert.equal((await ctx.req("GET", "/api/agendamentos/0", { token: vis })).status, 400);
  });

  await t.step("buscar-paciente finds by name or CPF with upcoming and open items", async () => {
    const res = await ctx.req("GET", "/api/agendamentos/buscar-paciente?q=JOAO", { token: vis });
    assert.equal(res.status, 200);
    assert.equal(res.body.items.length, 1);
    const [j] = res.body.items;
    assert.equal(j.pacienteid, joao);
    assert.equal(j.proximos_agendamentos.length, 2);
    assert.equal(j.backlog_aberto.length, 1);
    assert.equal(j.backlog_aberto[0].especialidade_nome, "Pediatria");
    const cpf = await ctx.req("GET", "/api/agendamentos/buscar-paciente?q=529.982.247-25", {
      token: vis,
    });
    assert.equal(cpf.body.items[0].pacienteid, joao);
    const none = await ctx.req("GET", "/api/agendamentos/buscar-paciente?q=%25%25", {
      token: vis,
    });
    assert.equal(none.body.items.length, 0, "wildcards are literal");
    const short = await ctx.req("GET", "/api/agendamentos/buscar-paciente?q=a", { token: vis });
    assert.equal(short.status, 400);
    const p = await ctx.req("GET", "/api/agendamentos/buscar-paciente?q=joao", {
      token: me.token,
    });
    assert.equal(p.status, 403);
  });

  await t.step("meus lists only the patient's own history with address", async () => {
    const res = await ctx.req("GET", "/api/agendamentos/meus", { token: me.token });
    assert.equal(res.status, 200);
    assert.equal(res.body.items.length, 1);
    const [a] = res.body.items;
    assert.equal(a.agendamentoid, aMe);
    assert.equal(a.medico_nome, "Dra. Ana Souza");
    assert.equal(a.unidade_nome, "UBS Centro");
    assert.match(a.endereco, /Rua das Flores, 100 - Centro - Barueri\/SP/);
    assert.equal(a.pode_cancelar, true);
    assert.equal(a.status_exibicao, "Agendado");
    assert.equal(a.paciente_cpf, undefined);
    const staff = await ctx.req("GET", "/api/agendamentos/meus", { token: op });
    assert.equal(staff.status, 403);
  });
});
