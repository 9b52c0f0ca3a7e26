import { strict as assert } from "node:assert";
import { dbTest } from "../testing/harness.ts";
import { notifyPaciente } from "./paciente.ts";

const DATA = {
  paciente: "Maria Aparecida da Silva",
  // 2026-03-10 13:00 UTC = 10:00 in São Paulo
  inicio: "2026-03-10T13:00:00Z",
  timezone: "America/Sao_Paulo",
  medico: "Dr. João Pereira",
  especialidade: "Pediatria",
  unidade: { nome: "UBS Centro" },
  protocolo: "AG-2026-000001",
};

dbTest("[notify] notifyPaciente renders and enqueues to each contact", async (t, ctx) => {
  const [ambos] = await ctx.db.sql<{ pacienteid: number }>`
    insert into ca_paciente (nomecompleto, cpf, telefone, email)
    values ('Maria Aparecida da Silva', '52998224725', '11987654321', 'maria@example.com')
    returning pacienteid`;
  const [nenhum] = await ctx.db.sql<{ pacienteid: number }>`
    insert into ca_paciente (nomecompleto, cpf) values ('José Sem Contato', '11144477735')
    returning pacienteid`;

  await t.step("WhatsApp to the phone and e-mail with the subject", async () => {
    const ids = await notifyPaciente(ctx.db.sql, ambos.pacienteid, "confirmacao", DATA, {
      chave: "7",
      payload: { agendamentoid: 7 },
    });
    assert.equal(ids.length, 2);
    const rows = await ctx.db.sql`
      select canal, destino, template, assunto, idempotency_key, payload, pacienteid
      from ca_notificacao order by canal`;
    assert.deepEqual(rows.map((r) => [r.canal, r.destino, r.idempotency_key]), [
      ["email", "maria@example.com", "confirmacao:7:email"],
      ["whatsapp", "11987654321", "confirmacao:7:whatsapp"],
    ]);
    assert.equal(rows[0].assunto, "Consulta confirmada: Pediatria em 10/03 às 10:00");
    assert.deepEqual(rows[0].payload, { agendamentoid: 7 });
    assert.equal(rows[0].pacienteid, ambos.pacienteid);
  });

  await t.step("the same chave enqueues nothing twice", async () => {
    const ids = await notifyPaciente(ctx.db.sql, ambos.pacienteid, "confirmacao", DATA, {
      chave: "7",
    });
    assert.deepEqual(ids, []);
    const [{ n }] = await ctx.db.sql<{ n: number }>`select count(*)::int as n from ca_notificacao`;
    assert.equal(n, 2);
  });

  await t.step("a patient without phone or e-mail, or unknown, gets nothing", async () => {
    assert.deepEqual(
      await notifyPaciente(ctx.db.sql, nenhum.pacienteid, "confirmacao", DATA, { chave: "8" }),
      [],
    );
    assert.deepEqual(
      await notifyPaciente(ctx.db.sql, 999999, "confirmacao", DATA, { chave: "9" }),
      [],
    );
  });
});
