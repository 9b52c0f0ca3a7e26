/**
 * One call to get everything a browser test needs: dist/ built, a fresh Postgres database,
 * `instances` server processes on it, the seeded clinic and a headless browser; all torn down
 * after. Register browser tests with `e2eTest` (sanitizers off: subprocesses and sockets live
 * across steps).
 *
 * @example
 * e2eTest("[e2e] login", async (t, s) => {
 *   const page = await newPage(s.browser);
 *   await page.goto(`${s.servers[0].url}/adm/`);
 * });
 */
import type { Db } from "../server/db/db.ts";
import { freshPostgres } from "../server/testing/harness.ts";
import { type Browser, launch } from "./browser.ts";
import { ensureDist } from "./build.ts";
import { type Clinic, seedClinic } from "./seed.ts";
import { type ServerInstance, startServer } from "./server.ts";

export interface Stack {
  db: Db;
  databaseUrl: string;
  servers: ServerInstance[];
  /** URL of the first instance. */
  url: string;
  clinic: Clinic;
  browser: Browser;
}

export async function withStack<T>(
  opts: { instances?: number; dia?: string },
  fn: (s: Stack) => Promise<T>,
): Promise<T> {
  await ensureDist();
  const pg = await freshPostgres(4);
  const servers: ServerInstance[] = [];
  let browser: Browser | undefined;
  try {
    for (let i = 0; i < (opts.instances ?? 1); i++) {
      servers.push(await startServer({ databaseUrl: pg.url }));
    }
    const clinic = await seedClinic(servers[0].url, { dia: opts.dia });
    browser = await launch();
    return await fn({
      db: pg.db,
      databaseUrl: pg.url,
      servers,
      url: servers[0].url,
      clinic,
      browser,
    });
  } catch (err) {
    // The server logs say what the browser could not.
    for (const s of servers) {
      const log = await s.log().catch(() => "");
      if (log.trim()) console.error(`--- server ${s.port} log (tail) ---\n${log.slice(-3000)}`);
    }
    throw err;
  } finally {
    await browser?.close().catch(() => {});
    for (const s of servers) await s.stop().catch(() => {});
    await pg.drop().catch(() => {});
  }
}

/** A browser test (CI installs Chromium: it is never skipped). */
export function e2eTest(name: string, fn: (t: Deno.TestContext) => Promise<void>) {
  Deno.test({
    name,
    sanitizeOps: false,
    sanitizeResources: false,
    fn,
  });
}

/**
 * The same stack on the server's embedded PGlite (no `DATABASE_URL`): one instance (PGlite is one
 * process's database), seeded through the API; no direct database handle.
 */
export async function withPgliteStack<T>(
  opts: { dia?: string },
  fn: (s: Omit<Stack, "db" | "databaseUrl">) => Promise<T>,
): Promise<T> {
  await ensureDist();
  const dataDir = await Deno.makeTempDir({ prefix: "e2e-pglite-" });
  let server: ServerInstance | undefined;
  let browser: Browser | undefined;
  try {
    server = await startServer({ databaseUrl: undefined, dataDir });
    const clinic = await seedClinic(server.url, { dia: opts.dia });
    browser = await launch();
    return await fn({ servers: [server], url: server.url, clinic, browser });
  } catch (err) {
    const log = await server?.log().catch(() => "");
    if (log?.trim()) console.error(`--- server (pglite) log (tail) ---\n${log.slice(-3000)}`);
    throw err;
  } finally {
    await browser?.close().catch(() => {});
    await server?.stop().catch(() => {});
    await Deno.remove(dataDir, { recursive: true }).catch(() => {});
  }
}

/**
 * Steps that build on each other: after a failure the later ones are skipped (ignored) instead
 * of each timing out, and `onFail` (screenshots, page errors) runs before the error is reported.
 *
 * @example
 * const step = chainedSteps(t, () => shot(page, "falha"));
 * await step("creates the unidade", async () => { ... });
 */
export function chainedSteps(t: Deno.TestContext, onFail: () => Promise<unknown>) {
  let failed = false;
  return (name: string, fn: () => Promise<void>) =>
    t.step({
      name,
      ignore: failed,
      fn: async () => {
        try {
          await fn();
        } catch (err) {
          failed = true;
          await onFail().catch(() => {});
          throw err;
        }
      },
    });
}
