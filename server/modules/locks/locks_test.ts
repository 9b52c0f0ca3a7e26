import { strict as assert } from "node:assert";
import { dbTest } from "../../testing/harness.ts";
import { HttpError } from "../../http/errors.ts";
import { resolveToken } from "../../auth/middleware.ts";
import { assertNotLeasedByOther, sweepExpired } from "../../booking/leases.ts";

dbTest("[locks] POST /api/locks", async (t, ctx) => {
  const op = await ctx.login("operador");
  const ger = await ctx.login("gerenciador");

  await t.step("takes a free lease with 201 and writes lock.adquirido", async () => {
    const res = await ctx.req("POST", "/api/locks", { token: op, body: { resource: "backlog:7" } });
    assert.equal(res.status, 201);
    assert.match(res.contentType!, /application\/json/);
    assert.equal(res.body.resource, "backlog:7");
    assert.equal(res.body.holder_nome, "Usuário operador");
    assert.equal(res.body.holder_usuarioid, await ctx.userId("operador"));
    const ttl = Date.parse(res.body.expires_at) - Date.parse(res.body.acquired_at);
    assert.ok(ttl > 25_000 && ttl <= 31_000, `ttl ${ttl}`);
    assert.equal(await ctx.events("lock.adquirido"), 1);
    const [ev] = await ctx.db
      .sql`select topics, actor_nome from ca_evento where kind = 'lock.adquirido'`;
    assert.deepEqual(ev.topics, ["locks", "backlog"]);
    assert.equal(ev.actor_nome, "Usuário operador");
  });

  await t.step("renews its own lease with 200 and no new event", async () => {
    const res = await ctx.req("POST", "/api/locks", { token: op, body: { resource: "backlog:7" } });
    assert.equal(res.status, 200);
    assert.equal(await ctx.events("lock.adquirido"), 1);
  });

  await t.step("answers 423 recurso_bloqueado with the holder's name to someone else", async () => {
    const res = await ctx.req("POST", "/api/locks", {
      token: ger,
      body: { resource: "backlog:7" },
    });
    assert.equal(res.status, 423);
    assert.match(res.contentType!, /application\/json/);
    assert.equal(res.body.error.code, "recurso_bloqueado");
    assert.match(res.body.error.message, /Usuário operador/);
    assert.equal(res.body.error.details.holder_nome, "Usuário operador");
    const rows = await ctx.db.sql`select holder_nome from ca_lock where resource = 'backlog:7'`;
    assert.deepEqual(rows.map((r) => r.holder_nome), ["Usuário operador"]);
  });

  await t.step("takes over an expired lease, naming the previous holder", async () => {
    await ctx.db.sql`update ca_lock set expires_at = now() - interval '1 second'`;
    const res = await ctx.req("POST", "/api/locks", {
      token: ger,
      body: { resource: "backlog:7" },
    });
    assert.equal(res.status, 201);
    assert.equal(res.body.holder_nome, "Usuário gerenciador");
    const [ev] = await ctx.db.sql`
      select before from ca_evento where kind = 'lock.adquirido' order by id desc limit 1`;
    assert.deepEqual(ev.before, { holder_nome: "Usuário operador" });
  });

  await t.step("routes a lease on an unknown slot to the locks topic only", async () => {
    const res = await ctx.req("POST", "/api/locks", { token: op, body: { resource: "slot:999" } });
    assert.equal(res.status, 201);
    const [ev] = await ctx.db.sql`
      select topics from ca_evento where entity_id = 'slot:999'`;
    assert.deepEqual(ev.topics, ["locks"]);
  });

  await t.step("answers 400 for a malformed resource or body", async () => {
    for (
      const body of [{ resource: "backlog 7" }, { resource: "BACKLOG:7" }, {}, { resource: 7 }]
    ) {
      const res = await ctx.req("POST", "/api/locks", { token: op, body });
      assert.equal(res.status, 400, JSON.stringify(body));
      assert.equal(res.body.error.code, "entrada_invalida");
    }
    assert.equal((await ctx.db.sql`select 1 from ca_lock`).length, 2);
  });
});

