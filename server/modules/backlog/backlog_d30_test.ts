/**
 * Regra D-30: items "Agendado", "Compareceu", "Não Compareceu" or "Cancelado" whose date has
 * passed stay in the backlog list only for 30 days. The date is the consultation's; for a
 * cancelled request, the later of its last consultation and the cancellation itself (a request
 * cancelled yesterday shows, even if a place it once refused was long ago).
 */
import { strict as assert } from "node:assert";
import { dbTest } from "../../testing/harness.ts";
import { backlogItem, paciente, slot, world } from "../../testing/fixtures/agendamentos.ts";

dbTest("[backlog] GET /api/backlog applies the D-30 retention rule", async (t, ctx) => {
  const w = await world(ctx.db);
  const vis = await ctx.login("visualizador");
  const me = await ctx.paciente();
  /** A request in `status` whose (last) agendamento is `dias` from today. */
  const item = async (status: string, dias: number | null, o: { pacienteid?: number } = {}) => {
    const pac = o.pacienteid ?? await paciente(ctx.db);
    const b = await backlogItem(ctx.db, w, { pacienteid: pac });
    await ctx.db.sql`update ca_backlog set status = ${status} where backlogid = ${b}`;
    if (dias !== null) {
      const s = await slot(ctx.db, w, { dias });
      const ag = status === "Compareceu"
        ? "Concluído"
        : status === "Não Compareceu"
        ? "Não Compareceu"
        : status === "Cancelado"
        ? "Cancelado"
        : "Ativo";
      await ctx.db.sql`
        insert into ca_agendamento (slotagendaid, pacienteid, backlogid, protocolo, ordem, status)
        values (${s}, ${pac}, ${b}, ${"D30-" + b}, 1, ${ag})`;
    }
    return b;
  };
  const ag29 = await item("Agendado", -29);
  const ag31 = await item("Agendado", -31);
  const nc29 = await item("Não Compareceu", -29);
  const nc31 = await item("Não Compareceu", -31);
  const co31 = await item("Compareceu", -31, { pacienteid: me.pacienteid });
  const co1 = await item("Compareceu", -1, { pacienteid: me.pacienteid });
  // refused a place 40 days ago, then cancelled by the patient yesterday
  const cancelOntem = await item("Cancelado", -40);
  await ctx.db.sql`update ca_backlog set updated_at = now() - interval '1 day'
                   where backlogid = ${cancelOntem}`;
  // its consultation was 35 days ago and it was cancelled before that
  const cancelAntigo = await item("Cancelado", -35);
  await ctx.db.sql`update ca_backlog set updated_at = now() - interval '36 days'
                   where backlogid = ${cancelAntigo}`;
  // cancelled 40 days ago, for a consultation still ahead
  const cancelFuturo = await item("Cancelado", 10);
  await ctx.db.sql`update ca_backlog set updated_at = now() - interval '40 days'
                   where backlogid = ${cancelFuturo}`;
  const pendenteAntigo = await item("Pendente", null);
  await ctx.db.sql`update ca_backlog set created_at = now() - interval '200 days',
                   updated_at = now() - interval '200 days' where backlogid = ${pendenteAntigo}`;

  const shown = async (token: string, query = "status=todos&limit=200") => {
    const res = await ctx.req("GET", `/api/backlog?${query}`, { token });
    assert.equal(res.status, 200);
    return new Set<number>(res.body.items.map((i: { backlogid: number }) => i.backlogid));
  };

  await t.step("the staff list keeps finished items for 30 days after their date", async () => {
    const s = await shown(vis);
    const expect: [number, boolean, string][] = [
      [ag29, true, "Agendado 29 days ago"],
      [ag31, false, "Agendado 31 days ago"],
      [nc29, true, "Não Compareceu 29 days ago"],
      [nc31, false, "Não Compareceu 31 days ago"],
      [co31, false, "Compareceu 31 days ago"],
      [co1, true, "Compareceu yesterday"],
      [cancelOntem, true, "cancelled yesterday (refused an old place)"],
      [cancelAntigo, false, "cancelled 36 days ago for a consultation 35 days ago"],
      [cancelFuturo, true, "cancelled, consultation date still ahead"],
      [pendenteAntigo, true, "Pendente is never hidden"],
    ];
    for (const [id, visible, what] of expect) assert.equal(s.has(id), visible, what);
  });

  await t.step("the rule holds with a status filter and for the patient", async () => {
    const agendados = await shown(vis, "status=Agendado");
    assert.ok(agendados.has(ag29));
    assert.ok(!agendados.has(ag31));
    const mine = await shown(me.token);
    assert.deepEqual([...mine].sort((a, b) => a - b), [co1]);
    const total = await ctx.req("GET", "/api/backlog?status=Compareceu", { token: vis });
    assert.equal(total.body.total, 1);
  });
});
