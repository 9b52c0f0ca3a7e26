import { strict as assert } from "node:assert";
import { loadConfig } from "../config.ts";
import { isPermanentStatus } from "./drivers/http.ts";
import { mailjetDriver } from "./drivers/mailjet.ts";
import { driverNameFor, driversFor } from "./drivers/select.ts";
import { type Delivery, DeliveryError } from "./drivers/types.ts";
import { whapiDriver, whatsappNumber } from "./drivers/whapi.ts";
import { smsNumber, zenviaDriver } from "./drivers/zenvia.ts";
import { fakeMailjet, fakeWhapi, fakeZenvia } from "../testing/fakes/notify.ts";

const MSG: Delivery = {
  notificacaoid: 1,
  canal: "whatsapp",
  destino: "11987654321",
  template: "lembrete",
  assunto: "Lembrete",
  corpo: "Olá!",
  idempotencyKey: "lembrete:1:whatsapp",
};

async function rejection(p: Promise<unknown>): Promise<DeliveryError> {
  try {
    await p;
  } catch (err) {
    assert.ok(err instanceof DeliveryError, `expected DeliveryError, got ${err}`);
    return err;
  }
  throw new Error("expected the send to fail");
}

Deno.test("[notify] whapi driver against a local fake", async (t) => {
  const fake = fakeWhapi({ token: "tok-123", failures: [500, 429, 400] });
  const driver = whapiDriver({ url: `${fake.url}/`, token: "tok-123" });
  try {
    await t.step("a 5xx is a retryable failure", async () => {
      const err = await rejection(driver.send(MSG));
      assert.equal(err.permanent, false);
      assert.match(err.message, /HTTP 500: Service unavailable/);
    });

    await t.step("a 429 is retryable too", async () => {
      assert.equal((await rejection(driver.send(MSG))).permanent, false);
    });

    await t.step("a 400 is permanent and keeps the provider's message", async () => {
      const err = await rejection(driver.send(MSG));
      assert.equal(err.permanent, true);
      assert.match(err.message, /Whapi respondeu HTTP 400: Recipient not on WhatsApp/);
    });

    await t.step("sends to 55+DDD+number with the bearer token and answers the id", async () => {
      const res = await driver.send(MSG);
      assert.equal(res.providerId, "wamid.1");
      const last = fake.requests.at(-1)!;
      assert.equal(last.path, "/messages/text");
      assert.equal(last.authorization, "Bearer tok-123");
      assert.deepEqual(last.body, { to: "5511987654321", body: "Olá!" });
    });

    await t.step("a wrong token is a permanent failure", async () => {
      const bad = whapiDriver({ url: fake.url, token: "wrong" });
      const err = await rejection(bad.send(MSG));
      assert.equal(err.permanent, true);
      assert.match(err.message, /HTTP 401: Unauthorized/);
    });

    await t.step("an invalid number fails permanently before any request", async () => {
      const before = fake.requests.length;
      const err = await rejection(driver.send({ ...MSG, destino: "123" }));
      assert.equal(err.permanent, true);
      assert.equal(fake.requests.length, before);
    });
  } finally {
    await fake.close();
  }
});