dbTest("[locks] GET and DELETE /api/locks", async (t, ctx) => {
  const op = await ctx.login("operador");
  const ger = await ctx.login("gerenciador");
  for (const resource of ["backlog:1", "backlog:2", "slot:5"]) {
    const res = await ctx.req("POST", "/api/locks", { token: op, body: { resource } });
    assert.equal(res.status, 201);
  }

  await t.step("lists live leases, filtered by prefix", async () => {
    const all = await ctx.req("GET", "/api/locks", { token: await ctx.login("visualizador") });
    assert.equal(all.status, 200);
    assert.match(all.contentType!, /application\/json/);
    assert.deepEqual(all.body.items.map((l: { resource: string }) => l.resource), [
      "backlog:1",
      "backlog:2",
      "slot:5",
    ]);
    const some = await ctx.req("GET", "/api/locks?prefix=backlog:", { token: op });
    assert.equal(some.body.items.length, 2);
    const bad = await ctx.req("GET", "/api/locks?prefix=%25", { token: op });
    assert.equal(bad.status, 400);
  });

  await t.step("answers 423 when releasing someone else's lease and keeps it", async () => {
    const res = await ctx.req("DELETE", "/api/locks/backlog:1", { token: ger });
    assert.equal(res.status, 423);
    assert.equal(res.body.error.code, "recurso_bloqueado");
    assert.equal((await ctx.db.sql`select 1 from ca_lock where resource = 'backlog:1'`).length, 1);
  });

  await t.step("releases its own lease with lock.liberado, URL-encoded or not", async () => {
    const res = await ctx.req("DELETE", "/api/locks/backlog%3A1", { token: op });
    assert.equal(res.status, 200);
    assert.deepEqual(res.body, { resource: "backlog:1", released: true });
    assert.equal(await ctx.events("lock.liberado"), 1);
    assert.equal((await ctx.db.sql`select 1 from ca_lock where resource = 'backlog:1'`).length, 0);
  });

  await t.step("answers 404 for a lease nobody holds and 400 for a bad resource", async () => {
    const res = await ctx.req("DELETE", "/api/locks/backlog:1", { token: op });
    assert.equal(res.status, 404);
    assert.equal(res.body.error.code, "nao_encontrado");
    const bad = await ctx.req("DELETE", "/api/locks/nada", { token: op });
    assert.equal(bad.status, 400);
  });

  await t.step("the sweep deletes expired leases with lock.expirado, once", async () => {
    await ctx.db.sql`update ca_lock set expires_at = now() - interval '1 second'
                     where resource = 'backlog:2'`;
    assert.equal(await sweepExpired(ctx.db), 1);
    assert.equal(await sweepExpired(ctx.db), 0);
    assert.equal(await ctx.events("lock.expirado"), 1);
    const rows = await ctx.db.sql`select resource from ca_lock`;
    assert.deepEqual(rows.map((r) => r.resource), ["slot:5"]);
  });
});

dbTest("[locks] assertNotLeasedByOther", async (t, ctx) => {
  const op = await ctx.login("operador");
  const ger = await ctx.login("gerenciador");
  const opAuth = await resolveToken({ var: { deps: ctx.deps } } as never, op);
  const gerAuth = await resolveToken({ var: { deps: ctx.deps } } as never, ger);
  await ctx.req("POST", "/api/locks", { token: op, body: { resource: "slot:42" } });

  await t.step("throws 423 recurso_bloqueado naming the holder to another session", async () => {
    await assert.rejects(
      () => ctx.db.begin((sql) => assertNotLeasedByOther(sql, "slot:42", gerAuth)),
      (err: unknown) => {
        assert.ok(err instanceof HttpError);
        assert.equal(err.status, 423);
        assert.equal(err.code, "recurso_bloqueado");
        assert.equal((err.details as { holder_nome: string }).holder_nome, "Usuário operador");
        return true;
      },
    );
  });

  await t.step("passes for the holder, a free resource and an expired lease", async () => {
    await ctx.db.begin((sql) => assertNotLeasedByOther(sql, "slot:42", opAuth));
    await ctx.db.begin((sql) => assertNotLeasedByOther(sql, "slot:43", gerAuth));
    await ctx.db.sql`update ca_lock set expires_at = now() - interval '1 second'`;
    await ctx.db.begin((sql) => assertNotLeasedByOther(sql, "slot:42", gerAuth));
  });
});
