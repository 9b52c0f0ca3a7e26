import { strict as assert } from "node:assert";
import { dbTest, type TestCtx } from "../../testing/harness.ts";
import { AuditoriaPage } from "./schemas.ts";

/** Writes `n` events straight into the log (actor, kind and entity as given). */
async function seed(
  ctx: TestCtx,
  n: number,
  o: { kind?: string; entity?: string; entityId?: string; actorId?: number; at?: string } = {},
) {
  await ctx.db.sql`
    insert into ca_evento (actor_tipo, actor_id, actor_nome, kind, entity, entity_id, before,
                           after, at)
    select 'admin', ${o.actorId ?? 9}, 'Fulano', ${o.kind ?? "teste.feito"},
           ${o.entity ?? "teste"}, ${o.entityId ?? "1"}, jsonb_build_object('n', g - 1),
           jsonb_build_object('n', g), coalesce(${o.at ?? null}::timestamptz, now())
    from generate_series(1, ${n}::int) g`;
}

dbTest("[auditoria] GET /api/auditoria", async (t, ctx) => {
  const admin = await ctx.login("administrador");

  const get = async (query: string, token = admin) => {
    const res = await ctx.req("GET", `/api/auditoria${query}`, { token });
    if (res.status === 200) AuditoriaPage.parse(res.body);
    return res;
  };

  await t.step(
    "a change made through the API appears with its actor and both snapshots",
    async () => {
      const cfg = await ctx.login("gerenciador");
      const created = await ctx.req("POST", "/api/especialidades", {
        token: cfg,
        body: { nome: "Dermatologia", limitevagas: 2 },
      });
      assert.equal(created.status, 201, JSON.stringify(created.body));
      const id = String(created.body.especialidadeid);
      const put = await ctx.req("PUT", `/api/especialidades/${id}`, {
        token: cfg,
        body: { nome: "Dermatologia Clínica" },
      });
      assert.equal(put.status, 200, JSON.stringify(put.body));
      const res = await get(`?entity=especialidade&entity_id=${id}`);
      assert.equal(res.status, 200);
      assert.match(res.contentType!, /application\/json/);
      const [update, create] = res.body.items;
      assert.equal(res.body.items.length, 2);
      assert.ok(update.id > create.id, "newest first");
      assert.equal(update.kind, "especialidade.atualizada");
      assert.deepEqual(update.actor, {
        tipo: "admin",
        id: await ctx.userId("gerenciador"),
        nome: "Usuário gerenciador",
      });
      assert.equal(update.entity, "especialidade");
      assert.equal(update.entity_id, id);
      assert.equal(update.before.nome, "Dermatologia");
      assert.equal(update.after.nome, "Dermatologia Clínica");
      assert.ok(!Number.isNaN(Date.parse(update.at)));
      assert.equal(create.before, null);
      assert.equal(create.after.nome, "Dermatologia");
    },
  );

  await t.step("filters by kind, entity, actor and period", async () => {
    await seed(ctx, 3, { kind: "filtro.a", entity: "filtro", entityId: "7", actorId: 501 });
    await seed(ctx, 2, { kind: "filtro.b", entity: "filtro", entityId: "8", actorId: 502 });
    await seed(ctx, 1, {
      kind: "filtro.b",
      entity: "filtro",
      entityId: "8",
      actorId: 502,
      at: "2020-03-10T15:00:00Z",
    });
    const ids = async (q: string) => {
      const res = await get(q);
      assert.equal(res.status, 200, JSON.stringify(res.body));
      return res.body.items as { kind: string; entity_id: string; actor: { id: number } }[];
    };
    assert.equal((await ids("?kind=filtro.a")).length, 3);
    assert.equal((await ids("?entity=filtro")).length, 6);
    assert.ok((await ids("?entity=filtro&entity_id=8")).every((i) => i.entity_id === "8"));
    assert.equal((await ids("?entity=filtro&entity_id=8")).length, 3);
    const byActor = await ids("?actor_tipo=admin&actor_id=501");
    assert.equal(byActor.length, 3);
    assert.ok(byActor.every((i) => i.actor.id === 501 && i.kind === "filtro.a"));
    assert.equal((await ids("?entity=filtro&de=2020-03-10&ate=2020-03-10")).length, 1);
    assert.equal((await ids("?entity=filtro&ate=2020-03-09")).length, 0);
    assert.equal((await ids("?kind=filtro.b&de=2021-01-01")).length, 2);
    assert.equal((await ids("?kind=nenhum.tal")).length, 0);
  });

  await t.step("keyset pages: every event once, newest first, next null at the end", async () => {
    await seed(ctx, 23, { kind: "pagina.item", entity: "pagina" });
    const seen: number[] = [];
    let after = "";
    for (let pages = 0; pages < 10; pages++) {
      const res = await get(`?kind=pagina.item&limit=10${after}`);
      assert.equal(res.status, 200);
      seen.push(...res.body.items.map((i: { id: number }) => i.id));
      if (res.body.next === null) break;
      assert.equal(res.body.next, seen.at(-1));
      after = `&after=${res.body.next}`;
    }
    assert.equal(seen.length, 23);
    assert.deepEqual(seen, [...seen].sort((a, b) => b - a));
    assert.equal(new Set(seen).size, 23);
    // Rows written after the first page do not shift the pages still to come.
    const first = await get("?kind=pagina.item&limit=10");
    await seed(ctx, 5, { kind: "pagina.item", entity: "pagina" });
    const second = await get(`?kind=pagina.item&limit=10&after=${first.body.next}`);
    assert.deepEqual(
      second.body.items.map((i: { id: number }) => i.id),
      seen.slice(10, 20),
    );
  });

  await t.step("refuses bad filters with 400", async () => {
    for (
      const q of [
        "?after=abc",
        "?after=0",
        "?limit=0",
        "?limit=201",
        "?actor_tipo=robo",
        "?actor_id=x&actor_tipo=admin",
        "?actor_id=3",
        "?entity_id=4",
        "?de=2026-13-01",
        "?de=2026-05-02&ate=2026-05-01",
        "?kind=DROP TABLE",
      ]
    ) {
      const res = await get(q);
      assert.equal(res.status, 400, q);
      assert.equal(res.body.error.code, "entrada_invalida", q);
    }
  });

  await t.step("only administrador and above read it", async () => {
    for (const role of ["visualizador", "operador", "gerenciador"] as const) {
      const res = await get("", await ctx.login(role));
      assert.equal(res.status, 403, role);
    }
    assert.equal((await get("", (await ctx.paciente()).token)).status, 403);
    assert.equal((await ctx.req("GET", "/api/auditoria")).status, 401);
    assert.equal((await get("", await ctx.login("administrador_master"))).status, 200);
  });
});
