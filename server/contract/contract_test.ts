/** The route contract lists exactly the routes the app serves. */
import { strict as assert } from "node:assert";
import { createApp } from "../app.ts";
import type { Deps } from "../app_env.ts";
import { loadConfig } from "../config.ts";
import { API } from "./routes.ts";

const METHODS = new Set(["GET", "POST", "PUT", "PATCH", "DELETE"]);

/** `METHOD /api/path` of every route the app serves (middleware entries excluded). */
export function servedRoutes(app: { routes: { method: string; path: string }[] }): string[] {
  const seen = new Set<string>();
  for (const r of app.routes) {
    if (!METHODS.has(r.method) || !r.path.startsWith("/api/")) continue;
    const path = r.path.length > 5 && r.path.endsWith("/") ? r.path.slice(0, -1) : r.path;
    seen.add(`${r.method} ${path}`);
  }
  return [...seen].sort();
}

Deno.test("[contract] every served route is in the contract, and nothing else", () => {
  // Building the app opens nothing; the routes table is all this test reads.
  const app = createApp(
    { config: loadConfig({ DATABASE_URL: "", METRICS_TOKEN: "metricas" }) } as Deps,
  );
  const served = servedRoutes(app);
  const declared = Object.keys(API).sort();
  assert.deepEqual(
    {
      missing: served.filter((k) => !declared.includes(k)),
      extra: declared.filter((k) => !served.includes(k)),
    },
    { missing: [], extra: [] },
  );
});
