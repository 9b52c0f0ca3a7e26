/**
 * The one RBAC test: every route of the contract (`server/contract/routes.ts`, which
 * `contract_test.ts` proves equal to what the app serves) × every caller (no token, a paciente,
 * each of the five staff roles). A caller the route's `access` admits must get past the guard
 * (anything but 401/403, with a placeholder id and an empty body); any other caller is refused
 * with 401 (no token) or 403. Every refused write changed nothing: a fingerprint of the whole
 * database (row count and newest `updated_at` of every table) is the same before and after.
 *
 * Per-module tests do not repeat this matrix; they test what a role may do once past its guard
 * (patient isolation, scoping), which a guard alone cannot show.
 */
import { strict as assert } from "node:assert";
import { decodeJwt } from "jose";
import type { Access } from "./contract/define.ts";
import { API } from "./contract/routes.ts";
import { Roles as ROLES } from "./shared/schemas.ts";
import { dbTest, type TestCtx } from "./testing/harness.ts";

type Role = (typeof ROLES)[number];
type Caller = "anon" | "paciente" | Role;
const CALLERS: Caller[] = ["anon", "paciente", ...ROLES];
const PLACEHOLDER_ID = "999999";

/** Whether the route's access rule admits the caller. */
function admits(access: Exclude<Access, "websocket">, caller: Caller): boolean {
  if (access === "público") return true;
  if (caller === "anon") return false;
  if (access === "paciente") return caller === "paciente";
  if (caller === "paciente") return access.paciente === true;
  return ROLES.indexOf(caller) >= ROLES.indexOf(access.role);
}

/** A callable URL for a route pattern: every `:param` (with or without a `{regex}`) → a value. */
function concrete(path: string): string {
  return path.replace(/:[A-Za-z_]+(\{[^}]*\})?/g, (m) => {
    if (/data|date|dia/i.test(m)) return "2030-01-07";
    return PLACEHOLDER_ID;
  });
}

/**
 * One query over every table: its row count and newest `updated_at`. Tables written by the
 * request path itself whatever the answer (rate-limit counters) are left out.
 */
async function fingerprinter(ctx: TestCtx): Promise<() => Promise<string>> {
  const cols = await ctx.db.sql<{ table_name: string; has_updated: boolean }>`
    select t.table_name, exists (
      select 1 from information_schema.columns c
      where c.table_schema = t.table_schema and c.table_name = t.table_name
        and c.column_name = 'updated_at') as has_updated
    from information_schema.tables t
    where t.table_schema = 'public' and t.table_type = 'BASE TABLE'
      and t.table_name like 'ca\\_%' and t.table_name not in ('ca_rate_limit')
    order by t.table_name`;
  const parts = cols.map(({ table_name: t, has_updated }) =>
    ctx.db.sql`${t}::text || ':' || (select count(*) from ${ctx.db.sql.ident(t)})::text || ':' ||
      ${
      has_updated
        ? ctx.db.sql`coalesce((select max(updated_at) from ${ctx.db.sql.ident(t)})::text, '')`
        : ctx.db.sql`''`
    }`
  );
  const query = ctx.db.sql`select concat_ws(' ', ${ctx.db.sql.join(parts, ctx.db.sql`, `)}) as f`;
  return async () => (await ctx.db.sql<{ f: string }>`${query}`)[0].f;
}

dbTest("[rbac] every route × every caller; a refused write changes nothing", async (t, ctx) => {
  const fingerprint = await fingerprinter(ctx);
  const tokens = new Map<Caller, string | undefined>([["anon", undefined]]);
  const fresh = async () => {
    tokens.set("paciente", (await ctx.paciente()).token);
    for (const role of ROLES) {
      const res = await ctx.req("POST", "/api/auth/login", {
        body: { email: `${role}@teste.local`, senha: "Senha@Teste123" },
      });
      tokens.set(role, res.body.token ?? await ctx.login(role));
    }
  };
  for (const role of ROLES) tokens.set(role, await ctx.login(role));
  tokens.set("paciente", (await ctx.paciente()).token);

  // Logout revokes the token it is called with: those routes go last, with fresh tokens.
  const routes = Object.values(API).filter((r) => r.access !== "websocket")
    .sort((a, b) => Number(a.path.endsWith("/logout")) - Number(b.path.endsWith("/logout")));
  const wrong: string[] = [];
  const changed: string[] = [];
  for (const r of routes) {
    if (r.path.endsWith("/logout")) await fresh();
    const access = r.access as Exclude<Access, "websocket">;
    const url = concrete(r.path);
    const body = r.method === "GET" ? undefined : {};
    const call = (caller: Caller) => ctx.req(r.method, url, { token: tokens.get(caller), body });
    const refused = CALLERS.filter((c) => !admits(access, c));
    const before = r.method === "GET" || refused.length === 0 ? "" : await fingerprint();
    for (const caller of refused) {
      const res = await call(caller);
      const [status, code] = caller === "anon" ? [401, "nao_autenticado"] : [403, "sem_permissao"];
      if (res.status !== status || res.body?.error?.code !== code) {
        wrong.push(`${r.method} ${r.path} ${caller}: ${res.status}, expected ${status} ${code}`);
      }
    }
    if (before && await fingerprint() !== before) changed.push(`${r.method} ${r.path}`);
    for (const caller of CALLERS.filter((c) => admits(access, c))) {
      const res = await call(caller);
      if (res.status === 401 || res.status === 403) {
        wrong.push(`${r.method} ${r.path} ${caller}: ${res.status}, expected past the guard`);
      }
    }
  }

  await t.step("each caller is admitted or refused exactly as the contract says", () => {
    assert.deepEqual(wrong, []);
  });
  await t.step("a refused write leaves the database as it was", () => {
    assert.deepEqual(changed, []);
  });
  await t.step("the matrix covered every route of the contract", () => {
    assert.ok(routes.length >= 90, `${routes.length} routes`);
  });
});

dbTest("[rbac] token lifetimes: 8 h for staff, 24 h for a paciente", async (t, ctx) => {
  const lifetime = async (token: string, table: "ca_sessao" | "ca_sessao_paciente") => {
    const { iat, exp, jti } = decodeJwt(token);
    const [row] = await ctx.db.sql<{ s: number }>`
      select extract(epoch from expires_at - created_at)::float8 as s
      from ${ctx.db.sql.ident(table)} where jti = ${jti!}::uuid`;
    return { token: exp! - iat!, session: Math.round(row.s) };
  };
  await t.step("a staff token and its session last 8 hours", async () => {
    const { token, session } = await lifetime(await ctx.login("operador"), "ca_sessao");
    assert.equal(token, 8 * 3600);
    assert.ok(Math.abs(session - 8 * 3600) <= 60, `session ${session} s`);
  });
  await t.step("a paciente token and its session last 24 hours", async () => {
    const p = await ctx.paciente();
    const { token, session } = await lifetime(p.token, "ca_sessao_paciente");
    assert.equal(token, 24 * 3600);
    assert.ok(Math.abs(session - 24 * 3600) <= 60, `session ${session} s`);
  });
});
