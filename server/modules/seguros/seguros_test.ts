import { strict as assert } from "node:assert";
import { runJobOnce } from "../../jobs/all.ts";
import { agendamento, base, credencial } from "../../testing/fixtures/jobs.ts";
import { dbTest, type TestCtx } from "../../testing/harness.ts";
import { Credencial, CredencialList } from "./schemas.ts";

const PATH = "/api/seguros/credencial";

/** A validade comfortably in the future, as YYYY-MM-DD. */
const futuro = (dias = 200) => new Date(Date.now() + dias * 86_400_000).toISOString().slice(0, 10);

async function credenciais(ctx: TestCtx) {
  return await ctx.db.sql<{ pacienteid: number; operadora: string; numero_carteirinha: string }>`
    select pacienteid, operadora, numero_carteirinha, validade, status
    from ca_seguro_credencial order by credencialid`;
}

dbTest("[seguros] POST /api/seguros/credencial", async (t, ctx) => {
  const operador = await ctx.login("operador");
  const maria = await ctx.paciente();
  const jose = await ctx.paciente();
  const validade = futuro();

  await t.step("staff register a card for a patient: 201, Pendente, event", async () => {
    const res = await ctx.req("POST", PATH, {
      token: operador,
      body: {
        pacienteid: maria.pacienteid,
        operadora: "  Unimed   Paulistana ",
        numero_carteirinha: "0 012.3456-7890/12",
        validade,
      },
    });
    assert.equal(res.status, 201, JSON.stringify(res.body));
    assert.match(res.contentType!, /application\/json/);
    const body = Credencial.parse(res.body);
    assert.equal(body.pacienteid, maria.pacienteid);
    assert.equal(body.operadora, "Unimed Paulistana");
    assert.equal(body.numero_carteirinha, "0012345678901" + "2");
    assert.equal(body.validade, validade);
    assert.equal(body.status, "Pendente");
    assert.equal(await ctx.events("seguro.credencial_registrada"), 1);
    const [ev] = await ctx.db.sql<{ topics: string[]; actor_tipo: string }>`
      select topics, actor_tipo from ca_evento where kind = 'seguro.credencial_registrada'`;
    assert.ok(ev.topics.includes(`paciente:${maria.pacienteid}`));
    assert.equal(ev.actor_tipo, "admin");
  });

  await t.step("the same card (any spelling of the operadora) updates it: 200", async () => {
    await ctx.db.sql`update ca_seguro_credencial set status = 'Inválida', verificado_em = now()`;
    const nova = futuro(400);
    const res = await ctx.req("POST", PATH, {
      token: operador,
      body: {
        pacienteid: maria.pacienteid,
        operadora: "UNIMED PAULISTANA",
        numero_carteirinha: "00123456789012",
        validade: nova,
      },
    });
    assert.equal(res.status, 200, JSON.stringify(res.body));
    assert.equal(res.body.validade, nova);
    assert.equal(res.body.status, "Pendente");
    assert.equal(res.body.verificado_em, null);
    assert.equal((await credenciais(ctx)).length, 1);
    assert.equal(await ctx.events("seguro.credencial_atualizada"), 1);
  });

  await t.step(
    "answers 409 when the card belongs to another patient, changing nothing",
    async () => {
      const before = await credenciais(ctx);
      const res = await ctx.req("POST", PATH, {
        token: operador,
        body: {
          pacienteid: jose.pacienteid,
          operadora: "unimed paulistana",
          numero_carteirinha: "00123456789012",
          validade,
        },
      });
      assert.equal(res.status, 409);
      assert.match(res.contentType!, /application\/json/);
      assert.equal(res.body.error.code, "carteirinha_em_uso");
      assert.deepEqual(await credenciais(ctx), before);
    },
  );

  await t.step("a paciente registers its own card without naming itself", async () => {
    const res = await ctx.req("POST", PATH, {
      token: jose.token,
      body: { operadora: "Amil", numero_carteirinha: "AB123456", validade },
    });
    assert.equal(res.status, 201);
    assert.equal(res.body.pacienteid, jose.pacienteid);
    const [ev] = await ctx.db.sql<{ actor_tipo: string; actor_id: number }>`
      select actor_tipo, actor_id from ca_evento
      where kind = 'seguro.credencial_registrada' order by id desc limit 1`;
    assert.deepEqual(ev, { actor_tipo: "paciente", actor_id: jose.pacienteid });
  });

  await t.step("a paciente cannot register for another patient: 403, nothing changed", async () => {
    const before = await credenciais(ctx);
    const events = await ctx.events();
    const res = await ctx.req("POST", PATH, {
      token: jose.token,
      body: {
        pacienteid: maria.pacienteid,
        operadora: "Amil",
        numero_carteirinha: "ZZ999999",
        validade,
      },
    });
    assert.equal(res.status, 403);
    assert.equal(res.body.error.code, "sem_permissao");
    assert.deepEqual(await credenciais(ctx), before);
    assert.equal(await ctx.events(), events);
  });

  await t.step("answers 422 for an expired card", async () => {
    const res = await ctx.req("POST", PATH, {
      token: operador,
      body: {
        pacienteid: maria.pacienteid,
        operadora: "Amil",
        numero_carteirinha: "EXP12345",
        validade: "2020-01-31",
      },
    });
    assert.equal(res.status, 422);
    assert.equal(res.body.error.code, "carteirinha_vencida");
    assert.match(res.body.error.message, /venceu em 31\/01\/2020/);
  });

  await t.step("answers 400 for each invalid field", async () => {
    const cases: [Record<string, unknown>, string][] = [
      [{ pacienteid: maria.pacienteid, numero_carteirinha: "12345678", validade }, "operadora"],
      [
        { pacienteid: maria.pacienteid, operadora: "A", numero_carteirinha: "1234", validade },
        "operadora",
      ],
      [{ pacienteid: maria.pacienteid, operadora: "Amil", validade }, "numero_carteirinha"],
      [
        { pacienteid: maria.pacienteid, operadora: "Amil", numero_carteirinha: "12", validade },
        "numero_carteirinha",
      ],
      [
        { pacienteid: maria.pacienteid, operadora: "Amil", numero_carteirinha: "12#45", validade },
        "numero_carteirinha",
      ],
      [{ pacienteid: maria.pacienteid, operadora: "Amil", numero_carteirinha: "1234" }, "validade"],
      [{
        pacienteid: maria.pacienteid,
        operadora: "Amil",
        numero_carteirinha: "1234",
        validade: "2027-02-30",
      }, "validade"],
      [{ pacienteid: "x", operadora: "Amil", numero_carteirinha: "1234", validade }, "pacienteid"],
      [{ operadora: "Amil", numero_carteirinha: "1234", validade }, "pacienteid"],
    ];
    const before = await credenciais(ctx);
    for (const [body, path] of cases) {
      const res = await ctx.req("POST", PATH, { token: operador, body });
      assert.equal(res.status, 400, JSON.stringify(body));
      assert.equal(res.body.error.code, "entrada_invalida");
      assert.ok(
        res.body.error.details.some((d: { path: string }) => d.path === path),
        `${path} in ${JSON.stringify(res.body.error.details)}`,
      );
    }
    assert.deepEqual(await credenciais(ctx), before);
  });

  await t.step("answers 404 for an unknown patient", async () => {
    const res = await ctx.req("POST", PATH, {
      token: operador,
      body: { pacienteid: 999999, operadora: "Amil", numero_carteirinha: "1234", validade },
    });
    assert.equal(res.status, 404);
    assert.equal(res.body.error.code, "nao_encontrado");
  });

  await t.step("answers 422 for an inactive patient", async () => {
    await ctx.db
      .sql`update ca_paciente set status = 'Inativo' where pacienteid = ${maria.pacienteid}`;
    const res = await ctx.req("POST", PATH, {
      token: operador,
      body: {
        pacienteid: maria.pacienteid,
        operadora: "Amil",
        numero_carteirinha: "1234",
        validade,
      },
    });
    assert.equal(res.status, 422);
    assert.equal(res.body.error.code, "paciente_inativo");
    await ctx.db
      .sql`update ca_paciente set status = 'Ativo' where pacienteid = ${maria.pacienteid}`;
  });

  await t.step("answers 400 json_invalido for a body that is not JSON", async () => {
    const res = await ctx.req("POST", PATH, {
      token: operador,
      body: "{nope",
      headers: { "content-type": "application/json" },
    });
    assert.equal(res.status, 400);
    assert.equal(res.body.error.code, "json_invalido");
  });
});

