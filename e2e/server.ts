/**
 * Real server instances for the browser tests: `server/main.ts` as a subprocess on a fresh,
 * migrated Postgres database (`freshPostgres` of the test harness), on a free port. Several
 * instances may share one database (same JWT secret), as in production behind a balancer.
 *
 * @example
 * const db = await freshPostgres();
 * const a = await startServer({ databaseUrl: db.url });
 * const b = await startServer({ databaseUrl: db.url });
 * await a.kill(); // the instance dies; pages connected to it must reconnect to b
 */
const ROOT = new URL("../", import.meta.url);
export const E2E_ADMIN = { email: "master@e2e.local", senha: "Master@E2e2026!" };
const JWT_SECRET = "e2e-secret-e2e-secret-e2e-secret-0123456789";

export interface ServerInstance {
  url: string;
  port: number;
  /** Graceful stop (SIGTERM) and wait for the process. */
  stop(): Promise<void>;
  /** Abrupt end (SIGKILL), as a crashed instance. */
  kill(): Promise<void>;
  log(): Promise<string>;
}

function freePort(): number {
  const l = Deno.listen({ hostname: "127.0.0.1", port: 0 });
  const port = (l.addr as Deno.NetAddr).port;
  l.close();
  return port;
}

export async function startServer(opts: {
  /** Postgres URL; undefined: the server's embedded PGlite in `dataDir` (one instance only). */
  databaseUrl: string | undefined;
  dataDir?: string;
  port?: number;
  env?: Record<string, string>;
  /** Permission flags of `deno run` (default `-A`; the deploy test narrows them). */
  flags?: string[];
}): Promise<ServerInstance> {
  const port = opts.port ?? freePort();
  const logPath = await Deno.makeTempFile({ prefix: `e2e-server-${port}-`, suffix: ".log" });
  const child = new Deno.Command(Deno.execPath(), {
    args: ["run", ...(opts.flags ?? ["-A"]), "server/main.ts"],
    cwd: ROOT,
    env: {
      PORT: String(port),
      // Empty (not unset: the child inherits this environment) selects the embedded PGlite.
      DATABASE_URL: opts.databaseUrl ?? "",
      ...(opts.dataDir ? { DATA_DIR: opts.dataDir } : {}),
      JWT_SECRET,
      ADMIN_EMAIL: E2E_ADMIN.email,
      ADMIN_PASSWORD: E2E_ADMIN.senha,
      BCRYPT_COST: "4",
      SEED_DEMO: "false",
      NOTIFY_DRIVER: "outbox",
      PUBLIC_URL: `http://127.0.0.1:${port}`,
      ...opts.env,
    },
    stdin: "null",
    stdout: "piped",
    stderr: "piped",
  }).spawn();
  const file = await Deno.open(logPath, { write: true, append: true });
  // One WritableStream cannot take two pipes at once (the second is refused as locked and
  // its output lost), so each stream writes its chunks to the file itself.
  const pump = async (stream: ReadableStream<Uint8Array>) => {
    try {
      for await (const chunk of stream) await file.write(chunk);
    } catch { /* the process ended */ }
  };
  const pumps = Promise.all([pump(child.stdout), pump(child.stderr)]).finally(() => file.close());
  const url = `http://127.0.0.1:${port}`;
  let exited = false;
  const status = child.status.then((s) => {
    exited = true;
    return s;
  });

  const end = async (signal: Deno.Signal) => {
    if (!exited) {
      try {
        child.kill(signal);
      } catch { /* already gone */ }
    }
    await status;
    await pumps;
  };
  const inst: ServerInstance = {
    url,
    port,
    stop: () => end("SIGTERM"),
    kill: () => end("SIGKILL"),
    log: () => Deno.readTextFile(logPath),
  };

  // Ready when /api/health answers; a process that dies first fails with its log.
  const deadline = Date.now() + 120_000;
  while (true) {
    if (exited) throw new Error(`server exited before ready:\n${await inst.log()}`);
    try {
      const res = await fetch(`${url}/api/health`);
      await res.body?.cancel();
      if (res.ok) break;
    } catch { /* not listening yet */ }
    if (Date.now() > deadline) {
      await inst.kill();
      throw new Error(`server not ready in 120 s:\n${await inst.log()}`);
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  return inst;
}
