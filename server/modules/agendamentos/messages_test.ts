/**
 * Booking messages reach the patient on every channel on file: WhatsApp to the phone, e-mail to
 * the address (Mailjet when configured), each once (idempotency key per template, event and
 * channel).
 */
import { strict as assert } from "node:assert";
import { dbTest, type TestCtx } from "../../testing/harness.ts";
import { backlogItem, paciente, slot, world } from "../../testing/fixtures/agendamentos.ts";

const rows = (ctx: TestCtx, pacienteid: number) =>
  ctx.db.sql<{ template: string; canal: string; destino: string; assunto: string; corpo: string }>`
    select template, canal, destino, assunto, corpo from ca_notificacao
    where pacienteid = ${pacienteid} order by notificacaoid`;

dbTest("[agendamentos] booking messages go by WhatsApp and e-mail", async (t, ctx) => {
  const w = await world(ctx.db);
  const op = await ctx.login("operador");
  const ambos = await paciente(ctx.db, { nome: "Lúcia Ramos" });
  await ctx.db.sql`update ca_paciente set email = 'lucia@example.com' where pacienteid = ${ambos}`;
  const soEmail = await paciente(ctx.db, { nome: "Marcos Dias", telefone: null });
  await ctx.db.sql`update ca_paciente set email = 'marcos@example.com'
                   where pacienteid = ${soEmail}`;
  const nenhum = await paciente(ctx.db, { nome: "Nair Costa", telefone: null });

  await t.step(
    "proposal and confirmation: one row per channel, e-mail with a subject",
    async () => {
      const item = await backlogItem(ctx.db, w, { pacienteid: ambos });
      const s = await slot(ctx.db, w, { dias: 4, hora: "10:00" });
      const prop = await ctx.req("PATCH", `/api/backlog/${item}/alocar`, {
        token: op,
        body: { slotagendaid: s },
      });
      assert.equal(prop.status, 200);
      const conf = await ctx.req("PATCH", `/api/backlog/${item}/confirmar`, { token: op });
      assert.equal(conf.status, 200);
      const r = await rows(ctx, ambos);
      assert.deepEqual(r.map((m) => [m.template, m.canal, m.destino]), [
        ["proposta", "whatsapp", "11987654321"],
        ["proposta", "email", "lucia@example.com"],
        ["confirmacao", "whatsapp", "11987654321"],
        ["confirmacao", "email", "lucia@example.com"],
      ]);
      const email = r.find((m) => m.template === "confirmacao" && m.canal === "email")!;
      assert.match(email.assunto, /Cardiologia/);
      assert.match(email.corpo, new RegExp(conf.body.agendamento.protocolo));
    },
  );

  await t.step("a patient with e-mail only is told by e-mail; with neither, nothing", async () => {
    for (const pacienteid of [soEmail, nenhum]) {
      const res = await ctx.req("POST", "/api/agendamentos", {
        token: op,
        body: { slotagendaid: await slot(ctx.db, w, { dias: 5 }), pacienteid },
      });
      assert.equal(res.status, 201);
      const cancel = await ctx.req("PUT", `/api/agendamentos/${res.body.agendamentoid}/cancelar`, {
        token: op,
        body: { motivo: "Médico de férias" },
      });
      assert.equal(cancel.status, 200);
    }
    const r = await rows(ctx, soEmail);
    assert.deepEqual(r.map((m) => [m.template, m.canal]), [
      ["confirmacao", "email"],
      ["cancelamento", "email"],
    ]);
    assert.match(r[1].corpo, /Motivo: Médico de férias/);
    assert.equal((await rows(ctx, nenhum)).length, 0);
  });
});
