import { strict as assert } from "node:assert";
import { dbTest, type TestCtx } from "../../testing/harness.ts";

const BASE = "/api/especialidades";

interface EventRow {
  entity_id: string;
  topics: string[];
  actor_id: number | null;
  // deno-lint-ignore no-explicit-any
  before: any;
  // deno-lint-ignore no-explicit-any
  after: any;
}

async function lastEvent(ctx: TestCtx, kind: string) {
  const [ev] = await ctx.db.sql<EventRow>`
    select * from ca_evento where kind = ${kind} order by id desc limit 1`;
  return ev;
}

/** Rows and events that a refused write must leave untouched. */
async function snapshot(ctx: TestCtx) {
  const esps = await ctx.db.sql`
    select especialidadeid, nome, limitevagas, duracao_minutos, status, updated_at
    from ca_especialidade order by especialidadeid`;
  const cotas = await ctx.db.sql`
    select * from ca_especialidade_cota order by especialidadeid, tiposlotid`;
  const [{ n }] = await ctx.db.sql`
    select count(*)::int as n from ca_evento where entity = 'especialidade'`;
  return { esps: [...esps], cotas: [...cotas], events: n };
}

/** Normal, Prioritário and Encaixe active; Retorno inactive. */
async function tipos(ctx: TestCtx) {
  const rows = await ctx.db.sql<{ tiposlotid: number; nome: string }>`
    insert into ca_tiposlot (nome, status)
    values ('Normal', 'Ativo'), ('Prioritário', 'Ativo'), ('Encaixe', 'Ativo'), ('Retorno', 'Inativo')
    returning tiposlotid, nome`;
  const [normal, prior, encaixe, retorno] = rows.map((r) => r.tiposlotid);
  return { normal, prior, encaixe, retorno };
}

async function create(ctx: TestCtx, body: Record<string, unknown>) {
  const res = await ctx.req("POST", BASE, { token: await ctx.login("gerenciador"), body });
  assert.equal(res.status, 201, JSON.stringify(res.body));
  return res.body;
}

const vagasOf = (cotas: { nome: string; vagas: number }[]) =>
  Object.fromEntries(cotas.map((c) => [c.nome, c.vagas]));

