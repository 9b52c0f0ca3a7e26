/**
 * The soft-delete helper on one table: codes, 404, the module's rule, whole-row snapshots and
 * nothing changed on a refusal. Each module's own tests cover its precondition through HTTP.
 */
import { strict as assert } from "node:assert";
import { SYSTEM } from "../events/record.ts";
import { conflict } from "../http/errors.ts";
import { dbTest } from "../testing/harness.ts";
import { changeStatus, type SoftDeletable } from "./soft_delete.ts";
import { STATUS } from "./statuses.ts";

type Tipo = { tiposlotid: number; nome: string; status: string };

const spec = (refuse = false): SoftDeletable<Tipo> => ({
  table: "ca_tiposlot",
  idColumn: "tiposlotid",
  entity: "tiposlot",
  nome: "Tipo de slot",
  read: async (sql, id) =>
    (await sql<Tipo>`select tiposlotid, nome, status from ca_tiposlot where tiposlotid = ${id}`)[0],
  topics: () => ["config"],
  kinds: { Inativo: "tiposlot.inativado", Ativo: "tiposlot.reativado" },
  check: () => refuse ? Promise.reject(conflict("em_uso", "Em uso.")) : Promise.resolve(),
});

dbTest("[shared] changeStatus (soft delete and reactivation)", async (t, ctx) => {
  const [{ tiposlotid: id }] = await ctx.db.sql<{ tiposlotid: number }>`
    insert into ca_tiposlot (nome, finalidade, canalorigem, cor, agendavel)
    values ('Retorno', 'Retorno', 'ADM', '#112233', true) returning tiposlotid`;
  const state = async () =>
    JSON.stringify(
      await ctx.db.sql`select status, updated_at,
        (select count(*)::int from ca_evento) as eventos from ca_tiposlot where tiposlotid = ${id}`,
    );
  const change = (to: "Ativo" | "Inativo", s = spec()) =>
    ctx.db.begin((sql) => changeStatus(sql, SYSTEM, s, id, to));
  const refused = async (to: "Ativo" | "Inativo", s: SoftDeletable<Tipo>, code: string) => {
    const before = await state();
    await assert.rejects(change(to, s), (e: { code?: string }) => e.code === code);
    assert.equal(await state(), before);
  };

  await t.step("the module's rule refuses with its own error, nothing changed", async () => {
    await refused(STATUS.inativo, spec(true), "em_uso");
  });

  await t.step("inactivates, with the whole row before and after in the event", async () => {
    const row = await change(STATUS.inativo);
    assert.equal(row.status, "Inativo");
    const [ev] = await ctx.db.sql<{ kind: string; before: Tipo; after: Tipo; topics: string[] }>`
      select kind, before, after, topics from ca_evento order by id desc limit 1`;
    assert.equal(ev.kind, "tiposlot.inativado");
    assert.deepEqual(ev.before, { tiposlotid: id, nome: "Retorno", status: "Ativo" });
    assert.deepEqual(ev.after, { tiposlotid: id, nome: "Retorno", status: "Inativo" });
    assert.deepEqual(ev.topics, ["config"]);
  });

  await t.step("already inactive: 409 ja_inativo, nothing changed", async () => {
    await refused(STATUS.inativo, spec(), "ja_inativo");
  });

  await t.step("reactivates; already active: 409 ja_ativo", async () => {
    assert.equal((await change(STATUS.ativo)).status, "Ativo");
    await refused(STATUS.ativo, spec(), "ja_ativo");
  });

  await t.step("an unknown id answers 404", async () => {
    await assert.rejects(
      ctx.db.begin((sql) => changeStatus(sql, SYSTEM, spec(), 999_999, STATUS.inativo)),
      (e: { status?: number }) => e.status === 404,
    );
  });
});
