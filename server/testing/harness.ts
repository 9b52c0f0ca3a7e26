/**
 * Test harness: every database test runs twice, on real Postgres and on PGlite, each time on a
 * fresh database cloned from a migrated template (Postgres `create database … template`, PGlite
 * `loadDataDir`). Requests go through the real Hono app.
 *
 * @example
 * dbTest("[especialidades] POST /api/especialidades", async (t, ctx) => {
 *   const token = await ctx.login("gerenciador");
 *   const res = await ctx.req("POST", "/api/especialidades", { token, body: { nome: "Pediatria", limitevagas: 4 } });
 *   assertEquals(res.status, 201);
 * });
 */
import { PGlite, type PGliteOptions } from "@electric-sql/pglite";
import { type App, createApp } from "../app.ts";
import type { Deps } from "../app_env.ts";
import { hashPassword } from "../auth/passwords.ts";
import { type Config, loadConfig } from "../config.ts";
import type { Db } from "../db/db.ts";
import { PGLITE_OPTIONS, wrapPglite } from "../db/pglite_driver.ts";
import { listMigrations, migrate } from "../db/migrate.ts";
import { openPostgres } from "../db/postgres_driver.ts";
import { postgresStorage } from "../storage/postgres_storage.ts";
import type { Role } from "../shared/schemas.ts";
import { contractProblems } from "../contract/check.ts";

export const TEST_PG_URL = Deno.env.get("TEST_DATABASE_URL") ??
  "postgres://postgres@127.0.0.1:5432/postgres";
export const TEST_PASSWORD = "Senha@Teste123";
export type Driver = "postgres" | "pglite";

const DRIVERS: Driver[] = (Deno.env.get("TEST_DRIVERS") ?? "postgres,pglite").split(
  ",",
) as Driver[];

// ------------------------------------------------------------------ the migrated schema, shared

/*
 * `deno test` runs every test file in its own isolate, so a template cached in this module is
 * built again for each of the ~90 database test files (a PGlite initdb and the migrations: about
 * 10 s of CPU each). The migrated schema is therefore shared across files and runs, keyed by the
 * migration files and the PGlite build: a Postgres template database `ca_tplm_<key>` and a PGlite
 * data-dir image `.data/test-cache/pglite-<key>.tar`. Both are published atomically (renamed
 * once complete), so parallel test files and other worktrees never see a half-built one.
 */
const schemaKey: Promise<string> = (async () => {
  const ms = await listMigrations();
  const text = JSON.stringify([import.meta.resolve("@electric-sql/pglite"), ms]);
  const hash = await crypto.subtle.digest("SHA-256", new TextEncoder().encode(text));
  return [...new Uint8Array(hash)].slice(0, 8).map((b) => b.toString(16).padStart(2, "0"))
    .join("");
})();

// ------------------------------------------------------------------ Postgres databases

let pgTemplate: Promise<string> | undefined;
const RUN = `${Date.now().toString(36)}_${Math.random().toString(36).slice(2, 7)}`;
/** Shared templates unused for this long are dropped (other worktrees' keys included). */
const TEMPLATE_MAX_AGE_MS = 24 * 3600_000;

function urlFor(name: string) {
  const u = new URL(TEST_PG_URL);
  u.pathname = `/${name}`;
  return u.toString();
}

let adminConn: Db | undefined;
function admin(): Db {
  adminConn ??= openPostgres(TEST_PG_URL, { max: 2 });
  return adminConn;
}

function templateDb(): Promise<string> {
  pgTemplate ??= (async () => {
    const name = `ca_tplm_${await schemaKey}`;
    const [found] = await admin().sql`select 1 from pg_database where datname = ${name}`;
    if (found) return name;
    await dropStaleDatabases();
    const building = `ca_tpl_${RUN}`;
    await admin().script(`create database ${building}`);
    const db = openPostgres(urlFor(building), { max: 1 });
    try {
      await migrate(db);
    } finally {
      await db.close();
    }
    await admin().script(`comment on database ${building} is '${Date.now()}'`);
    try {
      await admin().script(`alter database ${building} rename to ${name}`);
    } catch {
      // Another test file published the same schema first.
      await admin().script(`drop database if exists ${building} with (force)`);
    }
    return name;
  })();
  return pgTemplate;
}

