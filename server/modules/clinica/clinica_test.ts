import { strict as assert } from "node:assert";
import { dbTest, type TestCtx } from "../../testing/harness.ts";
import { ClinicaConfiguracao } from "./schemas.ts";

const PATH = "/api/clinica/configuracao";

async function configRow(ctx: TestCtx) {
  const [row] = await ctx.db.sql`
    select horario_abertura::text, horario_fechamento::text, buffer_minutes,
           proposta_validade_horas, lembrete_horas_antes, timezone, updated_at
    from ca_clinica_configuracao`;
  return row;
}

dbTest("[clinica] GET /api/clinica/configuracao", async (t, ctx) => {
  await t.step("answers the seeded defaults to any admin role", async () => {
    const res = await ctx.req("GET", PATH, { token: await ctx.login("visualizador") });
    assert.equal(res.status, 200);
    assert.match(res.contentType!, /application\/json/);
    const body = ClinicaConfiguracao.parse(res.body);
    assert.deepEqual({ ...body, updated_at: undefined }, {
      horario_abertura: "08:00",
      horario_fechamento: "20:00",
      buffer_minutes: 0,
      proposta_validade_horas: 24,
      lembrete_horas_antes: 24,
      timezone: "America/Sao_Paulo",
      updated_at: undefined,
    });
  });
});

dbTest("[clinica] PUT /api/clinica/configuracao", async (t, ctx) => {
  const admin = await ctx.login("administrador");

  await t.step("updates the given fields only and writes the event", async () => {
    const res = await ctx.req("PUT", PATH, {
      token: admin,
      body: { buffer_minutes: 10, horario_fechamento: "21:30", timezone: "america/manaus" },
    });
    assert.equal(res.status, 200);
    assert.match(res.contentType!, /application\/json/);
    assert.equal(res.body.buffer_minutes, 10);
    assert.equal(res.body.horario_abertura, "08:00");
    assert.equal(res.body.horario_fechamento, "21:30");
    // stored in the canonical IANA spelling
    assert.equal(res.body.timezone, "America/Manaus");
    assert.equal(res.body.proposta_validade_horas, 24);
    assert.equal(await ctx.events("clinica.configuracao_atualizada"), 1);
    const [ev] = await ctx.db.sql<{ topics: string[]; before: { buffer_minutes: number } }>`
      select topics, before from ca_evento where kind = 'clinica.configuracao_atualizada'`;
    assert.deepEqual(ev.topics, ["config"]);
    assert.equal(ev.before.buffer_minutes, 0);
  });

  await t.step("refuses each invalid value with 400 and changes nothing", async () => {
    const before = await configRow(ctx);
    const cases: [Record<string, unknown>, string][] = [
      [{ buffer_minutes: 11 }, "buffer_minutes"],
      [{ buffer_minutes: -1 }, "buffer_minutes"],
      [{ buffer_minutes: 2.5 }, "buffer_minutes"],
      [{ proposta_validade_horas: 0 }, "proposta_validade_horas"],
      [{ proposta_validade_horas: 169 }, "proposta_validade_horas"],
      [{ lembrete_horas_antes: 200 }, "lembrete_horas_antes"],
      [{ timezone: "Mars/Olympus_Mons" }, "timezone"],
      [{ timezone: "+03:00" }, "timezone"],
      [{ horario_abertura: "25:00" }, "horario_abertura"],
      [{ horario_abertura: "12:00", horario_fechamento: "12:00" }, "horario_abertura"],
      // 22:00 is after the stored closing time (21:30)
      [{ horario_abertura: "22:00" }, "horario_abertura"],
      [{}, ""],
    ];
    for (const [body, path] of cases) {
      const res = await ctx.req("PUT", PATH, { token: admin, body });
      assert.equal(res.status, 400, JSON.stringify(body));
      assert.match(res.contentType!, /application\/json/);
      assert.equal(res.body.error.code, "entrada_invalida");
      assert.ok(
        res.body.error.details.some((d: { path: string }) => d.path === path),
        `${JSON.stringify(body)} → ${JSON.stringify(res.body.error.details)}`,
      );
    }
    assert.deepEqual(await configRow(ctx), before);
    assert.equal(await ctx.events("clinica.configuracao_atualizada"), 1);
  });

  await t.step("accepts administrador_master", async () => {
    const res = await ctx.req("PUT", PATH, {
      token: await ctx.login("administrador_master"),
      body: { proposta_validade_horas: 48, lembrete_horas_antes: 12 },
    });
    assert.equal(res.status, 200);
    assert.equal(res.body.proposta_validade_horas, 48);
    assert.equal(res.body.lembrete_horas_antes, 12);
    assert.equal(res.body.buffer_minutes, 10);
  });
});
