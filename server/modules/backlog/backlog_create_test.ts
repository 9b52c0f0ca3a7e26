import { strict as assert } from "node:assert";
import { dbTest } from "../../testing/harness.ts";
import {
  backlogItem,
  comTelefone,
  count,
  diaMais,
  paciente,
  world,
} from "../../testing/fixtures/agendamentos.ts";

dbTest("[backlog] POST /api/backlog", async (t, ctx) => {
  const w = await world(ctx.db);
  const p = await ctx.paciente();
  await comTelefone(ctx.db, p.pacienteid);
  const op = await ctx.login("operador");

  await t.step(
    "a patient creates their own request: origem Portal, priority computed",
    async () => {
      const res = await ctx.req("POST", "/api/backlog", {
        token: p.token,
        body: { especialidadeid: w.especialidadeid, urgente: true, periodo_preferido: "Manhã" },
      });
      assert.equal(res.status, 201, JSON.stringify(res.body));
      assert.match(res.contentType!, /application\/json/);
      assert.equal(res.body.pacienteid, p.pacienteid);
      assert.equal(res.body.status, "Pendente");
      assert.equal(res.body.origem, "Portal");
      assert.equal(res.body.prioridade, "Alta");
      assert.equal(res.body.especialidade_nome, "Cardiologia");
      assert.equal(await ctx.events("backlog.criado"), 1);
      const [ev] = await ctx.db.sql<{ topics: string[] }>`
      select topics from ca_evento where kind = 'backlog.criado'`;
      assert.ok(ev.topics.includes("backlog"));
      assert.ok(ev.topics.includes(`paciente:${p.pacienteid}`));
    },
  );

  await t.step("urgent with a date beyond 7 days is Média", async () => {
    const res = await ctx.req("POST", "/api/backlog", {
      token: p.token,
      body: { especialidadeid: w.especialidade2id, urgente: true, data_preferida: diaMais(20) },
    });
    assert.equal(res.status, 201);
    assert.equal(res.body.prioridade, "Média");
  });

  await t.step("answers 409 for a second open request in the same especialidade", async () => {
    const before = await count(ctx.db, "ca_backlog");
    const res = await ctx.req("POST", "/api/backlog", {
      token: p.token,
      body: { especialidadeid: w.especialidadeid },
    });
    assert.equal(res.status, 409);
    assert.equal(res.body.error.code, "solicitacao_duplicada");
    assert.equal(await count(ctx.db, "ca_backlog"), before);
  });

  await t.step("refuses a preferred date outside tomorrow..+60 days for patients", async () => {
    const p2 = await ctx.paciente();
    for (const data of [diaMais(0), diaMais(61)]) {
      const res = await ctx.req("POST", "/api/backlog", {
        token: p2.token,
        body: { especialidadeid: w.especialidadeid, data_preferida: data },
      });
      assert.equal(res.status, 422);
      assert.equal(res.body.error.code, "data_preferida_invalida");
    }
    assert.equal(await count(ctx.db, "ca_backlog", `pacienteid = ${p2.pacienteid}`), 0);
  });

  await t.step("answers 400 without especialidade and with malformed fields", async () => {
    const res = await ctx.req("POST", "/api/backlog", {
      token: p.token,
      body: { periodo_preferido: "Madrugada", horario_preferido: "25:00", data_preferida: "x" },
    });
    assert.equal(res.status, 400);
    assert.equal(res.body.error.code, "entrada_invalida");
    const paths = new Set(res.body.error.details.map((d: { path: string }) => d.path));
    assert.deepEqual([...paths].sort(), [
      "data_preferida",
      "especialidadeid",
      "horario_preferido",
      "periodo_preferido",
    ]);
  });

  await t.step("a patient cannot set staff-only fields (403 campo_restrito)", async () => {
    const res = await ctx.req("POST", "/api/backlog", {
      token: p.token,
      body: { especialidadeid: w.especialidade2id, prioridade: "Alta" },
    });
    assert.equal(res.status, 403);
    assert.equal(res.body.error.code, "campo_restrito");
    assert.deepEqual(res.body.error.details.campos, ["prioridade"]);
  });

  await t.step("staff create for a patient, may override priority and tipos", async () => {
    const pac = await paciente(ctx.db);
    const res = await ctx.req("POST", "/api/backlog", {
      token: op,
      body: {
        pacienteid: pac,
        especialidadeid: w.especialidadeid,
        medicoid: w.medicoid,
        unidadeid: w.unidadeid,
        prioridade: "Alta",
        tipos_slot_elegiveis: [w.tipoPrioritario],
        horario_preferido: "10:30",
      },
    });
    assert.equal(res.status, 201, JSON.stringify(res.body));
    assert.equal(res.body.origem, "ADM");
    assert.equal(res.body.prioridade, "Alta");
    assert.equal(res.body.urgente, false);
    assert.deepEqual(res.body.tipos_slot_elegiveis, [w.tipoPrioritario]);
    assert.equal(res.body.horario_preferido, "10:30:00");
    assert.equal(res.body.medico_nome, "Dra. Ana Souza");
  });

  await t.step("staff must name the patient (400) and valid references (422)", async () => {
    const before = await count(ctx.db, "ca_backlog");
    const noPac = await ctx.req("POST", "/api/backlog", {
      token: op,
      body: { especialidadeid: w.especialidadeid },
    });
    assert.equal(noPac.status, 400);
    assert.equal(noPac.body.error.details[0].path, "pacienteid");
    const pac = await paciente(ctx.db);
    const wrongMed = await ctx.req("POST", "/api/backlog", {
      token: op,
      body: { pacienteid: pac, especialidadeid: w.especialidade2id, medicoid: w.medicoid },
    });
    assert.equal(wrongMed.status, 422);
    assert.equal(wrongMed.body.error.code, "medico_incompativel");
    const noEsp = await ctx.req("POST", "/api/backlog", {
      token: op,
      body: { pacienteid: pac, especialidadeid: 999999 },
    });
    assert.equal(noEsp.status, 422);
    assert.equal(noEsp.body.error.code, "especialidade_invalida");
    const inactive = await paciente(ctx.db, { status: "Inativo" });
    const inativo = await ctx.req("POST", "/api/backlog", {
      token: op,
      body: { pacienteid: inactive, especialidadeid: w.especialidadeid },
    });
    assert.equal(inativo.status, 422);
    assert.equal(inativo.body.error.code, "paciente_inativo");
    assert.equal(await count(ctx.db, "ca_backlog"), before);
  });
});

