/**
 * Proposal lifetime and freed places: the validity comes from the clinic configuration; the
 * expiry job frees each expired hold once, even when two runs overlap, and sends nothing twice;
 * a freed place is offered automatically only in a unidade that turned `realocacao_automatica`
 * on (set through `PUT /api/unidades/:id`).
 */
import { strict as assert } from "node:assert";
import { runJobOnce } from "../../jobs/all.ts";
import { dbTest, type TestCtx } from "../../testing/harness.ts";
import {
  backlogItem,
  paciente,
  slot,
  slotState,
  world,
} from "../../testing/fixtures/agendamentos.ts";
import { EXPIRY_JOB } from "./expiry_job.ts";

const statusOf = async (ctx: TestCtx, backlogid: number) => {
  const [b] = await ctx.db.sql<{ status: string; slotagendaid_proposto: number | null }>`
    select status, slotagendaid_proposto from ca_backlog where backlogid = ${backlogid}`;
  return { ...b };
};

const notificacoes = async (ctx: TestCtx, pacienteid: number, template: string) => {
  const [{ n }] = await ctx.db.sql<{ n: number }>`
    select count(*)::int as n from ca_notificacao
    where pacienteid = ${pacienteid} and template = ${template}`;
  return n;
};

async function alocar(ctx: TestCtx, token: string, backlogid: number, slotagendaid: number) {
  const res = await ctx.req("PATCH", `/api/backlog/${backlogid}/alocar`, {
    token,
    body: { slotagendaid },
  });
  assert.equal(res.status, 200, JSON.stringify(res.body));
  return res.body;
}

dbTest("[backlog] proposal validity follows the clinic configuration", async (t, ctx) => {
  const w = await world(ctx.db);
  const op = await ctx.login("operador");
  const adm = await ctx.login("administrador");

  await t.step("proposta_validade_horas = 2 makes a proposal expire in 2 h", async () => {
    const cfg = await ctx.req("PUT", "/api/clinica/configuracao", {
      token: adm,
      body: { proposta_validade_horas: 2 },
    });
    assert.equal(cfg.status, 200, JSON.stringify(cfg.body));
    const item = await backlogItem(ctx.db, w, { pacienteid: await paciente(ctx.db) });
    const t0 = Date.now();
    const out = await alocar(ctx, op, item, await slot(ctx.db, w));
    const expira = new Date(out.backlog.proposta_expira_em).getTime();
    assert.ok(
      Math.abs(expira - (t0 + 2 * 3600_000)) < 60_000,
      String(out.backlog.proposta_expira_em),
    );
    const [a] = await ctx.db.sql<{ expira_em: Date }>`
      select expira_em from ca_agendamento where backlogid = ${item}`;
    assert.equal(a.expira_em.getTime(), expira);
  });
});

dbTest("[backlog] the expiry job run twice (or twice at once) acts once", async (t, ctx) => {
  const w = await world(ctx.db, { realocacao: true });
  const op = await ctx.login("operador");
  const s = await slot(ctx.db, w);
  const pacLate = await paciente(ctx.db);
  const late = await backlogItem(ctx.db, w, { pacienteid: pacLate });
  await alocar(ctx, op, late, s);
  const pacNext = await paciente(ctx.db, { nome: "Rita Alves" });
  const next = await backlogItem(ctx.db, w, { pacienteid: pacNext, prioridade: "Alta" });
  await ctx.db.sql`update ca_backlog set proposta_expira_em = now() - interval '1 minute'
                   where backlogid = ${late}`;
  await ctx.db.sql`update ca_agendamento set expira_em = now() - interval '1 minute'
                   where backlogid = ${late}`;

  await t.step("two overlapping runs expire the proposal and re-offer the place once", async () => {
    const runs = await Promise.all([
      runJobOnce(ctx.deps, EXPIRY_JOB.name),
      runJobOnce(ctx.deps, EXPIRY_JOB.name),
    ]);
    const sum = (k: "expiradas" | "realocadas") =>
      runs.reduce((n, r) => n + (r as Record<string, number>)[k], 0);
    assert.equal(sum("expiradas"), 1);
    assert.equal(sum("realocadas"), 1);
    assert.deepEqual(await statusOf(ctx, late), {
      status: "Pendente",
      slotagendaid_proposto: null,
    });
    assert.deepEqual(await statusOf(ctx, next), {
      status: "Aguardando Confirmação",
      slotagendaid_proposto: s,
    });
    assert.deepEqual(await slotState(ctx.db, s), { status: "Ocupado", vagas_ocupadas: 1 });
    assert.equal(await notificacoes(ctx, pacNext, "proposta"), 1);
    assert.equal(await ctx.events("backlog.proposta_expirada"), 1);
    assert.equal(await ctx.events("backlog.realocado_automaticamente"), 1);
  });

  await t.step("running it again changes and sends nothing", async () => {
    const [{ n: before }] = await ctx.db.sql<{ n: number }>`
      select count(*)::int as n from ca_notificacao`;
    const events = await ctx.events();
    assert.deepEqual(await runJobOnce(ctx.deps, EXPIRY_JOB.name), { expiradas: 0, realocadas: 0 });
    const [{ n: after }] = await ctx.db.sql<{ n: number }>`
      select count(*)::int as n from ca_notificacao`;
    assert.equal(after, before);
    assert.equal(await ctx.events(), events);
    assert.equal(await notificacoes(ctx, pacLate, "proposta"), 1);
  });
});