Deno.test("[notify] zenvia SMS driver against a local fake", async (t) => {
  const fake = fakeZenvia({ token: "zen-1", failures: [502, 400] });
  const driver = zenviaDriver({ url: `${fake.url}/`, token: "zen-1", from: "commandagenda" });
  const SMS: Delivery = {
    ...MSG,
    canal: "sms",
    template: "paciente_telefone_codigo",
    corpo: "Seu código é 123456",
  };
  try {
    await t.step("a 5xx is a retryable failure with the provider's message", async () => {
      const err = await rejection(driver.send(SMS));
      assert.equal(err.permanent, false);
      assert.match(err.message, /Zenvia respondeu HTTP 502: Service unavailable/);
    });

    await t.step("a 400 is permanent", async () => {
      const err = await rejection(driver.send(SMS));
      assert.equal(err.permanent, true);
      assert.match(err.message, /HTTP 400: Invalid recipient/);
    });

    await t.step("sends from the sender id to 55+DDD+number with X-API-TOKEN", async () => {
      const res = await driver.send(SMS);
      const last = fake.sent().at(-1)!;
      assert.equal(last.path, "/v2/channels/sms/messages");
      assert.equal(last.headers["x-api-token"], "zen-1");
      assert.deepEqual(last.body, {
        from: "commandagenda",
        to: "5511987654321",
        contents: [{ type: "text", text: "Seu código é 123456" }],
      });
      assert.match(res.providerId, /^[0-9a-f-]{36}$/);
    });

    await t.step("a wrong token is a permanent failure", async () => {
      const bad = zenviaDriver({ url: fake.url, token: "x", from: "commandagenda" });
      const err = await rejection(bad.send(SMS));
      assert.equal(err.permanent, true);
      assert.match(err.message, /HTTP 401: Unauthorized/);
    });

    await t.step("a landline or a too long text fail permanently before any request", async () => {
      const before = fake.requests.length;
      assert.equal(
        (await rejection(driver.send({ ...SMS, destino: "1133334444" }))).permanent,
        true,
      );
      const long = { ...SMS, corpo: "x".repeat(1200) };
      assert.equal((await rejection(driver.send(long))).permanent, true);
      assert.equal(fake.requests.length, before);
    });
  } finally {
    await fake.close();
  }
});

Deno.test("[notify] smsNumber takes Brazilian mobiles only", () => {
  assert.equal(smsNumber("(11) 98765-4321"), "5511987654321");
  assert.equal(smsNumber("5511987654321"), "5511987654321");
  assert.throws(() => smsNumber("1133334444"), DeliveryError);
});

Deno.test("[notify] whatsappNumber normalises Brazilian numbers", () => {
  assert.equal(whatsappNumber("11987654321"), "5511987654321");
  assert.equal(whatsappNumber("(11) 4199-0000"), "551141990000");
  assert.equal(whatsappNumber("5511987654321"), "5511987654321");
  assert.throws(() => whatsappNumber("0119876"), DeliveryError);
});

Deno.test("[notify] mailjet driver against a local fake", async (t) => {
  const fake = fakeMailjet({ apiKey: "key", apiSecret: "secret", failures: [503, 400] });
  const driver = mailjetDriver({
    url: fake.url,
    apiKey: "key",
    apiSecret: "secret",
    from: "agenda@prefeitura.example",
  });
  const email = { ...MSG, canal: "email" as const, destino: "maria@example.com" };
  try {
    await t.step("a 503 is retryable", async () => {
      assert.equal((await rejection(driver.send(email))).permanent, false);
    });

    await t.step("a 400 is permanent with Mailjet's error message", async () => {
      const err = await rejection(driver.send(email));
      assert.equal(err.permanent, true);
      assert.match(err.message, /"maria@example\.com" is an invalid email address\./);
    });

    await t.step("sends the v3.1 body with Basic auth and CustomID", async () => {
      const res = await driver.send(email);
      assert.equal(res.providerId, "1152921500000001");
      const last = fake.requests.at(-1)!;
      assert.equal(last.path, "/v3.1/send");
      assert.equal(last.authorization, `Basic ${btoa("key:secret")}`);
      assert.deepEqual(last.body, {
        Messages: [{
          From: { Email: "agenda@prefeitura.example", Name: "Command Agenda" },
          To: [{ Email: "maria@example.com" }],
          Subject: "Lembrete",
          TextPart: "Olá!",
          CustomID: "lembrete:1:whatsapp",
        }],
      });
    });

    await t.step("wrong credentials are a permanent failure", async () => {
      const bad = mailjetDriver({ url: fake.url, apiKey: "key", apiSecret: "x", from: "a@b.co" });
      const err = await rejection(bad.send(email));
      assert.equal(err.permanent, true);
      assert.match(err.message, /HTTP 401: API key authentication/);
    });
  } finally {
    await fake.close();
  }
});

