import { strict as assert } from "node:assert";
import { dbTest, nextCpf, type TestCtx } from "../../testing/harness.ts";
import {
  BANCO,
  createMedico,
  medicoBody,
  type Refs,
  seedRefs,
  snapshot,
} from "../../testing/fixtures/medicos.ts";

/** An active grade of the médico in `especialidadeid` (the grade module's table). */
async function seedGrade(ctx: TestCtx, refs: Refs, medicoid: number, especialidadeid: number) {
  const [g] = await ctx.db.sql<{ id: number }>`
    insert into ca_gradeagenda (medicoid, especialidadeid, unidadeid, vigencia_inicio, vigencia_fim)
    values (${medicoid}, ${especialidadeid}, ${refs.unidade}, current_date, current_date + 30)
    returning gradeagendaid as id`;
  return g.id;
}

/** A booked place with the médico `days` from now (negative: in the past). */
async function seedAgendamento(ctx: TestCtx, refs: Refs, medicoid: number, days: number) {
  const [grade] = await ctx.db.sql<{ id: number }>`
    select gradeagendaid as id from ca_gradeagenda where medicoid = ${medicoid}`;
  const gradeId = grade?.id ?? await seedGrade(ctx, refs, medicoid, refs.cardio);
  const [tipo] = await ctx.db.sql<{ id: number }>`
    insert into ca_tiposlot (nome) values (${`Normal ${crypto.randomUUID().slice(0, 8)}`})
    returning tiposlotid as id`;
  const [slot] = await ctx.db.sql<{ id: number }>`
    insert into ca_slotagenda (gradeagendaid, medicoid, tiposlotid, unidadeid, especialidadeid,
                               datainicio, datafim, data, periodo, status, vagas_ocupadas)
    values (${gradeId}, ${medicoid}, ${tipo.id}, ${refs.unidade}, ${refs.cardio},
            now() + make_interval(days => ${days}),
            now() + make_interval(days => ${days}, mins => 30),
            (now() + make_interval(days => ${days}))::date, 'Manhã', 'Ocupado', 1)
    returning slotagendaid as id`;
  const [pac] = await ctx.db.sql<{ id: number }>`
    insert into ca_paciente (nomecompleto, cpf) values ('Paciente Teste', ${nextCpf()})
    returning pacienteid as id`;
  const [ag] = await ctx.db.sql<{ id: number }>`
    insert into ca_agendamento (slotagendaid, pacienteid, protocolo, ordem)
    values (${slot.id}, ${pac.id}, ${crypto.randomUUID()}, 1)
    returning agendamentoid as id`;
  return ag.id;
}