dbTest("[especialidades] POST /api/especialidades", async (t, ctx) => {
  const token = await ctx.login("gerenciador");
  const tp = await tipos(ctx);

  await t.step(
    "creates an especialidade without cotas and writes especialidade.criada",
    async () => {
      const res = await ctx.req("POST", BASE, {
        token,
        body: { nome: " Clínica Geral ", limitevagas: 4 },
      });
      assert.equal(res.status, 201);
      assert.match(res.contentType!, /application\/json/);
      assert.equal(res.body.nome, "Clínica Geral");
      assert.equal(res.body.limitevagas, 4);
      assert.equal(res.body.duracao_minutos, 30);
      assert.equal(res.body.status, "Ativo");
      assert.equal(res.body.total_medicos, 0);
      assert.deepEqual(res.body.cotas, []);
      const ev = await lastEvent(ctx, "especialidade.criada");
      assert.equal(ev.entity_id, String(res.body.especialidadeid));
      assert.deepEqual(ev.topics, ["config", `especialidade:${res.body.especialidadeid}`]);
      assert.equal(ev.actor_id, await ctx.userId("gerenciador"));
    },
  );

  await t.step("creates an especialidade with its cotas in the same request", async () => {
    const res = await ctx.req("POST", BASE, {
      token,
      body: {
        nome: "Pediatria",
        limitevagas: 6,
        duracao_minutos: 20,
        cotas: [
          { tiposlotid: tp.normal, vagas: 3 },
          { tiposlotid: tp.prior, vagas: 2 },
          { tiposlotid: tp.encaixe, vagas: 1 },
        ],
      },
    });
    assert.equal(res.status, 201);
    assert.equal(res.body.duracao_minutos, 20);
    assert.deepEqual(vagasOf(res.body.cotas), { Normal: 3, "Prioritário": 2, Encaixe: 1 });
    const ev = await lastEvent(ctx, "especialidade.criada");
    assert.equal(ev.after.cotas.length, 3);
  });

  await t.step("answers 422 cotas_soma_invalida when the cotas do not add up", async () => {
    const before = await snapshot(ctx);
    const res = await ctx.req("POST", BASE, {
      token,
      body: {
        nome: "Ortopedia",
        limitevagas: 6,
        cotas: [{ tiposlotid: tp.normal, vagas: 3 }, { tiposlotid: tp.prior, vagas: 2 }],
      },
    });
    assert.equal(res.status, 422);
    assert.equal(res.body.error.code, "cotas_soma_invalida");
    assert.deepEqual(res.body.error.details, { soma: 5, limitevagas: 6 });
    assert.deepEqual(await snapshot(ctx), before);
  });

  await t.step("answers 422 tiposlot_invalido for an unknown or inactive tipo", async () => {
    const before = await snapshot(ctx);
    const res = await ctx.req("POST", BASE, {
      token,
      body: {
        nome: "Ortopedia",
        limitevagas: 3,
        cotas: [{ tiposlotid: 999999, vagas: 1 }, { tiposlotid: tp.retorno, vagas: 2 }],
      },
    });
    assert.equal(res.status, 422);
    assert.equal(res.body.error.code, "tiposlot_invalido");
    assert.deepEqual(res.body.error.details, { inexistentes: [999999], inativos: [tp.retorno] });
    assert.deepEqual(await snapshot(ctx), before);
  });

  await t.step("answers 409 for a name that differs only in accents or case", async () => {
    const before = await snapshot(ctx);
    const res = await ctx.req("POST", BASE, {
      token,
      body: { nome: "CLINICA GERAL", limitevagas: 2 },
    });
    assert.equal(res.status, 409);
    assert.equal(res.body.error.code, "especialidade_duplicada");
    assert.deepEqual(await snapshot(ctx), before);
  });

  const invalid: [string, Record<string, unknown>, string][] = [
    ["a missing name", { limitevagas: 2 }, "nome"],
    ["a one-letter name", { nome: "X", limitevagas: 2 }, "nome"],
    ["a missing limitevagas", { nome: "Cardiologia" }, "limitevagas"],
    ["limitevagas 0", { nome: "Cardiologia", limitevagas: 0 }, "limitevagas"],
    ["limitevagas 101", { nome: "Cardiologia", limitevagas: 101 }, "limitevagas"],
    ["a fractional limitevagas", { nome: "Cardiologia", limitevagas: 1.5 }, "limitevagas"],
    ["limitevagas as text", { nome: "Cardiologia", limitevagas: "3" }, "limitevagas"],
    [
      "duracao_minutos 4",
      { nome: "Cardiologia", limitevagas: 2, duracao_minutos: 4 },
      "duracao_minutos",
    ],
    [
      "duracao_minutos 241",
      { nome: "Cardiologia", limitevagas: 2, duracao_minutos: 241 },
      "duracao_minutos",
    ],
    ["the same tipo twice in cotas", {
      nome: "Cardiologia",
      limitevagas: 2,
      cotas: [{ tiposlotid: tp.normal, vagas: 1 }, { tiposlotid: tp.normal, vagas: 1 }],
    }, "cotas"],
    ["negative vagas", {
      nome: "Cardiologia",
      limitevagas: 2,
      cotas: [{ tiposlotid: tp.normal, vagas: -1 }],
    }, "cotas.0.vagas"],
    ["a malformed tiposlotid", {
      nome: "Cardiologia",
      limitevagas: 2,
      cotas: [{ tiposlotid: "abc", vagas: 2 }],
    }, "cotas.0.tiposlotid"],
  ];
  for (const [what, body, path] of invalid) {
    await t.step(`answers 400 for ${what} and creates nothing`, async () => {
      const before = await snapshot(ctx);
      const res = await ctx.req("POST", BASE, { token, body });
      assert.equal(res.status, 400);
      assert.equal(res.body.error.code, "entrada_invalida");
      assert.ok(
        res.body.error.details.some((d: { path: string }) => d.path === path),
        JSON.stringify(res.body.error.details),
      );
      assert.deepEqual(await snapshot(ctx), before);
    });
  }
});

