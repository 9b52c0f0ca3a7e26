import { strict as assert } from "node:assert";
import { loadConfig } from "../config.ts";
import { dbTest } from "../testing/harness.ts";
import { MASK } from "./secrets.ts";
import { fakeMailjet, fakeWhapi } from "../testing/fakes/notify.ts";
import { runOnce } from "./worker.ts";

const NOVA_SENHA = "Tomada@Conta2026";

dbTest("[notify] secrets are never readable through the API", async (t, ctx) => {
  const master = await ctx.login("administrador_master");
  const admin = await ctx.login("administrador");
  const email = "nova.master@ubs.gov.br";
  const created = await ctx.req("POST", "/api/usuarios", {
    token: master,
    body: { nome: "Nova Master", email, role: "administrador_master" },
  });
  assert.equal(created.status, 201, JSON.stringify(created.body));
  const usuarioid = created.body.usuarioid as number;
  const [{ notificacaoid, valores }] = await ctx.db.sql<
    { notificacaoid: number; valores: { token: string; senha_temporaria: string } }
  >`
    select n.notificacaoid, s.valores from ca_notificacao n
    join ca_notificacao_segredo s using (notificacaoid)
    where n.usuarioid = ${usuarioid}`;

  await t.step("an administrador cannot take over a new administrador_master", async () => {
    const detail = await ctx.req("GET", `/api/notificacoes/${notificacaoid}`, { token: admin });
    assert.equal(detail.status, 200);
    const list = await ctx.req("GET", "/api/notificacoes?template=primeiro_acesso", {
      token: admin,
    });
    assert.equal(list.status, 200);
    for (const body of [JSON.stringify(detail.body), JSON.stringify(list.body)]) {
      assert.ok(!body.includes(valores.token), "token readable");
      assert.ok(!body.includes(encodeURIComponent(valores.token)), "token readable in the link");
      assert.ok(!body.includes(valores.senha_temporaria), "temporary password readable");
    }
    assert.ok(detail.body.corpo.includes(MASK));
    assert.equal(detail.body.payload.token, MASK);
    // Whatever the attacker read, the first access refuses it.
    const token = /token=([^\s&]+)/.exec(detail.body.corpo)?.[1] ?? detail.body.payload.token;
    const senha = /Senha temporária: (\S+)/.exec(detail.body.corpo)?.[1] ?? MASK;
    const res = await ctx.req("POST", "/api/auth/first-access", {
      body: { token, email, senha_temporaria: senha, nova_senha: NOVA_SENHA },
    });
    assert.notEqual(res.status, 200);
    const [u] = await ctx.db.sql<{ primeiro_acesso: boolean }>`
      select primeiro_acesso from ca_usuario_admin where usuarioid = ${usuarioid}`;
    assert.equal(u.primeiro_acesso, true);
  });

  await t.step("nor by the administrador_master, nor in the database row", async () => {
    const detail = await ctx.req("GET", `/api/notificacoes/${notificacaoid}`, { token: master });
    assert.ok(!JSON.stringify(detail.body).includes(valores.token));
    const [row] = await ctx.db.sql<{ r: string }>`
      select corpo || payload::text as r from ca_notificacao where notificacaoid = ${notificacaoid}`;
    assert.ok(!row.r.includes(valores.token));
    assert.ok(!row.r.includes(valores.senha_temporaria));
  });

  await t.step("patients' phone codes are masked the same way", async () => {
    const p = await ctx.paciente();
    const sent = await ctx.req("POST", "/api/auth/paciente/telefone/enviar-codigo", {
      token: p.token,
      body: { telefone: "11987654321" },
    });
    assert.equal(sent.status, 200, JSON.stringify(sent.body));
    const [{ id, codigo }] = await ctx.db.sql<{ id: number; codigo: string }>`
      select n.notificacaoid as id, s.valores->>'codigo' as codigo from ca_notificacao n
      join ca_notificacao_segredo s using (notificacaoid)
      where n.pacienteid = ${p.pacienteid} and n.template = 'codigo_validacao'`;
    const detail = await ctx.req("GET", `/api/notificacoes/${id}`, { token: master });
    assert.equal(detail.status, 200);
    assert.ok(!detail.body.corpo.includes(codigo));
    assert.equal(detail.body.payload.codigo, MASK);
  });

  await t.step("the delivery driver still gets the real text, then it is deleted", async () => {
    const mailjet = fakeMailjet({ apiKey: "key", apiSecret: "secret" });
    const whapi = fakeWhapi({ token: "tok" });
    try {
      const deps = {
        db: ctx.db,
        config: loadConfig({
          NOTIFY_DRIVER: "live",
          WHAPI_URL: whapi.url,
          WHAPI_TOKEN: "tok",
          MAILJET_URL: mailjet.url,
          MAILJET_API_KEY: "key",
          MAILJET_API_SECRET: "secret",
          MAIL_FROM: "agenda@prefeitura.example",
        }),
      };
      for (let i = 0; i < 5 && (await runOnce(deps)).claimed > 0; i++);
      const mail = mailjet.sent().map((r) => JSON.stringify(r.body)).join("\n");
      assert.ok(mail.includes(valores.senha_temporaria), "temporary password not delivered");
      assert.ok(mail.includes(encodeURIComponent(valores.token)), "link not delivered");
      assert.ok(!mail.includes(MASK));
      assert.ok(whapi.sent().some((r) => /código de validação é \d{4,6}/.test(r.body.body)));
      const [{ n }] = await ctx.db.sql<{ n: number }>`
        select count(*)::int as n from ca_notificacao_segredo`;
      assert.equal(n, 0);
      // The recipient, and only they, completes the first access.
      const res = await ctx.req("POST", "/api/auth/first-access", {
        body: {
          token: valores.token,
          email,
          senha_temporaria: valores.senha_temporaria,
          nova_senha: NOVA_SENHA,
        },
      });
      assert.equal(res.status, 200, JSON.stringify(res.body));
    } finally {
      await mailjet.close();
      await whapi.close();
    }
  });
});
