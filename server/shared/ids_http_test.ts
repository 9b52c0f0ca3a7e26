/** Ids in paths, queries and bodies are strict across the configuration and portal routes. */
import { strict as assert } from "node:assert";
import type { Role } from "./schemas.ts";
import { dbTest } from "../testing/harness.ts";

const LOOSE = ["1e3", "true", "0x10", "+5", "5.0", "1_0", "2147483648"];

dbTest("[shared] malformed ids answer 400 before any query", async (t, ctx) => {
  const token = (role: Role) => ctx.login(role);

  await t.step("in paths", async () => {
    const paths: [Role, string][] = [
      ["visualizador", "/api/especialidades/:id"],
      ["visualizador", "/api/especialidades/:id/cotas"],
      ["visualizador", "/api/medicos/:id"],
      ["visualizador", "/api/unidades/:id"],
      ["visualizador", "/api/consultorios/:id"],
      ["visualizador", "/api/tipos-slot/:id"],
      ["visualizador", "/api/pacientes/:id"],
      ["visualizador", "/api/pacientes/:id/tipos-slot"],
      ["administrador_master", "/api/usuarios/:id"],
      ["administrador", "/api/notificacoes/:id"],
      ["operador", "/api/fichas/:id"],
      ["visualizador", "/api/planos/:id"],
    ];
    for (const [role, pattern] of paths) {
      for (const bad of LOOSE) {
        const res = await ctx.req("GET", pattern.replace(":id", bad), { token: await token(role) });
        assert.equal(res.status, 400, `${pattern} ${bad}`);
        assert.match(res.contentType!, /application\/json/);
        assert.equal(res.body.error.code, "entrada_invalida");
        assert.equal(res.body.error.details[0].message, "Identificador inválido.");
      }
    }
  });

  await t.step("in queries", async () => {
    const queries: [Role, string][] = [
      ["visualizador", "/api/medicos?especialidadeid="],
      ["visualizador", "/api/medicos?unidadeid="],
      ["visualizador", "/api/consultorios?unidadeid="],
      ["visualizador", "/api/seguros/credencial?pacienteid="],
      ["visualizador", "/api/planos?pacienteid="],
      ["administrador", "/api/notificacoes?pacienteid="],
    ];
    for (const [role, prefix] of queries) {
      for (const bad of LOOSE) {
        const res = await ctx.req("GET", prefix + encodeURIComponent(bad), {
          token: await token(role),
        });
        assert.equal(res.status, 400, `${prefix}${bad}`);
      }
    }
  });

  await t.step("page and limit are as strict as ids, with a clear message", async () => {
    const lists: [Role, string][] = [
      ["visualizador", "/api/pacientes"],
      ["administrador_master", "/api/usuarios"],
      ["visualizador", "/api/backlog"],
      ["visualizador", "/api/agendamentos?data=2030-01-07&"],
      ["administrador", "/api/notificacoes"],
    ];
    const sep = (p: string) => (p.includes("?") ? "" : "?");
    for (const [role, path] of lists) {
      for (const bad of ["1e1", "0x10", "2.0", "0", "-1", "abc"]) {
        for (const param of ["page", "limit"]) {
          const res = await ctx.req(
            "GET",
            `${path}${sep(path)}${param}=${encodeURIComponent(bad)}`,
            {
              token: await token(role),
            },
          );
          assert.equal(res.status, 400, `${path}?${param}=${bad}`);
          assert.equal(res.body.error.code, "entrada_invalida");
          assert.match(res.body.error.details[0].message, /inválid|resultados/);
        }
      }
      const ok = await ctx.req("GET", `${path}${sep(path)}page=1&limit=5`, {
        token: await token(role),
      });
      assert.equal(ok.status, 200, path);
    }
  });

  await t.step("in bodies: strings of digits pass, loose strings and booleans do not", async () => {
    const master = await token("administrador_master");
    for (const bad of [...LOOSE, true, 1.5, 0, -1]) {
      const res = await ctx.req("POST", "/api/auth/resend-first-access", {
        token: master,
        body: { usuarioid: bad },
      });
      assert.equal(res.status, 400, JSON.stringify(bad));
    }
    const digits = await ctx.req("POST", "/api/auth/resend-first-access", {
      token: master,
      body: { usuarioid: "999999" },
    });
    assert.equal(digits.status, 404, "a digit string is an id, just unknown");
    const paciente = await ctx.req("PUT", "/api/pacientes/1/tipos-slot", {
      token: await token("operador"),
      body: { tipos_slot_elegiveis: ["1e3"] },
    });
    assert.equal(paciente.status, 400);
  });
});