dbTest("[especialidades] GET /api/especialidades", async (t, ctx) => {
  const tp = await tipos(ctx);
  const pedi = await create(ctx, {
    nome: "Pediatria",
    limitevagas: 3,
    cotas: [{ tiposlotid: tp.normal, vagas: 2 }, { tiposlotid: tp.encaixe, vagas: 1 }],
  });
  const orto = await create(ctx, { nome: "Ortopedia", limitevagas: 2 });
  await create(ctx, { nome: "Cardiologia", limitevagas: 1 });
  await ctx.db.sql`update ca_especialidade set status = 'Inativo'
                   where especialidadeid = ${orto.especialidadeid}`;
  const medicos = await ctx.db.sql<{ medicoid: number }>`
    insert into ca_medico (nomecompleto, crm, crm_uf, status)
    values ('Ana Souza', '123456', 'SP', 'Ativo'), ('Bruno Lima', '654321', 'SP', 'Inativo')
    returning medicoid`;
  for (const m of medicos) {
    await ctx.db.sql`insert into ca_medico_especialidade (medicoid, especialidadeid)
                     values (${m.medicoid}, ${pedi.especialidadeid})`;
  }
  const token = await ctx.login("visualizador");

  await t.step("lists the active ones by name with cotas and active médicos", async () => {
    const res = await ctx.req("GET", BASE, { token });
    assert.equal(res.status, 200);
    assert.match(res.contentType!, /application\/json/);
    assert.deepEqual(res.body.map((e: { nome: string }) => e.nome), ["Cardiologia", "Pediatria"]);
    const p = res.body[1];
    assert.equal(p.total_medicos, 1);
    assert.deepEqual(vagasOf(p.cotas), { Normal: 2, Encaixe: 1 });
    assert.deepEqual(Object.keys(p.cotas[0]).sort(), [
      "agendavel",
      "cor",
      "nome",
      "status",
      "tiposlotid",
      "vagas",
    ]);
  });

  await t.step("filters by status and searches ignoring accents and case", async () => {
    const ina = await ctx.req("GET", `${BASE}?status=Inativo`, { token });
    assert.deepEqual(ina.body.map((e: { nome: string }) => e.nome), ["Ortopedia"]);
    const all = await ctx.req("GET", `${BASE}?status=todos`, { token });
    assert.equal(all.body.length, 3);
    const found = await ctx.req("GET", `${BASE}?search=PEDIÁ`, { token });
    assert.deepEqual(found.body.map((e: { nome: string }) => e.nome), ["Pediatria"]);
    const bad = await ctx.req("GET", `${BASE}?status=x`, { token });
    assert.equal(bad.status, 400);
  });

  await t.step("GET /:id and GET /:id/cotas answer one especialidade", async () => {
    const one = await ctx.req("GET", `${BASE}/${pedi.especialidadeid}`, { token });
    assert.equal(one.status, 200);
    assert.equal(one.body.nome, "Pediatria");
    assert.equal(one.body.total_medicos, 1);
    const cotas = await ctx.req("GET", `${BASE}/${pedi.especialidadeid}/cotas`, { token });
    assert.equal(cotas.status, 200);
    assert.equal(cotas.body.limitevagas, 3);
    assert.equal(cotas.body.soma, 3);
    assert.deepEqual(vagasOf(cotas.body.cotas), { Normal: 2, Encaixe: 1 });
  });

  await t.step("answers 400 for a malformed id and 404 for an unknown one", async () => {
    for (const path of [`${BASE}/abc`, `${BASE}/0`, `${BASE}/abc/cotas`]) {
      const res = await ctx.req("GET", path, { token });
      assert.equal(res.status, 400, path);
      assert.equal(res.body.error.code, "entrada_invalida");
    }
    for (const path of [`${BASE}/888888`, `${BASE}/888888/cotas`]) {
      const res = await ctx.req("GET", path, { token });
      assert.equal(res.status, 404, path);
      assert.equal(res.body.error.code, "nao_encontrado");
    }
  });
});

