import { strict as assert } from "node:assert";
import { dbTest } from "../../testing/harness.ts";
import { generationBody, seedRefs, SEG, snapshot } from "../../testing/fixtures/slots.ts";

const URL = "/api/slots/generate-bulk";

dbTest("[slots] POST /api/slots/generate-bulk refusals", async (t, ctx) => {
  const refs = await seedRefs(ctx);
  const token = await ctx.login("gerenciador");

  await t.step(
    "refuses visualizador and operador (403), a paciente (403), no token (401)",
    async () => {
      const tokens = [await ctx.login("visualizador"), await ctx.login("operador")];
      const paciente = await ctx.paciente();
      const before = await snapshot(ctx);
      for (const t of tokens) {
        const res = await ctx.req("POST", URL, { token: t, body: generationBody(refs) });
        assert.equal(res.status, 403);
        assert.equal(res.body.error.code, "sem_permissao");
      }
      const res = await ctx.req("POST", URL, { token: paciente.token, body: generationBody(refs) });
      assert.equal(res.status, 403);
      const anon = await ctx.req("POST", URL, { body: generationBody(refs) });
      assert.equal(anon.status, 401);
      assert.deepEqual(await snapshot(ctx), before);
    },
  );

  const bad: [string, Record<string, unknown>, string][] = [
    ["a missing médico", { medicoid: undefined }, "medicoid"],
    ["a malformed id", { unidadeid: "abc" }, "unidadeid"],
    ["a malformed date", { data_inicio: "01/03/2027" }, "data_inicio"],
    ["a date that does not exist", { data_fim: "2027-02-30" }, "data_fim"],
    ["an end before the start", { data_inicio: "2027-03-05", data_fim: SEG }, "data_fim"],
    ["a period over 366 days", { data_fim: "2028-03-02" }, "data_fim"],
    ["a time that is not HH:MM", { horarios: { "1": ["8h"] } }, "horarios.1.0"],
    ["a weekday key out of 1–7", { horarios: { "8": ["08:00"] } }, "horarios"],
    ["a repeated time", { horarios: { "1": ["08:00", "08:00"] } }, "horarios.1"],
    ["no time at all", { horarios: { "1": [] } }, "horarios"],
    [
      "a tipo twice in the distribution",
      { distribuicao: [{ tiposlotid: 1, quantidade: 1 }, { tiposlotid: 1, quantidade: 2 }] },
      "distribuicao",
    ],
    [
      "a negative quantity",
      { distribuicao: [{ tiposlotid: 1, quantidade: -1 }] },
      "distribuicao.0.quantidade",
    ],
    [
      "quantities summing over 100",
      { distribuicao: [{ tiposlotid: 1, quantidade: 60 }, { tiposlotid: 2, quantidade: 41 }] },
      "distribuicao",
    ],
    ["a preview flag that is not boolean", { preview: "sim" }, "preview"],
  ];
  for (const [what, over, path] of bad) {
    await t.step(`answers 400 for ${what} and writes nothing`, async () => {
      const before = await snapshot(ctx);
      const res = await ctx.req("POST", URL, { token, body: generationBody(refs, over) });
      assert.equal(res.status, 400, JSON.stringify(res.body));
      assert.match(res.contentType!, /application\/json/);
      assert.equal(res.body.error.code, "entrada_invalida");
      assert.ok(
        res.body.error.details.some((d: { path: string }) => d.path.startsWith(path)),
        JSON.stringify(res.body.error.details),
      );
      assert.deepEqual(await snapshot(ctx), before);
    });
  }

  const sql = ctx.db.sql;
  const [inactiveUnidade] = await sql<{ id: number }>`
    insert into ca_unidade (nome, status) values ('UBS Fechada', 'Inativo') returning unidadeid as id`;
  const [inactiveTipo] = await sql<{ id: number }>`
    insert into ca_tiposlot (nome, status) values ('Antigo', 'Inativo') returning tiposlotid as id`;
  const [semCotas] = await sql<{ id: number }>`
    insert into ca_especialidade (nome) values ('Dermatologia') returning especialidadeid as id`;
  await sql`insert into ca_medico_especialidade values (${refs.medico}, ${semCotas.id})`;
  const [inactiveMedico] = await sql<{ id: number }>`
    insert into ca_medico (nomecompleto, crm, crm_uf, status) values ('Carlos Inativo', '1234', 'RJ', 'Inativo')
    returning medicoid as id`;

  const unprocessable: [string, Record<string, unknown>, string][] = [
    ["an unknown unidade", { unidadeid: 999999 }, "unidade_invalida"],
    ["an inactive unidade", { unidadeid: inactiveUnidade.id }, "unidade_invalida"],
    ["an unknown especialidade", { especialidadeid: 999999 }, "especialidade_invalida"],
    ["an unknown médico", { medicoid: 999999 }, "medico_invalido"],
    ["an inactive médico", { medicoid: inactiveMedico.id }, "medico_invalido"],
    [
      "a médico without the especialidade",
      { medicoid: refs.medico2, especialidadeid: refs.outraEspecialidade },
      "medico_sem_especialidade",
    ],
    ["an unknown consultório", { consultorioid: 999999 }, "consultorio_invalido"],
    [
      "a consultório of another unidade",
      { consultorioid: refs.consultorioOutraUnidade },
      "consultorio_de_outra_unidade",
    ],
    [
      "an inactive tipo de slot",
      { distribuicao: [{ tiposlotid: inactiveTipo.id, quantidade: 1 }] },
      "tiposlot_invalido",
    ],
    [
      "an unknown tipo de slot",
      { distribuicao: [{ tiposlotid: 999999, quantidade: 1 }] },
      "tiposlot_invalido",
    ],
    [
      "a distribution with only zero quantities",
      { distribuicao: [{ tiposlotid: refs.normal, quantidade: 0 }] },
      "distribuicao_vazia",
    ],
    [
      "no distribution and an especialidade without cotas",
      { especialidadeid: semCotas.id },
      "distribuicao_vazia",
    ],
    [
      "a start date in the past",
      { data_inicio: "2020-01-06", data_fim: "2020-01-07" },
      "data_passada",
    ],
  ];
  for (const [what, over, code] of unprocessable) {
    await t.step(`answers 422 ${code} for ${what} and writes nothing`, async () => {
      const before = await snapshot(ctx);
      for (const preview of [true, false]) {
        const res = await ctx.req("POST", URL, {
          token,
          body: generationBody(refs, { ...over, preview }),
        });
        assert.equal(res.status, 422, JSON.stringify(res.body));
        assert.equal(res.body.error.code, code);
        assert.ok(res.body.error.message.length > 10);
      }
      assert.deepEqual(await snapshot(ctx), before);
    });
  }
});
