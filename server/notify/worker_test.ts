import { strict as assert } from "node:assert";
import type { Db } from "../db/db.ts";
import { dbTest } from "../testing/harness.ts";
import { enqueue, type OutboxMessage } from "./outbox.ts";
import { MASK } from "./secrets.ts";
import { fakeMailjet, fakeWhapi, fakeZenvia } from "../testing/fakes/notify.ts";
import { backoffMs, runOnce, startWorker, type WorkerDeps } from "./worker.ts";
import { loadConfig } from "../config.ts";

function message(n: number, over: Partial<OutboxMessage> = {}): OutboxMessage {
  return {
    canal: "whatsapp",
    destino: "11987654321",
    template: "lembrete",
    corpo: `Mensagem ${n}`,
    idempotencyKey: `teste:${n}`,
    ...over,
  };
}

async function row(db: Db, id: number) {
  const [r] = await db.sql<{
    status: string;
    tentativas: number;
    provider_id: string | null;
    ultimo_erro: string | null;
    sent_at: Date | null;
    atraso: number;
  }>`
    select status, tentativas, provider_id, ultimo_erro, sent_at,
           extract(epoch from proxima_tentativa_em - now())::float8 as atraso
    from ca_notificacao where notificacaoid = ${id}`;
  return r;
}

/** Pretends time passed: the row is due now. */
const makeDue = (db: Db, id: number) =>
  db.sql`update ca_notificacao set proxima_tentativa_em = now() where notificacaoid = ${id}`;

function liveDeps(db: Db, whapiUrl: string, mailjetUrl: string): WorkerDeps {
  return {
    db,
    config: loadConfig({
      NOTIFY_DRIVER: "live",
      WHAPI_URL: whapiUrl,
      WHAPI_TOKEN: "tok",
      MAILJET_URL: mailjetUrl,
      MAILJET_API_KEY: "key",
      MAILJET_API_SECRET: "secret",
      MAIL_FROM: "agenda@prefeitura.example",
    }),
  };
}

