/**
 * Counts the statements a service sends: a `Db` whose `sql` and transactions count every query
 * they run (a nested fragment is not a statement; only what is awaited is). For the lean-path
 * tests (`server/booking/statements_test.ts`) and `deno task bench booking`.
 *
 * @example
 * const c = countingDb(ctx.db);
 * await cancelAgendamento(c.db, actor, viewer, id, "motivo");
 * c.stats; // { transactions: 1, inTransaction: 4, outside: 0 }
 */
import type { Db, Sql } from "../db/db.ts";

export interface StatementStats {
  transactions: number;
  /** Statements sent inside `begin` (BEGIN and COMMIT not included). */
  inTransaction: number;
  /** Statements sent on their own (autocommit). */
  outside: number;
}

function counting(sql: Sql, bump: () => void): Sql {
  const tag = ((strings: TemplateStringsArray, ...values: unknown[]) => {
    const q = sql(strings, ...values);
    let counted = false;
    const once = () => {
      if (!counted) bump();
      counted = true;
    };
    const then = q.then.bind(q);
    const fail = q.catch.bind(q);
    Object.assign(q, {
      then: (...a: Parameters<typeof q.then>) => (once(), then(...a)),
      catch: (...a: Parameters<typeof q.catch>) => (once(), fail(...a)),
    });
    return q;
  }) as Sql;
  tag.ident = sql.ident;
  tag.raw = sql.raw;
  tag.join = sql.join;
  Object.defineProperty(tag, "empty", { value: sql.empty });
  return tag;
}

export function countingDb(db: Db): { db: Db; stats: StatementStats; reset(): void } {
  const stats: StatementStats = { transactions: 0, inTransaction: 0, outside: 0 };
  const wrapped: Db = {
    ...db,
    sql: counting(db.sql, () => stats.outside++),
    begin: (fn) =>
      db.begin((sql, script) => {
        stats.transactions++;
        return fn(counting(sql, () => stats.inTransaction++), async (text) => {
          stats.inTransaction++;
          await script(text);
        });
      }),
  };
  return {
    db: wrapped,
    stats,
    reset: () => Object.assign(stats, { transactions: 0, inTransaction: 0, outside: 0 }),
  };
}
