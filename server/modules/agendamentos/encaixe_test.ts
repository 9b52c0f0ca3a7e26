/**
 * Encaixe (overbooking): a gerenciador books beyond a full slot of a grade that allows it, with a
 * reason, within the grade's `limite_encaixe`; the agendamento is marked, the audit row keeps the
 * reason, and the last encaixe place cannot be taken twice.
 */
import { strict as assert } from "node:assert";
import type { Db } from "../../db/db.ts";
import { dbTest } from "../../testing/harness.ts";
import { count, paciente, slot, world } from "../../testing/fixtures/agendamentos.ts";

/** Lets the slot's grade take `limite` encaixes per slot. */
async function permitirEncaixe(db: Db, slotagendaid: number, limite = 1) {
  await db.sql`update ca_gradeagenda set overbooking = true, limite_encaixe = ${limite}
    where gradeagendaid = (select gradeagendaid from ca_slotagenda
                           where slotagendaid = ${slotagendaid})`;
  await db.sql`update ca_slotagenda set isoverbooking = true where slotagendaid = ${slotagendaid}`;
}

async function estado(db: Db, slotagendaid: number) {
  const [s] = await db.sql<{ vagas_ocupadas: number; encaixes_ocupados: number; status: string }>`
    select vagas_ocupadas, encaixes_ocupados, status from ca_slotagenda
    where slotagendaid = ${slotagendaid}`;
  return { ...s };
}

