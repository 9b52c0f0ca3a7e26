import { strict as assert } from "node:assert";
import { dbTest } from "../../testing/harness.ts";
import {
  backlogItem,
  comTelefone,
  count,
  paciente,
  slot,
  slotState,
  world,
} from "../../testing/fixtures/agendamentos.ts";

dbTest("[backlog] PATCH /api/backlog/:id/alocar", async (t, ctx) => {
  const w = await world(ctx.db);
  const op = await ctx.login("operador");
  const pac = await paciente(ctx.db, { nome: "Carla Dias" });
  const id = await backlogItem(ctx.db, w, { pacienteid: pac });
  const s = await slot(ctx.db, w, { limitevagas: 2 });

  /** Proves a refused allocation left everything as it was. */
  async function unchanged() {
    const [b] = await ctx.db.sql`select status from ca_backlog where backlogid = ${id}`;
    assert.equal(b.status, "Pendente");
    assert.equal(await count(ctx.db, "ca_agendamento", `backlogid = ${id}`), 0);
    assert.equal(await ctx.events("backlog.alocado"), 0);
    assert.equal(await count(ctx.db, "ca_notificacao"), 0);
  }

  await t.step("refuses bad input, unknown, past, cancelled, full and foreign slots", async () => {
    const cases: [unknown, number, string][] = [
      [{}, 400, "entrada_invalida"],
      [{ slotagendaid: "x" }, 400, "entrada_invalida"],
      [{ slotagendaid: 999999 }, 404, "nao_encontrado"],
      [{ slotagendaid: await slot(ctx.db, w, { dias: -1 }) }, 422, "slot_passado"],
      [{ slotagendaid: await slot(ctx.db, w, { status: "Cancelado" }) }, 422, "slot_cancelado"],
      [{ slotagendaid: await slot(ctx.db, w, { vagasOcupadas: 1 }) }, 409, "slot_indisponivel"],
      [
        {
          slotagendaid: await slot(ctx.db, w, {
            especialidadeid: w.especialidade2id,
            medicoid: w.medico2id,
          }),
        },
        422,
        "slot_incompativel",
      ],
      [
        { slotagendaid: await slot(ctx.db, w, { tiposlotid: w.tipoBloqueado }) },
        422,
        "tiposlot_nao_agendavel",
      ],
    ];
    for (const [body, status, code] of cases) {
      const res = await ctx.req("PATCH", `/api/backlog/${id}/alocar`, { token: op, body });
      assert.equal(res.status, status, `${JSON.stringify(body)} → ${JSON.stringify(res.body)}`);
      assert.equal(res.body.error.code, code);
    }
    await unchanged();
  });

  await t.step("refuses a tipo outside the patient's eligible tipos", async () => {
    await ctx.db.sql`insert into ca_paciente_tiposlot values (${pac}, ${w.tipoNormal})`;
    const prio = await slot(ctx.db, w, { tiposlotid: w.tipoPrioritario });
    const res = await ctx.req("PATCH", `/api/backlog/${id}/alocar`, {
      token: op,
      body: { slotagendaid: prio },
    });
    assert.equal(res.status, 422);
    assert.equal(res.body.error.code, "tiposlot_nao_elegivel");
    assert.deepEqual(await slotState(ctx.db, prio), { status: "Livre", vagas_ocupadas: 0 });
    await unchanged();
  });

  await t.step("proposes the slot: holds a place, expires in 24 h, sends WhatsApp", async () => {
    const res = await ctx.req("PATCH", `/api/backlog/${id}/alocar`, {
      token: op,
      body: { slotagendaid: s },
    });
    assert.equal(res.status, 200, JSON.stringify(res.body));
    assert.match(res.contentType!, /application\/json/);
    assert.equal(res.body.backlog.status, "Aguardando Confirmação");
    assert.equal(res.body.backlog.slotagendaid_proposto, s);
    assert.equal(res.body.agendamento.status, "Proposto");
    const expira = new Date(res.body.agendamento.expira_em).getTime() - Date.now();
    assert.ok(Math.abs(expira - 24 * 3600_000) < 60_000, `expira em ${expira} ms`);
    assert.deepEqual(await slotState(ctx.db, s), { status: "Livre", vagas_ocupadas: 1 });
    const [n] = await ctx.db.sql<{ template: string; destino: string; corpo: string }>`
      select template, destino, corpo from ca_notificacao where pacienteid = ${pac}`;
    assert.equal(n.template, "proposta");
    assert.equal(n.destino, "11987654321");
    assert.match(n.corpo, /Carla/);
    assert.match(n.corpo, /Especialidade: Cardiologia/);
    assert.match(n.corpo, /Dra\. Ana Souza/);
    assert.match(n.corpo, /Rua das Flores, 100/);
    assert.equal(await ctx.events("backlog.alocado"), 1);
    const [ev] = await ctx.db.sql<{ topics: string[] }>`
      select topics from ca_evento where kind = 'backlog.alocado'`;
    for (const topic of ["backlog", `paciente:${pac}`, `unidade:${w.unidadeid}`]) {
      assert.ok(ev.topics.includes(topic), topic);
    }
  });

  await t.step("a second allocation of the same item is 422 transicao_invalida", async () => {
    const other = await slot(ctx.db, w);
    const res = await ctx.req("PATCH", `/api/backlog/${id}/alocar`, {
      token: op,
      body: { slotagendaid: other },
    });
    assert.equal(res.status, 422);
    assert.equal(res.body.error.code, "transicao_invalida");
    assert.deepEqual(res.body.error.details, {
      from: "Aguardando Confirmação",
      to: "Aguardando Confirmação",
    });
    assert.deepEqual(await slotState(ctx.db, other), { status: "Livre", vagas_ocupadas: 0 });
  });
});