Deno.test("[notify] a provider that cannot be reached is a retryable failure", async () => {
  // A port nothing listens on: bind one, note it, close it.
  const l = Deno.listen({ hostname: "127.0.0.1", port: 0 });
  const port = (l.addr as Deno.NetAddr).port;
  l.close();
  const driver = whapiDriver({ url: `http://127.0.0.1:${port}`, token: "t" });
  const err = await rejection(driver.send(MSG));
  assert.equal(err.permanent, false);
  assert.match(err.message, /falha de rede/);
});

Deno.test("[notify] isPermanentStatus", () => {
  assert.deepEqual(
    [400, 401, 404, 408, 422, 429, 500, 502, 503].map(isPermanentStatus),
    [true, true, true, false, true, false, false, false, false],
  );
});

Deno.test("[notify] driver selection from NOTIFY_DRIVER", async (t) => {
  await t.step("outbox by default for every canal", () => {
    const d = driversFor(loadConfig({}));
    assert.deepEqual([d.whatsapp.name, d.sms.name, d.email.name], ["outbox", "outbox", "outbox"]);
  });

  await t.step("live: whapi for whatsapp and sms, mailjet for email", () => {
    const d = driversFor(loadConfig({
      NOTIFY_DRIVER: "live",
      WHAPI_TOKEN: "t",
      MAILJET_API_KEY: "k",
      MAILJET_API_SECRET: "s",
    }));
    assert.deepEqual([d.whatsapp.name, d.sms.name, d.email.name], ["whapi", "whapi", "mailjet"]);
  });

  await t.step("whapi alone leaves e-mail in the outbox", () => {
    const d = driversFor(loadConfig({ NOTIFY_DRIVER: "whapi", WHAPI_TOKEN: "t" }));
    assert.deepEqual([d.whatsapp.name, d.email.name], ["whapi", "outbox"]);
    assert.equal(driverNameFor({ notifyDriver: "mailjet" }, "sms"), "outbox");
  });

  await t.step("SMS_DRIVER=zenvia sends SMS by Zenvia whatever NOTIFY_DRIVER says", () => {
    const env = { SMS_DRIVER: "zenvia", ZENVIA_TOKEN: "z", ZENVIA_FROM: "agenda" };
    const d = driversFor(loadConfig(env));
    assert.deepEqual([d.whatsapp.name, d.sms.name, d.email.name], ["outbox", "zenvia", "outbox"]);
    const live = driversFor(loadConfig({
      ...env,
      NOTIFY_DRIVER: "live",
      WHAPI_TOKEN: "t",
      MAILJET_API_KEY: "k",
      MAILJET_API_SECRET: "s",
    }));
    assert.deepEqual([live.whatsapp.name, live.sms.name], ["whapi", "zenvia"]);
    assert.equal(
      driversFor(loadConfig({ SMS_DRIVER: "outbox", NOTIFY_DRIVER: "whapi", WHAPI_TOKEN: "t" })).sms
        .name,
      "outbox",
    );
    assert.throws(
      () => driversFor(loadConfig({ SMS_DRIVER: "zenvia", ZENVIA_TOKEN: "z" })),
      /ZENVIA_FROM/,
    );
    assert.throws(() => loadConfig({ SMS_DRIVER: "pombo" }), /SMS_DRIVER inválido/);
  });

  await t.step("missing credentials or an unknown driver fail at start", () => {
    assert.throws(() => driversFor(loadConfig({ NOTIFY_DRIVER: "live" })), /WHAPI_TOKEN/);
    assert.throws(
      () => driversFor(loadConfig({ NOTIFY_DRIVER: "mailjet", MAILJET_API_KEY: "k" })),
      /MAILJET_API_SECRET/,
    );
    assert.throws(
      () => driversFor(loadConfig({ NOTIFY_DRIVER: "pombo" })),
      /NOTIFY_DRIVER inválido/,
    );
  });
});
