/**
 * The real server (`server/main.ts`) as a child process on a fresh Postgres database, with an
 * admin connection that can kill that database's backends and refuse new connections. For fault
 * tests: what ends or hangs the process must be seen from outside it.
 *
 * @example
 * const s = await startServerProcess();
 * await s.outage(async () => { ... requests while the database refuses connections ... });
 * await s.stop();
 */
import type { Db } from "../db/db.ts";
import { openPostgres } from "../db/postgres_driver.ts";
import { freshPostgres, makeCtx, TEST_PG_URL, type TestCtx } from "./harness.ts";
import type { Role } from "../shared/schemas.ts";

export const JWT_SECRET_FOR_TESTS = "test-secret-test-secret-test-secret!!";

export interface ServerProcess {
  url: string;
  dbName: string;
  ctx: TestCtx;
  child: Deno.ChildProcess;
  /** Resolves with the exit status once the process ended. */
  exited: Promise<Deno.CommandStatus>;
  /** Everything the process printed so far (stdout and stderr). */
  output(): string;
  /** A token from the real login of the child server. */
  login(role: Role): Promise<string>;
  /** Terminates every backend of the test database (the admin connection is elsewhere). */
  killBackends(): Promise<number>;
  /** `allow_connections false` + kill every backend; `refuse(false)` lets them in again. */
  refuse(on: boolean): Promise<void>;
  stop(): Promise<void>;
}

export async function startServerProcess(env: Record<string, string> = {}): Promise<ServerProcess> {
  const fresh = await freshPostgres(2);
  const dbName = new URL(fresh.url).pathname.slice(1);
  const ctx = makeCtx("postgres", fresh.db);
  const admin: Db = openPostgres(TEST_PG_URL, { max: 1 });
  const child = new Deno.Command(Deno.execPath(), {
    args: ["run", "-A", new URL("../main.ts", import.meta.url).pathname],
    env: {
      DATABASE_URL: fresh.url,
      PORT: "0",
      JWT_SECRET: JWT_SECRET_FOR_TESTS,
      BCRYPT_COST: "4",
      SEED_DEMO: "false",
      ADMIN_EMAIL: "",
      ADMIN_PASSWORD: "",
      DATABASE_POOL_SIZE: "4",
      ...env,
    },
    stdout: "piped",
    stderr: "piped",
  }).spawn();
  let out = "";
  let announce: (url: string) => void;
  const listening = new Promise<string>((r) => announce = r);
  const pump = async (stream: ReadableStream<Uint8Array>) => {
    const dec = new TextDecoder();
    for await (const chunk of stream) {
      out += dec.decode(chunk, { stream: true });
      const m = /em (http:\/\/localhost:\d+)/.exec(out);
      if (m) announce(m[1].replace("localhost", "127.0.0.1"));
    }
  };
  const pumps = Promise.all([pump(child.stdout), pump(child.stderr)]);
  const exited = child.status.then(async (s) => {
    await pumps.catch(() => {});
    return s;
  });
  const url = await Promise.race([
    listening,
    exited.then((s) => {
      throw new Error(`server exited (${s.code}) before listening:\n${out}`);
    }),
  ]);

  const tokens = new Map<Role, Promise<string>>();
  const killBackends = async () => {
    const rows = await admin.sql<{ ok: boolean }>`
      select pg_terminate_backend(pid) as ok from pg_stat_activity
      where datname = ${dbName} and pid <> pg_backend_pid()`;
    return rows.length;
  };
  const proc: ServerProcess = {
    url,
    dbName,
    ctx,
    child,
    exited,
    output: () => out,
    login: (role) => {
      if (!tokens.has(role)) {
        tokens.set(
          role,
          (async () => {
            await ctx.userId(role);
            const res = await fetch(`${url}/api/auth/login`, {
              method: "POST",
              headers: { "content-type": "application/json" },
              body: JSON.stringify({ email: `${role}@teste.local`, senha: "Senha@Teste123" }),
            });
            const body = await res.json();
            if (res.status !== 200) throw new Error(`login failed: ${JSON.stringify(body)}`);
            return body.token as string;
          })(),
        );
      }
      return tokens.get(role)!;
    },
    killBackends,
    refuse: async (on) => {
      await admin.script(`alter database "${dbName}" with allow_connections ${!on}`);
      if (on) await killBackends();
    },
    stop: async () => {
      await admin.script(`alter database "${dbName}" with allow_connections true`).catch(() => {});
      try {
        child.kill("SIGKILL");
      } catch { /* already gone */ }
      await exited;
      await fresh.drop().catch(() => {});
      await admin.close();
    },
  };
  return proc;
}

/** Waits until `fn` answers true, polling every `every` ms; throws after `ms`. */
export async function waitFor(
  fn: () => boolean | Promise<boolean>,
  ms: number,
  what: string,
  every = 50,
) {
  const deadline = Date.now() + ms;
  while (!(await fn())) {
    if (Date.now() > deadline) throw new Error(`timeout waiting for ${what}`);
    await new Promise((r) => setTimeout(r, every));
  }
}
