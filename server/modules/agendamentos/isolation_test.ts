/**
 * A patient reaches only their own data: agendamentos (`meus`, detail, calendar export,
 * cancellation), backlog requests and proposals (list, detail, edit, answer, cancel), treatment
 * plans and insurance cards. Another patient's record answers 404 (as if it did not exist) or,
 * where the patient names someone else, 403; and nothing changes.
 */
import { strict as assert } from "node:assert";
import { dbTest, type TestCtx } from "../../testing/harness.ts";
import { comTelefone, slot, world } from "../../testing/fixtures/agendamentos.ts";

async function snapshot(ctx: TestCtx) {
  const { sql } = ctx.db;
  const [row] = await sql`
    select
      (select count(*) from ca_evento)::int as eventos,
      (select count(*) from ca_notificacao)::int as notificacoes,
      (select string_agg(agendamentoid || status, ',' order by agendamentoid)
         from ca_agendamento) as agendamentos,
      (select string_agg(backlogid || status || coalesce(observacoes, ''), ','
                         order by backlogid) from ca_backlog) as backlog,
      (select string_agg(slotagendaid || status || vagas_ocupadas, ',' order by slotagendaid)
         from ca_slotagenda) as slots`;
  return { ...row };
}

const ids = (items: { [k: string]: number }[], key: string) => items.map((i) => i[key]).sort();

dbTest("[agenda] a patient reaches only their own records", async (t, ctx) => {
  const w = await world(ctx.db);
  const op = await ctx.login("operador");
  const ana = await ctx.paciente();
  const bia = await ctx.paciente();
  await comTelefone(ctx.db, ana.pacienteid);
  await comTelefone(ctx.db, bia.pacienteid, "11955554444");
  const book = async (pacienteid: number) => {
    const res = await ctx.req("POST", "/api/agendamentos", {
      token: op,
      body: { slotagendaid: await slot(ctx.db, w, { dias: 5 }), pacienteid },
    });
    assert.equal(res.status, 201);
    return res.body.agendamentoid as number;
  };
  const agAna = await book(ana.pacienteid);
  const agBia = await book(bia.pacienteid);
  const request = async (token: string) => {
    const res = await ctx.req("POST", "/api/backlog", {
      token,
      body: { especialidadeid: w.especialidade2id },
    });
    assert.equal(res.status, 201);
    return res.body.backlogid as number;
  };
  const bkAna = await request(ana.token);
  const bkBia = await request(bia.token);
  // Bia has a live proposal waiting for her answer
  const proposta = await ctx.req("PATCH", `/api/backlog/${bkBia}/alocar`, {
    token: op,
    body: {
      slotagendaid: await slot(ctx.db, w, {
        dias: 6,
        especialidadeid: w.especialidade2id,
        medicoid: w.medico2id,
      }),
    },
  });
  assert.equal(proposta.status, 200);
  const [{ plano }] = await ctx.db.sql<{ plano: number }>`
    insert into ca_plano_tratamento (pacienteid, titulo) values (${bia.pacienteid}, 'Plano da Bia')
    returning planoid as plano`;
  const before = await snapshot(ctx);

  await t.step("lists show only the patient's own rows, whatever the filters", async () => {
    const meus = await ctx.req("GET", "/api/agendamentos/meus", { token: ana.token });
    assert.equal(meus.status, 200);
    const items = Array.isArray(meus.body) ? meus.body : meus.body.items;
    assert.deepEqual(ids(items, "agendamentoid"), [agAna]);
    const fila = await ctx.req("GET", `/api/backlog?pacienteid=${bia.pacienteid}&status=todos`, {
      token: ana.token,
    });
    assert.equal(fila.status, 200);
    assert.deepEqual(ids(fila.body.items, "backlogid"), [bkAna]);
    const planos = await ctx.req("GET", `/api/planos?pacienteid=${bia.pacienteid}`, {
      token: ana.token,
    });
    assert.equal(planos.status, 200);
    const lista = Array.isArray(planos.body) ? planos.body : planos.body.items;
    assert.equal(lista.length, 0);
  });

  const foreign: [string, string, unknown?][] = [
    ["GET", `/api/agendamentos/${agBia}`],
    ["GET", `/api/agendamentos/${agBia}/ics`],
    ["GET", `/api/agendamentos/${agBia}/google-calendar`],
    ["PUT", `/api/agendamentos/${agBia}/cancelar`, { motivo: "Não vou poder ir" }],
    ["GET", `/api/backlog/${bkBia}`],
    ["PUT", `/api/backlog/${bkBia}`, { observacoes: "alterado por outra pessoa" }],
    ["PATCH", `/api/backlog/${bkBia}/confirmar`],
    ["PATCH", `/api/backlog/${bkBia}/recusar`, {}],
    ["DELETE", `/api/backlog/${bkBia}`],
    ["GET", `/api/planos/${plano}`],
  ];
  for (const [method, path, body] of foreign) {
    await t.step(`${method} ${path} of another patient answers 404`, async () => {
      const res = await ctx.req(method, path, { token: ana.token, body });
      assert.equal(res.status, 404, JSON.stringify(res.body));
      assert.match(res.contentType!, /application\/json/);
      assert.equal(res.body.error.code, "nao_encontrado");
    });
  }

  await t.step("naming another patient in a request answers 403", async () => {
    const fila = await ctx.req("POST", "/api/backlog", {
      token: ana.token,
      body: { pacienteid: bia.pacienteid, especialidadeid: w.especialidadeid },
    });
    assert.equal(fila.status, 403);
    const seguro = await ctx.req("GET", `/api/seguros/credencial?pacienteid=${bia.pacienteid}`, {
      token: ana.token,
    });
    assert.equal(seguro.status, 403);
  });

  await t.step("nothing changed; the proposal still waits for its own patient", async () => {
    assert.deepEqual(await snapshot(ctx), before);
    const mine = await ctx.req("GET", `/api/backlog/${bkBia}`, { token: bia.token });
    assert.equal(mine.status, 200);
    assert.equal(mine.body.status, "Aguardando Confirmação");
    assert.equal(mine.body.proposta.slot.medico_nome, "Dr. Bruno Lima");
  });
});
