/**
 * The README's API index is checked against the running app: every route the app serves is listed
 * (and nothing else), and the "quem" column states exactly who gets past the route's access check.
 *
 * Who gets past is probed, not read from code: each route is called with no token, a paciente
 * token and a token of every staff role, with a placeholder id and an empty body. A 401 or 403
 * means refused; anything else (200, 400, 404, 422...) means the caller reached the handler. This
 * doubles as the RBAC matrix test: a route whose guard drifts from the README fails here.
 *
 * When it fails it prints the rows the README should hold.
 */
import { strict as assert } from "node:assert";
import { Roles as ROLES } from "./shared/schemas.ts";
import { accessLabel, type RouteDef } from "./contract/define.ts";
import { API } from "./contract/routes.ts";
import { dbTest, type TestCtx } from "./testing/harness.ts";

const METHODS = new Set(["GET", "POST", "PUT", "PATCH", "DELETE"]);
const PLACEHOLDER_ID = "999999";
/** Routes the probe cannot judge by status (WebSocket upgrades): the README says how they auth. */
const SOCKET_LABEL = /^WebSocket/;

interface Row {
  method: string;
  path: string;
  quem: string;
}

/** Reads every `| METHOD | \`/api/...\` … | quem |` row of the README's tables. */
export function readIndex(markdown: string): Row[] {
  const rows: Row[] = [];
  for (const line of markdown.split("\n")) {
    const cells = line.split("|").map((c) => c.trim());
    if (cells.length < 5 || !METHODS.has(cells[1])) continue;
    const path = cells[2].match(/`(\/api\/[^`\s]*)`/)?.[1];
    if (path) rows.push({ method: cells[1], path, quem: cells[3] });
  }
  return rows;
}

/** Method + path of every route the app serves under /api (middleware entries excluded). */
function appRoutes(ctx: TestCtx): { method: string; path: string }[] {
  const seen = new Map<string, { method: string; path: string }>();
  for (const r of ctx.app.routes) {
    if (!METHODS.has(r.method) || !r.path.startsWith("/api/")) continue;
    const path = r.path.length > 5 && r.path.endsWith("/") ? r.path.slice(0, -1) : r.path;
    seen.set(`${r.method} ${path}`, { method: r.method, path });
  }
  return [...seen.values()].sort((a, b) =>
    a.path.localeCompare(b.path) || a.method.localeCompare(b.method)
  );
}

/** A callable URL for a route pattern: every `:param` (with or without a `{regex}`) → an id. */
function concrete(path: string): string {
  return path.replace(/:[A-Za-z_]+(\{[^}]*\})?/g, (m) => {
    if (/data|date|dia/i.test(m)) return "2030-01-07";
    return PLACEHOLDER_ID;
  });
}

type Caller = "anon" | "paciente" | (typeof ROLES)[number];

/** The label the README uses for the set of callers that got through. */
function label(passed: Set<Caller>): string {
  if (passed.has("anon")) return "público";
  const staff = ROLES.filter((r) => passed.has(r));
  if (staff.length === 0) return passed.has("paciente") ? "paciente" : "ninguém";
  const lowest = staff[0];
  // Levels must be monotonic: everyone above the lowest allowed role is allowed too.
  const expected = ROLES.slice(ROLES.indexOf(lowest));
  if (staff.length !== expected.length) return `irregular (${staff.join(", ")})`;
  return passed.has("paciente") ? `${lowest} + paciente` : lowest;
}

dbTest("[api] README index lists every route with who may call it", async (t, ctx) => {
  const readme = readIndex(await Deno.readTextFile(new URL("../README.md", import.meta.url)));
  const routes = appRoutes(ctx);
  const documented = new Map(readme.map((r) => [`${r.method} ${r.path}`, r]));

  const tokens = new Map<Caller, string | undefined>([["anon", undefined]]);
  tokens.set("paciente", (await ctx.paciente()).token);
  for (const role of ROLES) tokens.set(role, await ctx.login(role));

  const probe = async (method: string, path: string): Promise<string> => {
    const passed = new Set<Caller>();
    for (const [caller, token] of tokens) {
      const body = method === "GET" ? undefined : {};
      const res = await ctx.req(method, concrete(path), { token, body });
      if (res.status !== 401 && res.status !== 403) passed.add(caller);
    }
    return label(passed);
  };

  // Logout routes revoke the token they are called with: probe them last, with throwaway tokens.
  const isLogout = (p: string) => p.endsWith("/logout");
  const actual = new Map<string, string>();
  for (const r of routes.filter((r) => !isLogout(r.path))) {
    const doc = documented.get(`${r.method} ${r.path}`);
    if (doc && SOCKET_LABEL.test(doc.quem)) actual.set(`${r.method} ${r.path}`, doc.quem);
    else actual.set(`${r.method} ${r.path}`, await probe(r.method, r.path));
  }
  for (const r of routes.filter((r) => isLogout(r.path))) {
    tokens.set("paciente", (await ctx.paciente()).token);
    for (const role of ROLES) {
      const res = await ctx.req("POST", "/api/auth/login", {
        body: { email: `${role}@teste.local`, senha: "Senha@Teste123" },
      });
      tokens.set(role, res.body.token);
    }
    actual.set(`${r.method} ${r.path}`, await probe(r.method, r.path));
  }

  const expectedRows = routes.map((r) =>
    `| ${r.method} | \`${r.path}\` | ${actual.get(`${r.method} ${r.path}`)} |`
  ).join("\n");

  await t.step("every served route is in the README, and every README route is served", () => {
    const missing = routes.filter((r) => !documented.has(`${r.method} ${r.path}`));
    const extra = readme.filter((r) => !actual.has(`${r.method} ${r.path}`));
    assert.deepEqual(
      { missing: missing.map((r) => `${r.method} ${r.path}`), extra },
      { missing: [], extra: [] },
      `README rows should be:\n${expectedRows}`,
    );
  });

  await t.step("the README's quem column matches the probed access of each route", () => {
    const wrong = readme
      .filter((r) => actual.has(`${r.method} ${r.path}`))
      .filter((r) => actual.get(`${r.method} ${r.path}`) !== r.quem)
      .map((r) =>
        `${r.method} ${r.path}: README "${r.quem}", probe "${actual.get(`${r.method} ${r.path}`)}"`
      );
    assert.deepEqual(wrong, []);
  });

  await t.step("the route contract's access of each route matches the probe", () => {
    const declared = (k: string) => accessLabel((API[k as keyof typeof API] as RouteDef).access);
    const wrong = routes
      .map((r) => `${r.method} ${r.path}`)
      .filter((k) =>
        declared(k) === "websocket"
          ? !SOCKET_LABEL.test(actual.get(k) ?? "")
          : declared(k) !== actual.get(k)
      )
      .map((k) => `${k}: contract "${declared(k)}", probe "${actual.get(k)}"`);
    assert.deepEqual(wrong, []);
  });

  await t.step("no route lets a caller in while refusing a higher role", () => {
    const irregular = [...actual].filter(([, v]) => v.startsWith("irregular") || v === "ninguém");
    assert.deepEqual(irregular, []);
  });
});
