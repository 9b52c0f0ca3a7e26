/**
 * One NOTIFY per transaction (migration 200, `server/db/commit.ts`): every state change the
 * API makes sends exactly one notification on `ca_commit`, naming the work it left, however many
 * statements wrote events, outbox rows or ended sessions. Counted on a LISTEN of the test's own:
 * a sentinel NOTIFY sent after the request arrives after every notification of the request's
 * transaction (notifications are delivered in commit order), so what came in between is exactly
 * what the request sent.
 */
import { strict as assert } from "node:assert";
import { dbTest, type TestCtx } from "../testing/harness.ts";
import { backlogItem, diaMais, paciente, slot, world } from "../testing/fixtures/agendamentos.ts";
import { COMMIT_CHANNEL } from "./commit.ts";

/** The notifications `fn` caused, in order. */
async function notifiesOf(ctx: TestCtx) {
  const seen: string[] = [];
  const waiters = new Map<string, () => void>();
  const listener = await ctx.db.listen(COMMIT_CHANNEL, (p) => {
    seen.push(p);
    waiters.get(p)?.();
  });
  let n = 0;
  const sentinel = async () => {
    const mark = `sentinel ${++n}`;
    const arrived = new Promise<void>((r) => waiters.set(mark, r));
    await ctx.db.sql`select pg_notify(${COMMIT_CHANNEL}, ${mark})`;
    await arrived;
    return seen.indexOf(mark);
  };
  return {
    listener,
    async during(fn: () => Promise<unknown>): Promise<string[]> {
      const from = await sentinel();
      await fn();
      const to = await sentinel();
      return seen.slice(from + 1, to);
    },
  };
}

dbTest("[db] every state change sends one NOTIFY naming its work", async (t, ctx) => {
  const w = await world(ctx.db);
  const op = await ctx.login("operador");
  const adm = await ctx.login("administrador");
  const ana = await paciente(ctx.db, { nome: "Ana Aviso" });
  const bia = await paciente(ctx.db, { nome: "Bia Bloco" });
  const caio = await paciente(ctx.db, { nome: "Caio Cancela" });
  const s1 = await slot(ctx.db, w, { dias: 7, hora: "09:00", limitevagas: 4 });
  const s2 = await slot(ctx.db, w, { dias: 9, hora: "10:00", limitevagas: 4 });
  const item = await backlogItem(ctx.db, w, { pacienteid: bia });
  const { listener, during } = await notifiesOf(ctx);
  const ok = async (method: string, path: string, body?: unknown) => {
    const res = await ctx.req(method, path, { token: op, body });
    assert.ok(res.status < 300, `${method} ${path}: ${res.status} ${JSON.stringify(res.body)}`);
    return res.body;
  };

  try {
    let agendamentoid = 0;
    await t.step("a booking (event + confirmation messages)", async () => {
      const got = await during(async () => {
        ({ agendamentoid } = await ok("POST", "/api/agendamentos", {
          slotagendaid: s1,
          pacienteid: ana,
        }));
      });
      assert.deepEqual(got, ["evento notificacao"]);
    });

    await t.step("a cancellation", async () => {
      const got = await during(() =>
        ok("PUT", `/api/agendamentos/${agendamentoid}/cancelar`, { motivo: "Pedido" })
      );
      assert.deepEqual(got, ["evento notificacao"]);
    });

    await t.step("a proposal and its confirmation", async () => {
      const proposed = await during(() =>
        ok("PATCH", `/api/backlog/${item}/alocar`, { slotagendaid: s1 })
      );
      assert.equal(proposed.length, 1, JSON.stringify(proposed));
      assert.match(proposed[0], /^evento( notificacao)?$/);
      const confirmed = await during(() => ok("PATCH", `/api/backlog/${item}/confirmar`));
      assert.equal(confirmed.length, 1, JSON.stringify(confirmed));
      assert.match(confirmed[0], /^evento( notificacao)?$/);
    });

    await t.step("a mass cancellation of several bookings (many rows, one NOTIFY)", async () => {
      for (const p of [ana, caio]) {
        await ok("POST", "/api/agendamentos", { slotagendaid: s2, pacienteid: p });
      }
      const got = await during(async () => {
        const res = await ctx.req("POST", "/api/cancelamento-massa/executar", {
          token: adm,
          body: {
            data_inicio: diaMais(9),
            data_fim: diaMais(9),
            motivo: "Reforma",
            mover_para_backlog: true,
          },
        });
        assert.equal(res.status, 200, JSON.stringify(res.body));
        assert.equal(res.body.pacientes_afetados, 2);
      });
      assert.deepEqual(got, ["evento notificacao"]);
    });

    await t.step("a deactivated patient: its event and the end of its sessions", async () => {
      const me = await ctx.paciente();
      const got = await during(async () => {
        const res = await ctx.req("DELETE", `/api/pacientes/${me.pacienteid}`, { token: op });
        assert.equal(res.status, 200, JSON.stringify(res.body));
      });
      assert.deepEqual(got, ["evento sessao"]);
    });

    await t.step("a resend: the event and the outbox row due again", async () => {
      const [{ id }] = await ctx.db.sql<{ id: number }>`
        insert into ca_notificacao (canal, destino, template, corpo, idempotency_key, status)
        values ('email', 'x@example.com', 'teste', 'Olá', 'commit-test-1', 'falhou')
        returning notificacaoid as id`;
      const got = await during(async () => {
        const res = await ctx.req("POST", `/api/notificacoes/${id}/reenviar`, { token: adm });
        assert.equal(res.status, 200, JSON.stringify(res.body));
      });
      assert.deepEqual(got, ["evento notificacao"]);
    });

    await t.step("reads and refused writes send none", async () => {
      const got = await during(async () => {
        await ok("GET", `/api/agendamentos?data=${diaMais(7)}`);
        const res = await ctx.req("POST", "/api/agendamentos", {
          token: op,
          body: { slotagendaid: s1, pacienteid: 999999 },
        });
        assert.equal(res.status, 404);
      });
      assert.deepEqual(got, []);
    });

    await t.step("a rolled-back savepoint takes its work along", async () => {
      const got = await during(() =>
        ctx.db.begin(async (sql, script) => {
          await script("savepoint s");
          await sql`insert into ca_notificacao (canal, destino, template, corpo, idempotency_key)
                    values ('email', 'y@example.com', 'teste', 'Oi', 'commit-test-2')`;
          await script("rollback to savepoint s");
          await sql`insert into ca_evento (actor_tipo, kind, entity, entity_id)
                    values ('sistema', 'clinica.configuracao_atualizada', 'teste', '1'),
                           ('sistema', 'clinica.configuracao_atualizada', 'teste', '2')`;
          await sql`insert into ca_evento (actor_tipo, kind, entity, entity_id)
                    values ('sistema', 'clinica.configuracao_atualizada', 'teste', '3')`;
        })
      );
      assert.deepEqual(got, ["evento"]);
    });
  } finally {
    await listener.unlisten();
  }
});
