/**
 * No double booking, by construction: many operators race for the last place of a slot over
 * separate connections. On Postgres the racers are held on the slot's row lock until they are
 * all waiting at once (proof they truly run in parallel), then released together. On PGlite the
 * same requests run serialized and must give the same outcome.
 */
import { strict as assert } from "node:assert";
import { openPostgres } from "../../db/postgres_driver.ts";
import { dbTest, makeCtx, TEST_PG_URL, type TestCtx } from "../../testing/harness.ts";
import {
  backlogItem,
  paciente,
  slot,
  slotState,
  world,
} from "../../testing/fixtures/agendamentos.ts";

const MENSAGEM = "Este horário acabou de ser ocupado. Escolha outro.";

/** A second app on its own connection pool (Postgres), sharing the test database. */
async function racerCtx(ctx: TestCtx, max: number) {
  if (ctx.driver !== "postgres") return { racer: ctx, close: async () => {} };
  const [{ db }] = await ctx.db.sql<{ db: string }>`select current_database() as db`;
  const url = new URL(TEST_PG_URL);
  url.pathname = `/${db}`;
  const pool = openPostgres(url.toString(), { max });
  return { racer: makeCtx("postgres", pool), close: () => pool.close() };
}

/**
 * Holds the slot row locked while `fire` starts, waits until `waiting` backends are blocked on
 * it, then releases. Answers the results and how many were blocked at the same time.
 */
async function raceOnLockedSlot<T>(
  ctx: TestCtx,
  slotagendaid: number,
  waiting: number,
  fire: () => Promise<T>,
): Promise<{ results: T; blocked: number }> {
  if (ctx.driver !== "postgres") return { results: await fire(), blocked: 0 };
  let release!: () => void;
  const released = new Promise<void>((r) => (release = r));
  let locked!: () => void;
  const isLocked = new Promise<void>((r) => (locked = r));
  const holder = ctx.db.begin(async (sql) => {
    await sql`select 1 from ca_slotagenda where slotagendaid = ${slotagendaid} for update`;
    locked();
    await released;
  });
  await isLocked;
  const racing = fire();
  let blocked = 0;
  const deadline = Date.now() + 20_000;
  while (Date.now() < deadline) {
    const [{ n }] = await ctx.db.sql<{ n: number }>`
      select count(*)::int as n from pg_stat_activity
      where datname = current_database() and wait_event_type = 'Lock'`;
    blocked = n;
    if (n >= waiting) break;
    await new Promise((r) => setTimeout(r, 25));
  }
  release();
  await holder;
  return { results: await racing, blocked };
}