dbTest("[notify] worker with the outbox driver", async (t, ctx) => {
  await t.step("marks due rows enviada with provider_id outbox", async () => {
    const id = (await enqueue(ctx.db.sql, message(1)))!;
    const r = await runOnce(ctx.deps);
    assert.deepEqual(r, { claimed: 1, enviadas: 1, reagendadas: 0, falharam: 0 });
    const after = await row(ctx.db, id);
    assert.equal(after.status, "enviada");
    assert.equal(after.provider_id, "outbox");
    assert.equal(after.tentativas, 1);
    assert.ok(after.sent_at instanceof Date);
  });

  await t.step("a code is masked in the row; the outbox keeps the real text aside", async () => {
    const id = (await enqueue(
      ctx.db.sql,
      message(3, {
        template: "codigo_validacao",
        corpo: "Seu código é 5050",
        payload: { codigo: "5050" },
      }),
    ))!;
    const [pending] = await ctx.db.sql<{ corpo: string }>`
      select corpo from ca_notificacao_segredo where notificacaoid = ${id}`;
    assert.equal(pending.corpo, "Seu código é 5050");
    await runOnce(ctx.deps);
    const [r] = await ctx.db.sql<{ status: string; corpo: string; payload: unknown }>`
      select status, corpo, payload from ca_notificacao where notificacaoid = ${id}`;
    assert.deepEqual(r, {
      status: "enviada",
      corpo: `Seu código é ${MASK}`,
      payload: { codigo: MASK },
    });
    const kept = await ctx.db.sql`
      select 1 from ca_notificacao_segredo where notificacaoid = ${id}`;
    assert.equal(kept.length, 1, "nothing was delivered: the demo server's owner reads it there");
  });

  await t.step("leaves rows that are not due yet", async () => {
    const id = (await enqueue(ctx.db.sql, message(2)))!;
    await ctx.db.sql`update ca_notificacao set proxima_tentativa_em = now() + interval '1 minute'
                     where notificacaoid = ${id}`;
    const r = await runOnce(ctx.deps);
    assert.equal(r.claimed, 0);
    assert.equal((await row(ctx.db, id)).status, "pendente");
  });

  await t.step("claims in batches of batchSize", async () => {
    for (let i = 10; i < 15; i++) await enqueue(ctx.db.sql, message(i));
    assert.equal((await runOnce(ctx.deps, { batchSize: 3 })).claimed, 3);
    assert.equal((await runOnce(ctx.deps, { batchSize: 3 })).claimed, 2);
    assert.equal((await runOnce(ctx.deps, { batchSize: 3 })).claimed, 0);
  });

  await t.step("retries a stale enviando row whose sender died", async () => {
    const id = (await enqueue(ctx.db.sql, message(20)))!;
    // a sender claimed it and crashed: its lease ran out a minute ago
    await ctx.db.sql`update ca_notificacao
                     set status = 'enviando', tentativas = 1,
                         proxima_tentativa_em = now() - interval '1 minute'
                     where notificacaoid = ${id}`;
    const fresh = (await enqueue(ctx.db.sql, message(21)))!;
    await ctx.db.sql`update ca_notificacao
                     set status = 'enviando', tentativas = 1,
                         proxima_tentativa_em = now() + interval '4 minutes'
                     where notificacaoid = ${fresh}`;
    const r = await runOnce(ctx.deps);
    assert.equal(r.claimed, 1);
    const after = await row(ctx.db, id);
    assert.equal(after.status, "enviada");
    assert.equal(after.tentativas, 2);
    // a row still leased by a live sender is left alone
    assert.equal((await row(ctx.db, fresh)).status, "enviando");
  });

  await t.step("a sender that died on the last attempt leaves the row falhou", async () => {
    const id = (await enqueue(ctx.db.sql, message(30)))!;
    await ctx.db.sql`update ca_notificacao
                     set status = 'enviando', tentativas = 6,
                         proxima_tentativa_em = now() - interval '1 second'
                     where notificacaoid = ${id}`;
    const r = await runOnce(ctx.deps);
    assert.deepEqual(r, { claimed: 1, enviadas: 0, reagendadas: 0, falharam: 1 });
    const after = await row(ctx.db, id);
    assert.equal(after.status, "falhou");
    assert.equal(after.provider_id, null);
    assert.match(after.ultimo_erro!, /interrompido/);
    assert.equal(await ctx.events("notificacao.falhada"), 1);
  });
});

