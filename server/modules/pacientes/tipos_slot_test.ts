import { strict as assert } from "node:assert";
import { dbTest } from "../../testing/harness.ts";
import { TiposSlotResponse } from "./schemas.ts";
import { criarPaciente, criarTipoSlot, snapshot } from "../../testing/fixtures/pacientes.ts";

dbTest("[pacientes] GET and PUT /api/pacientes/:id/tipos-slot", async (t, ctx) => {
  const token = await ctx.login("operador");
  const normal = await criarTipoSlot(ctx, "Normal");
  const encaixe = await criarTipoSlot(ctx, "Encaixe");
  const programa = await criarTipoSlot(ctx, "Programa Municipal");
  const antigo = await criarTipoSlot(ctx, "Antigo", "Inativo");
  const p = await criarPaciente(ctx, { tipos_slot_elegiveis: [normal] });
  const path = `/api/pacientes/${p.pacienteid}/tipos-slot`;
  const put = (tipos_slot_elegiveis: unknown) =>
    ctx.req("PUT", path, { token, body: { tipos_slot_elegiveis } });
  const ids = (body: { tipos_slot: { tiposlotid: number }[] }) =>
    body.tipos_slot.map((x) => x.tiposlotid);

  await t.step("GET answers the eligible types ordered by name", async () => {
    const res = await ctx.req("GET", path, { token: await ctx.login("visualizador") });
    assert.equal(res.status, 200);
    assert.match(res.contentType!, /application\/json/);
    const body = TiposSlotResponse.parse(res.body);
    assert.equal(body.pacienteid, p.pacienteid);
    assert.deepEqual(ids(body), [normal]);
  });

  await t.step("PUT replaces the set and writes paciente.tipos_slot_atualizados", async () => {
    const res = await put([programa, encaixe, encaixe]);
    assert.equal(res.status, 200);
    assert.match(res.contentType!, /application\/json/);
    assert.deepEqual(ids(TiposSlotResponse.parse(res.body)), [encaixe, programa]);
    const rows = await ctx.db.sql<{ tiposlotid: number }>`
      select tiposlotid from ca_paciente_tiposlot where pacienteid = ${p.pacienteid}
      order by tiposlotid`;
    assert.deepEqual(rows.map((r) => r.tiposlotid), [encaixe, programa].sort((a, b) => a - b));
    const [ev] = await ctx.db.sql<
      { before: { tipos_slot_elegiveis: number[] }; after: { tipos_slot_elegiveis: number[] } }
    >`select before, after from ca_evento where kind = 'paciente.tipos_slot_atualizados'`;
    assert.deepEqual(ev.before.tipos_slot_elegiveis, [normal]);
    assert.deepEqual(ev.after.tipos_slot_elegiveis, [encaixe, programa]);
  });

  await t.step("PUT with an empty list clears the set", async () => {
    const res = await put([]);
    assert.equal(res.status, 200);
    assert.deepEqual(res.body.tipos_slot, []);
  });

  await t.step("answers 422 naming unknown and inactive types, changing nothing", async () => {
    await put([normal]);
    const before = await snapshot(ctx);
    const res = await put([encaixe, 777777, antigo]);
    assert.equal(res.status, 422);
    assert.equal(res.body.error.code, "tipo_slot_invalido");
    assert.deepEqual(res.body.error.details.tipos_slot_invalidos, [777777, antigo]);
    assert.deepEqual(await snapshot(ctx), before);
  });

  await t.step("answers 400 for a malformed list, changing nothing", async () => {
    const before = await snapshot(ctx);
    for (const bad of [undefined, "1,2", [0], [-3], ["a"], Array(51).fill(normal)]) {
      const res = await put(bad);
      assert.equal(res.status, 400, JSON.stringify(bad));
      assert.equal(res.body.error.code, "entrada_invalida");
    }
    assert.deepEqual(await snapshot(ctx), before);
  });

  await t.step("answers 404 for an unknown patient on GET and PUT", async () => {
    const get = await ctx.req("GET", "/api/pacientes/999999/tipos-slot", { token });
    assert.equal(get.status, 404);
    const res = await ctx.req("PUT", "/api/pacientes/999999/tipos-slot", {
      token,
      body: { tipos_slot_elegiveis: [normal] },
    });
    assert.equal(res.status, 404);
  });
});
