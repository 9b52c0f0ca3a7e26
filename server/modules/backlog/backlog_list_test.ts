import { strict as assert } from "node:assert";
import { dbTest } from "../../testing/harness.ts";
import {
  backlogItem,
  diaMais,
  paciente,
  slot,
  world,
} from "../../testing/fixtures/agendamentos.ts";
import { BacklogItem } from "./schemas.ts";

dbTest("[backlog] GET /api/backlog", async (t, ctx) => {
  const w = await world(ctx.db);
  const vis = await ctx.login("visualizador");
  const me = await ctx.paciente();
  const old = new Date(Date.now() - 5 * 86400_000);
  const baixaAntiga = await backlogItem(ctx.db, w, {
    pacienteid: await paciente(ctx.db),
    createdAt: old,
  });
  const altaNova = await backlogItem(ctx.db, w, {
    pacienteid: await paciente(ctx.db),
    prioridade: "Alta",
  });
  const altaAntiga = await backlogItem(ctx.db, w, {
    pacienteid: me.pacienteid,
    prioridade: "Alta",
    createdAt: old,
  });
  const media = await backlogItem(ctx.db, w, {
    pacienteid: await paciente(ctx.db),
    prioridade: "Média",
    especialidadeid: w.especialidade2id,
    unidadeid: w.unidadeid,
  });

  await t.step("orders by priority then waiting time, paginated", async () => {
    const res = await ctx.req("GET", "/api/backlog?limit=3", { token: vis });
    assert.equal(res.status, 200);
    assert.match(res.contentType!, /application\/json/);
    assert.equal(res.body.total, 4);
    assert.equal(res.body.limit, 3);
    assert.deepEqual(
      res.body.items.map((i: { backlogid: number }) => i.backlogid),
      [altaAntiga, altaNova, media],
    );
    assert.equal(res.body.items[0].dias_espera, 5);
    for (const item of res.body.items) BacklogItem.parse(item);
    const page2 = await ctx.req("GET", "/api/backlog?limit=3&page=2", { token: vis });
    assert.deepEqual(page2.body.items.map((i: { backlogid: number }) => i.backlogid), [
      baixaAntiga,
    ]);
  });

  await t.step("filters by prioridade, especialidade, unidade and status", async () => {
    const alta = await ctx.req("GET", "/api/backlog?prioridade=Alta", { token: vis });
    assert.equal(alta.body.total, 2);
    const esp = await ctx.req("GET", `/api/backlog?especialidadeid=${w.especialidade2id}`, {
      token: vis,
    });
    assert.deepEqual(esp.body.items.map((i: { backlogid: number }) => i.backlogid), [media]);
    const uni = await ctx.req("GET", `/api/backlog?unidadeid=${w.unidadeid}`, { token: vis });
    assert.equal(uni.body.total, 1);
    const ag = await ctx.req("GET", "/api/backlog?status=Agendado", { token: vis });
    assert.equal(ag.body.total, 0);
    const bad = await ctx.req("GET", "/api/backlog?prioridade=Urgente", { token: vis });
    assert.equal(bad.status, 400);
  });

  await t.step("a patient sees only their own items, even when asking for others", async () => {
    const res = await ctx.req("GET", `/api/backlog?pacienteid=${99}`, { token: me.token });
    assert.equal(res.status, 200);
    assert.deepEqual(res.body.items.map((i: { backlogid: number }) => i.backlogid), [altaAntiga]);
    const other = await ctx.req("GET", `/api/backlog/${media}`, { token: me.token });
    assert.equal(other.status, 404);
    const mine = await ctx.req("GET", `/api/backlog/${altaAntiga}`, { token: me.token });
    assert.equal(mine.status, 200);
    assert.equal(mine.body.proposta, null);
  });

  await t.step("D-30: finished items show only while their date is within 30 days", async () => {
    const recent = await slot(ctx.db, w, { dias: -10 });
    const ancient = await slot(ctx.db, w, { dias: -40 });
    const future = await slot(ctx.db, w, { dias: 5 });
    const ids: number[] = [];
    for (
      const [s, status] of [[recent, "Agendado"], [ancient, "Compareceu"], [future, "Agendado"]]
    ) {
      const pac = await paciente(ctx.db);
      const b = await backlogItem(ctx.db, w, { pacienteid: pac });
      await ctx.db.sql`update ca_backlog set status = ${status} where backlogid = ${b}`;
      await ctx.db.sql`
        insert into ca_agendamento (slotagendaid, pacienteid, backlogid, protocolo, ordem, status)
        values (${s}, ${pac}, ${b}, ${"T-" + b}, 1, 'Ativo')`;
      ids.push(b);
    }
    // cancelled 31 days ago without a consultation: hidden; cancelled yesterday: shown
    const c1 = await backlogItem(ctx.db, w, { pacienteid: await paciente(ctx.db) });
    const c2 = await backlogItem(ctx.db, w, { pacienteid: await paciente(ctx.db) });
    await ctx.db.sql`update ca_backlog set status = 'Cancelado',
      updated_at = now() - interval '31 days' where backlogid = ${c1}`;
    await ctx.db.sql`update ca_backlog set status = 'Cancelado',
      updated_at = now() - interval '1 day' where backlogid = ${c2}`;
    const res = await ctx.req("GET", "/api/backlog?status=todos&limit=100", { token: vis });
    const shown = new Set(res.body.items.map((i: { backlogid: number }) => i.backlogid));
    assert.ok(shown.has(ids[0]), "Agendado 10 days ago is shown");
    assert.ok(!shown.has(ids[1]), "Compareceu 40 days ago is hidden");
    assert.ok(shown.has(ids[2]), "future Agendado is shown");
    assert.ok(!shown.has(c1), "cancelled 31 days ago is hidden");
    assert.ok(shown.has(c2), "cancelled yesterday is shown");
    assert.ok(shown.has(baixaAntiga), "Pendente items are never hidden");
  });

  await t.step("answers 401 without token and 400 for a malformed id", async () => {
    assert.equal((await ctx.req("GET", "/api/backlog")).status, 401);
    const res = await ctx.req("GET", "/api/backlog/abc", { token: vis });
    assert.equal(res.status, 400);
    assert.equal((await ctx.req("GET", "/api/backlog/999999", { token: vis })).status, 404);
  });
});

