import { strict as assert } from "node:assert";
import { runJobOnce } from "../../jobs/all.ts";
import { dbTest } from "../../testing/harness.ts";
import {
  backlogItem,
  comTelefone,
  paciente,
  slot,
  slotState,
  world,
} from "../../testing/fixtures/agendamentos.ts";
import { EXPIRY_JOB } from "./expiry_job.ts";

dbTest("[backlog] proposal expiry job", async (t, ctx) => {
  const w = await world(ctx.db);
  const op = await ctx.login("operador");
  const s1 = await slot(ctx.db, w);
  const s2 = await slot(ctx.db, w);
  const late = await backlogItem(ctx.db, w, { pacienteid: await paciente(ctx.db) });
  const live = await backlogItem(ctx.db, w, { pacienteid: await paciente(ctx.db) });
  for (const [id, s] of [[late, s1], [live, s2]]) {
    const res = await ctx.req("PATCH", `/api/backlog/${id}/alocar`, {
      token: op,
      body: { slotagendaid: s },
    });
    assert.equal(res.status, 200);
  }
  await ctx.db.sql`update ca_backlog set proposta_expira_em = now() - interval '1 minute'
                   where backlogid = ${late}`;
  await ctx.db.sql`update ca_agendamento set expira_em = now() - interval '1 minute'
                   where backlogid = ${late}`;

  await t.step("frees expired holds and returns the items to Pendente", async () => {
    const out = await runJobOnce(ctx.deps, EXPIRY_JOB.name);
    assert.deepEqual(out, { expiradas: 1, realocadas: 0 });
    const [b] = await ctx.db.sql`select status, slotagendaid_proposto from ca_backlog
                                 where backlogid = ${late}`;
    assert.deepEqual({ ...b }, { status: "Pendente", slotagendaid_proposto: null });
    const [a] = await ctx.db.sql`select status, motivo_cancelamento from ca_agendamento
                                 where backlogid = ${late}`;
    assert.equal(a.status, "Cancelado");
    assert.match(String(a.motivo_cancelamento), /expirada/);
    assert.deepEqual(await slotState(ctx.db, s1), { status: "Livre", vagas_ocupadas: 0 });
    const [ev] = await ctx.db.sql`select actor_tipo, topics from ca_evento
                                  where kind = 'backlog.proposta_expirada'`;
    assert.equal(ev.actor_tipo, "sistema");
    assert.ok((ev.topics as string[]).includes("backlog"));
  });

  await t.step("leaves live proposals alone and is idempotent", async () => {
    assert.deepEqual(await runJobOnce(ctx.deps, EXPIRY_JOB.name), { expiradas: 0, realocadas: 0 });
    const [b] = await ctx.db.sql`select status from ca_backlog where backlogid = ${live}`;
    assert.equal(b.status, "Aguardando Confirmação");
    assert.deepEqual(await slotState(ctx.db, s2), { status: "Ocupado", vagas_ocupadas: 1 });
    assert.equal(await ctx.events("backlog.proposta_expirada"), 1);
  });
});

dbTest("[backlog] automatic re-offer of a freed place (realocacao_automatica)", async (t, ctx) => {
  const w = await world(ctx.db, { realocacao: true });
  const op = await ctx.login("operador");
  const s = await slot(ctx.db, w);
  const me = await ctx.paciente();
  const first = await backlogItem(ctx.db, w, { pacienteid: me.pacienteid });
  const baixa = await backlogItem(ctx.db, w, { pacienteid: await paciente(ctx.db) });
  const altaPac = await paciente(ctx.db, { nome: "Rita Alves" });
  const alta = await backlogItem(ctx.db, w, { pacienteid: altaPac, prioridade: "Alta" });
  // prefers another médico: never offered this slot
  await backlogItem(ctx.db, w, {
    pacienteid: await paciente(ctx.db),
    prioridade: "Alta",
    medicoid: w.medico2id,
    createdAt: new Date(Date.now() - 86400_000),
  });
  await comTelefone(ctx.db, me.pacienteid);

  await t.step("a refused place goes to the best matching Pendente item", async () => {
    const a = await ctx.req("PATCH", `/api/backlog/${first}/alocar`, {
      token: op,
      body: { slotagendaid: s },
    });
    assert.equal(a.status, 200);
    const res = await ctx.req("PATCH", `/api/backlog/${first}/recusar`, {
      token: me.token,
      body: {},
    });
    assert.equal(res.status, 200, JSON.stringify(res.body));
    assert.equal(res.body.backlog.status, "Pendente");
    const [b] = await ctx.db.sql`select status, slotagendaid_proposto from ca_backlog
                                 where backlogid = ${alta}`;
    assert.deepEqual({ ...b }, { status: "Aguardando Confirmação", slotagendaid_proposto: s });
    assert.deepEqual(await slotState(ctx.db, s), { status: "Ocupado", vagas_ocupadas: 1 });
    const [ev] = await ctx.db.sql`select actor_tipo, entity_id from ca_evento
                                  where kind = 'backlog.realocado_automaticamente'`;
    assert.equal(ev.actor_tipo, "sistema");
    assert.equal(ev.entity_id, String(alta));
    const [n] = await ctx.db.sql`select template from ca_notificacao where pacienteid = ${altaPac}`;
    assert.equal(n.template, "proposta");
  });

  await t.step("a cancelled agendamento's place is re-offered too", async () => {
    const c = await ctx.req("PATCH", `/api/backlog/${alta}/confirmar`, { token: op });
    assert.equal(c.status, 200);
    const res = await ctx.req(
      "PUT",
      `/api/agendamentos/${c.body.agendamento.agendamentoid}/cancelar`,
      {
        token: op,
        body: { motivo: "Paciente viajou" },
      },
    );
    assert.equal(res.status, 200, JSON.stringify(res.body));
    const rows = await ctx.db.sql<{ backlogid: number; status: string }>`
      select backlogid, status from ca_backlog where backlogid in (${first}, ${baixa}, ${alta})
      order by backlogid`;
    // `first` refused this very slot before, so it goes to the next in line (`baixa`);
    // the cancelled request is closed
    assert.deepEqual(rows.map((r) => r.status), [
      "Pendente",
      "Aguardando Confirmação",
      "Cancelado",
    ]);
    assert.equal(await ctx.events("backlog.realocado_automaticamente"), 2);
  });
});
