import { strict as assert } from "node:assert";
import { dbTest } from "../../testing/harness.ts";
import { CodigoEnviado, PacienteDetalhe } from "./schemas.ts";
import {
  criarPaciente,
  expirarCodigo,
  outroCodigo,
  passarCooldown,
  snapshot,
  ultimoCodigo,
} from "../../testing/fixtures/pacientes.ts";

dbTest("[pacientes] POST /api/pacientes/:id/validar-telefone", async (t, ctx) => {
  const token = await ctx.login("operador");
  const p = await criarPaciente(ctx, { telefone: "11987654321" });
  const enviar = (id = p.pacienteid) =>
    ctx.req("POST", `/api/pacientes/${id}/validar-telefone`, { token });

  await t.step(
    "puts a 6-digit SMS in the outbox and writes the event, never the code",
    async () => {
      const res = await enviar();
      assert.equal(res.status, 200);
      assert.match(res.contentType!, /application\/json/);
      const body = CodigoEnviado.parse(res.body);
      assert.equal(body.telefone, "11987654321");
      assert.equal(body.digitos, 6);
      const [n] = await ctx.db.sql<
        { canal: string; destino: string; codigo: string; corpo: string }
      >`
      select canal, destino, (select s.valores from ca_notificacao_segredo s where s.notificacaoid = ca_notificacao.notificacaoid)->>'codigo' as codigo,
             (select s.corpo from ca_notificacao_segredo s
              where s.notificacaoid = ca_notificacao.notificacaoid) as corpo
      from ca_notificacao
      where pacienteid = ${p.pacienteid}`;
      assert.equal(n.canal, "sms");
      assert.equal(n.destino, "11987654321");
      assert.match(n.codigo, /^\d{6}$/);
      assert.ok(n.corpo.includes(n.codigo));
      const [ev] = await ctx.db.sql<{ after: unknown }>`
      select after from ca_evento where kind = 'paciente.telefone_codigo_enviado'`;
      assert.equal(JSON.stringify(ev.after).includes(n.codigo), false);
      assert.equal(JSON.stringify(res.body).includes(n.codigo), false);
    },
  );

  await t.step("answers 429 with Retry-After within the 60 s cooldown", async () => {
    const before = await snapshot(ctx);
    const res = await enviar();
    assert.equal(res.status, 429);
    assert.equal(res.body.error.code, "aguarde_reenvio");
    const retry = Number(res.headers.get("retry-after"));
    assert.ok(retry > 0 && retry <= 60, `Retry-After ${retry}`);
    assert.deepEqual(await snapshot(ctx), before);
  });

  await t.step("after the cooldown a new code replaces the open one", async () => {
    await passarCooldown(ctx, p.pacienteid);
    const res = await enviar();
    assert.equal(res.status, 200);
    const [{ abertos }] = await ctx.db.sql<{ abertos: number }>`
      select count(*)::int as abertos from ca_paciente_validacao
      where pacienteid = ${p.pacienteid} and consumed_at is null`;
    assert.equal(abertos, 1);
  });

  await t.step("answers 422 telefone_ausente without a phone", async () => {
    const sem = await criarPaciente(ctx);
    const res = await enviar(sem.pacienteid);
    assert.equal(res.status, 422);
    assert.equal(res.body.error.code, "telefone_ausente");
  });

  await t.step("answers 422 telefone_fixo for a landline", async () => {
    const fixo = await criarPaciente(ctx, { telefone: "1133334444" });
    const before = await snapshot(ctx);
    const res = await enviar(fixo.pacienteid);
    assert.equal(res.status, 422);
    assert.equal(res.body.error.code, "telefone_fixo");
    assert.deepEqual(await snapshot(ctx), before);
  });

  await t.step("answers 422 paciente_inativo for an inactive patient", async () => {
    const inativo = await criarPaciente(ctx, { telefone: "11911112222" });
    await ctx.req("DELETE", `/api/pacientes/${inativo.pacienteid}`, { token });
    const res = await enviar(inativo.pacienteid);
    assert.equal(res.status, 422);
    assert.equal(res.body.error.code, "paciente_inativo");
  });

  await t.step("answers 409 when the phone is already validated", async () => {
    const ok = await criarPaciente(ctx, { telefone: "11933334444" });
    await ctx.db.sql`update ca_paciente set telefone_validado = true
                     where pacienteid = ${ok.pacienteid}`;
    const res = await enviar(ok.pacienteid);
    assert.equal(res.status, 409);
    assert.equal(res.body.error.code, "telefone_ja_validado");
  });

  await t.step("answers 404 for an unknown patient", async () => {
    const res = await enviar(999999);
    assert.equal(res.status, 404);
  });
});