dbTest("[backlog] PUT /api/backlog/:id", async (t, ctx) => {
  const w = await world(ctx.db);
  const p = await ctx.paciente();
  const other = await ctx.paciente();
  const id = await backlogItem(ctx.db, w, { pacienteid: p.pacienteid });

  await t.step("the patient edits their own pending request; priority is recomputed", async () => {
    const res = await ctx.req("PUT", `/api/backlog/${id}`, {
      token: p.token,
      body: { urgente: true, data_preferida: diaMais(3), observacoes: "Dor no peito" },
    });
    assert.equal(res.status, 200, JSON.stringify(res.body));
    assert.equal(res.body.prioridade, "Alta");
    assert.equal(res.body.observacoes, "Dor no peito");
    assert.equal(res.body.data_preferida, diaMais(3));
    assert.equal(await ctx.events("backlog.atualizado"), 1);
  });

  await t.step("another patient gets 404 and nothing changes", async () => {
    const res = await ctx.req("PUT", `/api/backlog/${id}`, {
      token: other.token,
      body: { urgente: false },
    });
    assert.equal(res.status, 404);
    const [row] = await ctx.db.sql`select urgente from ca_backlog where backlogid = ${id}`;
    assert.equal(row.urgente, true);
  });

  await t.step("an empty body is 400; a non-pending item is 422", async () => {
    const empty = await ctx.req("PUT", `/api/backlog/${id}`, { token: p.token, body: {} });
    assert.equal(empty.status, 400);
    await ctx.db.sql`update ca_backlog set status = 'Cancelado' where backlogid = ${id}`;
    const res = await ctx.req("PUT", `/api/backlog/${id}`, {
      token: p.token,
      body: { urgente: false },
    });
    assert.equal(res.status, 422);
    assert.equal(res.body.error.code, "solicitacao_nao_editavel");
    assert.equal(await ctx.events("backlog.atualizado"), 1);
  });

  await t.step("staff may override priority; visualizador is refused", async () => {
    await ctx.db.sql`update ca_backlog set status = 'Pendente' where backlogid = ${id}`;
    const op = await ctx.login("operador");
    const res = await ctx.req("PUT", `/api/backlog/${id}`, {
      token: op,
      body: { prioridade: "Média", tipos_slot_elegiveis: [w.tipoNormal] },
    });
    assert.equal(res.status, 200, JSON.stringify(res.body));
    assert.equal(res.body.prioridade, "Média");
    assert.deepEqual(res.body.tipos_slot_elegiveis, [w.tipoNormal]);
    assert.equal(res.body.observacoes, "Dor no peito", "fields not sent are kept");
    const vis = await ctx.login("visualizador");
    const denied = await ctx.req("PUT", `/api/backlog/${id}`, {
      token: vis,
      body: { prioridade: "Alta" },
    });
    assert.equal(denied.status, 403);
    const forbidden = await ctx.req("PUT", `/api/backlog/${id}`, {
      token: p.token,
      body: { prioridade: "Alta" },
    });
    assert.equal(forbidden.status, 403);
    assert.equal(forbidden.body.error.code, "campo_restrito");
    const [row] = await ctx.db.sql`select prioridade from ca_backlog where backlogid = ${id}`;
    assert.equal(row.prioridade, "Média");
  });
});
