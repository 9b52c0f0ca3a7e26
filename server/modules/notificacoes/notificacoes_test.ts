import { strict as assert } from "node:assert";
import { enqueue, type OutboxMessage } from "../../notify/outbox.ts";
import { dbTest, type TestCtx } from "../../testing/harness.ts";
import { NotificacaoDetalhe, NotificacoesPage } from "./schemas.ts";
import { MASK } from "../../notify/secrets.ts";

const PATH = "/api/notificacoes";

function msg(n: number, over: Partial<OutboxMessage> = {}): OutboxMessage {
  return {
    canal: "whatsapp",
    destino: "11987654321",
    template: "lembrete",
    corpo: `Mensagem ${n}`,
    idempotencyKey: `t:${n}`,
    ...over,
  };
}

async function seed(ctx: TestCtx) {
  const p = await ctx.paciente();
  const ids = {
    lembrete: (await enqueue(ctx.db.sql, msg(1, { pacienteid: p.pacienteid })))!,
    email: (await enqueue(
      ctx.db.sql,
      msg(2, {
        canal: "email",
        destino: "Maria@Example.com",
        template: "confirmacao",
        assunto: "Consulta confirmada",
      }),
    ))!,
    falhou: (await enqueue(ctx.db.sql, msg(3, { destino: "21912345678" })))!,
    antiga: (await enqueue(ctx.db.sql, msg(4)))!,
  };
  await ctx.db.sql`update ca_notificacao set status = 'falhou', tentativas = 6,
                   ultimo_erro = 'Whapi respondeu HTTP 400' where notificacaoid = ${ids.falhou}`;
  // created on 2026-01-10 at 23:30 in São Paulo (02:30 UTC on the 11th)
  await ctx.db.sql`update ca_notificacao set created_at = '2026-01-11T02:30:00Z'
                   where notificacaoid = ${ids.antiga}`;
  return { ...ids, pacienteid: p.pacienteid };
}

dbTest("[notificacoes] GET /api/notificacoes", async (t, ctx) => {
  const token = await ctx.login("administrador");
  const ids = await seed(ctx);
  const list = async (qs = "") => {
    const res = await ctx.req("GET", `${PATH}${qs}`, { token });
    assert.equal(res.status, 200, JSON.stringify(res.body));
    assert.match(res.contentType!, /application\/json/);
    return NotificacoesPage.parse(res.body);
  };
  const idsOf = (page: { items: { notificacaoid: number }[] }) =>
    page.items.map((i) => i.notificacaoid);

  await t.step("answers every row, newest first, paginated", async () => {
    const page = await list();
    assert.equal(page.total, 4);
    assert.deepEqual(idsOf(page), [ids.falhou, ids.email, ids.lembrete, ids.antiga]);
    const p2 = await list("?limit=2&page=2");
    assert.deepEqual(p2, { ...p2, total: 4, page: 2, limit: 2 });
    assert.deepEqual(idsOf(p2), [ids.lembrete, ids.antiga]);
  });

  await t.step("filters by canal, status, template, destino and paciente", async () => {
    assert.deepEqual(idsOf(await list("?canal=email")), [ids.email]);
    assert.deepEqual(idsOf(await list("?status=falhou")), [ids.falhou]);
    assert.deepEqual(idsOf(await list("?template=confirmacao")), [ids.email]);
    assert.deepEqual(idsOf(await list("?destino=maria@example")), [ids.email]);
    assert.deepEqual(idsOf(await list("?destino=9123")), [ids.falhou]);
    assert.deepEqual(idsOf(await list(`?pacienteid=${ids.pacienteid}`)), [ids.lembrete]);
    assert.equal((await list("?canal=sms")).total, 0);
  });

  await t.step("filters by local days in the clinic's time zone", async () => {
    assert.deepEqual(idsOf(await list("?de=2026-01-10&ate=2026-01-10")), [ids.antiga]);
    assert.equal((await list("?de=2026-01-11&ate=2026-01-11")).total, 0);
    assert.deepEqual(idsOf(await list("?ate=2026-01-31")), [ids.antiga]);
    assert.equal((await list("?de=2026-01-11")).total, 3);
  });

  await t.step("answers 400 for each malformed filter", async () => {
    for (
      const qs of [
        "?canal=fax",
        "?status=perdida",
        "?limit=0",
        "?limit=500",
        "?page=0",
        "?pacienteid=abc",
        "?de=2026-02-30",
        "?de=2026-02-10&ate=2026-02-01",
        "?template=Com%20Espaço",
      ]
    ) {
      const res = await ctx.req("GET", `${PATH}${qs}`, { token });
      assert.equal(res.status, 400, qs);
      assert.match(res.contentType!, /application\/json/);
      assert.equal(res.body.error.code, "entrada_invalida", qs);
    }
  });

  await t.step("administrador_master reads it too", async () => {
    const res = await ctx.req("GET", PATH, { token: await ctx.login("administrador_master") });
    assert.equal(res.status, 200);
  });
});

