/**
 * The console on the embedded database: the server started without `DATABASE_URL` (PGlite), one
 * lean pass over what the Postgres tests prove in depth — log in through the form, the dashboard
 * month with its places, the panel: a drop by one operator seen live by another on the same
 * instance. Screenshots e2e/screenshots/pglite-*.png.
 */
import { strict as assert } from "node:assert";
import { newPage, shot } from "./browser.ts";
import { filaDoPainel, slotsDoDia } from "./painel/fila.ts";
import { abrir, arrastar, cartao, esperarVagas } from "./painel/ui.ts";
import { api } from "./seed.ts";
import { E2E_ADMIN } from "./server.ts";
import { e2eTest, withPgliteStack } from "./stack.ts";

e2eTest("[e2e] console on the embedded PGlite: login, dashboard, panel drop live", async (t) => {
  await withPgliteStack({}, async (s) => {
    const c = s.clinic;
    const health = await api(s.url, "GET", "/api/health");
    const f = await filaDoPainel(s.url, c, ["Paula Embutida", "Renato Local"]);
    const slots = await slotsDoDia(s.url, c);
    const livre = slots["09:00 Normal"].slotagendaid;

    await t.step(
      "the server runs on PGlite; login through the form shows the dashboard",
      async () => {
        assert.equal(health.driver, "pglite");
        const page = await newPage(s.browser);
        await page.goto(`${s.url}/adm/?data=${c.dia}`);
        await page.getByLabel("E-mail").fill(E2E_ADMIN.email);
        await page.getByLabel("Senha").fill(E2E_ADMIN.senha);
        await page.getByRole("button", { name: "Entrar" }).click();
        await page.getByRole("table", { name: "Calendário do mês" }).waitFor();
        // The seeded day: 15 free places, 3 taken (as on Postgres).
        await page.locator(`[data-dia="${c.dia}"]`).getByText("15 livres").waitFor();
        await page.locator(`[data-dia="${c.dia}"]`).getByText("3 ocupadas").waitFor();
        await shot(page, "pglite-dashboard");
        assert.deepEqual(page.errors, []);
        await page.context().close();
      },
    );

    await t.step("a drop on one panel is seen live on another (same instance)", async () => {
      const p1 = await abrir(s, s.url, c.master, c.dia);
      const p2 = await abrir(s, s.url, c.master, c.dia);
      const paula = f["Paula Embutida"];
      await arrastar(p1, paula.backlogid, livre);
      await p1.getByText("Proposta enviada").first().waitFor();
      await cartao(p2, paula.backlogid).waitFor({ state: "detached" });
      await esperarVagas(p2, livre, "1/2", "pglite-vagas");
      await shot(p2, "pglite-painel-apos-drop");
      const item = await api(s.url, "GET", `/api/backlog/${paula.backlogid}`, { token: c.master });
      assert.equal(item.status, "Aguardando Confirmação");
      assert.equal(item.slotagendaid_proposto, livre);
      assert.deepEqual(p1.errors, []);
      assert.deepEqual(p2.errors, []);
    });
  });
});
