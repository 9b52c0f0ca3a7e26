import postgres from "./pg_client.ts";
import { INSTANCE_NAME } from "../ops/log.ts";
import { type Db, makeSql, OID, parsers, withCount } from "./db.ts";
import { isDbUnavailable, isReadOnly, isRefused, neverSent } from "./faults.ts";
import { installArrayTypes } from "./pg_arrays.ts";
import { type ListenFn, PgListener } from "./pg_listener.ts";

type PgSql = postgres.Sql<Record<string, never>>;

/**
 * Attempts per statement when the connection fails under it. A pool whose connections were all
 * killed hands out dead ones until each has failed once; the retries drain them.
 */
const ATTEMPTS = 6;
const backoffMs = (attempt: number) => (attempt === 0 ? 0 : Math.min(400, 25 * 2 ** attempt));
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

function executorOf(conn: PgSql | postgres.TransactionSql, onSend?: () => void) {
  return async (text: string, params: unknown[]) => {
    onSend?.();
    const result = await conn.unsafe(text, params as postgres.ParameterOrJSON<never>[]);
    return withCount([...result] as Record<string, unknown>[], result.count);
  };
}

/** A database refusing connections refuses the next attempt too: try once more, then 503. */
const REFUSED_ATTEMPTS = 2;

/** Runs `run` again while it fails with a connection error that `safe` says may be retried. */
async function retrying<T>(run: () => Promise<T>, safe: (err: unknown) => boolean): Promise<T> {
  let refused = 0;
  for (let attempt = 0;; attempt++) {
    try {
      return await run();
    } catch (err) {
      if (isRefused(err)) refused++;
      if (attempt + 1 >= ATTEMPTS || refused >= REFUSED_ATTEMPTS || !safe(err)) throw err;
      await sleep(backoffMs(attempt + 1));
    }
  }
}

export function pgOptions(max: number) {
  return {
    max,
    onnotice: () => {},
    connection: { application_name: INSTANCE_NAME },
    // Our own array types instead of the start-up catalog query (see pg_arrays.ts).
    fetch_types: false,
    // A database that does not answer a connection attempt fails the request within seconds.
    connect_timeout: 5,
    // postgres.js waits (0.5–1) × min(3^failures / 100, 20) s before reusing a connection slot
    // whose connect failed: after an outage of a few seconds every slot sat idle for up to 20 s
    // while requests queued. Requests already retry with their own short backoff.
    backoff: (failures: number) => Math.min(0.05 * failures, 0.5),
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
  };
}

/**
 * While the database has been failing, a read that gets no answer within `READ_DEADLINE_MS`
 * answers 503 instead of waiting on a connection that may never come (a pool slot stuck in
 * postgres.js's reconnect loop). Reads only: abandoning a write could hide a commit.
 */
const READ_DEADLINE_MS = 8000;
const FAILING_WINDOW_MS = 30_000;

function healthTracker() {
  let failedAt = 0;
  return {
    ok() {
      failedAt = 0;
    },
    failed() {
      failedAt = Date.now();
    },
    bounded<T>(run: Promise<T>): Promise<T> {
      let timer: ReturnType<typeof setTimeout> | undefined;
      const deadline = new Promise<never>((_, reject) => {
        timer = setTimeout(() => {
          if (failedAt && Date.now() - failedAt < FAILING_WINDOW_MS) {
            reject(Object.assign(new Error("read deadline while the database fails"), {
              code: "CONNECT_TIMEOUT",
            }));
          }
        }, READ_DEADLINE_MS);
      });
      return Promise.race([run, deadline]).finally(() => clearTimeout(timer));
    },
  };
}

export function openPostgres(url: string, options: { max?: number } = {}): Db {
  const health = healthTracker();
  const max = options.max ?? Number(Deno.env.get("DATABASE_POOL_SIZE") ?? 10);
  const conn = postgres(url, pgOptions(max)) as unknown as PgSql;
  installArrayTypes(conn.options);
  const listener = new PgListener(url);

  return {
    driver: "postgres",
    // Reads are retried on any connection failure; writes only when they never left.
    sql: makeSql((text, params) => {
      const read = isReadOnly(text);
      return retrying(
        () => {
          const run = executorOf(conn)(text, params);
          return read ? health.bounded(run) : run;
        },
        (err) => neverSent(err) || (read && isDbUnavailable(err)),
      ).then((rows) => {
        health.ok();
        return rows;
      }, (err) => {
        if (isDbUnavailable(err)) health.failed();
        throw err;
      });
    }),
    begin: (fn) => {
      // A transaction is retried only when it failed before its first statement was sent
      // (dead pooled connection, BEGIN refused): then `fn` has not run at all.
      let sent = false;
      return retrying(
        () => {
          sent = false;
          return conn.begin((tx) =>
            fn(
              makeSql(executorOf(tx, () => sent = true)),
              async (text) => {
                sent = true;
                await tx.unsafe(text);
              },
            )
          ) as Promise<never>;
        },
        (err) => !sent && isDbUnavailable(err),
      );
    },
    script: async (text) => {
      await conn.unsafe(text);
    },
    listen: (channel: string, fn: ListenFn, onReconnect?: () => void) =>
      listener.listen(channel, fn, onReconnect),
    close: async () => {
      await listener.close();
      await conn.end({ timeout: 5 });
    },
  };
}