dbTest("[medicos] PUT /api/medicos/:id", async (t, ctx) => {
  const refs = await seedRefs(ctx);
  const id = await createMedico(ctx, refs, { dadosbancarios: BANCO, crm: "55501" });
  const other = await createMedico(ctx, refs, { crm: "55502", cpf: "11144477735" });
  const token = await ctx.login("gerenciador");

  await t.step("replaces every field and the set of especialidades", async () => {
    const body = medicoBody(refs, {
      nomecompleto: "Ana Lúcia Conceição Prado",
      crm: "55501",
      crm_uf: "SP",
      cpf: null,
      telefone: "1133334444",
      email: null,
      unidadeid: null,
      limitevagas: 6,
      especialidades: [refs.pediatria],
    });
    const res = await ctx.req("PUT", `/api/medicos/${id}`, { token, body });
    assert.equal(res.status, 200);
    assert.match(res.contentType!, /application\/json/);
    assert.equal(res.body.nomecompleto, "Ana Lúcia Conceição Prado");
    assert.equal(res.body.telefone, "1133334444");
    assert.equal(res.body.cpf, null);
    assert.equal(res.body.unidadeid, null);
    assert.equal(res.body.limitevagas, 6);
    assert.deepEqual(res.body.especialidades.map((e: { nome: string }) => e.nome), ["Pediatria"]);
    const links = await ctx.db.sql`
      select especialidadeid from ca_medico_especialidade where medicoid = ${id}`;
    assert.deepEqual(links.map((l) => l.especialidadeid), [refs.pediatria]);
  });

  await t.step("keeps the bank details when the body leaves them out", async () => {
    const [row] = await ctx.db.sql`select dadosbancarios from ca_medico where medicoid = ${id}`;
    assert.deepEqual(row.dadosbancarios, BANCO);
  });

  await t.step("writes medico.atualizado with before and after, bank details masked", async () => {
    const [ev] = await ctx.db.sql<
      { before: Record<string, unknown>; after: Record<string, unknown>; topics: string[] }
    >`
      select before, after, topics from ca_evento
      where kind = 'medico.atualizado' and entity_id = ${String(id)}`;
    assert.deepEqual(ev.topics, ["config", `medico:${id}`]);
    assert.equal(ev.before.telefone, "11987654321");
    assert.equal(ev.after.telefone, "1133334444");
    assert.ok(!JSON.stringify(ev).includes("31415"));
  });

  await t.step("answers 400 when the masked bank details are sent back", async () => {
    const got = await ctx.req("GET", `/api/medicos/${id}`, { token });
    assert.equal(got.body.dadosbancarios.mascarado, true);
    const before = await snapshot(ctx);
    const res = await ctx.req("PUT", `/api/medicos/${id}`, {
      token,
      body: medicoBody(refs, { crm: "55501", dadosbancarios: got.body.dadosbancarios }),
    });
    assert.equal(res.status, 400);
    assert.equal(res.body.error.code, "entrada_invalida");
    assert.equal(await snapshot(ctx), before);
  });

  await t.step("clears the bank details with null (administrador sees the change)", async () => {
    const res = await ctx.req("PUT", `/api/medicos/${id}`, {
      token: await ctx.login("administrador"),
      body: medicoBody(refs, { crm: "55501", cpf: null, dadosbancarios: null }),
    });
    assert.equal(res.status, 200);
    assert.equal(res.body.dadosbancarios, null);
    const [row] = await ctx.db.sql`select dadosbancarios from ca_medico where medicoid = ${id}`;
    assert.equal(row.dadosbancarios, null);
  });

  await t.step("answers 409 crm_duplicado / cpf_duplicado against another médico", async () => {
    const before = await snapshot(ctx);
    const crm = await ctx.req("PUT", `/api/medicos/${id}`, {
      token,
      body: medicoBody(refs, { crm: "55502", crm_uf: "SP" }),
    });
    assert.equal(crm.status, 409);
    assert.equal(crm.body.error.code, "crm_duplicado");
    const cpf = await ctx.req("PUT", `/api/medicos/${id}`, {
      token,
      body: medicoBody(refs, { crm: "55501", cpf: "11144477735" }),
    });
    assert.equal(cpf.status, 409);
    assert.equal(cpf.body.error.code, "cpf_duplicado");
    assert.equal(await snapshot(ctx), before);
    assert.ok(other);
  });

  await t.step(
    "refuses to add an inactive especialidade but keeps one already linked",
    async () => {
      const before = await snapshot(ctx);
      const add = await ctx.req("PUT", `/api/medicos/${id}`, {
        token,
        body: medicoBody(refs, { crm: "55501", especialidades: [refs.cardio, refs.inativa] }),
      });
      assert.equal(add.status, 422);
      assert.equal(add.body.error.code, "especialidade_invalida");
      assert.match(add.body.error.message, /Homeopatia/);
      assert.equal(await snapshot(ctx), before);

      await ctx.db
        .sql`update ca_especialidade set status = 'Inativo' where especialidadeid = ${refs.cardio}`;
      const keep = await ctx.req("PUT", `/api/medicos/${id}`, {
        token,
        body: medicoBody(refs, {
          crm: "55501",
          nomecompleto: "Ana Prado",
          especialidades: [refs.cardio],
        }),
      });
      assert.equal(keep.status, 200, JSON.stringify(keep.body));
      assert.deepEqual(keep.body.especialidades, [
        { especialidadeid: refs.cardio, nome: "Cardiologia", status: "Inativo" },
      ]);
      await ctx.db
        .sql`update ca_especialidade set status = 'Ativo' where especialidadeid = ${refs.cardio}`;
    },
  );

  await t.step("answers 422 unidade_invalida for an inactive unidade", async () => {
    const before = await snapshot(ctx);
    const res = await ctx.req("PUT", `/api/medicos/${id}`, {
      token,
      body: medicoBody(refs, { crm: "55501", unidadeid: refs.unidadeInativa }),
    });
    assert.equal(res.status, 422);
    assert.equal(res.body.error.code, "unidade_invalida");
    assert.equal(await snapshot(ctx), before);
  });

  await t.step("answers 409 when removing an especialidade with an active grade", async () => {
    await seedGrade(ctx, refs, other, refs.cardio);
    const before = await snapshot(ctx);
    const res = await ctx.req("PUT", `/api/medicos/${other}`, {
      token,
      body: medicoBody(refs, {
        crm: "55502",
        cpf: "11144477735",
        especialidades: [refs.pediatria],
      }),
    });
    assert.equal(res.status, 409);
    assert.equal(res.body.error.code, "especialidade_com_grade_ativa");
    assert.match(res.body.error.message, /Cardiologia/);
    assert.equal(await snapshot(ctx), before);
    const add = await ctx.req("PUT", `/api/medicos/${other}`, {
      token,
      body: medicoBody(refs, {
        crm: "55502",
        cpf: "11144477735",
        especialidades: [refs.cardio, refs.pediatria],
      }),
    });
    assert.equal(add.status, 200, "adding beside the graded one is fine");
  });

  await t.step("answers 400 for a malformed id or body and 404 for an unknown id", async () => {
    const before = await snapshot(ctx);
    const bad = await ctx.req("PUT", "/api/medicos/abc", { token, body: medicoBody(refs) });
    assert.equal(bad.status, 400);
    const badBody = await ctx.req("PUT", `/api/medicos/${id}`, {
      token,
      body: medicoBody(refs, { crm: "1" }),
    });
    assert.equal(badBody.status, 400);
    const unknown = await ctx.req("PUT", "/api/medicos/99999", { token, body: medicoBody(refs) });
    assert.equal(unknown.status, 404);
    assert.equal(unknown.body.error.code, "nao_encontrado");
    assert.equal(await snapshot(ctx), before);
  });
});