dbTest("[especialidades] PUT /api/especialidades/:id", async (t, ctx) => {
  const token = await ctx.login("gerenciador");
  const tp = await tipos(ctx);
  const esp = await create(ctx, {
    nome: "Pediatria",
    limitevagas: 3,
    cotas: [{ tiposlotid: tp.normal, vagas: 2 }, { tiposlotid: tp.prior, vagas: 1 }],
  });
  const outra = await create(ctx, { nome: "Ortopedia", limitevagas: 2 });
  const path = `${BASE}/${esp.especialidadeid}`;

  await t.step("updates nome and duração and writes especialidade.atualizado", async () => {
    const res = await ctx.req("PUT", path, {
      token,
      body: { nome: "Pediatria Geral", duracao_minutos: 45 },
    });
    assert.equal(res.status, 200);
    assert.match(res.contentType!, /application\/json/);
    assert.equal(res.body.nome, "Pediatria Geral");
    assert.equal(res.body.duracao_minutos, 45);
    assert.equal(res.body.limitevagas, 3);
    const ev = await lastEvent(ctx, "especialidade.atualizada");
    assert.equal(ev.before.nome, "Pediatria");
    assert.equal(ev.after.nome, "Pediatria Geral");
    assert.deepEqual(ev.topics, ["config", `especialidade:${esp.especialidadeid}`]);
  });

  await t.step("answers 422 when limitevagas changes without matching cotas", async () => {
    const before = await snapshot(ctx);
    const res = await ctx.req("PUT", path, { token, body: { limitevagas: 5 } });
    assert.equal(res.status, 422);
    assert.equal(res.body.error.code, "cotas_soma_invalida");
    assert.deepEqual(res.body.error.details, { soma: 3, limitevagas: 5 });
    assert.deepEqual(await snapshot(ctx), before);
  });

  await t.step("answers 422 when the cotas sent do not add up to the new limit", async () => {
    const before = await snapshot(ctx);
    const res = await ctx.req("PUT", path, {
      token,
      body: { limitevagas: 5, cotas: [{ tiposlotid: tp.normal, vagas: 4 }] },
    });
    assert.equal(res.status, 422);
    assert.deepEqual(res.body.error.details, { soma: 4, limitevagas: 5 });
    assert.deepEqual(await snapshot(ctx), before);
  });

  await t.step("changes limitevagas together with a new distribution", async () => {
    const cotasEvents = await ctx.events("especialidade.cotas_atualizadas");
    const res = await ctx.req("PUT", path, {
      token,
      body: {
        limitevagas: 5,
        cotas: [{ tiposlotid: tp.normal, vagas: 3 }, { tiposlotid: tp.encaixe, vagas: 2 }],
      },
    });
    assert.equal(res.status, 200);
    assert.equal(res.body.limitevagas, 5);
    assert.deepEqual(vagasOf(res.body.cotas), { Normal: 3, Encaixe: 2 });
    assert.equal(await ctx.events("especialidade.cotas_atualizadas"), cotasEvents + 1);
    const ev = await lastEvent(ctx, "especialidade.cotas_atualizadas");
    assert.deepEqual(vagasOf(ev.before.cotas), { Normal: 2, "Prioritário": 1 });
    assert.deepEqual(vagasOf(ev.after.cotas), { Normal: 3, Encaixe: 2 });
  });

  await t.step("changes limitevagas freely when there is no distribution", async () => {
    const res = await ctx.req("PUT", `${BASE}/${outra.especialidadeid}`, {
      token,
      body: { limitevagas: 7 },
    });
    assert.equal(res.status, 200);
    assert.equal(res.body.limitevagas, 7);
  });

  await t.step("answers 409 when renaming onto another especialidade", async () => {
    const before = await snapshot(ctx);
    const res = await ctx.req("PUT", path, { token, body: { nome: "ortopédia" } });
    assert.equal(res.status, 409);
    assert.equal(res.body.error.code, "especialidade_duplicada");
    assert.deepEqual(await snapshot(ctx), before);
  });

  await t.step("answers 400 for an empty body or a bad field", async () => {
    const before = await snapshot(ctx);
    for (const body of [{}, { limitevagas: 0 }, { duracao_minutos: 1000 }, { nome: "" }]) {
      const res = await ctx.req("PUT", path, { token, body });
      assert.equal(res.status, 400, JSON.stringify(body));
      assert.equal(res.body.error.code, "entrada_invalida");
    }
    assert.deepEqual(await snapshot(ctx), before);
  });

  await t.step("answers 400 for a malformed id and 404 for an unknown one", async () => {
    assert.equal(
      (await ctx.req("PUT", `${BASE}/x1`, { token, body: { nome: "Abc" } })).status,
      400,
    );
    const res = await ctx.req("PUT", `${BASE}/888888`, { token, body: { nome: "Abc" } });
    assert.equal(res.status, 404);
  });
});