dbTest("[backlog] PATCH confirmar / recusar", async (t, ctx) => {
  const w = await world(ctx.db);
  const op = await ctx.login("operador");
  const me = await ctx.paciente();
  const other = await ctx.paciente();
  await comTelefone(ctx.db, me.pacienteid);
  const s1 = await slot(ctx.db, w);
  const s2 = await slot(ctx.db, w, { dias: 2 });
  const id = await backlogItem(ctx.db, w, { pacienteid: me.pacienteid });
  const alocar = (slotagendaid: number) =>
    ctx.req("PATCH", `/api/backlog/${id}/alocar`, { token: op, body: { slotagendaid } });

  await t.step("confirming a Pendente item is 422 transicao_invalida", async () => {
    const res = await ctx.req("PATCH", `/api/backlog/${id}/confirmar`, { token: me.token });
    assert.equal(res.status, 422);
    assert.equal(res.body.error.code, "transicao_invalida");
  });

  await t.step("the patient refuses: place freed, back to Pendente with motivo", async () => {
    assert.equal((await alocar(s1)).status, 200);
    const notMine = await ctx.req("PATCH", `/api/backlog/${id}/recusar`, {
      token: other.token,
      body: {},
    });
    assert.equal(notMine.status, 404);
    const res = await ctx.req("PATCH", `/api/backlog/${id}/recusar`, {
      token: me.token,
      body: { motivo: "Não posso neste dia" },
    });
    assert.equal(res.status, 200, JSON.stringify(res.body));
    assert.equal(res.body.backlog.status, "Pendente");
    assert.equal(res.body.backlog.motivo_recusa, "Não posso neste dia");
    assert.equal(res.body.backlog.slotagendaid_proposto, null);
    assert.deepEqual(await slotState(ctx.db, s1), { status: "Livre", vagas_ocupadas: 0 });
    const [a] = await ctx.db.sql`select status, expira_em, proposta_retirada from ca_agendamento
      where backlogid = ${id}`;
    assert.equal(a.status, "Cancelado");
    assert.equal(a.expira_em, null);
    assert.equal(a.proposta_retirada, true);
    assert.equal(await ctx.events("backlog.recusado"), 1);
  });

  const meus = async () =>
    (await ctx.req("GET", "/api/agendamentos/meus", { token: me.token })).body.items as {
      agendamentoid: number;
      status: string;
    }[];

  await t.step("a refused proposal is not one of the patient's appointments", async () => {
    assert.deepEqual(await meus(), []);
  });

  await t.step("another patient cannot confirm (404), an expired offer is 422", async () => {
    assert.equal((await alocar(s2)).status, 200);
    const res = await ctx.req("PATCH", `/api/backlog/${id}/confirmar`, { token: other.token });
    assert.equal(res.status, 404);
    await ctx.db.sql`update ca_backlog set proposta_expira_em = now() - interval '1 minute'
                     where backlogid = ${id}`;
    const late = await ctx.req("PATCH", `/api/backlog/${id}/confirmar`, { token: me.token });
    assert.equal(late.status, 422);
    assert.equal(late.body.error.code, "proposta_expirada");
    await ctx.db.sql`update ca_backlog set proposta_expira_em = now() + interval '1 hour'
                     where backlogid = ${id}`;
    const [b] = await ctx.db.sql`select status from ca_backlog where backlogid = ${id}`;
    assert.equal(b.status, "Aguardando Confirmação");
    // An open proposal shows in the patient's requests, not yet in their appointments.
    assert.deepEqual(await meus(), []);
  });

  await t.step("the patient confirms: agendamento Ativo, item Agendado, WhatsApp", async () => {
    const res = await ctx.req("PATCH", `/api/backlog/${id}/confirmar`, { token: me.token });
    assert.equal(res.status, 200, JSON.stringify(res.body));
    assert.equal(res.body.backlog.status, "Agendado");
    assert.equal(res.body.agendamento.status, "Ativo");
    assert.equal(res.body.agendamento.expira_em, null);
    assert.equal(res.body.slot.slotagendaid, s2);
    assert.deepEqual(await slotState(ctx.db, s2), { status: "Ocupado", vagas_ocupadas: 1 });
    assert.equal(
      await count(ctx.db, "ca_notificacao", `template = 'confirmacao'`),
      1,
    );
    assert.equal(await ctx.events("backlog.confirmado"), 1);
    assert.deepEqual((await meus()).map((m) => [m.agendamentoid, m.status]), [
      [res.body.agendamento.agendamentoid, "Ativo"],
    ]);
    const again = await ctx.req("PATCH", `/api/backlog/${id}/confirmar`, { token: me.token });
    assert.equal(again.status, 422);
    assert.deepEqual(again.body.error.details, { from: "Agendado", to: "Agendado" });
  });
});

