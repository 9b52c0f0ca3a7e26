/**
 * "Esqueci minha senha": the code goes only to a validated phone, the answers never tell whether
 * a CPF is registered (same body, same cooldown, same wrong-code answer), the code rules (3 tries,
 * 5 minutes, single use), the new password ends every session, and the rate limits.
 */
import { strict as assert } from "node:assert";
import { dbTest, nextCpf, type TestCtx } from "../../testing/harness.ts";

const ESQUECI = "/api/auth/paciente/senha/esqueci";
const REDEFINIR = "/api/auth/paciente/senha/redefinir";

let ipSeq = 1;
/** Each call from its own address unless told: the per-IP limits are tested on their own. */
const esqueci = (ctx: TestCtx, cpf: string, ip = `10.9.0.${ipSeq++}`) =>
  ctx.req("POST", ESQUECI, { body: { cpf }, headers: { "x-forwarded-for": ip } });
const redefinir = (
  ctx: TestCtx,
  body: Record<string, unknown>,
  ip = `10.8.0.${ipSeq++}`,
) => ctx.req("POST", REDEFINIR, { body, headers: { "x-forwarded-for": ip } });

/** The code of the last WhatsApp message to `telefone` (the outbox keeps the secret aside). */
async function lastCode(ctx: TestCtx, telefone: string) {
  const rows = await ctx.db.sql<{ codigo: string }>`
    select s.valores->>'codigo' as codigo from ca_notificacao n
    join ca_notificacao_segredo s using (notificacaoid)
    where n.destino = ${telefone} order by n.notificacaoid desc limit 1`;
  return rows[0]?.codigo ?? null;
}

const messagesTo = async (ctx: TestCtx, telefone: string) =>
  (await ctx.db.sql<{ n: number }>`
    select count(*)::int as n from ca_notificacao where destino = ${telefone}`)[0].n;

/** Lets the next request through the 60 s cooldown. */
const pastCooldown = (ctx: TestCtx) =>
  ctx.db.sql`update ca_senha_reset set created_at = created_at - interval '2 minutes'`;

