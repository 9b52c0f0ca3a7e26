import { strict as assert } from "node:assert";
import { Fragment, makeSql } from "./sql.ts";

const sql = makeSql(() => Promise.reject(new Error("not executed")));

Deno.test("[db] sql tag compiles to numbered parameters", async (t) => {
  await t.step("every value is a parameter, never text", () => {
    const q =
      sql`select * from ca_paciente where cpf = ${"1'; drop table x;--"} and status = ${"Ativo"}`;
    assert.deepEqual(q.compile(), {
      text: "select * from ca_paciente where cpf = $1 and status = $2",
      params: ["1'; drop table x;--", "Ativo"],
    });
  });

  await t.step("nested fragments are inlined and renumbered", () => {
    const filter = sql`and unidadeid = ${3}`;
    const q = sql`select 1 from ca_medico where nomecompleto ilike ${"%a%"} ${filter} limit ${10}`;
    assert.deepEqual(q.compile(), {
      text: "select 1 from ca_medico where nomecompleto ilike $1 and unidadeid = $2 limit $3",
      params: ["%a%", 3, 10],
    });
  });

  await t.step("join, empty, identifiers and raw text", () => {
    const conds = [sql`a = ${1}`, sql`b = ${2}`];
    const q = sql`select ${sql.ident('we"ird')} from t where ${
      sql.join(conds, sql` and `)
    } ${sql.empty} order by ${sql.raw("id desc")}`;
    assert.deepEqual(q.compile(), {
      text: 'select "we""ird" from t where a = $1 and b = $2  order by id desc',
      params: [1, 2],
    });
    assert.ok(sql.join([], sql`,`) instanceof Fragment);
    assert.equal(sql.join([], sql`,`).compile().text, "");
  });

  await t.step("undefined becomes null", () => {
    assert.deepEqual(sql`select ${undefined}`.compile().params, [null]);
  });
});