dbTest("[medicos] DELETE /api/medicos/:id and PATCH /api/medicos/:id/reativar", async (t, ctx) => {
  const refs = await seedRefs(ctx);
  const id = await createMedico(ctx, refs);
  const token = await ctx.login("gerenciador");

  await t.step("DELETE inactivates the médico and writes medico.inativado", async () => {
    const res = await ctx.req("DELETE", `/api/medicos/${id}`, { token });
    assert.equal(res.status, 200);
    assert.match(res.contentType!, /application\/json/);
    assert.equal(res.body.status, "Inativo");
    const [row] = await ctx.db.sql`select status from ca_medico where medicoid = ${id}`;
    assert.equal(row.status, "Inativo");
    const [ev] = await ctx.db.sql<
      { topics: string[]; before: Record<string, unknown>; after: Record<string, unknown> }
    >`select topics, before, after from ca_evento where kind = 'medico.inativado'`;
    assert.deepEqual(ev.topics, ["config", `medico:${id}`]);
    // Whole rows, as every soft delete writes them (server/shared/soft_delete.ts).
    assert.equal(ev.before.status, "Ativo");
    assert.equal(ev.after.status, "Inativo");
    assert.equal(ev.after.medicoid, id);
    assert.equal(ev.after.crm, ev.before.crm);
  });

  await t.step("DELETE answers 409 ja_inativo for an inactive médico", async () => {
    const before = await snapshot(ctx);
    const res = await ctx.req("DELETE", `/api/medicos/${id}`, { token });
    assert.equal(res.status, 409);
    assert.equal(res.body.error.code, "ja_inativo");
    assert.equal(await snapshot(ctx), before);
  });

  await t.step("the inactive médico leaves the default list but stays readable", async () => {
    const list = await ctx.req("GET", "/api/medicos", { token });
    assert.equal(list.body.total, 0);
    assert.equal((await ctx.req("GET", `/api/medicos/${id}`, { token })).status, 200);
  });

  await t.step("PATCH reativar reactivates and writes medico.reativado", async () => {
    const res = await ctx.req("PATCH", `/api/medicos/${id}/reativar`, { token });
    assert.equal(res.status, 200);
    assert.equal(res.body.status, "Ativo");
    assert.equal(await ctx.events("medico.reativado"), 1);
    const [row] = await ctx.db.sql`select status from ca_medico where medicoid = ${id}`;
    assert.equal(row.status, "Ativo");
  });

  await t.step("PATCH reativar answers 409 ja_ativo for an active médico", async () => {
    const before = await snapshot(ctx);
    const res = await ctx.req("PATCH", `/api/medicos/${id}/reativar`, { token });
    assert.equal(res.status, 409);
    assert.equal(res.body.error.code, "ja_ativo");
    assert.equal(await snapshot(ctx), before);
  });

  await t.step("DELETE answers 409 while the médico has future agendamentos", async () => {
    await seedAgendamento(ctx, refs, id, -2);
    const agId = await seedAgendamento(ctx, refs, id, 3);
    const before = await snapshot(ctx);
    const res = await ctx.req("DELETE", `/api/medicos/${id}`, { token });
    assert.equal(res.status, 409);
    assert.equal(res.body.error.code, "medico_com_agendamentos");
    assert.equal(res.body.error.details.agendamentos_futuros, 1, "past ones do not count");
    assert.equal(await snapshot(ctx), before);
    await ctx.db.sql`update ca_agendamento set status = 'Cancelado' where agendamentoid = ${agId}`;
    assert.equal((await ctx.req("DELETE", `/api/medicos/${id}`, { token })).status, 200);
  });

  await t.step("answers 400 for a malformed id and 404 for an unknown one", async () => {
    assert.equal((await ctx.req("DELETE", "/api/medicos/x1", { token })).status, 400);
    assert.equal((await ctx.req("PATCH", "/api/medicos/0/reativar", { token })).status, 400);
    const del = await ctx.req("DELETE", "/api/medicos/99999", { token });
    assert.equal(del.status, 404);
    assert.equal(del.body.error.code, "nao_encontrado");
    const re = await ctx.req("PATCH", "/api/medicos/99999/reativar", { token });
    assert.equal(re.status, 404);
  });
});
