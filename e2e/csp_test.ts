/**
 * The built consoles run under the server's Content-Security-Policy: loading `/` and `/adm/`,
 * signing in and opening the live WebSocket raise no `securitypolicyviolation`, while an inline
 * script is blocked (so the policy is really in force).
 */
import { strict as assert } from "node:assert";
import { newPage } from "./browser.ts";
import { E2E_ADMIN } from "./server.ts";
import { e2eTest, withStack } from "./stack.ts";

/** Collects every CSP violation of the page into `window.__csp`, from the first script on. */
const RECORD_VIOLATIONS = `
  window.__csp = [];
  document.addEventListener("securitypolicyviolation", (e) => {
    window.__csp.push(e.violatedDirective + " " + (e.blockedURI || "inline"));
  });
`;

e2eTest("[e2e] the consoles satisfy the Content-Security-Policy", async (t) => {
  await withStack({}, async (s) => {
    const page = await newPage(s.browser);
    await page.addInitScript(RECORD_VIOLATIONS);
    const violations = () => page.evaluate(() => (globalThis as { __csp?: string[] }).__csp ?? []);

    await t.step("the pages answer with a policy that has no inline script", async () => {
      for (const path of ["/", "/adm/"]) {
        const res = await fetch(`${s.url}${path}`);
        await res.body?.cancel();
        const csp = res.headers.get("content-security-policy")!;
        assert.match(csp, /script-src 'self'(;|$)/);
        assert.match(csp, /connect-src 'self' ws:\/\/127\.0\.0\.1:\d+ wss:\/\/127\.0\.0\.1:\d+/);
      }
    });

    await t.step("the patient portal loads without a violation", async () => {
      await page.goto(`${s.url}/`);
      await page.waitForLoadState("networkidle");
      assert.deepEqual(await violations(), []);
      assert.deepEqual(page.errors, []);
    });

    await t.step("the staff console signs in and goes live without a violation", async () => {
      await page.goto(`${s.url}/adm/`);
      await page.getByLabel("E-mail").fill(E2E_ADMIN.email);
      await page.getByLabel("Senha").fill(E2E_ADMIN.senha);
      await page.getByRole("button", { name: "Entrar" }).click();
      await page.locator('[data-conn="connected"]').waitFor();
      await page.waitForLoadState("networkidle");
      assert.deepEqual(await violations(), []);
      assert.deepEqual(page.errors, []);
    });

    await t.step("the API and a WebSocket to the same host are allowed", async () => {
      const result = await page.evaluate(async () => {
        const health = (await fetch("/api/health")).status;
        const opened = await new Promise<boolean>((resolve) => {
          const ws = new WebSocket(`${location.origin.replace("http", "ws")}/api/live/ws`);
          ws.onopen = () => {
            ws.close();
            resolve(true);
          };
          ws.onerror = () => resolve(false);
        });
        return { health, opened };
      });
      assert.deepEqual(result, { health: 200, opened: true });
      assert.deepEqual(await violations(), []);
    });

    await t.step("an injected inline script is blocked", async () => {
      const ran = await page.evaluate(async () => {
        const w = globalThis as { __inline?: boolean };
        const el = document.createElement("script");
        el.textContent = "window.__inline = true";
        document.body.appendChild(el);
        await new Promise((r) => setTimeout(r, 50));
        return w.__inline === true;
      });
      assert.equal(ran, false);
      assert.ok((await violations()).some((v) => v.startsWith("script-src")));
    });
  });
});