dbTest("[backlog] inativar, reativar and DELETE", async (t, ctx) => {
  const w = await world(ctx.db);
  const op = await ctx.login("operador");
  const me = await ctx.paciente();
  const s = await slot(ctx.db, w);
  const id = await backlogItem(ctx.db, w, { pacienteid: me.pacienteid });

  await t.step("inativar withdraws a proposal and frees its place", async () => {
    const a = await ctx.req("PATCH", `/api/backlog/${id}/alocar`, {
      token: op,
      body: { slotagendaid: s },
    });
    assert.equal(a.status, 200);
    const forbidden = await ctx.req("PATCH", `/api/backlog/${id}/inativar`, { token: me.token });
    assert.equal(forbidden.status, 403);
    const res = await ctx.req("PATCH", `/api/backlog/${id}/inativar`, { token: op });
    assert.equal(res.status, 200);
    assert.equal(res.body.status, "Inativo");
    assert.equal(res.body.ativo, false);
    assert.deepEqual(await slotState(ctx.db, s), { status: "Livre", vagas_ocupadas: 0 });
    assert.equal(await ctx.events("backlog.inativado"), 1);
    const again = await ctx.req("PATCH", `/api/backlog/${id}/inativar`, { token: op });
    assert.equal(again.status, 409);
    assert.equal(again.body.error.code, "ja_inativo");
  });

  await t.step("reativar puts it back to Pendente; twice is 409", async () => {
    const res = await ctx.req("PATCH", `/api/backlog/${id}/reativar`, { token: op });
    assert.equal(res.status, 200);
    assert.equal(res.body.status, "Pendente");
    const again = await ctx.req("PATCH", `/api/backlog/${id}/reativar`, { token: op });
    assert.equal(again.status, 409);
    assert.equal(await ctx.events("backlog.reativado"), 1);
  });

  await t.step("the patient cancels their own request; another patient gets 404", async () => {
    const other = await ctx.paciente();
    const denied = await ctx.req("DELETE", `/api/backlog/${id}`, { token: other.token });
    assert.equal(denied.status, 404);
    const res = await ctx.req("DELETE", `/api/backlog/${id}`, { token: me.token });
    assert.equal(res.status, 200);
    assert.equal(res.body.status, "Cancelado");
    assert.equal(await ctx.events("backlog.cancelado"), 1);
    const again = await ctx.req("DELETE", `/api/backlog/${id}`, { token: me.token });
    assert.equal(again.status, 422);
    assert.equal(again.body.error.code, "transicao_invalida");
  });
});