/**
 * Test databases of runs older than two hours (a killed run cannot drop its own), and shared
 * templates older than a day (a template is rebuilt in about a second when needed again).
 */
async function dropStaleDatabases() {
  const rows = await admin().sql<{ datname: string; note: string | null }>`
    select datname, shobj_description(oid, 'pg_database') as note from pg_database
    where datname ~ '^ca_(tpl|t)_[0-9a-z]+_' or datname ~ '^ca_tplm_'`;
  for (const { datname, note } of rows) {
    const born = datname.startsWith("ca_tplm_")
      ? Number(note ?? 0)
      : parseInt(datname.split("_")[2], 36);
    const maxAge = datname.startsWith("ca_tplm_") ? TEMPLATE_MAX_AGE_MS : 2 * 3600_000;
    if (Date.now() - born > maxAge) {
      await admin().script(`drop database if exists ${datname} with (force)`).catch(() => {});
    }
  }
}

let counter = 0;
/** A fresh, migrated Postgres database; `drop()` removes it. */
export async function freshPostgres(
  max = 10,
): Promise<{ db: Db; url: string; drop(): Promise<void> }> {
  const tpl = await templateDb();
  const name = `ca_t_${RUN}_${++counter}`;
  await admin().script(`create database ${name} template ${tpl}`);
  const url = urlFor(name);
  const db = openPostgres(url, { max });
  return {
    db,
    url,
    drop: async () => {
      await db.close();
      await admin().script(`drop database if exists ${name} with (force)`);
    },
  };
}

// ------------------------------------------------------------------ PGlite databases

const CACHE_DIR = new URL("../../.data/test-cache/", import.meta.url);

/**
 * PGlite's WebAssembly modules and file-system bundle, compiled and read once per test file
 * instead of once per database (half a second or more each time).
 */
let pgliteAssets: Promise<Partial<PGliteOptions>> | undefined;
function pgliteOptions(): Promise<PGliteOptions> {
  pgliteAssets ??= (async () => {
    const dist = new URL("./", import.meta.resolve("@electric-sql/pglite"));
    const read = (name: string) => Deno.readFile(new URL(name, dist));
    const [pglite, initdb, bundle] = await Promise.all([
      read("pglite.wasm"),
      read("initdb.wasm"),
      read("pglite.data"),
    ]);
    return {
      pgliteWasmModule: await WebAssembly.compile(pglite),
      initdbWasmModule: await WebAssembly.compile(initdb),
      fsBundle: new Blob([bundle]),
    };
  })().catch(() => ({})); // another layout: let PGlite load its own assets
  return pgliteAssets.then((assets) => ({ ...PGLITE_OPTIONS, ...assets }));
}

/** The migrated PGlite data dir, from the shared cache or built (and published) here. */
async function buildPgliteImage(): Promise<Blob> {
  const file = new URL(`pglite-${await schemaKey}.tar`, CACHE_DIR);
  try {
    return new Blob([await Deno.readFile(file)]);
  } catch (err) {
    if (!(err instanceof Deno.errors.NotFound)) throw err;
  }
  const pg = await PGlite.create(await pgliteOptions());
  await migrate(wrapPglite(pg));
  const image = await pg.dumpDataDir("none");
  await pg.close();
  try {
    await Deno.mkdir(CACHE_DIR, { recursive: true });
    const tmp = new URL(`pglite-${RUN}.tmp`, CACHE_DIR);
    await Deno.writeFile(tmp, new Uint8Array(await image.arrayBuffer()));
    await Deno.rename(tmp, file);
    await pruneImages(file);
  } catch (err) {
    console.warn(`harness: PGlite image not cached (${(err as Error).message})`);
  }
  return image;
}