dbTest("[seguros] GET /api/seguros/credencial", async (t, ctx) => {
  const operador = await ctx.login("operador");
  const maria = await ctx.paciente();
  const jose = await ctx.paciente();
  for (
    const [p, numero] of [[maria, "11112222"], [maria, "33334444"], [jose, "55556666"]] as const
  ) {
    const res = await ctx.req("POST", PATH, {
      token: operador,
      body: {
        pacienteid: p.pacienteid,
        operadora: "Amil",
        numero_carteirinha: numero,
        validade: futuro(),
      },
    });
    assert.equal(res.status, 201);
  }

  await t.step("staff (visualizador and up) read one patient's cards", async () => {
    const res = await ctx.req("GET", `${PATH}?pacienteid=${maria.pacienteid}`, {
      token: await ctx.login("visualizador"),
    });
    assert.equal(res.status, 200);
    assert.match(res.contentType!, /application\/json/);
    const body = CredencialList.parse(res.body);
    assert.deepEqual(body.items.map((c) => c.numero_carteirinha).sort(), ["11112222", "33334444"]);
  });

  await t.step("a paciente reads only its own cards", async () => {
    const res = await ctx.req("GET", PATH, { token: jose.token });
    assert.equal(res.status, 200);
    assert.deepEqual(
      res.body.items.map((c: { numero_carteirinha: string }) => c.numero_carteirinha),
      [
        "55556666",
      ],
    );
    const own = await ctx.req("GET", `${PATH}?pacienteid=${jose.pacienteid}`, {
      token: jose.token,
    });
    assert.equal(own.status, 200);
    const other = await ctx.req("GET", `${PATH}?pacienteid=${maria.pacienteid}`, {
      token: jose.token,
    });
    assert.equal(other.status, 403);
    assert.equal(other.body.error.code, "sem_permissao");
  });

  await t.step("staff must name the patient; bad or unknown ids answer 400/404", async () => {
    const none = await ctx.req("GET", PATH, { token: operador });
    assert.equal(none.status, 400);
    assert.equal(none.body.error.details[0].path, "pacienteid");
    assert.equal((await ctx.req("GET", `${PATH}?pacienteid=abc`, { token: operador })).status, 400);
    const unknown = await ctx.req("GET", `${PATH}?pacienteid=999999`, { token: operador });
    assert.equal(unknown.status, 404);
  });
});