dbTest("[backlog] staff writes respect another operator's lease", async (t, ctx) => {
  const w = await world(ctx.db);
  const op = await ctx.login("operador");
  const id = await backlogItem(ctx.db, w, { pacienteid: await paciente(ctx.db) });
  const s = await slot(ctx.db, w);
  await ctx.db.sql`
    insert into ca_lock (resource, holder_sessao, holder_nome, expires_at)
    values (${`backlog:${id}`}, ${crypto.randomUUID()}, 'Beatriz Operadora',
            now() + interval '30 seconds')`;

  await t.step("alocar answers 423 naming the holder and changes nothing", async () => {
    const res = await ctx.req("PATCH", `/api/backlog/${id}/alocar`, {
      token: op,
      body: { slotagendaid: s },
    });
    assert.equal(res.status, 423);
    assert.equal(res.body.error.code, "recurso_bloqueado");
    assert.match(res.body.error.message, /Beatriz Operadora/);
    assert.deepEqual(await slotState(ctx.db, s), { status: "Livre", vagas_ocupadas: 0 });
    const inativar = await ctx.req("PATCH", `/api/backlog/${id}/inativar`, { token: op });
    assert.equal(inativar.status, 423);
  });

  await t.step("a slot another operator holds answers 423 with that holder", async () => {
    const id2 = await backlogItem(ctx.db, w, { pacienteid: await paciente(ctx.db) });
    await ctx.db.sql`
      insert into ca_lock (resource, holder_sessao, holder_nome, expires_at)
      values (${`slot:${s}`}, ${crypto.randomUUID()}, 'Caio Agendador',
              now() + interval '30 seconds')`;
    const res = await ctx.req("PATCH", `/api/backlog/${id2}/alocar`, {
      token: op,
      body: { slotagendaid: s },
    });
    assert.equal(res.status, 423);
    assert.equal(res.body.error.details.holder_nome, "Caio Agendador");
    assert.deepEqual(await slotState(ctx.db, s), { status: "Livre", vagas_ocupadas: 0 });
  });

  await t.step("an expired lease no longer blocks", async () => {
    await ctx.db.sql`update ca_lock set expires_at = now() - interval '1 second'`;
    const res = await ctx.req("PATCH", `/api/backlog/${id}/alocar`, {
      token: op,
      body: { slotagendaid: s },
    });
    assert.equal(res.status, 200);
  });
});
