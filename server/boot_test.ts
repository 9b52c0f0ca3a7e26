import { strict as assert } from "node:assert";
import { ensureMasterAdmin } from "./boot.ts";
import { DEMO_LOGINS, DEMO_PACIENTE, seedDemo } from "./seed/demo.ts";
import { loadConfig } from "./config.ts";
import { dbTest } from "./testing/harness.ts";

dbTest("[boot] first start: master admin, demo clinic, health", async (t, ctx) => {
  await t.step("GET /api/health answers ok with the driver", async () => {
    const res = await ctx.req("GET", "/api/health");
    assert.equal(res.status, 200);
    assert.match(res.contentType!, /json/);
    assert.equal(res.body.status, "ok");
    assert.equal(res.body.driver, ctx.driver);
  });

  await t.step("no master and no ADMIN_EMAIL: reports missing and creates nothing", async () => {
    const deps = { ...ctx.deps, config: loadConfig({ DATABASE_URL: "x" }) };
    assert.equal(await ensureMasterAdmin(deps), "missing");
    const rows = await ctx.db.sql`select 1 from ca_usuario_admin`;
    assert.equal(rows.length, 0);
  });

  await t.step("creates the master from ADMIN_EMAIL/ADMIN_PASSWORD once", async () => {
    const config = loadConfig({
      DATABASE_URL: "x",
      ADMIN_EMAIL: "Chefe@Clinica.gov.br",
      ADMIN_PASSWORD: "Forte@Senha2026",
      BCRYPT_COST: "4",
    });
    const deps = { ...ctx.deps, config };
    assert.equal(await ensureMasterAdmin(deps), "created");
    assert.equal(await ensureMasterAdmin(deps), "exists");
    const res = await ctx.req("POST", "/api/auth/login", {
      body: { email: "chefe@clinica.gov.br", senha: "Forte@Senha2026" },
    });
    assert.equal(res.status, 200);
    assert.equal(res.body.usuario.role, "administrador_master");
  });

  await t.step("seeds the demo clinic once, and its logins work", async () => {
    const deps = { ...ctx.deps, config: loadConfig({ BCRYPT_COST: "4" }) };
    assert.equal(await seedDemo(deps), true);
    assert.equal(await seedDemo(deps), false);
    const [{ n }] = await ctx.db.sql<{ n: number }>`select count(*)::int as n from ca_unidade`;
    assert.equal(n, 2);
    // Every staff login printed at start works, with the role it is printed with (the master is
    // created by ensureMasterAdmin, not by the seed).
    for (const l of DEMO_LOGINS.filter((l) => l.login.includes("@") && !/master/.test(l.perfil))) {
      const staff = await ctx.req("POST", "/api/auth/login", {
        body: { email: l.login, senha: l.senha },
      });
      assert.equal(staff.status, 200, l.login);
      assert.equal(staff.body.usuario.role, l.perfil);
    }
    const pac = await ctx.req("POST", "/api/auth/paciente/login", { body: DEMO_PACIENTE });
    assert.equal(pac.status, 200);
    // every especialidade's quotas add up to its limit
    const bad = await ctx.db.sql`
      select e.especialidadeid from ca_especialidade e join ca_especialidade_cota c using (especialidadeid)
      group by e.especialidadeid, e.limitevagas having sum(c.vagas) <> e.limitevagas`;
    assert.equal(bad.length, 0);
  });
});