dbTest("[especialidades] POST /api/especialidades/:id/cotas", async (t, ctx) => {
  const token = await ctx.login("gerenciador");
  const tp = await tipos(ctx);
  const esp = await create(ctx, { nome: "Pediatria", limitevagas: 6 });
  const path = `${BASE}/${esp.especialidadeid}/cotas`;

  await t.step("replaces the distribution from a bare list and writes the event", async () => {
    const res = await ctx.req("POST", path, {
      token,
      body: [
        { tiposlotid: tp.normal, vagas: 3 },
        { tiposlotid: tp.prior, vagas: 2 },
        { tiposlotid: tp.encaixe, vagas: 1 },
      ],
    });
    assert.equal(res.status, 200);
    assert.match(res.contentType!, /application\/json/);
    assert.equal(res.body.soma, 6);
    assert.equal(res.body.limitevagas, 6);
    assert.deepEqual(vagasOf(res.body.cotas), { Normal: 3, "Prioritário": 2, Encaixe: 1 });
    const ev = await lastEvent(ctx, "especialidade.cotas_atualizadas");
    assert.equal(ev.entity_id, String(esp.especialidadeid));
    assert.deepEqual(ev.before.cotas, []);
    assert.equal(ev.after.cotas.length, 3);
  });

  await t.step(
    "replaces the whole distribution from { cotas }, dropping tipos left out",
    async () => {
      const res = await ctx.req("POST", path, {
        token,
        body: {
          cotas: [{ tiposlotid: tp.normal, vagas: 6 }, { tiposlotid: tp.retorno, vagas: 0 }],
        },
      });
      assert.equal(res.status, 200);
      assert.deepEqual(vagasOf(res.body.cotas), { Normal: 6, Retorno: 0 });
      const rows = await ctx.db.sql`
      select tiposlotid from ca_especialidade_cota where especialidadeid = ${esp.especialidadeid}`;
      assert.equal(rows.length, 2);
    },
  );

  await t.step("answers 422 cotas_soma_invalida and keeps the old distribution", async () => {
    const before = await snapshot(ctx);
    const res = await ctx.req("POST", path, {
      token,
      body: [{ tiposlotid: tp.normal, vagas: 4 }, { tiposlotid: tp.prior, vagas: 3 }],
    });
    assert.equal(res.status, 422);
    assert.equal(res.body.error.code, "cotas_soma_invalida");
    assert.deepEqual(res.body.error.details, { soma: 7, limitevagas: 6 });
    assert.match(res.body.error.message, /soma das cotas \(7\).*\(6\)/);
    assert.deepEqual(await snapshot(ctx), before);
  });

  await t.step("answers 422 tiposlot_invalido for an inactive tipo with vagas", async () => {
    const before = await snapshot(ctx);
    const res = await ctx.req("POST", path, {
      token,
      body: [{ tiposlotid: tp.normal, vagas: 4 }, { tiposlotid: tp.retorno, vagas: 2 }],
    });
    assert.equal(res.status, 422);
    assert.equal(res.body.error.code, "tiposlot_invalido");
    assert.deepEqual(res.body.error.details.inativos, [tp.retorno]);
    assert.deepEqual(await snapshot(ctx), before);
  });

  await t.step("answers 400 for duplicates, bad vagas or a body that is not a list", async () => {
    const before = await snapshot(ctx);
    const bodies = [
      [{ tiposlotid: tp.normal, vagas: 3 }, { tiposlotid: tp.normal, vagas: 3 }],
      [{ tiposlotid: tp.normal, vagas: 101 }],
      [{ tiposlotid: tp.normal }],
      { cotas: "tudo" },
      { nada: true },
    ];
    for (const body of bodies) {
      const res = await ctx.req("POST", path, { token, body });
      assert.equal(res.status, 400, JSON.stringify(body));
      assert.equal(res.body.error.code, "entrada_invalida");
    }
    assert.deepEqual(await snapshot(ctx), before);
  });

  await t.step("an empty list removes the distribution", async () => {
    const res = await ctx.req("POST", path, { token, body: [] });
    assert.equal(res.status, 200);
    assert.deepEqual(res.body.cotas, []);
    assert.equal(res.body.soma, 0);
  });

  await t.step("answers 400 for a malformed id and 404 for an unknown one", async () => {
    const body = [{ tiposlotid: tp.normal, vagas: 1 }];
    assert.equal((await ctx.req("POST", `${BASE}/abc/cotas`, { token, body })).status, 400);
    assert.equal((await ctx.req("POST", `${BASE}/888888/cotas`, { token, body })).status, 404);
  });

  await t.step("saving cotas while the tipo is inactivated: never both", async () => {
    const [novo] = await ctx.db.sql<{ tiposlotid: number }>`
      insert into ca_tiposlot (nome) values ('Programa Municipal') returning tiposlotid`;
    const [save, off] = await Promise.all([
      ctx.req("POST", path, { token, body: [{ tiposlotid: novo.tiposlotid, vagas: 6 }] }),
      ctx.req("DELETE", `/api/tipos-slot/${novo.tiposlotid}`, { token }),
    ]);
    const outcome = [save.status, off.status];
    assert.ok(
      JSON.stringify(outcome) === "[200,409]" || JSON.stringify(outcome) === "[422,200]",
      JSON.stringify([save.body, off.body]),
    );
    const orphans = await ctx.db.sql`
      select 1 from ca_especialidade_cota c join ca_tiposlot t using (tiposlotid)
      where c.vagas > 0 and t.status = 'Inativo'`;
    assert.equal(orphans.length, 0);
  });

  await t.step("a tipo in the distribution cannot be inactivated; one left at 0 can", async () => {
    await ctx.req("POST", path, {
      token,
      body: [{ tiposlotid: tp.normal, vagas: 6 }, { tiposlotid: tp.encaixe, vagas: 0 }],
    });
    const busy = await ctx.req("DELETE", `/api/tipos-slot/${tp.normal}`, { token });
    assert.equal(busy.status, 409);
    assert.equal(busy.body.error.code, "tiposlot_em_uso");
    const free = await ctx.req("DELETE", `/api/tipos-slot/${tp.encaixe}`, { token });
    assert.equal(free.status, 200);
  });
});

