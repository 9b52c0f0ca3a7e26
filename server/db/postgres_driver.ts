import postgres from "postgres";
import { INSTANCE_NAME } from "../ops/log.ts";
import { type Db, makeSql, OID, parsers, withCount } from "./db.ts";

type PgSql = postgres.Sql<Record<string, never>>;

function executorOf(conn: PgSql | postgres.TransactionSql) {
  return async (text: string, params: unknown[]) => {
    const result = await conn.unsafe(text, params as postgres.ParameterOrJSON<never>[]);
    return withCount([...result] as Record<string, unknown>[], result.count);
  };
}

export function openPostgres(url: string, options: { max?: number } = {}): Db {
  const conn = postgres(url, {
    max: options.max ?? Number(Deno.env.get("DATABASE_POOL_SIZE") ?? 10),
    onnotice: () => {},
    connection: { application_name: INSTANCE_NAME },
    types: {
      int8: { to: OID.int8, from: [OID.int8], serialize: String, parse: parsers[OID.int8] },
      numeric: {
        to: OID.numeric,
        from: [OID.numeric],
        serialize: String,
        parse: parsers[OID.numeric],
      },
      date: { to: OID.date, from: [OID.date], serialize: String, parse: parsers[OID.date] },
    },
  }) as unknown as PgSql;

  return {
    driver: "postgres",
    sql: makeSql(executorOf(conn)),
    begin: (fn) =>
      conn.begin((tx) =>
        fn(makeSql(executorOf(tx)), async (text) => {
          await tx.unsafe(text);
        })
      ) as never,
    script: async (text) => {
      await conn.unsafe(text);
    },
    listen: async (channel, fn, onReconnect) => {
      let first = true;
      const sub = await conn.listen(channel, fn, () => {
        if (!first) onReconnect?.();
        first = false;
      });
      return { unlisten: () => sub.unlisten() };
    },
    close: () => conn.end({ timeout: 5 }),
  };
}
