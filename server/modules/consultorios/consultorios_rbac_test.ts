import { strict as assert } from "node:assert";
import { dbTest, type TestCtx } from "../../testing/harness.ts";
import { insertConsultorio, insertUnidade } from "./test_support.ts";

/** Rooms and the event log: equal before and after a refused request. */
async function snapshot(ctx: TestCtx) {
  const rows = await ctx.db.sql`select * from ca_consultorio order by consultorioid`;
  return { rows: [...rows], eventos: await ctx.events() };
}

dbTest("[consultorios] RBAC on every /api/consultorios route", async (t, ctx) => {
  const centro = await insertUnidade(ctx, "UBS Centro");
  const sala = await insertConsultorio(ctx, centro, "Sala 1");
  const fechada = await insertConsultorio(ctx, centro, "Sala 2", "Inativo");
  const writes: [string, string, unknown?][] = [
    ["POST", "/api/consultorios", { unidadeid: centro, nome: "Sala Nova" }],
    ["PUT", `/api/consultorios/${sala}`, { nome: "Sala Renomeada" }],
    ["DELETE", `/api/consultorios/${sala}`],
    ["PATCH", `/api/consultorios/${fechada}/reativar`],
  ];
  const reads = ["/api/consultorios", `/api/consultorios/${sala}`];
  const tokens = {
    visualizador: await ctx.login("visualizador"),
    operador: await ctx.login("operador"),
    paciente: (await ctx.paciente()).token,
  };

  await t.step("answers 401 without a token on every route, changing nothing", async () => {
    const before = await snapshot(ctx);
    for (const path of reads) assert.equal((await ctx.req("GET", path)).status, 401, path);
    for (const [method, path, body] of writes) {
      const res = await ctx.req(method, path, { body });
      assert.equal(res.status, 401, `${method} ${path}`);
      assert.equal(res.body.error.code, "nao_autenticado");
    }
    assert.deepEqual(await snapshot(ctx), before);
  });

  await t.step("a paciente token is refused on reads and writes", async () => {
    const before = await snapshot(ctx);
    for (const path of reads) {
      assert.equal((await ctx.req("GET", path, { token: tokens.paciente })).status, 403, path);
    }
    for (const [method, path, body] of writes) {
      const res = await ctx.req(method, path, { token: tokens.paciente, body });
      assert.equal(res.status, 403, `${method} ${path}`);
      assert.equal(res.body.error.code, "sem_permissao");
    }
    assert.deepEqual(await snapshot(ctx), before);
  });

  await t.step("visualizador and operador read but every write answers 403", async () => {
    const before = await snapshot(ctx);
    for (const role of ["visualizador", "operador"] as const) {
      for (const path of reads) {
        assert.equal((await ctx.req("GET", path, { token: tokens[role] })).status, 200, path);
      }
      for (const [method, path, body] of writes) {
        const res = await ctx.req(method, path, { token: tokens[role], body });
        assert.equal(res.status, 403, `${role} ${method} ${path}`);
        assert.equal(res.body.error.code, "sem_permissao");
      }
    }
    assert.deepEqual(await snapshot(ctx), before);
  });

  for (const role of ["gerenciador", "administrador", "administrador_master"] as const) {
    await t.step(`${role} passes every guard`, async () => {
      const token = await ctx.login(role);
      const nome = `Sala ${role}`;
      const created = await ctx.req("POST", "/api/consultorios", {
        token,
        body: { unidadeid: centro, nome },
      });
      assert.equal(created.status, 201, role);
      const id = created.body.consultorioid;
      const put = await ctx.req("PUT", `/api/consultorios/${id}`, {
        token,
        body: { nome: `${nome} B` },
      });
      assert.equal(put.status, 200);
      assert.equal((await ctx.req("DELETE", `/api/consultorios/${id}`, { token })).status, 200);
      const back = await ctx.req("PATCH", `/api/consultorios/${id}/reativar`, { token });
      assert.equal(back.status, 200);
    });
  }

  await t.step("malformed ids answer 400 on every route that takes one", async () => {
    const token = await ctx.login("gerenciador");
    const before = await snapshot(ctx);
    for (const bad of ["1e3", "true", "0", "-2", "0x1F"]) {
      assert.equal((await ctx.req("GET", `/api/consultorios/${bad}`, { token })).status, 400);
      assert.equal(
        (await ctx.req("GET", `/api/consultorios?unidadeid=${bad}`, { token })).status,
        400,
        `?unidadeid=${bad}`,
      );
      const put = await ctx.req("PUT", `/api/consultorios/${bad}`, { token, body: { nome: "X" } });
      assert.equal(put.status, 400);
      assert.equal((await ctx.req("DELETE", `/api/consultorios/${bad}`, { token })).status, 400);
      assert.equal(
        (await ctx.req("PATCH", `/api/consultorios/${bad}/reativar`, { token })).status,
        400,
      );
    }
    assert.deepEqual(await snapshot(ctx), before);
  });
});
