import { strict as assert } from "node:assert";
import { dbTest, type TestCtx } from "../../testing/harness.ts";

const BASE = "/api/tipos-slot";

/** Rows and events that a refused write must leave untouched. */
async function snapshot(ctx: TestCtx) {
  const rows = await ctx.db.sql`
    select tiposlotid, nome, finalidade, status, canalorigem, cor, agendavel, updated_at
    from ca_tiposlot order by tiposlotid`;
  const [{ n }] = await ctx.db.sql`
    select count(*)::int as n from ca_evento where entity = 'tiposlot'`;
  return { rows: [...rows], events: n };
}

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

async function createTipo(ctx: TestCtx, body: Record<string, unknown>) {
  const res = await ctx.req("POST", BASE, { token: await ctx.login("gerenciador"), body });
  assert.equal(res.status, 201, JSON.stringify(res.body));
  return res.body;
}

dbTest("[tipos-slot] POST /api/tipos-slot", async (t, ctx) => {
  const token = await ctx.login("gerenciador");

  await t.step("creates a tipo with defaults and writes tiposlot.criado", async () => {
    const res = await ctx.req("POST", BASE, { token, body: { nome: "  Normal " } });
    assert.equal(res.status, 201);
    assert.match(res.contentType!, /application\/json/);
    assert.equal(res.body.nome, "Normal");
    assert.equal(res.body.status, "Ativo");
    assert.equal(res.body.canalorigem, "Todos");
    assert.equal(res.body.cor, "#3B82F6");
    assert.equal(res.body.agendavel, true);
    assert.equal(res.body.finalidade, null);
    const ev = await lastEvent(ctx, "tiposlot.criado");
    assert.equal(ev.entity_id, String(res.body.tiposlotid));
    assert.deepEqual(ev.topics, ["config"]);
    assert.equal(ev.actor_id, await ctx.userId("gerenciador"));
    assert.equal(ev.after.nome, "Normal");
  });

  await t.step("stores every field, the colour in upper case", async () => {
    const res = await ctx.req("POST", BASE, {
      token,
      body: {
        nome: "Programa Municipal",
        finalidade: "Vagas do programa da prefeitura",
        canalorigem: "Programa Municipal",
        cor: "#a1b2c3",
        agendavel: false,
      },
    });
    assert.equal(res.status, 201);
    assert.equal(res.body.cor, "#A1B2C3");
    assert.equal(res.body.canalorigem, "Programa Municipal");
    assert.equal(res.body.agendavel, false);
    assert.equal(res.body.finalidade, "Vagas do programa da prefeitura");
  });

  await t.step("answers 409 for a name that differs only in accents or case", async () => {
    await createTipo(ctx, { nome: "Prioritário" });
    const before = await snapshot(ctx);
    const res = await ctx.req("POST", BASE, { token, body: { nome: "PRIORITARIO" } });
    assert.equal(res.status, 409);
    assert.equal(res.body.error.code, "tiposlot_duplicado");
    assert.match(res.body.error.message, /já existe/i);
    assert.deepEqual(await snapshot(ctx), before);
  });

  const invalid: [string, Record<string, unknown>, string][] = [
    ["a missing name", {}, "nome"],
    ["a one-letter name", { nome: "N" }, "nome"],
    ["a name over 80 characters", { nome: "x".repeat(81) }, "nome"],
    ["a colour that is not #RRGGBB", { nome: "Encaixe", cor: "azul" }, "cor"],
    ["a 3-digit colour", { nome: "Encaixe", cor: "#FFF" }, "cor"],
    ["an unknown canal de origem", { nome: "Encaixe", canalorigem: "Telefone" }, "canalorigem"],
    ["agendavel that is not a boolean", { nome: "Encaixe", agendavel: "sim" }, "agendavel"],
    [
      "a finalidade over 500 characters",
      { nome: "Encaixe", finalidade: "x".repeat(501) },
      "finalidade",
    ],
  ];
  for (const [what, body, path] of invalid) {
    await t.step(`answers 400 for ${what} and creates nothing`, async () => {
      const before = await snapshot(ctx);
      const res = await ctx.req("POST", BASE, { token, body });
      assert.equal(res.status, 400);
      assert.equal(res.body.error.code, "entrada_invalida");
      assert.ok(res.body.error.details.some((d: { path: string }) => d.path === path));
      assert.deepEqual(await snapshot(ctx), before);
    });
  }

  await t.step("two operators creating the same name at once: one 201, one 409", async () => {
    const [a, b] = await Promise.all([
      ctx.req("POST", BASE, { token, body: { nome: "Retorno" } }),
      ctx.req("POST", BASE, { token, body: { nome: "RETORNO" } }),
    ]);
    assert.deepEqual([a.status, b.status].sort(), [201, 409]);
    const rows = await ctx.db.sql`
      select 1 from ca_tiposlot where lower(nome) = 'retorno'`;
    assert.equal(rows.length, 1);
  });
});

