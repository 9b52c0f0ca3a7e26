import { PGlite, type Transaction } from "@electric-sql/pglite";
import { btree_gist } from "@electric-sql/pglite/contrib/btree_gist";
import { pg_trgm } from "@electric-sql/pglite/contrib/pg_trgm";
import { unaccent } from "@electric-sql/pglite/contrib/unaccent";
import { type Db, makeSql, parsers, withCount } from "./db.ts";

export const PGLITE_OPTIONS = { parsers, extensions: { btree_gist, pg_trgm, unaccent } };

function executorOf(conn: PGlite | Transaction) {
  return async (text: string, params: unknown[]) => {
    const result = await conn.query<Record<string, unknown>>(text, params);
    return withCount(result.rows, result.affectedRows || result.rows.length);
  };
}

/** Wraps an open PGlite instance in the `Db` API. */
export function wrapPglite(pg: PGlite): Db {
  return {
    driver: "pglite",
    sql: makeSql(executorOf(pg)),
    begin: (fn) =>
      pg.transaction((tx) =>
        fn(makeSql(executorOf(tx)), async (text) => {
          await tx.exec(text);
        })
      ),
    script: async (text) => {
      await pg.exec(text);
    },
    listen: async (channel, fn) => {
      // PGlite runs in this process: its connection cannot be lost, so no reconnect hook.
      const unsub = await pg.listen(channel, fn);
      return { unlisten: () => unsub() };
    },
    close: () => pg.close(),
  };
}

/** Embedded Postgres: file-backed when `dataDir` is given, in memory otherwise. */
export async function openPglite(dataDir?: string): Promise<Db> {
  if (dataDir) await Deno.mkdir(dataDir, { recursive: true });
  return wrapPglite(await PGlite.create({ dataDir, ...PGLITE_OPTIONS }));
}