/** Cached images of other schemas untouched for a day. */
async function pruneImages(keep: URL) {
  for await (const e of Deno.readDir(CACHE_DIR)) {
    const f = new URL(e.name, CACHE_DIR);
    if (!e.isFile || f.href === keep.href) continue;
    const { mtime } = await Deno.stat(f);
    if (mtime && Date.now() - mtime.getTime() > TEMPLATE_MAX_AGE_MS) {
      await Deno.remove(f).catch(() => {});
    }
  }
}

let pgliteImage: Promise<Blob> | undefined;

export async function freshPglite(): Promise<{ db: Db; drop(): Promise<void> }> {
  pgliteImage ??= buildPgliteImage();
  const pg = await PGlite.create({ ...await pgliteOptions(), loadDataDir: await pgliteImage });
  const db = wrapPglite(pg);
  return { db, drop: () => db.close() };
}

// ------------------------------------------------------------------ app context

// deno-lint-ignore no-explicit-any
export interface Res<T = any> {
  status: number;
  contentType: string | null;
  headers: Headers;
  body: T;
}

export interface TestCtx {
  driver: Driver;
  db: Db;
  deps: Deps;
  app: App;
  config: Config;
  /** Calls the app; JSON bodies are sent and parsed for you. */
  // deno-lint-ignore no-explicit-any
  req<T = any>(
    method: string,
    path: string,
    opts?: { token?: string; body?: unknown; headers?: Record<string, string> },
  ): Promise<Res<T>>;
  /** Creates an active admin user with `role` (once per role) and returns a token from the real login. */
  login(role: Role): Promise<string>;
  /** The usuarioid behind `login(role)`. */
  userId(role: Role): Promise<number>;
  /** Registers a paciente through the portal and returns its token and id. */
  paciente(cpf?: string): Promise<{ token: string; pacienteid: number; cpf: string }>;
  /** Count of ca_evento rows, optionally of one kind. */
  events(kind?: string): Promise<number>;
}

const TEST_KEY = new TextEncoder().encode("test-secret-test-secret-test-secret!!");
let passwordHash: Promise<string> | undefined;

/** Valid CPFs for tests (check digits computed, never the same twice in one process). */
let cpfSeq = 100000000 + Math.floor(Math.random() * 800000000);
export function nextCpf(): string {
  const base = String(cpfSeq++).padStart(9, "0").split("").map(Number);
  const dv = (nums: number[]) => {
    const s = nums.reduce((acc, n, i) => acc + n * (nums.length + 1 - i), 0);
    const r = (s * 10) % 11;
    return r === 10 ? 0 : r;
  };
  const d1 = dv(base);
  const d2 = dv([...base, d1]);
  return [...base, d1, d2].join("");
}

/**
 * Every response is checked against the route contract (`server/contract/check.ts`). A drift
 * throws where the request was made; `CONTRACT_REPORT=<file>` appends the drifts to the file
 * instead (to list them all in one run).
 */
const CONTRACT_REPORT = Deno.env.get("CONTRACT_REPORT");
function checkContract(method: string, path: string, res: Res) {
  const problems = contractProblems(method, path, res.status, res.contentType, res.body);
  if (problems.length === 0) return;
  const line = `${method} ${path} → ${res.status}: ${problems.join(" | ")}`;
  if (!CONTRACT_REPORT) throw new Error(`response outside the contract: ${line}`);
  Deno.writeTextFileSync(CONTRACT_REPORT, line + "\n", { append: true });
}