dbTest("[agendamentos] concurrency: 50 bookings race for the last place", async (t, ctx) => {
  const w = await world(ctx.db);
  const token = await ctx.login("operador");
  const s = await slot(ctx.db, w, { limitevagas: 3 });
  for (let i = 0; i < 2; i++) {
    const res = await ctx.req("POST", "/api/agendamentos", {
      token,
      body: { slotagendaid: s, pacienteid: await paciente(ctx.db) },
    });
    assert.equal(res.status, 201);
  }
  const pacientes = await ctx.db.sql<{ id: number }>`
    insert into ca_paciente (nomecompleto, cpf, telefone)
    select 'Paciente Corrida ' || g, lpad((70000000000 + g)::text, 11, '0'), '11987650000'
    from generate_series(1, 50) g returning pacienteid as id`;
  // one connection per racer: all 50 requests are inside the database at the same time
  const { racer, close } = await racerCtx(ctx, 50);

  await t.step("exactly one wins; the other 49 get 409 slot_indisponivel", async () => {
    try {
      const { results, blocked } = await raceOnLockedSlot(
        ctx,
        s,
        50,
        () =>
          Promise.all(pacientes.map((p) =>
            racer.req("POST", "/api/agendamentos", {
              token,
              body: { slotagendaid: s, pacienteid: p.id },
            })
          )),
      );
      if (ctx.driver === "postgres") {
        assert.equal(blocked, 50, `only ${blocked} racers were waiting at once`);
        const [{ n }] = await ctx.db.sql<{ n: number }>`
          select count(distinct pid)::int as n from pg_stat_activity
          where datname = current_database()`;
        assert.ok(n >= 50, `${n} connections`);
      }
      const won = results.filter((r) => r.status === 201);
      const lost = results.filter((r) => r.status === 409);
      assert.equal(won.length, 1);
      assert.equal(lost.length, 49);
      for (const r of lost) {
        assert.match(r.contentType!, /application\/json/);
        assert.equal(r.body.error.code, "slot_indisponivel");
        assert.equal(r.body.error.message, MENSAGEM);
      }
      assert.equal(won[0].body.ordem, 3);
    } finally {
      await close();
    }
  });

  await t.step("the slot is full with exactly 3 live agendamentos", async () => {
    assert.deepEqual(await slotState(ctx.db, s), { status: "Ocupado", vagas_ocupadas: 3 });
    const rows = await ctx.db.sql<{ ordem: number }>`
      select ordem from ca_agendamento where slotagendaid = ${s} and status <> 'Cancelado'
      order by ordem`;
    assert.deepEqual(rows.map((r) => r.ordem), [1, 2, 3]);
    assert.equal(await ctx.events("agendamento.criado"), 3);
    // the losers wrote nothing: no agendamento, no message, no event
    const [{ n }] = await ctx.db.sql<{ n: number }>`
      select count(*)::int as n from ca_agendamento where slotagendaid = ${s}`;
    assert.equal(n, 3);
    const [{ msgs }] = await ctx.db.sql<{ msgs: number }>`
      select count(*)::int as msgs from ca_notificacao where template = 'confirmacao'`;
    assert.equal(msgs, 3, "two earlier bookings and the winner, each told once");
  });
});

dbTest("[backlog] concurrency: two operators propose the same last place", async (t, ctx) => {
  const w = await world(ctx.db);
  const s = await slot(ctx.db, w);
  const a = await backlogItem(ctx.db, w, { pacienteid: await paciente(ctx.db) });
  const b = await backlogItem(ctx.db, w, { pacienteid: await paciente(ctx.db) });
  const tokens = [await ctx.login("operador"), await ctx.login("gerenciador")];
  const { racer, close } = await racerCtx(ctx, 4);

  await t.step("one proposal wins, the other operator gets 409 and changes nothing", async () => {
    try {
      const { results, blocked } = await raceOnLockedSlot(
        ctx,
        s,
        2,
        () =>
          Promise.all([a, b].map((id, i) =>
            racer.req("PATCH", `/api/backlog/${id}/alocar`, {
              token: tokens[i],
              body: { slotagendaid: s },
            })
          )),
      );
      if (ctx.driver === "postgres") assert.equal(blocked, 2);
      const statuses = results.map((r) => r.status).sort();
      assert.deepEqual(statuses, [200, 409]);
      const lost = results.find((r) => r.status === 409)!;
      assert.equal(lost.body.error.code, "slot_indisponivel");
      assert.equal(lost.body.error.message, MENSAGEM);
    } finally {
      await close();
    }
    assert.deepEqual(await slotState(ctx.db, s), { status: "Ocupado", vagas_ocupadas: 1 });
    const items = await ctx.db.sql<{ status: string }>`
      select status from ca_backlog where backlogid in (${a}, ${b}) order by status`;
    assert.deepEqual(items.map((i) => i.status), ["Aguardando Confirmação", "Pendente"]);
    const [{ n }] = await ctx.db.sql<{ n: number }>`
      select count(*)::int as n from ca_agendamento where slotagendaid = ${s}`;
    assert.equal(n, 1);
    assert.equal(await ctx.events("backlog.alocado"), 1);
  });
});
