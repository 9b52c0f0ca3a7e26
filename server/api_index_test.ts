/**
 * The README's API index against the route contract (`server/contract/routes.ts`): every route
 * listed once, nothing else, and the "quem" column equal to the route's access rule. Whether the
 * app enforces that rule is `rbac_test.ts`'s job (it calls every route as every caller); that
 * the contract lists exactly the served routes is `contract/contract_test.ts`'s.
 *
 * When it fails it prints the rows the README should hold.
 */
import { strict as assert } from "node:assert";
import { accessLabel } from "./contract/define.ts";
import { API } from "./contract/routes.ts";

const METHODS = new Set(["GET", "POST", "PUT", "PATCH", "DELETE"]);
/** WebSocket upgrades authenticate inside the protocol: the README says how, in words. */
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

Deno.test("[api] README index lists every route with who may call it", async (t) => {
  const readme = readIndex(await Deno.readTextFile(new URL("../README.md", import.meta.url)));
  const documented = new Map(readme.map((r) => [`${r.method} ${r.path}`, r]));
  const routes = Object.values(API);
  const expectedRows = routes.map((r) =>
    `| ${r.method} | \`${r.path}\` | ${
      r.access === "websocket"
        ? documented.get(`${r.method} ${r.path}`)?.quem ?? "WebSocket"
        : accessLabel(r.access)
    } |`
  ).join("\n");

  await t.step("every route is in the README, and every README route is a route", () => {
    const missing = routes.filter((r) => !documented.has(`${r.method} ${r.path}`))
      .map((r) => `${r.method} ${r.path}`);
    const declared = new Set(routes.map((r) => `${r.method} ${r.path}`));
    const extra = readme.filter((r) => !declared.has(`${r.method} ${r.path}`));
    assert.deepEqual({ missing, extra }, { missing: [], extra: [] }, expectedRows);
  });

  await t.step("the README's quem column states each route's access rule", () => {
    const wrong = routes.flatMap((r) => {
      const doc = documented.get(`${r.method} ${r.path}`);
      if (!doc) return [];
      const ok = r.access === "websocket"
        ? SOCKET_LABEL.test(doc.quem)
        : doc.quem === accessLabel(r.access);
      return ok ? [] : [`${r.method} ${r.path}: README "${doc.quem}"`];
    });
    assert.deepEqual(wrong, []);
  });
});