export function makeCtx(
  driver: Driver,
  db: Db,
  env: Record<string, string> = {},
): TestCtx {
  const config = loadConfig({
    BCRYPT_COST: "4",
    LOG_REQUESTS: "false",
    DATABASE_URL: driver === "postgres" ? "x" : "",
    ...env,
  });
  const deps: Deps = { db, config, jwtKey: TEST_KEY, storage: postgresStorage(db) };
  const app = createApp(deps);
  const users = new Map<Role, Promise<number>>();
  const tokens = new Map<Role, Promise<string>>();

  const req: TestCtx["req"] = async (method, path, opts = {}) => {
    const headers: Record<string, string> = { ...opts.headers };
    if (opts.token) headers.authorization = `Bearer ${opts.token}`;
    let body: BodyInit | undefined;
    if (opts.body instanceof FormData || typeof opts.body === "string") body = opts.body;
    else if (opts.body !== undefined) {
      headers["content-type"] = "application/json";
      body = JSON.stringify(opts.body);
    }
    const res = await app.request(path, { method, headers, body });
    const contentType = res.headers.get("content-type");
    const parsed = contentType?.includes("json") ? await res.json() : await res.text();
    const out = { status: res.status, contentType, headers: res.headers, body: parsed };
    checkContract(method, path, out);
    return out;
  };

  const userId = (role: Role) => {
    if (!users.has(role)) {
      users.set(
        role,
        (async () => {
          passwordHash ??= hashPassword(TEST_PASSWORD, 4);
          const [u] = await db.sql<{ usuarioid: number }>`
          insert into ca_usuario_admin (nome, email, role, senhahash, senha_temporaria, primeiro_acesso)
          values (${`Usuário ${role}`}, ${`${role}@teste.local`}, ${role}, ${await passwordHash}, false, false)
          returning usuarioid`;
          return u.usuarioid;
        })(),
      );
    }
    return users.get(role)!;
  };

  const login = (role: Role) => {
    if (!tokens.has(role)) {
      tokens.set(
        role,
        (async () => {
          await userId(role);
          const res = await req("POST", "/api/auth/login", {
            body: { email: `${role}@teste.local`, senha: TEST_PASSWORD },
          });
          if (res.status !== 200) {
            throw new Error(`login(${role}) failed: ${JSON.stringify(res.body)}`);
          }
          return res.body.token as string;
        })(),
      );
    }
    return tokens.get(role)!;
  };

  const paciente = async (cpf = nextCpf()) => {
    const reg = await req("POST", "/api/auth/paciente/register", {
      body: { cpf, nomecompleto: `Paciente ${cpf}`, senha: "segredo1" },
    });
    if (reg.status !== 201) throw new Error(`register failed: ${JSON.stringify(reg.body)}`);
    const res = await req("POST", "/api/auth/paciente/login", { body: { cpf, senha: "segredo1" } });
    if (res.status !== 200) throw new Error(`paciente login failed: ${JSON.stringify(res.body)}`);
    return {
      token: res.body.token as string,
      pacienteid: res.body.paciente.pacienteid as number,
      cpf,
    };
  };

  const events = async (kind?: string) => {
    const [r] = kind
      ? await db.sql<{ n: number }>`select count(*)::int as n from ca_evento where kind = ${kind}`
      : await db.sql<{ n: number }>`select count(*)::int as n from ca_evento`;
    return r.n;
  };

  return { driver, db, deps, app, config, req, login, userId, paciente, events };
}

/**
 * Registers `name` once per driver. Each run gets its own fresh database and app.
 */
export function dbTest(
  name: string,
  fn: (t: Deno.TestContext, ctx: TestCtx) => Promise<void>,
  env: Record<string, string> = {},
) {
  for (const driver of DRIVERS) {
    Deno.test({
      name: `${name} [${driver}]`,
      sanitizeOps: false,
      sanitizeResources: false,
      fn: async (t) => {
        const fresh = driver === "postgres" ? await freshPostgres() : await freshPglite();
        try {
          await fn(t, makeCtx(driver, fresh.db, env));
        } finally {
          await fresh.drop();
        }
      },
    });
  }
}