dbTest("[auth] esqueci minha senha (paciente)", async (t, ctx) => {
  const p = await ctx.paciente();
  const telefone = "11987650001";
  await ctx.db.sql`update ca_paciente set telefone = ${telefone}, telefone_validado = true,
                   telefone_validado_em = now() where pacienteid = ${p.pacienteid}`;
  const semTelefone = await ctx.paciente();
  const naoValidado = await ctx.paciente();
  await ctx.db.sql`update ca_paciente set telefone = '11987650002'
                   where pacienteid = ${naoValidado.pacienteid}`;
  const desconhecido = nextCpf();

  const shape = (b: Record<string, unknown>) => ({ ...b, expires_at: typeof b.expires_at });

  await t.step("a patient with a validated phone gets a 4-digit code by WhatsApp", async () => {
    const res = await esqueci(ctx, p.cpf);
    assert.equal(res.status, 200);
    assert.equal(res.body.enviado, true);
    assert.equal(res.body.canal, "whatsapp");
    assert.equal(res.body.digitos, 4);
    assert.match(res.body.mensagem, /procure a unidade de saúde/);
    const codigo = await lastCode(ctx, telefone);
    assert.match(codigo!, /^\d{4}$/);
    assert.equal(JSON.stringify(res.body).includes(codigo!), false);
    const [n] = await ctx.db.sql<{ canal: string; corpo: string }>`
      select canal, corpo from ca_notificacao where destino = ${telefone}`;
    assert.equal(n.canal, "whatsapp");
    assert.equal(n.corpo.includes(codigo!), false, "ca_notificacao keeps the text masked");
    assert.equal(await ctx.events("paciente.senha_codigo_enviado"), 1);
  });

  await t.step(
    "an unknown CPF, no phone or an unvalidated one: same answer, no message",
    async () => {
      const ref = shape((await esqueci(ctx, nextCpf())).body);
      for (const cpf of [desconhecido, semTelefone.cpf, naoValidado.cpf]) {
        const res = await esqueci(ctx, cpf);
        assert.equal(res.status, 200);
        assert.deepEqual(shape(res.body), ref);
      }
      assert.equal(await messagesTo(ctx, "11987650002"), 0);
      assert.equal(await ctx.events("paciente.senha_codigo_enviado"), 1);
    },
  );

  await t.step("a second request within 60 s: 429 with Retry-After, for any CPF", async () => {
    for (const cpf of [p.cpf, desconhecido]) {
      const res = await esqueci(ctx, cpf);
      assert.equal(res.status, 429);
      assert.equal(res.body.error.code, "aguarde_reenvio");
      const wait = Number(res.headers.get("retry-after"));
      assert.ok(wait > 0 && wait <= 60, `retry-after ${wait}`);
      assert.equal(res.body.error.details.retry_after, wait);
    }
  });

  await t.step("a wrong code answers the tries left, the same for an unknown CPF", async () => {
    const codigo = (await lastCode(ctx, telefone))!;
    const wrong = codigo === "0000" ? "1111" : "0000";
    const a = await redefinir(ctx, { cpf: p.cpf, codigo: wrong, nova_senha: "outrasenha7" });
    const b = await redefinir(ctx, { cpf: desconhecido, codigo: wrong, nova_senha: "outrasenha7" });
    for (const res of [a, b]) {
      assert.equal(res.status, 422);
      assert.equal(res.body.error.code, "codigo_incorreto");
      assert.equal(res.body.error.details.tentativas_restantes, 2);
    }
    assert.deepEqual(a.body, b.body);
    const never = await redefinir(ctx, { cpf: nextCpf(), codigo, nova_senha: "outrasenha7" });
    assert.equal(never.status, 422);
    assert.equal(never.body.error.code, "codigo_inexistente");
  });

  await t.step("the right code sets the password, ends every session and signs in", async () => {
    const other = await ctx.req("POST", "/api/auth/paciente/login", {
      body: { cpf: p.cpf, senha: "segredo1" },
    });
    assert.equal(other.status, 200);
    const codigo = (await lastCode(ctx, telefone))!;
    const res = await redefinir(ctx, { cpf: p.cpf, codigo, nova_senha: "outrasenha7" });
    assert.equal(res.status, 200);
    assert.equal(res.body.paciente.pacienteid, p.pacienteid);
    const me = await ctx.req("GET", "/api/auth/paciente/me", { token: res.body.token });
    assert.equal(me.status, 200);
    for (const token of [p.token, other.body.token]) {
      assert.equal((await ctx.req("GET", "/api/auth/paciente/me", { token })).status, 401);
    }
    const oldPass = await ctx.req("POST", "/api/auth/paciente/login", {
      body: { cpf: p.cpf, senha: "segredo1" },
      headers: { "x-forwarded-for": "10.7.0.1" },
    });
    assert.equal(oldPass.status, 401);
    const newPass = await ctx.req("POST", "/api/auth/paciente/login", {
      body: { cpf: p.cpf, senha: "outrasenha7" },
      headers: { "x-forwarded-for": "10.7.0.1" },
    });
    assert.equal(newPass.status, 200);
    const [ev] = await ctx.db.sql<{ actor_tipo: string; after: { sessoes_encerradas: number } }>`
      select actor_tipo, after from ca_evento where kind = 'paciente.senha_redefinida'`;
    assert.equal(ev.actor_tipo, "paciente");
    // register, login (ctx.paciente) and the login above.
    assert.equal(ev.after.sessoes_encerradas, 3);
    assert.equal(JSON.stringify(ev).includes("outrasenha7"), false);
    const again = await redefinir(ctx, { cpf: p.cpf, codigo, nova_senha: "terceira9x" });
    assert.equal(again.body.error.code, "codigo_inexistente", "a code works once");
  });

  await t.step("3 wrong codes end the code; an expired code is refused", async () => {
    await pastCooldown(ctx);
    assert.equal((await esqueci(ctx, p.cpf)).status, 200);
    const codigo = (await lastCode(ctx, telefone))!;
    const wrong = codigo === "0000" ? "1111" : "0000";
    const codes = [];
    for (let i = 0; i < 3; i++) {
      codes.push(
        (await redefinir(ctx, { cpf: p.cpf, codigo: wrong, nova_senha: "terceira9x" })).body
          .error,
      );
    }
    assert.deepEqual(codes.map((e) => e.details.tentativas_restantes), [2, 1, 0]);
    assert.equal(codes[2].code, "tentativas_esgotadas");
    const right = await redefinir(ctx, { cpf: p.cpf, codigo, nova_senha: "terceira9x" });
    assert.equal(right.body.error.code, "tentativas_esgotadas");

    await pastCooldown(ctx);
    assert.equal((await esqueci(ctx, p.cpf)).status, 200);
    await ctx.db.sql`update ca_senha_reset set expires_at = now() - interval '1 second'
                     where consumed_at is null`;
    const late = await redefinir(ctx, {
      cpf: p.cpf,
      codigo: (await lastCode(ctx, telefone))!,
      nova_senha: "terceira9x",
    });
    assert.equal(late.status, 422);
    assert.equal(late.body.error.code, "codigo_expirado");
  });

  await t.step("requests are limited per IP and per CPF, known or not", async () => {
    const ip = "10.6.0.1";
    let last = 0;
    for (let i = 0; i < 11; i++) last = (await esqueci(ctx, nextCpf(), ip)).status;
    assert.equal(last, 429);
    for (let i = 0; i < 6; i++) {
      await pastCooldown(ctx);
      last = (await esqueci(ctx, desconhecido)).status;
    }
    assert.equal(last, 429);
  });

  await t.step("fields are checked: CPF digits, 4-digit code, password of 6+", async () => {
    const bad = await esqueci(ctx, "12345678900");
    assert.equal(bad.status, 400);
    const res = await redefinir(ctx, { cpf: p.cpf, codigo: "12", nova_senha: "abc" });
    assert.equal(res.status, 400);
    const paths = res.body.error.details.map((d: { path: string | string[] }) =>
      [d.path].flat().join(".")
    );
    assert.ok(paths.includes("codigo") && paths.includes("nova_senha"), paths.join(","));
  });
});
