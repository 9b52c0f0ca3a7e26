import { strict as assert } from "node:assert";
import { dbTest, type TestCtx } from "../../testing/harness.ts";
import { tableRows } from "../../testing/fixtures/consultorios.ts";
import { Unidade } from "./schemas.ts";

const VALID = {
  nome: "UBS Vila Nova",
  tipo: "Clínica",
  logradouro: "Rua das Flores",
  numero: "120",
  bairro: "Centro",
  cidade: "Barueri",
  uf: "sp",
  cep: "06401-000",
  telefone: "(11) 4199-0000",
  horario_abertura: "07:00",
  horario_fechamento: "19:00",
  dias_funcionamento: [6, 1, 2, 3, 4, 5, 1],
  timezone: "America/Sao_Paulo",
  buffer_minutes: 5,
};

async function snapshot(ctx: TestCtx) {
  return {
    unidades: await tableRows(ctx, "ca_unidade"),
    consultorios: await tableRows(ctx, "ca_consultorio"),
    eventos: await ctx.events(),
  };
}

dbTest("[unidades] POST /api/unidades", async (t, ctx) => {
  const token = await ctx.login("gerenciador");

  await t.step(
    "creates with global hours (201), normalised, and writes unidade.criada",
    async () => {
      const res = await ctx.req("POST", "/api/unidades", { token, body: VALID });
      assert.equal(res.status, 201);
      assert.match(res.contentType!, /application\/json/);
      const u = Unidade.parse(res.body);
      assert.equal(u.uf, "SP");
      assert.equal(u.cep, "06401000");
      assert.equal(u.telefone, "1141990000");
      assert.equal(u.status, "Ativo");
      assert.deepEqual(u.dias_funcionamento, [1, 2, 3, 4, 5, 6]);
      assert.equal(u.horarios_por_dia, null);
      assert.equal(u.buffer_minutes_efetivo, 5);
      assert.deepEqual(u.horarios["6"], { abertura: "07:00", fechamento: "19:00" });
      assert.equal(u.horarios["7"], null);
      assert.deepEqual(u.consultorios, []);
      const [ev] = await ctx.db.sql<{ topics: string[]; after: { nome: string } }>`
      select topics, after from ca_evento where kind = 'unidade.criada'`;
      assert.deepEqual(ev.topics, ["config", `unidade:${u.unidadeid}`]);
      assert.equal(ev.after.nome, "UBS Vila Nova");
    },
  );

  await t.step("creates with per-weekday hours and inline consultórios in one go", async () => {
    const res = await ctx.req("POST", "/api/unidades", {
      token,
      body: {
        nome: "Hospital Municipal",
        tipo: "Hospital",
        timezone: "America/Noronha",
        horarios_por_dia: {
          "6": { abertura: "08:00", fechamento: "12:00" },
          "1": { abertura: "07:00", fechamento: "22:00" },
        },
        consultorios: [{ nome: "Consultório A" }, { nome: "Consultório B", status: "Inativo" }],
      },
    });
    assert.equal(res.status, 201);
    const u = Unidade.parse(res.body);
    assert.equal(u.timezone, "America/Noronha");
    assert.deepEqual(u.dias_funcionamento, [1, 6]);
    assert.equal(u.horario_abertura, null);
    assert.deepEqual(u.horarios["1"], { abertura: "07:00", fechamento: "22:00" });
    assert.equal(u.horarios["2"], null);
    assert.deepEqual(
      u.consultorios.map((c) => [c.nome, c.status]),
      [["Consultório A", "Ativo"], ["Consultório B", "Inativo"]],
    );
    assert.equal(await ctx.events("consultorio.criado"), 2);
  });

  await t.step("a minimal body inherits the clinic's time zone, hours and buffer", async () => {
    await ctx.db.sql`
      update ca_clinica_configuracao set timezone = 'America/Manaus', buffer_minutes = 3`;
    const res = await ctx.req("POST", "/api/unidades", {
      token,
      // blank form fields mean "none"
      body: {
        nome: "Posto Rural",
        cep: "",
        uf: " ",
        telefone: "",
        horario_abertura: "",
        horario_fechamento: "",
      },
    });
    assert.equal(res.status, 201);
    const u = Unidade.parse(res.body);
    assert.equal(u.tipo, "Clínica");
    assert.equal(u.cep, null);
    assert.equal(u.uf, null);
    assert.equal(u.telefone, null);
    assert.equal(u.horario_abertura, null);
    assert.equal(u.timezone, "America/Manaus");
    assert.equal(u.buffer_minutes, null);
    assert.equal(u.buffer_minutes_efetivo, 3);
    assert.deepEqual(u.dias_funcionamento, [1, 2, 3, 4, 5]);
    assert.deepEqual(u.horarios["1"], { abertura: "08:00", fechamento: "20:00" });
    assert.equal(u.horarios["6"], null);
  });

  await t.step("answers 400 for each invalid field and changes nothing", async () => {
    const before = await snapshot(ctx);
    const n = (nome: string) => ({ ...VALID, nome });
    const cases: [unknown, string][] = [
      [{ ...n("A1"), uf: "XX" }, "uf"],
      [{ ...n("A2"), cep: "1234-567" }, "cep"],
      [{ ...n("A3"), horario_abertura: "19:00", horario_fechamento: "19:00" }, "horario_abertura"],
      [{ ...n("A4"), horario_abertura: "20:00" }, "horario_abertura"],
      [{ ...n("A5"), horario_fechamento: "24:00" }, "horario_fechamento"],
      [{ ...n("A6"), horario_fechamento: null }, "horario_fechamento"],
      [{ ...n("A7"), timezone: "America/Atlantida" }, "timezone"],
      [{ ...n("A8"), timezone: "-03:00" }, "timezone"],
      [{ ...n("A9"), buffer_minutes: 11 }, "buffer_minutes"],
      [{ ...n("B1"), buffer_minutes: -1 }, "buffer_minutes"],
      [{ ...n("B2"), tipo: "Posto" }, "tipo"],
      [{ ...n("B3"), telefone: "123" }, "telefone"],
      [{ ...n("B4"), dias_funcionamento: [0, 1] }, "dias_funcionamento.0"],
      [{ ...n("B5"), dias_funcionamento: [] }, "dias_funcionamento"],
      [{ ...n("B6"), nome: " " }, "nome"],
      [
        { nome: "B7", horarios_por_dia: { "8": { abertura: "08:00", fechamento: "12:00" } } },
        "horarios_por_dia",
      ],
      [
        { nome: "B8", horarios_por_dia: { "0": { abertura: "08:00", fechamento: "12:00" } } },
        "horarios_por_dia",
      ],
      [
        { nome: "B9", horarios_por_dia: { "1": { abertura: "12:00", fechamento: "08:00" } } },
        "horarios_por_dia.1.abertura",
      ],
      [
        { nome: "C1", horarios_por_dia: { "1": { abertura: "8h", fechamento: "12:00" } } },
        "horarios_por_dia.1.abertura",
      ],
      [{ nome: "C2", horarios_por_dia: {} }, "horarios_por_dia"],
      [
        { ...n("C3"), horarios_por_dia: { "1": { abertura: "08:00", fechamento: "12:00" } } },
        "horario_abertura",
      ],
      [
        { ...n("C4"), consultorios: [{ consultorioid: 1, nome: "Sala" }] },
        "consultorios.0.consultorioid",
      ],
      [
        { ...n("C5"), consultorios: [{ nome: "Sala 1" }, { nome: "SALA 1" }] },
        "consultorios.1.nome",
      ],
      [{ ...n("C6"), consultorios: [{ nome: "" }] }, "consultorios.0.nome"],
    ];
    for (const [body, path] of cases) {
      const res = await ctx.req("POST", "/api/unidades", { token, body });
      assert.equal(res.status, 400, JSON.stringify(body));
      assert.match(res.contentType!, /application\/json/);
      assert.equal(res.body.error.code, "entrada_invalida");
      const paths = res.body.error.details.map((d: { path: string }) => d.path);
      assert.ok(paths.includes(path), `${JSON.stringify(body)} → ${JSON.stringify(paths)}`);
    }
    assert.deepEqual(await snapshot(ctx), before);
  });

  await t.step("answers 409 unidade_duplicada ignoring case and accents", async () => {
    const before = await snapshot(ctx);
    const res = await ctx.req("POST", "/api/unidades", {
      token,
      body: { nome: "hospital MUNICIPÁL", consultorios: [{ nome: "Sala" }] },
    });
    assert.equal(res.status, 409);
    assert.match(res.contentType!, /application\/json/);
    assert.equal(res.body.error.code, "unidade_duplicada");
    assert.deepEqual(await snapshot(ctx), before);
  });

  await t.step("two operators racing for the same name: exactly one wins", async () => {
    const results = await Promise.all([
      ctx.req("POST", "/api/unidades", { token, body: { nome: "UBS Disputada" } }),
      ctx.req("POST", "/api/unidades", { token, body: { nome: "ubs disputada" } }),
    ]);
    assert.deepEqual(results.map((r) => r.status).sort(), [201, 409]);
    assert.equal(results.find((r) => r.status === 409)!.body.error.code, "unidade_duplicada");
    const [{ n }] = await ctx.db.sql<{ n: number }>`
      select count(*)::int as n from ca_unidade where lower(nome) = 'ubs disputada'`;
    assert.equal(n, 1);
  });
});
