/**
 * Patient portal, account screens, end to end in headless Chromium at a 360×740 phone viewport
 * against a real server on Postgres: the first load of `/`, cadastro with the WhatsApp code read
 * from the outbox (typed, a wrong one first), minha conta (e-mail, contatos, a new phone
 * validated by a pasted code, senha, convênio), logout and login, session expiry back to the
 * login, the connection banner, esqueci minha senha end to end, a desk record activated by code,
 * and the installable shell (manifest, service worker caching no API answer). Every screen is
 * scanned by axe and photographed (e2e/screenshots/portal-conta-*.png).
 */
import { strict as assert } from "node:assert";
import { assertAccessible, newPage, type Page, shot } from "./browser.ts";
import { recordAssets, totalGzipKb } from "./first_load.ts";
import { otpInput, otpReady, PHONE } from "./portal_ui.ts";
import { api, apiRaw, lastCode } from "./seed.ts";
import { e2eTest, withStack } from "./stack.ts";
import { nextCpf } from "../server/testing/harness.ts";

const FIRST_LOAD_KB = 80;

const heading = (page: Page, name: string | RegExp) =>
  page.getByRole("heading", { name, level: 1 });
e2eTest("[e2e] portal: cadastro, WhatsApp code, login, minha conta, esqueci a senha", async (t) => {
  await withStack({}, async (s) => {
    const cpf = nextCpf();
    const telefone = "11987001234";
    const novoTelefone = "11987005678";
    let senha = "girassol42";
    const page = await newPage(s.browser, { viewport: PHONE });
    await page.context().grantPermissions(["clipboard-read", "clipboard-write"], {
      origin: s.url,
    });

    await t.step(
      `the first load of / (the login) is at most ${FIRST_LOAD_KB} KB gzip`,
      async () => {
        const rec = recordAssets(page);
        await page.goto(`${s.url}/`);
        await heading(page, "Entrar").waitFor();
        const assets = await rec.done();
        const kb = totalGzipKb(assets);
        console.log(`first load of /: ${kb} KB gzip JS + CSS (${assets.length} files)`);
        assert.ok(kb <= FIRST_LOAD_KB, `first load ${kb} KB > ${FIRST_LOAD_KB} KB`);
        assert.match(page.url(), /\/login$/);
        await shot(page, "portal-conta-login");
        await assertAccessible(page, "login");
      },
    );

    await t.step("cadastro checks the CPF as typed and shows the server's errors", async () => {
      await page.getByRole("link", { name: "Cadastre-se" }).click();
      await heading(page, "Criar cadastro").waitFor();
      const bad = cpf.slice(0, 10) + String((Number(cpf[10]) + 1) % 10);
      const cpfBox = page.getByLabel("CPF");
      await cpfBox.pressSequentially(bad);
      await page.getByText("CPF inválido: confira os números.").waitFor();
      assert.equal(await cpfBox.getAttribute("aria-invalid"), "true");
      const errId = (await cpfBox.getAttribute("aria-describedby"))!;
      assert.match(await page.locator(`#${errId}`).innerText(), /CPF inválido/);
      await cpfBox.fill("");
      await cpfBox.pressSequentially(cpf);
      await page.getByText("CPF válido.").waitFor();
      assert.equal(await cpfBox.getAttribute("aria-invalid"), null);

      await page.getByLabel("Nome completo").fill("Helena Martins Prado");
      await page.getByLabel("Senha", { exact: true }).fill("abc");
      await page.getByLabel("Data de nascimento").fill("1984-07-21");
      await page.getByLabel("E-mail (opcional)").fill("helena@exemplo.com");
      await page.getByLabel("Telefone celular (WhatsApp)").pressSequentially(telefone);
      await page.getByRole("button", { name: "+ Adicionar contato" }).click();
      await page.getByLabel("Nome do contato").fill("Rui Prado");
      await page.getByLabel("Telefone do contato").pressSequentially("11955554444");
      await page.getByLabel("Parentesco (opcional)").fill("irmão");
      await page.getByRole("button", { name: "Criar cadastro" }).click();
      // Checked before sending; the focus goes to the field.
      await page.getByText("A senha deve ter ao menos 6 caracteres.").waitFor();
      assert.equal(
        await page.evaluate(() => document.activeElement?.getAttribute("name")),
        "senha",
      );
      // A password the server refuses (too common): its message next to the field.
      await page.getByLabel("Senha", { exact: true }).fill("123456");
      await page.getByRole("button", { name: "Criar cadastro" }).click();
      const senhaBox = page.getByLabel("Senha", { exact: true });
      await page.locator('input[name="senha"][aria-invalid="true"]').waitFor();
      const senhaErr = await page.locator(`#${await senhaBox.getAttribute("id")}-err`).innerText();
      assert.ok(senhaErr.length > 0, "the server's message is tied to the password field");
      await senhaBox.fill(senha);
      assert.equal(await senhaBox.getAttribute("aria-invalid"), null, "typing clears the message");
      await shot(page, "portal-conta-cadastro");
      await assertAccessible(page, "cadastro");
    });

    await t.step("the WhatsApp code: countdowns, a wrong code shows the tries left", async () => {
      await page.getByRole("button", { name: "Criar cadastro" }).click();
      await heading(page, "Confirme seu telefone").waitFor();
      await otpReady(page);
      assert.match(await page.getByTestId("otp-validade").innerText(), /vale por mais [45]:\d\d/);
      const reenviar = page.getByTestId("otp-reenviar");
      assert.match(await reenviar.innerText(), /Reenviar código em [01]:\d\d/);
      assert.equal(await reenviar.isDisabled(), true);
      // Auto-focus on the boxes.
      assert.equal(await otpInput(page).evaluate((el) => el === document.activeElement), true);
      const code = await lastCode(s.db, telefone);
      const wrong = code === "0000" ? "1111" : "0000";
      await page.keyboard.type(wrong); // auto-submits on the 4th digit
      await page.getByText("Código incorreto. Restam 2 tentativa(s).").waitFor();
      assert.equal(await otpInput(page).getAttribute("aria-invalid"), "true");
      await shot(page, "portal-conta-otp-erro");
      await assertAccessible(page, "código do WhatsApp");
    });

    await t.step("typing the right code validates the phone and signs in", async () => {
      await otpInput(page).and(page.locator(":enabled")).waitFor();
      await otpInput(page).pressSequentially(await lastCode(s.db, telefone));
      await page.waitForURL(`${s.url}/`);
      await page.getByText("Telefone confirmado. Bem-vindo ao portal!").waitFor();
      const [p] = await s.db.sql<
        { telefone_validado: boolean; email: string; contatos: { nome: string }[] }
      >`select telefone_validado, email, contatos from ca_paciente where cpf = ${cpf}`;
      assert.equal(p.telefone_validado, true);
      assert.equal(p.email, "helena@exemplo.com");
      assert.deepEqual(p.contatos.map((c) => c.nome), ["Rui Prado"]);
      assert.match(await page.getByTestId("paciente-nome").innerText(), /Helena/);
      const nav = page.getByRole("navigation", { name: "Principal" });
      assert.equal(
        await nav.getByRole("link", { name: "Início" }).getAttribute("aria-current"),
        "page",
      );
      await heading(page, "Olá, Helena!").waitFor();
      assert.equal(await page.getByTestId("aviso-telefone").count(), 0, "the phone is validated");
      await shot(page, "portal-conta-inicio");
      await assertAccessible(page, "início");
    });

    await t.step("minha conta: e-mail, contatos, senha and the convênio card", async () => {
      await page.getByRole("navigation", { name: "Principal" })
        .getByRole("link", { name: "Minha conta" }).click();
      await heading(page, "Minha conta").waitFor();
      await page.getByTestId("carteirinhas").or(page.getByText("Nenhuma carteirinha cadastrada."))
        .waitFor();
      await shot(page, "portal-conta-minha-conta");
      await assertAccessible(page, "minha conta");

      await page.getByRole("textbox", { name: "E-mail", exact: true }).fill(
        "helena.prado@exemplo.com",
      );
      await page.getByRole("button", { name: "Salvar e-mail" }).click();
      await page.getByText("E-mail salvo.").waitFor();

      await page.getByRole("button", { name: "+ Adicionar contato" }).click();
      await page.getByLabel("Nome do contato").nth(1).fill("Lia Prado");
      await page.getByLabel("Telefone do contato").nth(1).pressSequentially("1133334444");
      await page.getByRole("button", { name: "Salvar contatos" }).click();
      await page.getByText("Contatos salvos.").waitFor();

      await page.getByLabel("Senha atual").fill("errada99");
      await page.getByLabel("Nova senha", { exact: true }).fill("orquidea77");
      await page.getByLabel("Repita a nova senha").fill("orquidea77");
      await page.getByRole("button", { name: "Trocar senha" }).click();
      await page.getByText("A senha atual não confere.").waitFor();
      await page.getByLabel("Senha atual").fill(senha);
      await page.getByRole("button", { name: "Trocar senha" }).click();
      await page.getByText(/^Senha alterada/).waitFor();
      senha = "orquidea77";

      await page.getByLabel("Operadora").fill("Unimed Barueri");
      await page.getByLabel("Número da carteirinha").fill("0 123.4567-89");
      await page.getByLabel("Validade").fill("2027-12-31");
      await page.getByRole("button", { name: "Salvar carteirinha" }).click();
      await page.getByTestId("carteirinhas").getByText("Unimed Barueri").waitFor();

      const [p] = await s.db.sql<{ email: string; contatos: { nome: string }[] }>`
        select email, contatos from ca_paciente where cpf = ${cpf}`;
      assert.equal(p.email, "helena.prado@exemplo.com");
      assert.deepEqual(p.contatos.map((c) => c.nome), ["Rui Prado", "Lia Prado"]);
      const [card] = await s.db.sql<{ numero_carteirinha: string; status: string }>`
        select c.numero_carteirinha, c.status from ca_seguro_credencial c
        join ca_paciente p using (pacienteid) where p.cpf = ${cpf}`;
      assert.equal(card.numero_carteirinha, "0123456789");
      assert.equal(card.status, "Pendente");
    });

    await t.step("a new phone is validated again with a pasted code", async () => {
      // The cadastro's code went out moments ago: let its 60 s cooldown pass.
      await s.db
        .sql`update ca_paciente_validacao set created_at = created_at - interval '2 minutes'`;
      const tel = page.getByLabel("Telefone celular");
      await tel.fill("");
      await tel.pressSequentially(novoTelefone);
      await page.getByRole("button", { name: "Salvar telefone" }).click();
      await otpReady(page);
      const [before] = await s.db.sql<{ telefone_validado: boolean }>`
        select telefone_validado from ca_paciente where cpf = ${cpf}`;
      assert.equal(before.telefone_validado, false);
      const code = await lastCode(s.db, novoTelefone);
      await page.evaluate((c) => navigator.clipboard.writeText(c), code);
      await otpInput(page).focus();
      await page.keyboard.press("Control+V"); // the whole code at once, then auto-submit
      await page.getByText("Telefone validado.", { exact: true }).waitFor();
      await page.getByTestId("telefone-status").filter({ hasText: "✓ Telefone validado." })
        .waitFor();
      const [after] = await s.db.sql<{ telefone: string; telefone_validado: boolean }>`
        select telefone, telefone_validado from ca_paciente where cpf = ${cpf}`;
      assert.deepEqual({ ...after }, { telefone: novoTelefone, telefone_validado: true });
    });

    await t.step("logout, a wrong password, then login by CPF + senha", async () => {
      await page.getByRole("button", { name: "Sair do portal" }).click();
      await heading(page, "Entrar").waitFor();
      await page.getByText("Você saiu do portal.").waitFor();
      await page.getByLabel("CPF").pressSequentially(cpf);
      await page.getByLabel("Senha").fill("girassol42"); // the old one
      await page.getByRole("button", { name: "Entrar" }).click();
      await page.getByText("CPF ou senha incorretos.").waitFor();
      await page.getByLabel("Senha").fill(senha);
      await page.getByRole("button", { name: "Entrar" }).click();
      await page.waitForURL(`${s.url}/`);
    });

    await t.step(
      "an ended session goes back to the login with a message, then returns",
      async () => {
        await page.getByRole("navigation", { name: "Principal" })
          .getByRole("link", { name: "Minha conta" }).click();
        await heading(page, "Minha conta").waitFor();
        const token = await page.evaluate(() => sessionStorage.getItem("ca.paciente.token"));
        const out = await apiRaw(s.url, "POST", "/api/auth/paciente/logout", { token: token! });
        assert.equal(out.status, 200);
        // The live socket closed as revoked, or the next call's 401, ends the session on screen.
        if (!(await heading(page, "Entrar").isVisible())) {
          await page.getByRole("button", { name: "Salvar e-mail" }).click({ timeout: 3000 })
            .catch(() => {/* the login came first */});
        }
        await heading(page, "Entrar").waitFor();
        const aviso = await page.getByTestId("aviso-login").innerText();
        assert.match(aviso, /sess/i);
        await shot(page, "portal-conta-sessao-expirada");
        await page.getByLabel("CPF").pressSequentially(cpf);
        await page.getByLabel("Senha").fill(senha);
        await page.getByRole("button", { name: "Entrar" }).click();
        await heading(page, "Minha conta").waitFor();
        assert.match(page.url(), /\/conta$/);
      },
    );

    await t.step("a lost connection shows a banner that retries", async () => {
      await page.context().setOffline(true);
      await page.getByRole("button", { name: "Salvar e-mail" }).click();
      const banner = page.getByTestId("banner-conexao");
      await banner.waitFor();
      assert.match(await banner.innerText(), /Sem conexão com o servidor/);
      await shot(page, "portal-conta-sem-conexao");
      await page.context().setOffline(false);
      // "Tentar agora" asks at once (the automatic retry may come first and remove the banner).
      await banner.getByRole("button", { name: "Tentar agora" }).click({ timeout: 2000 })
        .catch(() => {});
      await banner.waitFor({ state: "detached" });
    });

    await t.step("esqueci minha senha: code by WhatsApp, new password, signed in", async () => {
      await page.getByRole("button", { name: "Sair do portal" }).click();
      await heading(page, "Entrar").waitFor();
      await page.getByRole("link", { name: "Esqueci minha senha" }).click();
      await heading(page, "Esqueci minha senha").waitFor();
      await assertAccessible(page, "esqueci a senha: CPF");
      await page.getByLabel("CPF").pressSequentially(cpf);
      await page.getByRole("button", { name: "Enviar código" }).click();
      await page.getByRole("heading", { name: "Crie a nova senha" }).waitFor();
      const aviso = await page.getByRole("status").filter({ hasText: "Se o CPF" }).innerText();
      await page.getByLabel("Nova senha", { exact: true }).fill("hortela55");
      await page.getByLabel("Repita a nova senha").fill("hortela56");
      await page.getByRole("button", { name: "Continuar" }).click();
      await page.getByText("As senhas não são iguais.").waitFor();
      await page.getByLabel("Repita a nova senha").fill("hortela55");
      await shot(page, "portal-conta-esqueci-senha");
      await assertAccessible(page, "esqueci a senha: nova senha");
      await page.getByRole("button", { name: "Continuar" }).click();
      await otpReady(page);
      await shot(page, "portal-conta-esqueci-codigo");
      await assertAccessible(page, "esqueci a senha: código");
      await otpInput(page).pressSequentially(await lastCode(s.db, novoTelefone));
      await page.waitForURL(`${s.url}/`);
      await page.getByText("Senha alterada. Você já entrou no portal.").waitFor();
      senha = "hortela55";
      const old = await apiRaw(s.url, "POST", "/api/auth/paciente/login", {
        body: { cpf, senha: "orquidea77" },
      });
      assert.equal(old.status, 401);

      // An unknown CPF reads the very same message (nothing tells who is registered).
      const other = await newPage(s.browser, { viewport: PHONE });
      await other.goto(`${s.url}/esqueci-senha`);
      await other.getByLabel("CPF").pressSequentially(nextCpf());
      await other.getByRole("button", { name: "Enviar código" }).click();
      await other.getByRole("heading", { name: "Crie a nova senha" }).waitFor();
      assert.equal(
        await other.getByRole("status").filter({ hasText: "Se o CPF" }).innerText(),
        aviso,
      );
      assert.deepEqual(other.errors, []);
      await other.context().close();
    });

    await t.step(
      "a CPF registered at the desk is activated with the code to its phone",
      async () => {
        const desk = { cpf: nextCpf(), telefone: "11987009999", nascimento: "1962-02-14" };
        await api(s.url, "POST", "/api/pacientes", {
          token: s.clinic.master,
          body: {
            nomecompleto: "Osvaldo Ribeiro Nunes",
            cpf: desk.cpf,
            datanascimento: desk.nascimento,
            telefone: desk.telefone,
          },
        });
        const other = await newPage(s.browser, { viewport: PHONE });
        await other.goto(`${s.url}/cadastro`);
        await other.getByLabel("Nome completo").fill("Osvaldo Ribeiro Nunes");
        await other.getByLabel("CPF").pressSequentially(desk.cpf);
        await other.getByLabel("Senha", { exact: true }).fill("jabuticaba3");
        await other.getByLabel("Data de nascimento").fill(desk.nascimento);
        await other.getByLabel("Telefone celular (WhatsApp)").pressSequentially("11987008888");
        await other.getByRole("button", { name: "Criar cadastro" }).click();
        await heading(other, "Ative seu acesso").waitFor();
        await otpReady(other);
        assert.match(await other.getByTestId("otp-step").innerText(), /final 9999/);
        await shot(other, "portal-conta-ativar");
        await assertAccessible(other, "ativar acesso");
        await otpInput(other).pressSequentially(await lastCode(s.db, desk.telefone));
        await other.waitForURL(`${s.url}/`);
        await other.getByText("Acesso ao portal ativado.").waitFor();
        const [p] = await s.db.sql<{ origem: string; telefone_validado: boolean }>`
        select origem, telefone_validado from ca_paciente where cpf = ${desk.cpf}`;
        assert.deepEqual({ ...p }, { origem: "ADM", telefone_validado: true });
        assert.deepEqual(other.errors, []);
        await other.context().close();
      },
    );

    await t.step(
      "installable: manifest, icons, a service worker that caches no API answer",
      async () => {
        const man = await fetch(`${s.url}/manifest.webmanifest`);
        assert.match(man.headers.get("content-type") ?? "", /manifest\+json/);
        const m = await man.json();
        assert.equal(m.start_url, "/");
        assert.equal(m.display, "standalone");
        for (const icon of m.icons as { src: string; type: string }[]) {
          const res = await fetch(`${s.url}${icon.src}`);
          await res.body?.cancel();
          assert.equal(res.status, 200, icon.src);
          assert.equal(res.headers.get("content-type")?.split(";")[0], icon.type, icon.src);
        }
        assert.ok(m.icons.some((i: { sizes: string }) => i.sizes === "512x512"));
        const sw = await fetch(`${s.url}/sw.js`);
        await sw.body?.cancel();
        assert.match(sw.headers.get("content-type") ?? "", /javascript/);
        assert.equal(sw.headers.get("cache-control"), "no-cache");

        // The page was loaded and used signed in: the worker runs, and its cache holds the shell.
        await page.reload();
        await page.waitForLoadState("networkidle");
        const cached = await page.evaluate(async () => {
          const reg = await navigator.serviceWorker.ready;
          const urls: string[] = [];
          for (const k of await caches.keys()) {
            for (const r of await (await caches.open(k)).keys()) urls.push(new URL(r.url).pathname);
          }
          return { scope: new URL(reg.scope).pathname, urls };
        });
        assert.equal(cached.scope, "/");
        assert.ok(cached.urls.includes("/"), cached.urls.join(" "));
        assert.ok(cached.urls.some((u) => u.startsWith("/assets/")), cached.urls.join(" "));
        assert.deepEqual(cached.urls.filter((u) => u.startsWith("/api")), []);
      },
    );

    assert.deepEqual(page.errors, []);
  });
});
