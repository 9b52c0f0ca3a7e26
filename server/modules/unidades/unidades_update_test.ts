import { strict as assert } from "node:assert";
import { dbTest, type TestCtx } from "../../testing/harness.ts";
import {
  insertActiveGrade,
  insertConsultorio,
  insertUnidade,
  tableRows,
} from "../../testing/fixtures/consultorios.ts";
import { Unidade } from "./schemas.ts";

async function snapshot(ctx: TestCtx) {
  return {
    unidades: await tableRows(ctx, "ca_unidade"),
    consultorios: await tableRows(ctx, "ca_consultorio"),
    eventos: await ctx.events(),
  };
}

dbTest("[unidades] PUT /api/unidades/:id", async (t, ctx) => {
  const token = await ctx.login("gerenciador");
  const created = await ctx.req("POST", "/api/unidades", {
    token,
    body: {
      nome: "UBS Centro",
      cidade: "Barueri",
      uf: "SP",
      cep: "06401000",
      horario_abertura: "07:00",
      horario_fechamento: "19:00",
      buffer_minutes: 5,
    },
  });
  assert.equal(created.status, 201);
  const id = created.body.unidadeid as number;
  const url = `/api/unidades/${id}`;
  await insertUnidade(ctx, "UBS Jardim");

  await t.step("updates only the given fields and writes unidade.atualizada", async () => {
    const res = await ctx.req("PUT", url, {
      token,
      body: {
        telefone: "11 98765-4321",
        buffer_minutes: null,
        realocacao_automatica: true,
        timezone: "America/Manaus",
      },
    });
    assert.equal(res.status, 200);
    assert.match(res.contentType!, /application\/json/);
    const u = Unidade.parse(res.body);
    assert.equal(u.telefone, "11987654321");
    assert.equal(u.buffer_minutes, null);
    assert.equal(u.buffer_minutes_efetivo, 0); // the clinic's default
    assert.equal(u.realocacao_automatica, true);
    assert.equal(u.timezone, "America/Manaus");
    assert.equal(u.cep, "06401000");
    assert.equal(u.horario_abertura, "07:00");
    const [ev] = await ctx.db.sql<{ before: { buffer_minutes: number }; after: object }>`
      select before, after from ca_evento where kind = 'unidade.atualizada'`;
    assert.equal(ev.before.buffer_minutes, 5);
    assert.equal((ev.after as { telefone: string }).telefone, "11987654321");
  });

  await t.step("switches to per-weekday hours and clears the global pair", async () => {
    const res = await ctx.req("PUT", url, {
      token,
      body: {
        horarios_por_dia: {
          "3": { abertura: "13:00", fechamento: "18:00" },
          "2": { abertura: "08:00", fechamento: "12:00" },
        },
      },
    });
    assert.equal(res.status, 200);
    const u = Unidade.parse(res.body);
    assert.equal(u.horario_abertura, null);
    assert.equal(u.horario_fechamento, null);
    assert.deepEqual(u.dias_funcionamento, [2, 3]);
    assert.equal(u.horarios["1"], null);
    assert.deepEqual(u.horarios["3"], { abertura: "13:00", fechamento: "18:00" });
  });

  await t.step("switches back to global hours, keeping the open days", async () => {
    const res = await ctx.req("PUT", url, {
      token,
      body: { horario_abertura: "06:00", horario_fechamento: "12:00" },
    });
    assert.equal(res.status, 200);
    const u = Unidade.parse(res.body);
    assert.equal(u.horarios_por_dia, null);
    assert.deepEqual(u.dias_funcionamento, [2, 3]);
    assert.deepEqual(u.horarios["2"], { abertura: "06:00", fechamento: "12:00" });
  });

  await t.step("answers 400 when the merged hours are invalid, and changes nothing", async () => {
    const before = await snapshot(ctx);
    const cases: [unknown, string][] = [
      // 13:00 is after the stored closing time (12:00)
      [{ horario_abertura: "13:00" }, "horario_abertura"],
      // one half of the pair cannot be cleared alone
      [{ horario_fechamento: null }, "horario_fechamento"],
      [{
        horario_abertura: "06:00",
        horarios_por_dia: { "1": { abertura: "06:00", fechamento: "07:00" } },
      }, "horario_abertura"],
      [
        { horarios_por_dia: { "9": { abertura: "06:00", fechamento: "07:00" } } },
        "horarios_por_dia",
      ],
      [{ timezone: "Brasil/Barueri" }, "timezone"],
      [{ buffer_minutes: 11 }, "buffer_minutes"],
      [{ uf: "BR" }, "uf"],
      [{ cep: "0640100" }, "cep"],
      [{ nome: null }, "nome"],
      [{}, ""],
    ];
    for (const [body, path] of cases) {
      const res = await ctx.req("PUT", url, { token, body });
      assert.equal(res.status, 400, JSON.stringify(body));
      assert.equal(res.body.error.code, "entrada_invalida");
      const paths = res.body.error.details.map((d: { path: string }) => d.path);
      assert.ok(paths.includes(path), `${JSON.stringify(body)} → ${JSON.stringify(paths)}`);
    }
    assert.deepEqual(await snapshot(ctx), before);
  });

  await t.step("clearing the whole pair inherits the clinic hours", async () => {
    const res = await ctx.req("PUT", url, {
      token,
      body: { horario_abertura: null, horario_fechamento: null, dias_funcionamento: [1] },
    });
    assert.equal(res.status, 200);
    assert.deepEqual(res.body.horarios["1"], { abertura: "08:00", fechamento: "20:00" });
    assert.equal(res.body.horarios["2"], null);
  });

  await t.step("answers 409 unidade_duplicada on a rename to an existing name", async () => {
    const before = await snapshot(ctx);
    const res = await ctx.req("PUT", url, { token, body: { nome: "ubs jardím" } });
    assert.equal(res.status, 409);
    assert.equal(res.body.error.code, "unidade_duplicada");
    assert.deepEqual(await snapshot(ctx), before);
  });

  await t.step("manages consultórios inline: create, rename, inactivate", async () => {
    const a = await insertConsultorio(ctx, id, "Sala 1");
    const b = await insertConsultorio(ctx, id, "Sala 2");
    const unidadeEvents = await ctx.events("unidade.atualizada");
    const res = await ctx.req("PUT", url, {
      token,
      body: {
        consultorios: [
          { consultorioid: a, nome: "Sala Azul" },
          { consultorioid: b, nome: "Sala 2", status: "Inativo" },
          { nome: "Sala 3" },
        ],
      },
    });
    assert.equal(res.status, 200);
    const u = Unidade.parse(res.body);
    assert.deepEqual(u.consultorios.map((c) => [c.nome, c.status]), [
      ["Sala 2", "Inativo"],
      ["Sala 3", "Ativo"],
      ["Sala Azul", "Ativo"],
    ]);
    assert.equal(await ctx.events("consultorio.atualizado"), 1);
    assert.equal(await ctx.events("consultorio.inativado"), 1);
    assert.equal(await ctx.events("consultorio.criado"), 1);
    // no unidade field in the body: no unidade.atualizada for it
    assert.equal(await ctx.events("unidade.atualizada"), unidadeEvents);

    const back = await ctx.req("PUT", url, {
      token,
      body: { consultorios: [{ consultorioid: b, nome: "Sala 2", status: "Ativo" }] },
    });
    assert.equal(back.status, 200);
    assert.equal(await ctx.events("consultorio.reativado"), 1);
  });

  await t.step("rolls the whole PUT back when an inline change is refused", async () => {
    const [{ consultorioid }] = await ctx.db.sql<{ consultorioid: number }>`
      select consultorioid from ca_consultorio where unidadeid = ${id} and nome = 'Sala Azul'`;
    await insertActiveGrade(ctx, id, consultorioid);
    const before = await snapshot(ctx);
    const res = await ctx.req("PUT", url, {
      token,
      body: {
        nome: "UBS Centro Novo",
        consultorios: [{ nome: "Sala 4" }, { consultorioid, nome: "Sala Azul", status: "Inativo" }],
      },
    });
    assert.equal(res.status, 409);
    assert.equal(res.body.error.code, "consultorio_em_uso");
    assert.equal(res.body.error.details.grades.length, 1);
    assert.deepEqual(await snapshot(ctx), before);
  });

  await t.step("refuses a time zone change while active grades exist (409)", async () => {
    const before = await snapshot(ctx);
    const res = await ctx.req("PUT", url, { token, body: { timezone: "America/Sao_Paulo" } });
    assert.equal(res.status, 409);
    assert.equal(res.body.error.code, "unidade_em_uso");
    assert.deepEqual(await snapshot(ctx), before);
    // the same zone in another spelling is no change
    const same = await ctx.req("PUT", url, { token, body: { timezone: "america/manaus" } });
    assert.equal(same.status, 200);
    assert.equal(same.body.timezone, "America/Manaus");
  });

  await t.step("answers 422 for a consultório of another unidade", async () => {
    const other = await insertUnidade(ctx, "UBS Outra");
    const foreign = await insertConsultorio(ctx, other, "Sala X");
    const before = await snapshot(ctx);
    const res = await ctx.req("PUT", url, {
      token,
      body: { consultorios: [{ consultorioid: foreign, nome: "Roubada" }] },
    });
    assert.equal(res.status, 422);
    assert.equal(res.body.error.code, "consultorio_de_outra_unidade");
    assert.deepEqual(await snapshot(ctx), before);
  });

  await t.step("answers 404, 400 for a bad id and 403 below gerenciador", async () => {
    const missing = await ctx.req("PUT", "/api/unidades/999999", { token, body: { nome: "X Y" } });
    assert.equal(missing.status, 404);
    assert.equal(missing.body.error.code, "nao_encontrado");
    const bad = await ctx.req("PUT", "/api/unidades/abc", { token, body: { nome: "X Y" } });
    assert.equal(bad.status, 400);
    for (const role of ["visualizador", "operador"] as const) {
      const tk = await ctx.login(role);
      const before = await snapshot(ctx);
      const res = await ctx.req("PUT", url, { token: tk, body: { nome: "Tomada" } });
      assert.equal(res.status, 403, role);
      assert.deepEqual(await snapshot(ctx), before);
    }
    const p = await ctx.paciente();
    const res = await ctx.req("PUT", url, { token: p.token, body: { nome: "Tomada" } });
    assert.equal(res.status, 403);
    assert.equal((await ctx.req("PUT", url, { body: { nome: "Tomada" } })).status, 401);
  });
});
