import { strict as assert } from "node:assert";
import { dbTest } from "../testing/harness.ts";

/** The directive `name` of a policy, as a list of its sources. */
function directive(policy: string, name: string): string[] {
  const d = policy.split(";").map((s) => s.trim().split(/\s+/)).find((p) => p[0] === name);
  return d ? d.slice(1) : [];
}

dbTest("[http] Content-Security-Policy and HSTS", async (t, ctx) => {
  await t.step("the portal and the staff console get a policy with no inline script", async () => {
    for (const path of ["/", "/adm/", "/adm/agenda"]) {
      const res = await ctx.req("GET", path, { headers: { host: "agenda.exemplo.gov.br" } });
      assert.equal(res.status, 200, path);
      const csp = res.headers.get("content-security-policy")!;
      assert.ok(csp, `${path} has a CSP`);
      assert.deepEqual(directive(csp, "script-src"), ["'self'"]);
      assert.deepEqual(directive(csp, "default-src"), ["'self'"]);
      assert.deepEqual(directive(csp, "object-src"), ["'none'"]);
      assert.deepEqual(directive(csp, "frame-ancestors"), ["'none'"]);
      assert.deepEqual(directive(csp, "connect-src"), [
        "'self'",
        "ws://agenda.exemplo.gov.br",
        "wss://agenda.exemplo.gov.br",
      ]);
    }
  });

  await t.step("a Host header that is not a host name is not echoed into the policy", async () => {
    const res = await ctx.req("GET", "/", { headers: { host: "x; script-src *" } });
    const csp = res.headers.get("content-security-policy")!;
    assert.deepEqual(directive(csp, "connect-src"), ["'self'"]);
    assert.deepEqual(directive(csp, "script-src"), ["'self'"]);
  });

  await t.step("API answers carry the strictest policy", async () => {
    const res = await ctx.req("GET", "/api/health");
    assert.equal(
      res.headers.get("content-security-policy"),
      "default-src 'none'; frame-ancestors 'none'",
    );
  });

  await t.step("no HSTS over plain HTTP", async () => {
    const res = await ctx.req("GET", "/");
    assert.equal(res.headers.get("strict-transport-security"), null);
    const api = await ctx.req("GET", "/api/health");
    assert.equal(api.headers.get("strict-transport-security"), null);
  });

  await t.step("HSTS over HTTPS, direct or behind a proxy (X-Forwarded-Proto)", async () => {
    const direct = await ctx.app.request("https://agenda.exemplo.gov.br/");
    assert.match(direct.headers.get("strict-transport-security")!, /^max-age=\d+/);
    await direct.body?.cancel();
    const proxied = await ctx.req("GET", "/api/health", {
      headers: { "x-forwarded-proto": "https" },
    });
    assert.match(proxied.headers.get("strict-transport-security")!, /^max-age=\d+/);
  });
});

dbTest("[http] CORS: same-origin by default", async (t, ctx) => {
  await t.step("a foreign origin is never reflected", async () => {
    const res = await ctx.req("GET", "/api/health", {
      headers: { origin: "https://evil.example" },
    });
    assert.equal(res.status, 200);
    assert.equal(res.headers.get("access-control-allow-origin"), null);
  });

  await t.step("a foreign preflight gets no permission", async () => {
    const res = await ctx.req("OPTIONS", "/api/auth/login", {
      headers: {
        origin: "https://evil.example",
        "access-control-request-method": "POST",
        "access-control-request-headers": "content-type,authorization",
      },
    });
    assert.equal(res.headers.get("access-control-allow-origin"), null);
  });
});

dbTest("[http] CORS: origins listed in CORS_ORIGINS", async (t, ctx) => {
  await t.step("a listed origin is allowed, with the request id exposed", async () => {
    const res = await ctx.req("OPTIONS", "/api/auth/login", {
      headers: {
        origin: "https://portal.exemplo.gov.br",
        "access-control-request-method": "POST",
        "access-control-request-headers": "content-type",
      },
    });
    assert.equal(res.status, 204);
    assert.equal(res.headers.get("access-control-allow-origin"), "https://portal.exemplo.gov.br");
    const get = await ctx.req("GET", "/api/health", {
      headers: { origin: "https://portal.exemplo.gov.br" },
    });
    assert.equal(get.headers.get("access-control-allow-origin"), "https://portal.exemplo.gov.br");
    assert.match(get.headers.get("access-control-expose-headers")!, /X-Request-Id/i);
  });

  await t.step("any other origin is still refused", async () => {
    const res = await ctx.req("GET", "/api/health", {
      headers: { origin: "https://portal.exemplo.gov.br.evil.example" },
    });
    assert.equal(res.headers.get("access-control-allow-origin"), null);
  });
}, { CORS_ORIGINS: "https://portal.exemplo.gov.br, https://outra.exemplo.gov.br" });

Deno.test("[config] CORS_ORIGINS takes exact origins only", async (t) => {
  const { loadConfig } = await import("../config.ts");
  await t.step("empty by default; a list is trimmed and normalised", () => {
    assert.deepEqual(loadConfig({}).corsOrigins, []);
    assert.deepEqual(
      loadConfig({ CORS_ORIGINS: " https://a.exemplo.gov.br , http://localhost:5173/" })
        .corsOrigins,
      ["https://a.exemplo.gov.br", "http://localhost:5173"],
    );
  });
  await t.step("refuses a wildcard, a path or another scheme", () => {
    for (const bad of ["*", "https://a.exemplo.gov.br/app", "ftp://a.exemplo.gov.br", "a.gov.br"]) {
      assert.throws(() => loadConfig({ CORS_ORIGINS: bad }), /CORS_ORIGINS inválido/, bad);
    }
  });
});