dbTest(
  "[especialidades] DELETE /api/especialidades/:id and PATCH /:id/reativar",
  async (t, ctx) => {
    const token = await ctx.login("gerenciador");
    const esp = await create(ctx, { nome: "Cardiologia", limitevagas: 2 });
    const path = `${BASE}/${esp.especialidadeid}`;
    const [u] = await ctx.db.sql<{ unidadeid: number }>`
    insert into ca_unidade (nome) values ('UBS Centro') returning unidadeid`;
    const [m] = await ctx.db.sql<{ medicoid: number }>`
    insert into ca_medico (nomecompleto, crm, crm_uf) values ('Ana Souza', '123456', 'SP')
    returning medicoid`;
    const [g] = await ctx.db.sql<{ gradeagendaid: number }>`
    insert into ca_gradeagenda (medicoid, especialidadeid, unidadeid, vigencia_inicio, vigencia_fim)
    values (${m.medicoid}, ${esp.especialidadeid}, ${u.unidadeid}, '2026-01-01', '2026-12-31')
    returning gradeagendaid`;

    await t.step("answers 409 especialidade_em_uso while an active grade uses it", async () => {
      const before = await snapshot(ctx);
      const res = await ctx.req("DELETE", path, { token });
      assert.equal(res.status, 409);
      assert.equal(res.body.error.code, "especialidade_em_uso");
      assert.deepEqual(res.body.error.details, { grades_ativas: 1 });
      assert.deepEqual(await snapshot(ctx), before);
    });

    await t.step(
      "inactivates once the grade is inactive and writes especialidade.inativada",
      async () => {
        await ctx.db
          .sql`update ca_gradeagenda set status = 'Inativo' where gradeagendaid = ${g.gradeagendaid}`;
        const res = await ctx.req("DELETE", path, { token });
        assert.equal(res.status, 200);
        assert.match(res.contentType!, /application\/json/);
        assert.equal(res.body.status, "Inativo");
        const ev = await lastEvent(ctx, "especialidade.inativada");
        assert.equal(ev.entity_id, String(esp.especialidadeid));
        assert.equal(ev.before.status, "Ativo");
        assert.equal(ev.after.status, "Inativo");
        const list = await ctx.req("GET", BASE, { token });
        assert.deepEqual(list.body, []);
      },
    );

    await t.step("answers 409 when already inactive and changes nothing", async () => {
      const before = await snapshot(ctx);
      const res = await ctx.req("DELETE", path, { token });
      assert.equal(res.status, 409);
      assert.equal(res.body.error.code, "ja_inativo");
      assert.deepEqual(await snapshot(ctx), before);
    });

    await t.step("reactivates and writes especialidade.reativada", async () => {
      const res = await ctx.req("PATCH", `${path}/reativar`, { token });
      assert.equal(res.status, 200);
      assert.equal(res.body.status, "Ativo");
      const ev = await lastEvent(ctx, "especialidade.reativada");
      assert.equal(ev.after.status, "Ativo");
    });

    await t.step(
      "refuses reactivation while its cotas give vagas to an inactive tipo",
      async () => {
        await ctx.req("DELETE", path, { token });
        const [tipo] = await ctx.db.sql<{ tiposlotid: number }>`
      insert into ca_tiposlot (nome) values ('Normal') returning tiposlotid`;
        await ctx.db.sql`insert into ca_especialidade_cota (especialidadeid, tiposlotid, vagas)
                     values (${esp.especialidadeid}, ${tipo.tiposlotid}, 2)`;
        const off = await ctx.req("DELETE", `/api/tipos-slot/${tipo.tiposlotid}`, { token });
        assert.equal(off.status, 200);
        const before = await snapshot(ctx);
        const res = await ctx.req("PATCH", `${path}/reativar`, { token });
        assert.equal(res.status, 422);
        assert.equal(res.body.error.code, "cotas_tiposlot_inativo");
        assert.deepEqual(res.body.error.details.inativos, [
          { tiposlotid: tipo.tiposlotid, nome: "Normal" },
        ]);
        assert.deepEqual(await snapshot(ctx), before);
        await ctx.req("PATCH", `/api/tipos-slot/${tipo.tiposlotid}/reativar`, { token });
        const again = await ctx.req("PATCH", `${path}/reativar`, { token });
        assert.equal(again.status, 200);
      },
    );

    await t.step("answers 409 when reactivating an active especialidade", async () => {
      const res = await ctx.req("PATCH", `${path}/reativar`, { token });
      assert.equal(res.status, 409);
      assert.equal(res.body.error.code, "ja_ativo");
    });

    await t.step("answers 400 for a malformed id and 404 for an unknown one", async () => {
      assert.equal((await ctx.req("DELETE", `${BASE}/abc`, { token })).status, 400);
      assert.equal((await ctx.req("DELETE", `${BASE}/888888`, { token })).status, 404);
      assert.equal((await ctx.req("PATCH", `${BASE}/abc/reativar`, { token })).status, 400);
      assert.equal((await ctx.req("PATCH", `${BASE}/888888/reativar`, { token })).status, 404);
    });
  },
);