dbTest("[tipos-slot] GET /api/tipos-slot", async (t, ctx) => {
  const normal = await createTipo(ctx, { nome: "Normal" });
  const prior = await createTipo(ctx, { nome: "Prioritário" });
  await createTipo(ctx, { nome: "Encaixe" });
  await ctx.db
    .sql`update ca_tiposlot set status = 'Inativo' where tiposlotid = ${prior.tiposlotid}`;
  const token = await ctx.login("visualizador");

  await t.step("lists the active tipos by name for a visualizador", async () => {
    const res = await ctx.req("GET", BASE, { token });
    assert.equal(res.status, 200);
    assert.match(res.contentType!, /application\/json/);
    assert.deepEqual(res.body.map((r: { nome: string }) => r.nome), ["Encaixe", "Normal"]);
  });

  await t.step("filters by status Inativo and todos", async () => {
    const ina = await ctx.req("GET", `${BASE}?status=Inativo`, { token });
    assert.deepEqual(ina.body.map((r: { nome: string }) => r.nome), ["Prioritário"]);
    const all = await ctx.req("GET", `${BASE}?status=todos`, { token });
    assert.equal(all.body.length, 3);
  });

  await t.step("searches ignoring accents and case", async () => {
    const res = await ctx.req("GET", `${BASE}?status=todos&search=PRIORITARIO`, { token });
    assert.deepEqual(res.body.map((r: { nome: string }) => r.nome), ["Prioritário"]);
    const none = await ctx.req("GET", `${BASE}?search=%25`, { token });
    assert.deepEqual(none.body, []);
  });

  await t.step("answers 400 for an unknown status", async () => {
    const res = await ctx.req("GET", `${BASE}?status=apagado`, { token });
    assert.equal(res.status, 400);
    assert.equal(res.body.error.code, "entrada_invalida");
  });

  await t.step("GET /:id answers one tipo", async () => {
    const res = await ctx.req("GET", `${BASE}/${normal.tiposlotid}`, { token });
    assert.equal(res.status, 200);
    assert.equal(res.body.nome, "Normal");
  });

  await t.step("GET /:id answers 400 for a malformed id and 404 for an unknown one", async () => {
    for (const bad of ["abc", "0", "-3", "1.5", "99999999999"]) {
      const res = await ctx.req("GET", `${BASE}/${bad}`, { token });
      assert.equal(res.status, 400, bad);
      assert.equal(res.body.error.code, "entrada_invalida");
    }
    const res = await ctx.req("GET", `${BASE}/999999`, { token });
    assert.equal(res.status, 404);
    assert.equal(res.body.error.code, "nao_encontrado");
  });
});

dbTest("[tipos-slot] PUT /api/tipos-slot/:id", async (t, ctx) => {
  const token = await ctx.login("gerenciador");
  const tipo = await createTipo(ctx, {
    nome: "Retorno",
    finalidade: "Consulta de retorno",
    cor: "#00FF00",
  });
  await createTipo(ctx, { nome: "Encaixe" });
  const path = `${BASE}/${tipo.tiposlotid}`;

  await t.step("updates the given fields and writes tiposlot.atualizado", async () => {
    const res = await ctx.req("PUT", path, {
      token,
      body: { nome: "Retorno 30 dias", canalorigem: "ADM", agendavel: false, finalidade: "" },
    });
    assert.equal(res.status, 200);
    assert.match(res.contentType!, /application\/json/);
    assert.equal(res.body.nome, "Retorno 30 dias");
    assert.equal(res.body.canalorigem, "ADM");
    assert.equal(res.body.agendavel, false);
    assert.equal(res.body.finalidade, null);
    assert.equal(res.body.cor, "#00FF00");
    const ev = await lastEvent(ctx, "tiposlot.atualizado");
    assert.equal(ev.entity_id, String(tipo.tiposlotid));
    assert.equal(ev.before.nome, "Retorno");
    assert.equal(ev.after.nome, "Retorno 30 dias");
  });

  await t.step("keeps a field the body leaves out", async () => {
    const res = await ctx.req("PUT", path, { token, body: { cor: "#123abc" } });
    assert.equal(res.status, 200);
    assert.equal(res.body.cor, "#123ABC");
    assert.equal(res.body.nome, "Retorno 30 dias");
    assert.equal(res.body.agendavel, false);
  });

  await t.step("answers 409 when renaming onto another tipo and changes nothing", async () => {
    const before = await snapshot(ctx);
    const res = await ctx.req("PUT", path, { token, body: { nome: "encaixe" } });
    assert.equal(res.status, 409);
    assert.equal(res.body.error.code, "tiposlot_duplicado");
    assert.deepEqual(await snapshot(ctx), before);
  });

  await t.step("answers 400 for an empty body or a bad field", async () => {
    const before = await snapshot(ctx);
    for (const body of [{}, { cor: "#GGGGGG" }, { canalorigem: "" }, { nome: null }]) {
      const res = await ctx.req("PUT", path, { token, body });
      assert.equal(res.status, 400, JSON.stringify(body));
      assert.equal(res.body.error.code, "entrada_invalida");
    }
    assert.deepEqual(await snapshot(ctx), before);
  });

  await t.step("answers 400 for a malformed id and 404 for an unknown one", async () => {
    assert.equal(
      (await ctx.req("PUT", `${BASE}/x`, { token, body: { cor: "#000000" } })).status,
      400,
    );
    const res = await ctx.req("PUT", `${BASE}/424242`, { token, body: { cor: "#000000" } });
    assert.equal(res.status, 404);
    assert.equal(res.body.error.code, "nao_encontrado");
  });
});

