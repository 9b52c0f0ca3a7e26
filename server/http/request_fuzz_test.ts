/**
 * Property-based test over every route's request schemas: generated bad values (wrong types,
 * boundary numbers, impossible dates, control characters, huge strings, deep nesting, unknown
 * fields) for each validated target (json body, query, path params).
 *
 * For every generated request: never a 5xx. When the route's own schema (or the input screen,
 * or the body limit) rejects the value, the answer is a 4xx with the error body and the
 * database did not change (no row written, see `writeCounter`). Values a schema happens to accept
 * (`null` on a nullable field) may succeed: only "never a 5xx" holds for them.
 *
 * Routes and schemas come from the app itself: `validate()` tags its middleware with target and
 * schema (`validationOf`), read from Hono's `app.routes`; who may call each route comes from the
 * route contract. Deterministic seed, a few dozen cases per route and target.
 */
import { strict as assert } from "node:assert";
import fc from "fast-check";
import type { z } from "zod";
import { API } from "../contract/routes.ts";
import type { Access } from "../contract/define.ts";
import { dbTest, type TestCtx } from "../testing/harness.ts";
import { JSON_MAX_BYTES } from "./input_guard.ts";
import { MAX_DEPTH, screen } from "./input_screen.ts";
import { type Validation, validationOf } from "./validate.ts";

const SEED = 20_261_130;
const RUNS = 12;
const FUZZED = new Set(["json", "query", "param"]);

interface RouteUnderTest {
  method: string;
  path: string;
  access: Access | undefined;
  validations: Validation[];
}

/** Every /api route with at least one validated target, from the app's own route table. */
function routesOf(app: TestCtx["app"]): RouteUnderTest[] {
  const byKey = new Map<string, RouteUnderTest>();
  for (const r of app.routes) {
    const v = validationOf(r.handler);
    if (!v || !FUZZED.has(v.target) || !r.path.startsWith("/api/")) continue;
    const key = `${r.method} ${r.path}`;
    const route = byKey.get(key) ??
      {
        method: r.method,
        path: r.path,
        access: (API as Record<string, { access: Access }>)[key]?.access,
        validations: [],
      };
    if (!route.validations.some((x) => x.target === v.target)) route.validations.push(v);
    byKey.set(key, route);
  }
  return [...byKey.values()].filter((r) => r.access !== "websocket");
}

const PARAM = /:(\w+)(\{[^}]*\})?/g;
const paramNames = (path: string) => [...path.matchAll(PARAM)].map((m) => m[1]);
const fillPath = (path: string, values: Record<string, string>) =>
  path.replace(PARAM, (_, name: string) => encodeURIComponent(values[name] ?? "1"));

/** The keys a schema declares at its top level (unwrapping pipes, optionals, …). */
function keysOf(schema: z.ZodType): string[] {
  // deno-lint-ignore no-explicit-any
  let def: any = (schema as any)._zod?.def;
  for (let i = 0; def && i < 10; i++) {
    if (def.type === "object") return Object.keys(def.shape);
    def = (def.innerType ?? (def.in?._zod?.def.type === "transform" ? def.out : def.in))?._zod
      ?.def;
  }
  return [];
}

const BAD_TEXT = [
  "",
  " ",
  "2026-02-30",
  "2026-13-01",
  "0000-00-00",
  "24:00",
  "99:99",
  "1e3",
  "0x1F",
  "-1",
  "0",
  "2147483648",
  "99999999999999999999",
  "NaN",
  "Infinity",
  "true",
  "null",
  "\u0000",
  "a\u0000b",
  "\u0007",
  "\u001b[31m",
  "Ana \u0008 Silva",
  "' or 1=1 --",
  "../../etc/passwd",
];

const controlString = fc.string({
  unit: fc.integer({ min: 0, max: 31 }).filter((c) => c !== 9 && c !== 10 && c !== 13)
    .map((c) => String.fromCharCode(c)),
  minLength: 1,
  maxLength: 8,
}).map((s) => `x${s}y`);

const textValue = fc.oneof(fc.constantFrom(...BAD_TEXT), controlString);

/** A nested object deeper than the screen allows. */
const deep = (depth: number) => {
  let v: unknown = 1;
  for (let i = 0; i < depth; i++) v = { a: v };
  return v;
};

const jsonValue: fc.Arbitrary<unknown> = fc.oneof(
  textValue,
  fc.constantFrom(
    null,
    true,
    false,
    0,
    -1,
    0.5,
    2_147_483_648,
    -2_147_483_649,
    Number.MAX_SAFE_INTEGER + 2,
    1e308,
    -1e308,
    "\ud800",
    "x".repeat(20_000),
    [],
    {},
    [[[]]],
    [null],
    { x: 1 },
  ),
  fc.integer(),
  fc.double({ noNaN: true }),
  fc.constant(deep(MAX_DEPTH + 5)),
);

