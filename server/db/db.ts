/**
 * One database API over two drivers: postgres.js (when DATABASE_URL is set) and PGlite
 * (embedded Postgres in WASM, file-backed under `.data/` or in memory for tests).
 * Services only ever see `Db` and the `Sql` tag from `sql.ts`.
 */
import { makeSql, type Rows, type Sql } from "./sql.ts";

export type { Row, Rows, Sql } from "./sql.ts";

export interface Listener {
  unlisten(): Promise<void>;
}

export interface Db {
  readonly driver: "postgres" | "pglite";
  /** Runs each query on its own (autocommit). */
  readonly sql: Sql;
  /** Runs `fn` in one transaction; it commits when `fn` resolves and rolls back when it throws. */
  begin<T>(fn: (sql: Sql, script: (text: string) => Promise<void>) => Promise<T>): Promise<T>;
  /** Runs a multi-statement script without parameters (migrations, test set-up). */
  script(text: string): Promise<void>;
  /**
   * LISTENs on a channel. `onReconnect` runs after the driver re-established a lost
   * connection, so the caller can catch up on what it missed.
   */
  listen(
    channel: string,
    fn: (payload: string) => void,
    onReconnect?: () => void,
  ): Promise<Listener>;
  close(): Promise<void>;
}

/** Postgres type oids we parse the same way on both drivers. */
export const OID = {
  int8: 20,
  numeric: 1700,
  date: 1082,
  time: 1083,
  timestamp: 1114,
  timestamptz: 1184,
} as const;

/** Same result shapes on both drivers: int8/numeric as numbers, date and time as ISO text. */
export const parsers: Record<number, (value: string) => unknown> = {
  [OID.int8]: (v) => Number(v),
  [OID.numeric]: (v) => Number(v),
  [OID.date]: (v) => v,
  [OID.time]: (v) => v,
};

export function withCount<T>(rows: T[], count: number): Rows<T> {
  const out = rows as Rows<T>;
  out.count = count;
  return out;
}

export async function openDb(opts: { url?: string; dataDir?: string } = {}): Promise<Db> {
  if (opts.url) {
    const { openPostgres } = await import("./postgres_driver.ts");
    return openPostgres(opts.url);
  }
  const { openPglite } = await import("./pglite_driver.ts");
  return openPglite(opts.dataDir);
}

export { makeSql };
