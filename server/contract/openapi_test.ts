/**
 * The OpenAPI document covers every route the app serves, each with its request schemas (path,
 * query, body), its success schema and its minimum role; the reference page points at it.
 */
import { strict as assert } from "node:assert";
import { createApp } from "../app.ts";
import type { Deps } from "../app_env.ts";
import { loadConfig } from "../config.ts";
import { servedRoutes } from "./contract_test.ts";
import { accessLabel, type RouteDef, statusesOf } from "./define.ts";
import { openapiPath } from "./openapi.ts";
import { API } from "./routes.ts";

const app = createApp(
  { config: loadConfig({ DATABASE_URL: "", METRICS_TOKEN: "metricas" }) } as Deps,
);

Deno.test("[contract] GET /api/openapi.json documents every served route", async (t) => {
  const res = await app.request("/api/openapi.json");
  assert.equal(res.status, 200);
  assert.match(res.headers.get("content-type") ?? "", /json/);
  const doc = await res.json();
  assert.equal(doc.openapi, "3.1.0");

  for (const key of servedRoutes(app)) {
    await t.step(key, () => {
      const def = API[key as keyof typeof API] as RouteDef;
      assert.ok(def, `${key} is not in the contract`);
      const op = doc.paths[openapiPath(def.path)]?.[def.method.toLowerCase()];
      assert.ok(op, `${key} is not in the document`);
      assert.equal(op["x-access"], accessLabel(def.access));
      const names = (where: string) =>
        op.parameters.filter((p: { in: string }) => p.in === where).map((p: { name: string }) =>
          p.name
        );
      for (const m of def.path.matchAll(/:([A-Za-z_][A-Za-z0-9_]*)/g)) {
        assert.ok(names("path").includes(m[1]), `path parameter ${m[1]}`);
      }
      if (def.query) {
        const declared = Object.keys((def.query as { shape?: object }).shape ?? {});
        for (const q of declared) assert.ok(names("query").includes(q), `query parameter ${q}`);
      }
      assert.equal(Boolean(op.requestBody), Boolean(def.body), "request body");
      for (const status of statusesOf(def)) {
        const content = op.responses[String(status)]?.content;
        assert.ok(content, `response ${status}`);
        if (!("mediaType" in def.response)) {
          const schema = content["application/json"]?.schema;
          assert.ok(schema && Object.keys(schema).length > 0, "response schema");
        }
      }
    });
  }
});

Deno.test("[contract] GET /api/docs serves the reference page over the document", async () => {
  const res = await app.request("/api/docs");
  assert.equal(res.status, 200);
  assert.match(res.headers.get("content-type") ?? "", /text\/html/);
  const html = await res.text();
  assert.match(html, /\/api\/openapi\.json/);
  assert.match(html, /@scalar\/api-reference@1\.72\.1/);
  assert.match(
    res.headers.get("content-security-policy") ?? "",
    /script-src [^;]*cdn\.jsdelivr\.net/,
  );
});