function jsonBody(keys: string[]): fc.Arbitrary<unknown> {
  const key = keys.length
    ? fc.oneof(
      { weight: 4, arbitrary: fc.constantFrom(...keys) },
      fc.constantFrom("status", "senhahash", "funcionario", "__proto__x", "id"),
    )
    : fc.constantFrom("status", "senhahash", "x");
  return fc.oneof(
    { weight: 6, arbitrary: fc.dictionary(key, jsonValue, { minKeys: 1, maxKeys: 4 }) },
    fc.constantFrom(null, 42, "texto", [], true),
    fc.constant({ [keys[0] ?? "x"]: deep(200) }),
    fc.constant({ [keys[0] ?? "x"]: "x".repeat(JSON_MAX_BYTES + 10) }),
  );
}

function queryValue(keys: string[]): fc.Arbitrary<Record<string, string>> {
  const key = fc.oneof(
    { weight: 4, arbitrary: keys.length ? fc.constantFrom(...keys) : fc.constant("x") },
    fc.constantFrom("status_x", "admin", "senhahash"),
  );
  return fc.dictionary(key, textValue, { minKeys: 1, maxKeys: 3 });
}

function paramValue(names: string[]): fc.Arbitrary<Record<string, string>> {
  const bad = fc.constantFrom(
    "0",
    "-1",
    "2147483648",
    "1e3",
    "0x1F",
    "1.5",
    " 1",
    "abc",
    "\u0000",
    "2026-02-30",
  );
  return fc.record(Object.fromEntries(names.map((n) => [n, bad])));
}

/** Whether the route must refuse this value for this target. */
function mustRefuse(v: Validation, value: unknown, raw?: string): boolean {
  if (raw !== undefined && new TextEncoder().encode(raw).length > JSON_MAX_BYTES) return true;
  if (screen(value, v.target === "param" ? undefined : v.schema).length) return true;
  try {
    return !v.schema.safeParse(value).success;
  } catch {
    return true;
  }
}

/**
 * Counts committed row writes to every table of the test database: a row-level trigger on each
 * bumps one counter, in the writing transaction (a rolled-back write leaves it unchanged).
 * Transaction ids cannot tell, they are shared by every database of the cluster; scanning every
 * table per case would be slow.
 */
async function writeCounter(ctx: TestCtx) {
  const { sql } = ctx.db;
  const tables = await sql<{ t: string }>`
    select tablename as t from pg_tables where schemaname = 'public' order by tablename`;
  await sql`create table fuzz_writes (n bigint not null)`;
  await sql`insert into fuzz_writes values (0)`;
  await sql`
    create function fuzz_bump() returns trigger language plpgsql
    as $$ begin update fuzz_writes set n = n + 1; return null; end $$`;
  for (const { t } of tables) {
    await sql`create trigger fuzz_w after insert or update or delete on ${sql.ident(t)}
              for each row execute function fuzz_bump()`;
  }
  return () => sql<{ n: string }>`select n::text from fuzz_writes`.then((r) => r[0].n);
}

dbTest("[http] every route refuses generated bad input with a 4xx and changes nothing", async (
  t,
  ctx,
) => {
  const master = await ctx.login("administrador_master");
  const paciente = (await ctx.paciente()).token;
  const tokenFor = (access: Access | undefined) =>
    access === "público" ? undefined : access === "paciente" ? paciente : master;
  const xid = await writeCounter(ctx);
  const routes = routesOf(ctx.app);
  assert.ok(routes.length > 50, `only ${routes.length} validated routes found`);

  for (const route of routes) {
    await t.step(`${route.method} ${route.path}`, async () => {
      const token = tokenFor(route.access);
      for (const v of route.validations) {
        const names = paramNames(route.path);
        const cases: fc.Arbitrary<{ path: string; body?: string; value: unknown; raw?: string }> =
          v.target === "json"
            ? jsonBody(keysOf(v.schema)).map((value) => {
              const raw = JSON.stringify(value);
              return { path: fillPath(route.path, {}), body: raw, value: JSON.parse(raw), raw };
            })
            : v.target === "query"
            ? queryValue(keysOf(v.schema)).map((value) => ({
              path: `${fillPath(route.path, {})}?${new URLSearchParams(value)}`,
              value,
            }))
            : paramValue(names).map((value) => ({ path: fillPath(route.path, value), value }));
        await fc.assert(
          fc.asyncProperty(cases, async (c) => {
            const before = await xid();
            const res = await ctx.req(route.method, c.path, {
              token,
              ...(c.body !== undefined
                ? { body: c.body, headers: { "content-type": "application/json" } }
                : {}),
            });
            const where = `${v.target} ${c.path} ${(c.raw ?? "").slice(0, 300)} → ${res.status} ${
              JSON.stringify(res.body).slice(0, 300)
            }`;
            assert.ok(res.status < 500, where);
            if (!mustRefuse(v, c.value, c.raw)) return;
            assert.ok(res.status >= 400 && res.status < 500, where);
            assert.match(res.contentType ?? "", /json/, where);
            assert.equal(typeof res.body?.error?.code, "string", where);
            assert.equal(typeof res.body?.error?.message, "string", where);
            assert.equal(await xid(), before, `database changed: ${where}`);
          }),
          { seed: SEED, numRuns: RUNS, endOnFailure: true },
        );
      }
    });
  }
});