dbTest("[notify] worker retries with backoff and gives up", async (t, ctx) => {
  const whapi = fakeWhapi({ token: "tok", failures: [500, 500, 400] });
  const mailjet = fakeMailjet({ apiKey: "key", apiSecret: "secret", failures: [503] });
  const deps = liveDeps(ctx.db, whapi.url, mailjet.url);
  try {
    await t.step("a provider failing twice with 500 is retried at 30 s then 60 s", async () => {
      const id = (await enqueue(ctx.db.sql, message(1)))!;
      assert.equal((await runOnce(deps)).reagendadas, 1);
      let r = await row(ctx.db, id);
      assert.equal(r.status, "pendente");
      assert.equal(r.tentativas, 1);
      assert.match(r.ultimo_erro!, /HTTP 500/);
      assert.ok(r.atraso > 25 && r.atraso <= 30, `first delay ${r.atraso}`);
      // not due yet: nothing is sent
      assert.equal((await runOnce(deps)).claimed, 0);

      await makeDue(ctx.db, id);
      assert.equal((await runOnce(deps)).reagendadas, 1);
      r = await row(ctx.db, id);
      assert.equal(r.tentativas, 2);
      assert.ok(r.atraso > 55 && r.atraso <= 60, `second delay ${r.atraso}`);

      // the third answer of the fake is a 400: tested below; consume it on another row
      const other = (await enqueue(ctx.db.sql, message(2, { destino: "21987654321" })))!;
      await runOnce(deps);
      assert.equal((await row(ctx.db, other)).status, "falhou");

      await makeDue(ctx.db, id);
      assert.equal((await runOnce(deps)).enviadas, 1);
      r = await row(ctx.db, id);
      assert.equal(r.status, "enviada");
      assert.equal(r.tentativas, 3);
      assert.match(r.provider_id!, /^wamid\./);
      // exactly one accepted request for this row
      const sent = whapi.sent().filter((s) => s.body.body === "Mensagem 1");
      assert.equal(sent.length, 1);
      assert.equal(sent[0].body.to, "5511987654321");
    });

    await t.step("a 400 fails at once and writes notificacao.falhou", async () => {
      const [ev] = await ctx.db.sql<{ topics: string[]; after: Record<string, unknown> }>`
        select topics, after from ca_evento where kind = 'notificacao.falhada'`;
      assert.deepEqual(ev.topics, ["admin"]);
      assert.equal(ev.after.status, "falhou");
      assert.equal(ev.after.tentativas, 1);
      assert.match(String(ev.after.ultimo_erro), /HTTP 400: Recipient not on WhatsApp/);
      assert.equal(await ctx.events("notificacao.falhada"), 1);
    });

    await t.step("e-mail goes to Mailjet with the idempotency key as CustomID", async () => {
      const id = (await enqueue(
        ctx.db.sql,
        message(3, {
          canal: "email",
          destino: "maria@example.com",
          assunto: "Assunto",
        }),
      ))!;
      await runOnce(deps);
      assert.equal((await row(ctx.db, id)).status, "pendente");
      await makeDue(ctx.db, id);
      await runOnce(deps);
      const r = await row(ctx.db, id);
      assert.equal(r.status, "enviada");
      assert.equal(r.tentativas, 2);
      assert.equal(mailjet.sent()[0].body.Messages[0].CustomID, "teste:3");
    });

    await t.step("a code delivered by a real provider leaves the database", async () => {
      const id = (await enqueue(
        ctx.db.sql,
        message(5, {
          template: "codigo_validacao",
          corpo: "Seu código é 5050",
          payload: { codigo: "5050", digitos: 4 },
        }),
      ))!;
      await runOnce(deps);
      assert.equal(whapi.sent().at(-1)!.body.body, "Seu código é 5050");
      const [r] = await ctx.db.sql<{ status: string; corpo: string; payload: unknown }>`
        select status, corpo, payload from ca_notificacao where notificacaoid = ${id}`;
      assert.deepEqual(r, {
        status: "enviada",
        corpo: `Seu código é ${MASK}`,
        payload: { codigo: MASK, digitos: 4 },
      });
      const left = await ctx.db.sql`
        select 1 from ca_notificacao_segredo where notificacaoid = ${id}`;
      assert.equal(left.length, 0);
    });

    await t.step("gives up as falhou after maxAttempts retryable failures", async () => {
      const dead = fakeWhapi({ token: "tok", failures: Array(10).fill(502) });
      const deadDeps = liveDeps(ctx.db, dead.url, mailjet.url);
      try {
        const id = (await enqueue(ctx.db.sql, message(4)))!;
        for (let i = 1; i <= 3; i++) {
          await makeDue(ctx.db, id);
          await runOnce(deadDeps, { maxAttempts: 3 });
        }
        const r = await row(ctx.db, id);
        assert.equal(r.status, "falhou");
        assert.equal(r.tentativas, 3);
        assert.equal(dead.requests.length, 3);
        assert.equal(await ctx.events("notificacao.falhada"), 2);
        // a failed row is never claimed again
        await makeDue(ctx.db, id);
        assert.equal((await runOnce(deadDeps, { maxAttempts: 3 })).claimed, 0);
      } finally {
        await dead.close();
      }
    });
  } finally {
    await whapi.close();
    await mailjet.close();
  }
});