dbTest("[agendamentos] POST /api/agendamentos with encaixe", async (t, ctx) => {
  const w = await world(ctx.db);
  const ger = await ctx.login("gerenciador");
  const op = await ctx.login("operador");
  const cheio = await slot(ctx.db, w, { limitevagas: 1, vagasOcupadas: 1 });
  await permitirEncaixe(ctx.db, cheio, 1);
  const p1 = await paciente(ctx.db, { nome: "Ana Encaixe" });
  const p2 = await paciente(ctx.db, { nome: "Bruno Encaixe" });
  const body = (pacienteid: number, extra: Record<string, unknown> = {}) => ({
    slotagendaid: cheio,
    pacienteid,
    encaixe: true,
    motivo_encaixe: "Paciente com dor torácica",
    ...extra,
  });
  const nada = async () => {
    assert.deepEqual(await estado(ctx.db, cheio), {
      vagas_ocupadas: 1,
      encaixes_ocupados: 0,
      status: "Ocupado",
    });
    assert.equal(await count(ctx.db, "ca_agendamento", "encaixe"), 0);
    assert.equal(await ctx.events("agendamento.encaixado"), 0);
  };

  await t.step(
    "an operador (and a visualizador) is refused with 403, nothing changed",
    async () => {
      const res = await ctx.req("POST", "/api/agendamentos", { token: op, body: body(p1) });
      assert.equal(res.status, 403);
      assert.match(res.headers.get("content-type") ?? "", /json/);
      assert.equal(res.body.error.code, "sem_permissao");
      const vis = await ctx.login("visualizador");
      assert.equal(
        (await ctx.req("POST", "/api/agendamentos", { token: vis, body: body(p1) })).status,
        403,
      );
      await nada();
    },
  );

  await t.step("answers 400 without a reason (or a reason without encaixe)", async () => {
    for (
      const b of [body(p1, { motivo_encaixe: undefined }), body(p1, { motivo_encaixe: " x " }), {
        slotagendaid: cheio,
        pacienteid: p1,
        motivo_encaixe: "sem flag",
      }]
    ) {
      const res = await ctx.req("POST", "/api/agendamentos", { token: ger, body: b });
      assert.equal(res.status, 400, JSON.stringify(res.body));
      assert.equal(res.body.error.code, "entrada_invalida");
    }
    await nada();
  });

  await t.step("a regular booking of the full slot still answers 409", async () => {
    const res = await ctx.req("POST", "/api/agendamentos", {
      token: ger,
      body: { slotagendaid: cheio, pacienteid: p1 },
    });
    assert.equal(res.status, 409);
    await nada();
  });

  await t.step("answers 422 where the grade does not allow encaixe", async () => {
    const outro = await slot(ctx.db, w, {
      limitevagas: 1,
      vagasOcupadas: 1,
      medicoid: w.medico2id,
    });
    const res = await ctx.req("POST", "/api/agendamentos", {
      token: ger,
      body: { ...body(p1), slotagendaid: outro },
    });
    assert.equal(res.status, 422);
    assert.equal(res.body.error.code, "encaixe_nao_permitido");
    await nada();
  });

  await t.step("answers 409 on a slot that still has a free place", async () => {
    const livre = await slot(ctx.db, w, { limitevagas: 2, vagasOcupadas: 1 });
    await permitirEncaixe(ctx.db, livre, 1);
    const res = await ctx.req("POST", "/api/agendamentos", {
      token: ger,
      body: { ...body(p1), slotagendaid: livre },
    });
    assert.equal(res.status, 409);
    assert.equal(res.body.error.code, "encaixe_desnecessario");
    await nada();
  });

  await t.step("a gerenciador books one beyond the full slot; marked; reason audited", async () => {
    const res = await ctx.req("POST", "/api/agendamentos", { token: ger, body: body(p1) });
    assert.equal(res.status, 201, JSON.stringify(res.body));
    assert.match(res.headers.get("content-type") ?? "", /json/);
    assert.deepEqual(await estado(ctx.db, cheio), {
      vagas_ocupadas: 1,
      encaixes_ocupados: 1,
      status: "Ocupado",
    });
    const [a] = await ctx.db.sql<{ encaixe: boolean; motivo_encaixe: string; ordem: number }>`
      select encaixe, motivo_encaixe, ordem from ca_agendamento
      where slotagendaid = ${cheio} and pacienteid = ${p1}`;
    assert.deepEqual({ ...a }, {
      encaixe: true,
      motivo_encaixe: "Paciente com dor torácica",
      ordem: 2,
    });
    const [ev] = await ctx.db.sql<{ after: Record<string, unknown>; actor_tipo: string }>`
      select after, actor_tipo from ca_evento where kind = 'agendamento.encaixado'`;
    assert.equal(ev.actor_tipo, "admin");
    assert.equal(ev.after.motivo_encaixe, "Paciente com dor torácica");
    assert.equal(ev.after.encaixe, true);
    const day = await ctx.req("GET", `/api/slots/${cheio}`, { token: ger });
    assert.equal(day.body.encaixes, 1);
    assert.equal(day.body.limite_encaixe, 1);
  });

  await t.step("the list filters one slot's encaixes, each with its reason", async () => {
    const [{ data }] = await ctx.db.sql<{ data: string }>`
      select data from ca_slotagenda where slotagendaid = ${cheio}`;
    const res = await ctx.req(
      "GET",
      `/api/agendamentos?data=${data}&slotagendaid=${cheio}&encaixe=true`,
      { token: op },
    );
    assert.equal(res.status, 200);
    assert.equal(res.body.total, 1);
    assert.equal(res.body.items[0].pacienteid, p1);
    assert.equal(res.body.items[0].encaixe, true);
    assert.equal(res.body.items[0].motivo_encaixe, "Paciente com dor torácica");
    const regulares = await ctx.req(
      "GET",
      `/api/agendamentos?data=${data}&slotagendaid=${cheio}&encaixe=false`,
      { token: op },
    );
    assert.ok(regulares.body.items.every((a: { encaixe: boolean }) => !a.encaixe));
  });

  await t.step("beyond the grade's limit answers 409 encaixe_esgotado", async () => {
    const res = await ctx.req("POST", "/api/agendamentos", { token: ger, body: body(p2) });
    assert.equal(res.status, 409);
    assert.equal(res.body.error.code, "encaixe_esgotado");
    assert.equal((await estado(ctx.db, cheio)).encaixes_ocupados, 1);
    assert.equal(await ctx.events("agendamento.encaixado"), 1);
  });

  await t.step("cancelling the encaixe frees the encaixe place, not a regular one", async () => {
    const [a] = await ctx.db.sql<{ agendamentoid: number }>`
      select agendamentoid from ca_agendamento where encaixe and slotagendaid = ${cheio}`;
    const res = await ctx.req("PUT", `/api/agendamentos/${a.agendamentoid}/cancelar`, {
      token: ger,
      body: { motivo: "Paciente desistiu" },
    });
    assert.equal(res.status, 200, JSON.stringify(res.body));
    assert.deepEqual(await estado(ctx.db, cheio), {
      vagas_ocupadas: 1,
      encaixes_ocupados: 0,
      status: "Ocupado",
    });
  });
});

dbTest(
  "[agendamentos] encaixe: two gerenciadores race for the last encaixe place",
  async (t, ctx) => {
    const w = await world(ctx.db);
    const gerA = await ctx.login("gerenciador");
    const gerB = await ctx.login("administrador");
    const cheio = await slot(ctx.db, w, { limitevagas: 2, vagasOcupadas: 2 });
    await permitirEncaixe(ctx.db, cheio, 1);
    const [pa, pb] = [await paciente(ctx.db), await paciente(ctx.db)];
    await t.step("exactly one wins; the other gets 409", async () => {
      const res = await Promise.all(
        [[gerA, pa], [gerB, pb]].map(([token, pacienteid]) =>
          ctx.req("POST", "/api/agendamentos", {
            token: token as string,
            body: { slotagendaid: cheio, pacienteid, encaixe: true, motivo_encaixe: "Urgência" },
          })
        ),
      );
      assert.deepEqual(
        res.map((r) => r.status).sort(),
        [201, 409],
      );
      assert.equal(res.find((r) => r.status === 409)!.body.error.code, "encaixe_esgotado");
      assert.equal((await estado(ctx.db, cheio)).encaixes_ocupados, 1);
      assert.equal(await count(ctx.db, "ca_agendamento", `slotagendaid = ${cheio} and encaixe`), 1);
    });
  },
);