dbTest("[notificacoes] GET /api/notificacoes/:id", async (t, ctx) => {
  const token = await ctx.login("administrador");
  const ids = await seed(ctx);

  await t.step("answers the row with its payload and idempotency key", async () => {
    const res = await ctx.req("GET", `${PATH}/${ids.email}`, { token });
    assert.equal(res.status, 200);
    assert.match(res.contentType!, /application\/json/);
    const body = NotificacaoDetalhe.parse(res.body);
    assert.equal(body.assunto, "Consulta confirmada");
    assert.equal(body.idempotency_key, "t:2");
    assert.deepEqual(body.payload, {});
  });

  await t.step("answers 404 for an unknown id and 400 for a malformed one", async () => {
    const missing = await ctx.req("GET", `${PATH}/999999`, { token });
    assert.equal(missing.status, 404);
    assert.equal(missing.body.error.code, "nao_encontrado");
    const bad = await ctx.req("GET", `${PATH}/abc`, { token });
    assert.equal(bad.status, 400);
    assert.equal(bad.body.error.code, "entrada_invalida");
  });

  await t.step("never shows a code, even when the console is the delivery (outbox)", async () => {
    const id = (await enqueue(
      ctx.db.sql,
      msg(9, {
        template: "codigo_validacao",
        corpo: "Seu código é 9090",
        payload: { codigo: "9090" },
      }),
    ))!;
    const res = await ctx.req("GET", `${PATH}/${id}`, { token });
    assert.equal(res.body.corpo, `Seu código é ${MASK}`);
    assert.equal(res.body.payload.codigo, MASK);
    assert.ok(!JSON.stringify(res.body).includes("9090"));
  });
});

dbTest("[notificacoes] secrets are hidden with a real provider too", async (t, ctx) => {
  const token = await ctx.login("administrador");
  const secret = (await enqueue(
    ctx.db.sql,
    msg(1, {
      template: "codigo_validacao",
      corpo: "Seu código é 5050",
      payload: { codigo: "5050", outro: 1 },
    }),
  ))!;
  const plain = (await enqueue(ctx.db.sql, msg(2)))!;

  await t.step("the detail and the list omit the code", async () => {
    const res = await ctx.req("GET", `${PATH}/${secret}`, { token });
    assert.equal(res.status, 200);
    assert.equal(res.body.corpo, `Seu código é ${MASK}`);
    assert.deepEqual(res.body.payload, { codigo: MASK, outro: 1 });
    const list = await ctx.req("GET", PATH, { token });
    const item = list.body.items.find((i: { notificacaoid: number }) => i.notificacaoid === secret);
    assert.equal(item.corpo, `Seu código é ${MASK}`);
    assert.ok(!JSON.stringify(list.body).includes("5050"));
  });

  await t.step("ordinary messages stay readable", async () => {
    const res = await ctx.req("GET", `${PATH}/${plain}`, { token });
    assert.equal(res.body.corpo, "Mensagem 2");
  });
}, { NOTIFY_DRIVER: "live" });

dbTest("[notificacoes] POST /api/notificacoes/:id/reenviar", async (t, ctx) => {
  const token = await ctx.login("administrador");
  const ids = await seed(ctx);
  const rowOf = async (id: number) => {
    const [r] = await ctx.db.sql<{ status: string; tentativas: number; ultimo_erro: string }>`
      select status, tentativas, ultimo_erro from ca_notificacao where notificacaoid = ${id}`;
    return r;
  };

  await t.step("puts a failed row back in the queue and writes notificacao.reenviada", async () => {
    const res = await ctx.req("POST", `${PATH}/${ids.falhou}/reenviar`, { token });
    assert.equal(res.status, 200);
    assert.match(res.contentType!, /application\/json/);
    assert.equal(res.body.status, "pendente");
    assert.equal(res.body.tentativas, 0);
    const row = await rowOf(ids.falhou);
    assert.deepEqual(row, { status: "pendente", tentativas: 0, ultimo_erro: row.ultimo_erro });
    assert.equal(await ctx.events("notificacao.reenviada"), 1);
    const [ev] = await ctx.db.sql<{ actor_id: number; topics: string[] }>`
      select actor_id, topics from ca_evento where kind = 'notificacao.reenviada'`;
    assert.equal(ev.actor_id, await ctx.userId("administrador"));
    assert.deepEqual(ev.topics, ["admin"]);
  });

  await t.step("answers 409 for a row that did not fail, and changes nothing", async () => {
    for (const id of [ids.falhou, ids.lembrete]) {
      const before = await rowOf(id);
      const res = await ctx.req("POST", `${PATH}/${id}/reenviar`, { token });
      assert.equal(res.status, 409);
      assert.equal(res.body.error.code, "notificacao_nao_falhou");
      assert.deepEqual(await rowOf(id), before);
    }
    assert.equal(await ctx.events("notificacao.reenviada"), 1);
  });

  await t.step("answers 404 for an unknown id and 400 for a malformed one", async () => {
    assert.equal((await ctx.req("POST", `${PATH}/999999/reenviar`, { token })).status, 404);
    assert.equal((await ctx.req("POST", `${PATH}/0/reenviar`, { token })).status, 400);
  });
});