dbTest(
  "[seguros] concurrent registrations of one card: one wins, the other gets 409",
  async (t, ctx) => {
    const operador = await ctx.login("operador");
    const a = await ctx.paciente();
    const b = await ctx.paciente();
    await t.step("two patients race for the same number", async () => {
      const body = (pacienteid: number, operadora: string) => ({
        pacienteid,
        operadora,
        numero_carteirinha: "77778888",
        validade: futuro(),
      });
      const res = await Promise.all([
        ctx.req("POST", PATH, { token: operador, body: body(a.pacienteid, "Bradesco Saúde") }),
        ctx.req("POST", PATH, { token: operador, body: body(b.pacienteid, "BRADESCO SAUDE") }),
      ]);
      assert.deepEqual(res.map((r) => r.status).sort(), [201, 409]);
      const loser = res.find((r) => r.status === 409)!;
      assert.equal(loser.body.error.code, "carteirinha_em_uso");
      assert.equal((await credenciais(ctx)).length, 1);
      assert.equal(await ctx.events("seguro.credencial_registrada"), 1);
    });
  },
);

dbTest("[seguros] a new card clears an invalid insurance check", async (t, ctx) => {
  const b = await base(ctx.db);
  const p = await ctx.paciente();
  await ctx.db
    .sql`update ca_paciente set telefone = '11987654321' where pacienteid = ${p.pacienteid}`;
  const a = await agendamento(ctx.db, b, p.pacienteid, { horas: 20 });
  // at least two local days ahead, whatever the hour the test runs
  const later = await agendamento(ctx.db, b, p.pacienteid, { horas: 50 });
  await credencial(ctx.db, p.pacienteid, "2020-01-01");
  await runJobOnce(ctx.deps, "seguro");
  const status = async (id: number) => {
    const [r] = await ctx.db.sql<{ seguro_status: string }>`
      select seguro_status from ca_agendamento where agendamentoid = ${id}`;
    return r.seguro_status;
  };
  assert.equal(await status(a.agendamentoid), "Inválido");

  await t.step("a card valid through the day makes the agendamento Válido at once", async () => {
    const res = await ctx.req("POST", PATH, {
      token: p.token,
      body: { operadora: "Amil", numero_carteirinha: "NOVA1234", validade: futuro() },
    });
    assert.equal(res.status, 201);
    assert.equal(res.body.status, "Válida");
    assert.equal(await status(a.agendamentoid), "Válido");
    const [ev] = await ctx.db.sql<{ actor_tipo: string; topics: string[] }>`
      select actor_tipo, topics from ca_evento where kind = 'agendamento.seguro_validado'`;
    assert.equal(ev.actor_tipo, "paciente");
    assert.ok(ev.topics.includes(`data:${a.data}`));
    assert.equal(await ctx.events("agendamento.seguro_validado"), 1);
  });

  await t.step("a card that expires before the consultation changes nothing", async () => {
    // as if the check had found the later agendamento invalid too
    await ctx.db.sql`update ca_agendamento set seguro_status = 'Inválido'
                     where agendamentoid = ${later.agendamentoid}`;
    const [{ amanha }] = await ctx.db.sql<{ amanha: string }>`
      select ((now() at time zone 'America/Sao_Paulo')::date + 1)::text as amanha`;
    assert.ok(amanha < later.data);
    const res = await ctx.req("POST", PATH, {
      token: p.token,
      body: { operadora: "Amil", numero_carteirinha: "CURTA123", validade: amanha },
    });
    assert.equal(res.status, 201);
    assert.equal(res.body.status, "Pendente");
    assert.equal(await status(later.agendamentoid), "Inválido");
    assert.equal(await ctx.events("agendamento.seguro_validado"), 1);
  });
});