dbTest("[tipos-slot] DELETE /api/tipos-slot/:id and PATCH /:id/reativar", async (t, ctx) => {
  const token = await ctx.login("gerenciador");
  const tipo = await createTipo(ctx, { nome: "Encaixe" });
  const path = `${BASE}/${tipo.tiposlotid}`;
  const [esp] = await ctx.db.sql<{ especialidadeid: number }>`
    insert into ca_especialidade (nome, limitevagas) values ('Pediatria', 2)
    returning especialidadeid`;

  await t.step(
    "answers 409 tiposlot_em_uso while an active especialidade has vagas of it",
    async () => {
      await ctx.db.sql`insert into ca_especialidade_cota (especialidadeid, tiposlotid, vagas)
                     values (${esp.especialidadeid}, ${tipo.tiposlotid}, 2)`;
      const before = await snapshot(ctx);
      const res = await ctx.req("DELETE", path, { token });
      assert.equal(res.status, 409);
      assert.equal(res.body.error.code, "tiposlot_em_uso");
      assert.equal(res.body.error.details.especialidades[0].nome, "Pediatria");
      assert.deepEqual(await snapshot(ctx), before);
    },
  );

  await t.step("allows it once the especialidade is inactive", async () => {
    await ctx.db.sql`update ca_especialidade set status = 'Inativo'
                     where especialidadeid = ${esp.especialidadeid}`;
    const res = await ctx.req("DELETE", path, { token });
    assert.equal(res.status, 200);
    assert.equal(res.body.status, "Inativo");
    await ctx.req("PATCH", `${path}/reativar`, { token });
    await ctx.db.sql`update ca_especialidade set status = 'Ativo'
                     where especialidadeid = ${esp.especialidadeid}`;
  });

  await t.step(
    "inactivates when the cota holds 0 vagas and writes tiposlot.inativado",
    async () => {
      await ctx.db.sql`update ca_especialidade_cota set vagas = 0
                     where tiposlotid = ${tipo.tiposlotid}`;
      const n = await ctx.events("tiposlot.inativado");
      const res = await ctx.req("DELETE", path, { token });
      assert.equal(res.status, 200);
      assert.match(res.contentType!, /application\/json/);
      assert.equal(res.body.status, "Inativo");
      assert.equal(await ctx.events("tiposlot.inativado"), n + 1);
      const ev = await lastEvent(ctx, "tiposlot.inativado");
      assert.equal(ev.before.status, "Ativo");
      assert.equal(ev.after.status, "Inativo");
      const list = await ctx.req("GET", BASE, { token });
      assert.equal(list.body.length, 0);
    },
  );

  await t.step("answers 409 when already inactive", async () => {
    const before = await snapshot(ctx);
    const res = await ctx.req("DELETE", path, { token });
    assert.equal(res.status, 409);
    assert.equal(res.body.error.code, "ja_inativo");
    assert.deepEqual(await snapshot(ctx), before);
  });

  await t.step("reactivates and writes tiposlot.reativado", async () => {
    const res = await ctx.req("PATCH", `${path}/reativar`, { token });
    assert.equal(res.status, 200);
    assert.equal(res.body.status, "Ativo");
    const ev = await lastEvent(ctx, "tiposlot.reativado");
    assert.equal(ev.entity_id, String(tipo.tiposlotid));
    assert.equal(ev.after.status, "Ativo");
  });

  await t.step("answers 409 when reactivating an active tipo", async () => {
    const res = await ctx.req("PATCH", `${path}/reativar`, { token });
    assert.equal(res.status, 409);
    assert.equal(res.body.error.code, "ja_ativo");
  });

  await t.step("answers 400 for a malformed id and 404 for an unknown one", async () => {
    assert.equal((await ctx.req("DELETE", `${BASE}/abc`, { token })).status, 400);
    assert.equal((await ctx.req("DELETE", `${BASE}/777777`, { token })).status, 404);
    assert.equal((await ctx.req("PATCH", `${BASE}/abc/reativar`, { token })).status, 400);
    assert.equal((await ctx.req("PATCH", `${BASE}/777777/reativar`, { token })).status, 404);
  });
});