dbTest(
  "[notify] SMS_DRIVER=zenvia: the code goes by Zenvia SMS, unmasked, then forgotten",
  async (t, ctx) => {
    const zenvia = fakeZenvia({ token: "zen" });
    const deps: WorkerDeps = {
      db: ctx.db,
      config: loadConfig({
        SMS_DRIVER: "zenvia",
        ZENVIA_URL: zenvia.url,
        ZENVIA_TOKEN: "zen",
        ZENVIA_FROM: "agenda",
      }),
    };
    try {
      await t.step("the row is sent with Zenvia's id and the secret row is deleted", async () => {
        const id = (await enqueue(
          ctx.db.sql,
          message(1, {
            canal: "sms",
            template: "codigo_validacao",
            corpo: "Seu código é 123456",
            payload: { codigo: "123456" },
          }),
        ))!;
        assert.equal((await runOnce(deps)).enviadas, 1);
        const [sent] = zenvia.sent();
        assert.deepEqual(sent.body, {
          from: "agenda",
          to: "5511987654321",
          contents: [{ type: "text", text: "Seu código é 123456" }],
        });
        const r = await row(ctx.db, id);
        assert.equal(r.status, "enviada");
        assert.match(r.provider_id!, /^[0-9a-f-]{36}$/);
        const kept = await ctx.db.sql`
        select 1 from ca_notificacao_segredo where notificacaoid = ${id}`;
        assert.equal(kept.length, 0);
      });
    } finally {
      await zenvia.close();
    }
  },
);

dbTest("[notify] concurrent workers never send a row twice", async (t, ctx) => {
  const whapi = fakeWhapi({ token: "tok" });
  const deps = liveDeps(ctx.db, whapi.url, whapi.url);
  try {
    await t.step("three workers drain 12 rows, each sent exactly once", async () => {
      for (let i = 0; i < 12; i++) await enqueue(ctx.db.sql, message(i));
      const runs = await Promise.all(
        [1, 2, 3, 4, 5, 6].map(() => runOnce(deps, { batchSize: 2 })),
      );
      // whatever each run got, the rest is drained afterwards
      while ((await runOnce(deps, { batchSize: 2 })).claimed > 0) { /* drain */ }
      assert.ok(runs.reduce((n, r) => n + r.claimed, 0) <= 12);
      const bodies = whapi.sent().map((s) => s.body.body).sort();
      assert.equal(bodies.length, 12);
      assert.equal(new Set(bodies).size, 12);
      const [{ n }] = await ctx.db.sql<{ n: number }>`
        select count(*)::int as n from ca_notificacao where status = 'enviada' and tentativas = 1`;
      assert.equal(n, 12);
    });
  } finally {
    await whapi.close();
  }
});

dbTest("[notify] startWorker delivers in the background and stops", async (t, ctx) => {
  await t.step("a row enqueued after start is delivered, then stop() ends the loop", async () => {
    const stop = startWorker(ctx.deps, { intervalMs: 50 });
    try {
      const id = (await enqueue(ctx.db.sql, message(1)))!;
      const deadline = Date.now() + 5_000;
      while ((await row(ctx.db, id)).status !== "enviada") {
        assert.ok(Date.now() < deadline, "not delivered within 5 s");
        await new Promise((r) => setTimeout(r, 25));
      }
    } finally {
      await stop();
    }
    // Sentinel instead of a sleep: a second worker, with drivers that record, is started after
    // the first stopped. It sends the next row; had the first still been running, it would
    // have raced for that row and, winning, sent it through the configured driver instead.
    const later = (await enqueue(ctx.db.sql, message(2)))!;
    const sent: number[] = [];
    const recorder = {
      name: "recorder",
      send: (d: { notificacaoid: number }) => {
        sent.push(d.notificacaoid);
        return Promise.resolve({ providerId: `r${d.notificacaoid}` });
      },
    };
    const stop2 = startWorker(ctx.deps, {
      intervalMs: 50,
      drivers: { whatsapp: recorder, email: recorder, sms: recorder },
    });
    try {
      while ((await row(ctx.db, later)).status !== "enviada") {
        await new Promise((r) => setTimeout(r, 10));
      }
    } finally {
      await stop2();
    }
    assert.deepEqual(sent, [later], "only the running worker sent it");
  });

  await t.step("refuses to start with a provider and no credentials", () => {
    assert.throws(
      () => startWorker({ db: ctx.db, config: loadConfig({ NOTIFY_DRIVER: "whapi" }) }),
      /WHAPI_TOKEN/,
    );
  });
});

Deno.test("[notify] backoffMs doubles from 30 s and caps at 1 h", () => {
  assert.deepEqual(
    [1, 2, 3, 4, 5, 6, 12].map((n) => backoffMs(n)),
    [30_000, 60_000, 120_000, 240_000, 480_000, 960_000, 3_600_000],
  );
});