dbTest("[pacientes] POST /api/pacientes/:id/confirmar-telefone", async (t, ctx) => {
  const token = await ctx.login("operador");
  const p = await criarPaciente(ctx, { telefone: "11987654321" });
  const id = p.pacienteid;
  const confirmar = (codigo: string) =>
    ctx.req("POST", `/api/pacientes/${id}/confirmar-telefone`, { token, body: { codigo } });
  const enviar = async () => {
    await passarCooldown(ctx, id);
    const res = await ctx.req("POST", `/api/pacientes/${id}/validar-telefone`, { token });
    assert.equal(res.status, 200);
    return ultimoCodigo(ctx, id);
  };
  const tentativas = async () => {
    const [v] = await ctx.db.sql<{ tentativas: number }>`
      select tentativas from ca_paciente_validacao where pacienteid = ${id}
      order by validacaoid desc limit 1`;
    return v.tentativas;
  };

  await t.step("answers 422 codigo_inexistente before any code was sent", async () => {
    const res = await confirmar("123456");
    assert.equal(res.status, 422);
    assert.equal(res.body.error.code, "codigo_inexistente");
  });

  await t.step("answers 400 for a code that is not 6 digits", async () => {
    for (const codigo of ["1234", "abcdef", "1234567"]) {
      const res = await confirmar(codigo);
      assert.equal(res.status, 400, codigo);
      assert.equal(res.body.error.code, "entrada_invalida");
    }
  });

  await t.step("counts wrong codes; the third one exhausts the code", async () => {
    const codigo = await enviar();
    const wrong = outroCodigo(codigo);
    const first = await confirmar(wrong);
    assert.equal(first.status, 422);
    assert.equal(first.body.error.code, "codigo_incorreto");
    assert.equal(first.body.error.details.tentativas_restantes, 2);
    assert.equal(await tentativas(), 1);
    assert.equal((await confirmar(wrong)).body.error.details.tentativas_restantes, 1);
    const third = await confirmar(wrong);
    assert.equal(third.status, 422);
    assert.equal(third.body.error.code, "tentativas_esgotadas");
    assert.equal(await tentativas(), 3);
    const right = await confirmar(codigo);
    assert.equal(right.status, 422, "even the right code is refused once exhausted");
    assert.equal(right.body.error.code, "tentativas_esgotadas");
    const [row] = await ctx.db
      .sql`select telefone_validado from ca_paciente where pacienteid = ${id}`;
    assert.equal(row.telefone_validado, false);
  });

  await t.step("answers 422 codigo_expirado after 5 minutes", async () => {
    const codigo = await enviar();
    await expirarCodigo(ctx, id);
    const before = await snapshot(ctx);
    const res = await confirmar(codigo);
    assert.equal(res.status, 422);
    assert.equal(res.body.error.code, "codigo_expirado");
    assert.deepEqual(await snapshot(ctx), before);
  });

  await t.step("the right code validates the phone and writes the event", async () => {
    const codigo = await enviar();
    const res = await confirmar(codigo);
    assert.equal(res.status, 200);
    assert.match(res.contentType!, /application\/json/);
    const body = PacienteDetalhe.parse(res.body);
    assert.equal(body.telefone_validado, true);
    assert.ok(body.telefone_validado_em);
    assert.equal(await ctx.events("paciente.telefone_validado"), 1);
    const again = await confirmar(codigo);
    assert.equal(again.status, 422, "a code works once");
    assert.equal(again.body.error.code, "codigo_inexistente");
  });

  await t.step("a code sent to the old phone dies when the phone changes", async () => {
    await ctx.req("DELETE", `/api/pacientes/${id}/validacao-telefone`, { token });
    const codigo = await enviar();
    await ctx.req("PUT", `/api/pacientes/${id}`, { token, body: { telefone: "21999998888" } });
    const res = await confirmar(codigo);
    assert.equal(res.status, 422);
    assert.equal(res.body.error.code, "codigo_inexistente");
    const [row] = await ctx.db
      .sql`select telefone_validado from ca_paciente where pacienteid = ${id}`;
    assert.equal(row.telefone_validado, false);
  });

  await t.step("the portal's WhatsApp code does not validate through the SMS route", async () => {
    const portal = await ctx.paciente();
    const sent = await ctx.req("POST", "/api/auth/paciente/telefone/enviar-codigo", {
      token: portal.token,
      body: { telefone: "11977776666" },
    });
    assert.equal(sent.status, 200);
    const res = await ctx.req("POST", `/api/pacientes/${portal.pacienteid}/confirmar-telefone`, {
      token,
      body: { codigo: "000000" },
    });
    assert.equal(res.status, 422);
    assert.equal(res.body.error.code, "codigo_inexistente");
  });
});

dbTest("[pacientes] DELETE /api/pacientes/:id/validacao-telefone", async (t, ctx) => {
  const token = await ctx.login("operador");
  const p = await criarPaciente(ctx, { telefone: "11987654321" });
  const remover = () =>
    ctx.req("DELETE", `/api/pacientes/${p.pacienteid}/validacao-telefone`, { token });

  await t.step("answers 409 when the phone is not validated, changing nothing", async () => {
    const before = await snapshot(ctx);
    const res = await remover();
    assert.equal(res.status, 409);
    assert.equal(res.body.error.code, "telefone_nao_validado");
    assert.deepEqual(await snapshot(ctx), before);
  });

  await t.step("clears the validation and writes the event", async () => {
    await ctx.db.sql`update ca_paciente set telefone_validado = true, telefone_validado_em = now()
                     where pacienteid = ${p.pacienteid}`;
    const res = await remover();
    assert.equal(res.status, 200);
    assert.match(res.contentType!, /application\/json/);
    assert.equal(res.body.telefone_validado, false);
    assert.equal(res.body.telefone_validado_em, null);
    assert.equal(res.body.telefone, "11987654321");
    assert.equal(await ctx.events("paciente.telefone_validacao_removida"), 1);
  });

  await t.step("answers 404 for an unknown patient", async () => {
    const res = await ctx.req("DELETE", "/api/pacientes/999999/validacao-telefone", { token });
    assert.equal(res.status, 404);
  });
});
