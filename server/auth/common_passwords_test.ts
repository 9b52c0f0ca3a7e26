import { strict as assert } from "node:assert";
import { dbTest, nextCpf } from "../testing/harness.ts";
import { SenhaForte } from "../shared/schemas.ts";
import { isCommonPassword, SENHA_COMUM } from "./common_passwords.ts";

Deno.test("[auth] isCommonPassword: the shipped list, case-insensitive", () => {
  for (const p of ["123456", "Senha123", "SENHA@123", "Admin@12345", " qwerty ", "flamengo"]) {
    assert.equal(isCommonPassword(p), true, p);
  }
  for (const p of ["segredo1", "Senha@Teste123", "Forte@Senha2026", "cavalo-bateria-grampo"]) {
    assert.equal(isCommonPassword(p), false, p);
  }
});

Deno.test("[auth] SenhaForte refuses a common password that passes every character rule", () => {
  const r = SenhaForte.safeParse("Senha@12345");
  assert.equal(r.success, false);
  assert.deepEqual(r.error!.issues.map((i) => i.message), [SENHA_COMUM]);
  assert.equal(SenhaForte.safeParse("Forte@Senha2026").success, true);
});

dbTest("[auth] common passwords are refused for patients and staff", async (t, ctx) => {
  await t.step("portal registration with 123456 answers 400 and creates nothing", async () => {
    const cpf = nextCpf();
    const res = await ctx.req("POST", "/api/auth/paciente/register", {
      body: { cpf, nomecompleto: "Carla Mendes", senha: "123456" },
    });
    assert.equal(res.status, 400);
    assert.equal(res.body.error.code, "entrada_invalida");
    assert.ok(
      res.body.error.details.some((d: { path: string; message: string }) =>
        d.path === "senha" && d.message === SENHA_COMUM
      ),
      JSON.stringify(res.body),
    );
    const rows = await ctx.db.sql`select 1 from ca_paciente where cpf = ${cpf}`;
    assert.equal(rows.length, 0);
  });

  await t.step("a patient's password change to senha123 answers 400", async () => {
    const p = await ctx.paciente();
    const res = await ctx.req("PUT", "/api/auth/paciente/senha", {
      token: p.token,
      body: { senha_atual: "segredo1", nova_senha: "Senha123" },
    });
    assert.equal(res.status, 400, JSON.stringify(res.body));
    assert.match(JSON.stringify(res.body), /muito comum/);
  });

  await t.step("staff first access with Senha@12345 answers 400", async () => {
    const res = await ctx.req("POST", "/api/auth/first-access", {
      body: {
        token: "x".repeat(40),
        email: "alguem@ubs.gov.br",
        senha_temporaria: "tmp",
        nova_senha: "Senha@12345",
      },
    });
    assert.equal(res.status, 400);
    assert.ok(
      res.body.error.details.some((d: { path: string; message: string }) =>
        d.path === "nova_senha" && d.message === SENHA_COMUM
      ),
      JSON.stringify(res.body),
    );
  });
});