dbTest("[backlog] automatic re-offer follows each unidade's toggle", async (t, ctx) => {
  const w = await world(ctx.db);
  const op = await ctx.login("operador");
  const ger = await ctx.login("gerenciador");
  const toggle = async (unidadeid: number, on: boolean) => {
    const res = await ctx.req("PUT", `/api/unidades/${unidadeid}`, {
      token: ger,
      body: { realocacao_automatica: on },
    });
    assert.equal(res.status, 200, JSON.stringify(res.body));
    assert.equal(res.body.realocacao_automatica, on);
  };
  const waiting = await backlogItem(ctx.db, w, {
    pacienteid: await paciente(ctx.db),
    prioridade: "Alta",
  });
  /** Proposes `s` to a fresh item and has the operator refuse it for the patient. */
  const freeByRefusal = async (s: number) => {
    // a Baixa item, younger than `waiting`: back in the queue it comes after it
    const item = await backlogItem(ctx.db, w, { pacienteid: await paciente(ctx.db) });
    await alocar(ctx, op, item, s);
    const res = await ctx.req("PATCH", `/api/backlog/${item}/recusar`, {
      token: op,
      body: { motivo: "Paciente não pode nesse dia" },
    });
    assert.equal(res.status, 200, JSON.stringify(res.body));
    return res.body;
  };

  await t.step("off (the default): the freed place stays free", async () => {
    const s = await slot(ctx.db, w);
    const out = await freeByRefusal(s);
    assert.equal(out.realocacao, null);
    assert.deepEqual(await slotState(ctx.db, s), { status: "Livre", vagas_ocupadas: 0 });
    assert.equal((await statusOf(ctx, waiting)).status, "Pendente");
    assert.equal(await ctx.events("backlog.realocado_automaticamente"), 0);
  });

  await t.step("on in another unidade only: still not offered here", async () => {
    await toggle(w.unidade2id, true);
    const s = await slot(ctx.db, w);
    const out = await freeByRefusal(s);
    assert.equal(out.realocacao, null);
    assert.equal((await statusOf(ctx, waiting)).status, "Pendente");
  });

  await t.step("on here: the freed place is proposed to the best Pendente item", async () => {
    await toggle(w.unidadeid, true);
    const s = await slot(ctx.db, w);
    const out = await freeByRefusal(s);
    assert.equal(out.realocacao.backlogid, waiting);
    assert.deepEqual(await statusOf(ctx, waiting), {
      status: "Aguardando Confirmação",
      slotagendaid_proposto: s,
    });
    assert.deepEqual(await slotState(ctx.db, s), { status: "Ocupado", vagas_ocupadas: 1 });
    assert.equal(await ctx.events("backlog.realocado_automaticamente"), 1);
  });

  await t.step("off again: back to manual allocation", async () => {
    await toggle(w.unidadeid, false);
    const other = await backlogItem(ctx.db, w, {
      pacienteid: await paciente(ctx.db),
      prioridade: "Alta",
    });
    const s = await slot(ctx.db, w);
    const out = await freeByRefusal(s);
    assert.equal(out.realocacao, null);
    assert.equal((await statusOf(ctx, other)).status, "Pendente");
    assert.equal(await ctx.events("backlog.realocado_automaticamente"), 1);
  });
});