dbTest("[backlog] GET /api/backlog/:id shows the proposal and its differences", async (t, ctx) => {
  const w = await world(ctx.db);
  const op = await ctx.login("operador");
  const me = await ctx.paciente();
  const s = await slot(ctx.db, w, { dias: 4, hora: "15:00", medicoid: w.medico2id });
  const id = await backlogItem(ctx.db, w, {
    pacienteid: me.pacienteid,
    medicoid: w.medicoid,
    data_preferida: diaMais(2),
    periodo_preferido: "Manhã",
    horario_preferido: "09:00",
  });
  const alloc = await ctx.req("PATCH", `/api/backlog/${id}/alocar`, {
    token: op,
    body: { slotagendaid: s },
  });
  assert.equal(alloc.status, 200, JSON.stringify(alloc.body));

  await t.step("the patient sees slot details, deadline and differences", async () => {
    const res = await ctx.req("GET", `/api/backlog/${id}`, { token: me.token });
    assert.equal(res.status, 200);
    assert.equal(res.body.status, "Aguardando Confirmação");
    const p = res.body.proposta;
    assert.equal(p.slot.slotagendaid, s);
    assert.equal(p.slot.hora, "15:00");
    assert.equal(p.slot.medico_nome, "Dr. Bruno Lima");
    assert.match(p.slot.endereco, /Rua das Flores/);
    assert.match(p.protocolo, /^AG-/);
    assert.ok(new Date(p.expira_em).getTime() > Date.now() + 23 * 3600_000);
    const campos = Object.fromEntries(
      p.diferencas.map((d: { campo: string; preferido: string; proposto: string }) => [
        d.campo,
        [d.preferido, d.proposto],
      ]),
    );
    assert.deepEqual(campos.medico, ["Dra. Ana Souza", "Dr. Bruno Lima"]);
    assert.deepEqual(campos.periodo, ["Manhã", "Tarde"]);
    assert.deepEqual(campos.horario, ["09:00", "15:00"]);
    assert.equal(campos.data[1], diaMais(4).split("-").reverse().join("/"));
    assert.equal(campos.unidade, undefined);
  });
});
