/**
 * Staff console, end to end in headless Chromium against a real server on Postgres: login,
 * first access from the outbox e-mail, logout, session expiry, and what a visualizador may do.
 */
import { strict as assert } from "node:assert";
import { assertAccessible, newPage, shot } from "./browser.ts";
import { apiRaw, firstAccessMail, STAFF_PASSWORD, staffUser } from "./seed.ts";
import { E2E_ADMIN } from "./server.ts";
import { e2eTest, withStack } from "./stack.ts";

e2eTest("[e2e] console: login, first access, logout", async (t) => {
  await withStack({}, async (s) => {
    const page = await newPage(s.browser);

    await t.step("an unknown password is refused with the server's message", async () => {
      await page.goto(`${s.url}/adm/`);
      await page.getByRole("heading", { name: "Painel Administrativo" }).waitFor();
      assert.match(page.url(), /\/adm\/login\?next=/);
      await shot(page, "login");
      await assertAccessible(page, "login");
      await page.getByLabel("E-mail").fill(E2E_ADMIN.email);
      await page.getByLabel("Senha").fill("errada-123");
      await page.getByRole("button", { name: "Entrar" }).click();
      await page.getByRole("alert").filter({ hasText: /incorret/i }).waitFor();
      // The e-mail typed is kept; the password is cleared.
      assert.equal(await page.getByLabel("E-mail").inputValue(), E2E_ADMIN.email);
      assert.equal(await page.getByLabel("Senha").inputValue(), "");
    });

    await t.step("logs in and shows the user, the role and the live state", async () => {
      await page.getByLabel("Senha").fill(E2E_ADMIN.senha);
      await page.getByRole("button", { name: "Entrar" }).click();
      await page.getByTestId("usuario").getByText("Administrador master").waitFor();
      await page.getByRole("navigation", { name: "Principal" })
        .getByRole("link", { name: "Configurações" }).waitFor();
      await page.locator('[data-conn="connected"]').waitFor();
    });

    await t.step("logout returns to the login and the token no longer works", async () => {
      const token = await page.evaluate(() => sessionStorage.getItem("ca.adm.token"));
      assert.ok(token);
      await page.getByRole("button", { name: "Sair" }).click();
      await page.getByText("Você saiu do sistema.").waitFor();
      assert.equal(await page.evaluate(() => sessionStorage.getItem("ca.adm.token")), null);
      const me = await apiRaw(s.url, "GET", "/api/auth/me", { token });
      assert.equal(me.status, 401);
    });

    await t.step(
      "first access from the e-mail link: policy checked as typed, then in",
      async () => {
        const u = await staffUser(s.url, s.db, s.clinic.master, "operador", {
          activate: false,
          nome: "Olívia Operadora",
          email: "operador.e2e@e2e.local",
        });
        const mail = await firstAccessMail(s.db, u.email);
        assert.match(mail.link, /\/adm\/primeiro-acesso\?token=/);
        await page.goto(mail.link);
        await page.getByText("Olá,").waitFor();
        await page.getByLabel("E-mail").fill(u.email);
        await page.getByLabel("Senha temporária").fill(mail.senha_temporaria);
        const rules = page.getByRole("list", { name: "Requisitos da senha" });
        await page.getByLabel("Nova senha", { exact: true }).fill("abc");
        assert.equal(await rules.getByText("(atendido)").count(), 1); // lowercase only
        await page.getByLabel("Nova senha", { exact: true }).fill(STAFF_PASSWORD);
        assert.equal(await rules.getByText("(pendente)").count(), 0);
        await page.getByLabel("Confirmar nova senha").fill(STAFF_PASSWORD);
        await shot(page, "primeiro-acesso");
        await assertAccessible(page, "primeiro-acesso");
        await page.getByRole("button", { name: "Definir senha e entrar" }).click();
        await page.getByTestId("usuario").getByText("Olívia Operadora").waitFor();
        // The link was single-use.
        const again = await apiRaw(s.url, "POST", "/api/auth/validate-first-access", {
          body: { token: mail.token },
        });
        assert.ok(again.status >= 400);
      },
    );

    await t.step(
      "an ended session asks to sign in again over the screen, keeping the typing",
      async () => {
        await page.getByRole("combobox", { name: "Nome ou CPF do paciente" }).fill("Fernanda");
        const token = await page.evaluate(() => sessionStorage.getItem("ca.adm.token"));
        await apiRaw(s.url, "POST", "/api/auth/logout", { token: token! });
        // The live socket closed as revoked or the next call's 401, whichever comes first, ends
        // the session on screen.
        const dialog = page.getByRole("dialog", { name: "Sessão expirada" });
        if (!(await dialog.isVisible())) {
          await page.getByRole("button", { name: "Próximo mês" }).click({ timeout: 3000 })
            .catch(() => {/* the dialog came first */});
        }
        await dialog.waitFor();
        await shot(page, "sessao-expirada");
        assert.equal(await dialog.getByLabel("E-mail").inputValue(), "operador.e2e@e2e.local");
        await dialog.getByLabel("Senha").fill(STAFF_PASSWORD);
        await dialog.getByRole("button", { name: "Entrar novamente" }).click();
        await dialog.waitFor({ state: "detached" });
        assert.equal(
          await page.getByRole("combobox", { name: "Nome ou CPF do paciente" }).inputValue(),
          "Fernanda",
        );
        await page.locator('[data-conn="connected"]').waitFor();
      },
    );

    await t.step("a reload without a valid session goes to the login", async () => {
      const token = await page.evaluate(() => sessionStorage.getItem("ca.adm.token"));
      await apiRaw(s.url, "POST", "/api/auth/logout", { token: token! });
      await page.reload();
      await page.getByRole("heading", { name: "Painel Administrativo" }).waitFor();
      assert.match(page.url(), /\/adm\/login/);
    });
    assert.deepEqual(page.errors, []);
  });
});
