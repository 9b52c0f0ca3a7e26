/**
 * The data behind the cadastro forms, checked against the server's own schemas: what the unidade
 * form sends in each hours mode is accepted, and the cotas draft becomes the API's list.
 */
import { strict as assert } from "node:assert";
import { UnidadeCreateInput, UnidadeUpdateInput } from "../server/modules/unidades/schemas.ts";
import { EspecialidadeCreate } from "../server/modules/especialidades/schemas.ts";
import { horariosBody, horariosDraft } from "../client-adm/src/configuracoes/unidades/horarios.ts";
import { cotasList, sumCotas } from "../client-adm/src/configuracoes/especialidades/cotas.ts";

const base = { nome: "Policlínica", tipo: "Clínica", timezone: "America/Sao_Paulo" };

Deno.test("[config] unidade hours: each mode sends what the server accepts", async (t) => {
  const draft = horariosDraft();
  await t.step("a new unidade starts global, Monday to Friday 08:00–17:00", () => {
    assert.equal(draft.modo, "global");
    assert.deepEqual(horariosBody(draft), {
      horarios_por_dia: null,
      horario_abertura: "08:00",
      horario_fechamento: "17:00",
      dias_funcionamento: [1, 2, 3, 4, 5],
    });
    assert.ok(UnidadeCreateInput.safeParse({ ...base, ...horariosBody(draft) }).success);
  });
  await t.step("per weekday: only open days, no global fields", () => {
    const porDia = {
      ...draft.porDia,
      "6": { aberto: true, abertura: "08:00", fechamento: "12:00" },
    };
    const body = horariosBody({ ...draft, modo: "dia", porDia });
    assert.deepEqual(Object.keys(body.horarios_por_dia!), ["1", "2", "3", "4", "5", "6"]);
    assert.equal("dias_funcionamento" in body, false);
    assert.ok(UnidadeCreateInput.safeParse({ ...base, ...body }).success);
    assert.ok(UnidadeUpdateInput.safeParse(body).success);
  });
  await t.step("the clinic's hours: both times null, the open days kept", () => {
    const body = horariosBody({ ...draft, modo: "clinica" });
    assert.equal(body.horario_abertura, null);
    assert.equal(body.horario_fechamento, null);
    assert.ok(UnidadeCreateInput.safeParse({ ...base, ...body }).success);
  });
  await t.step("a stored per-weekday unidade reopens in that mode", () => {
    const d = horariosDraft({
      horarios_por_dia: { "2": { abertura: "09:00", fechamento: "13:00" } },
      horario_abertura: null,
      dias_funcionamento: [2],
    } as never);
    assert.equal(d.modo, "dia");
    assert.deepEqual(d.porDia["2"], { aberto: true, abertura: "09:00", fechamento: "13:00" });
    assert.equal(d.porDia["1"].aberto, false);
  });
});

Deno.test("[config] cotas draft: blanks and zeros leave the list, the sum follows", () => {
  const draft = { 1: "2", 2: "", 3: "0", 4: "2" };
  assert.equal(sumCotas(draft), 4);
  assert.deepEqual(cotasList(draft), [{ tiposlotid: 1, vagas: 2 }, { tiposlotid: 4, vagas: 2 }]);
  assert.ok(
    EspecialidadeCreate.safeParse({ nome: "Dermatologia", limitevagas: 4, cotas: cotasList(draft) })
      .success,
  );
});
