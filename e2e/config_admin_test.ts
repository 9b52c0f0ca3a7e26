/**
 * The configuration console's admin tabs end to end (one server stack, headless Chromium, real
 * server on Postgres): Pacientes (record, SMS phone validation, inativar/reativar, ficha and
 * planos), Usuários (create, resend and complete the first access, the last-master rule),
 * Auditoria (a UI change with its actor and diff, filters, keyset pages) and Notificações
 * (filters, detail, resend); each role sees only its tabs, a visualizador no write control; an
 * axe scan and a screenshot per tab.
 */
import { strict as assert } from "node:assert";
import { signIn } from "./adm_ui.ts";
import { assertAccessible, newPage, type Page, shot } from "./browser.ts";
import { recordAssets, totalGzipKb } from "./first_load.ts";
import { api, firstAccessMail, STAFF_PASSWORD, staffUser } from "./seed.ts";
import { E2E_ADMIN } from "./server.ts";
import { chainedSteps, e2eTest, withStack } from "./stack.ts";
import { nextCpf } from "../server/testing/harness.ts";

const tabsOf = async (page: Page) => {
  const nav = page.getByRole("navigation", { name: "Configurações" });
  await nav.getByRole("link").first().waitFor();
  return (await nav.getByRole("link").allInnerTexts()).map((s) => s.trim());
};

/** Waits until the table captioned `caption` shows exactly `n` rows (a list refreshes in place). */
const rowsBecome = (page: Page, caption: string, n: number) =>
  page.waitForFunction(([c, k]) => {
    const t = [...document.querySelectorAll("table")].find((x) =>
      x.querySelector("caption")?.textContent === c
    );
    return !!t && t.getAttribute("aria-busy") !== "true" &&
      t.querySelectorAll(":scope > tbody > tr[data-key]").length === k;
  }, [caption, n] as const);

/** A Kobalte dialog by its title (the heading inside it). */
const dialog = (page: Page, title: string | RegExp, role: "dialog" | "alertdialog" = "dialog") =>
  page.getByRole(role).filter({
    has: page.getByRole("heading", {
      name: title,
      ...(typeof title === "string" ? { exact: true } : {}),
    }),
  });

const maskCpf = (d: string) => `${d.slice(0, 3)}.${d.slice(3, 6)}.${d.slice(6, 9)}-${d.slice(9)}`;

e2eTest("[e2e] configurações: pacientes, usuários, notificações, auditoria", async (t) => {
  await withStack({}, async (s) => {
    const { clinic } = s;
    const op = await staffUser(s.url, s.db, clinic.master, "operador", {
      nome: "Olívia Operadora",
    });
    const adm = await staffUser(s.url, s.db, clinic.master, "administrador", {
      nome: "Ana Administradora",
    });
    const vis = await staffUser(s.url, s.db, clinic.master, "visualizador", {
      nome: "Vitor Visualizador",
    });
    const cpf = nextCpf();
    // After a failed step the rest would only time out one by one: they are skipped.
    const pages: Page[] = [];
    const step = chainedSteps(t, async () => {
      for (const p of pages) {
        console.error("page errors:", (p as Page & { errors: string[] }).errors);
      }
      for (const [i, p] of pages.entries()) {
        await shot(p, `config-admin-falha-${i}`).catch(() => {});
      }
    });
    let pacienteid = 0;

    await step(
      "first load of /adm/configuracoes/pacientes is at most 150 KB gzipped",
      async () => {
        const probe = await newPage(s.browser);
        const rec = recordAssets(probe);
        await signIn(probe, s.url, op.email, op.senha, "/adm/configuracoes/pacientes");
        await probe.getByRole("table", { name: "Pacientes" }).waitFor();
        const all = await rec.done();
        const kb = totalGzipKb(all);
        console.log(`first load of /adm/ + pacientes tab: ${kb} KB gzip (${all.length} files)`);
        await probe.context().close();
        assert.ok(kb <= 150, `first load ${kb} KB > 150 KB`);
      },
    );

    const page = await newPage(s.browser);
    pages.push(page);

    await step("operador: tabs, statistics and a search by CPF", async () => {
      await signIn(page, s.url, op.email, op.senha, "/adm/configuracoes/pacientes");
      const tabs = await tabsOf(page);
      assert.ok(tabs.includes("Pacientes"));
      for (const hidden of ["Usuários", "Notificações", "Auditoria"]) {
        assert.ok(!tabs.includes(hidden));
      }
      const total = page.locator('[data-stat="total"] dd');
      await page.getByRole("table", { name: "Pacientes" }).waitFor();
      assert.equal(await total.innerText(), String(clinic.pacientes.length));
      const p0 = clinic.pacientes[0];
      await page.getByLabel("Nome ou CPF").fill(p0.cpf);
      await page.getByRole("button", { name: "Buscar", exact: true }).click();
      await page.getByRole("table", { name: "Pacientes" }).getByText(p0.nome).waitFor();
      await rowsBecome(page, "Pacientes", 1);
      await page.getByLabel("Nome ou CPF").fill("");
      await shot(page, "config-pacientes");
      await assertAccessible(page, "config-pacientes");
    });

    await step(
      "operador registers a patient: CPF checked as typed, server message by the form",
      async () => {
        await page.getByRole("button", { name: "Novo paciente" }).click();
        const dlg = dialog(page, "Novo paciente", "dialog");
        await dlg.getByLabel("Nome completo").fill("Marina Souza Lima");
        await dlg.getByLabel("CPF", { exact: true }).fill("12345678900");
        await dlg.getByText("CPF inválido.").waitFor();
        assert.equal(await dlg.getByLabel("CPF", { exact: true }).inputValue(), "123.456.789-00");
        // A CPF already registered: the server's 409 message shows in the form.
        await dlg.getByLabel("CPF", { exact: true }).fill(clinic.pacientes[0].cpf);
        await dlg.getByRole("button", { name: "Cadastrar paciente" }).click();
        await dlg.getByRole("alert").filter({
          hasText: "Já existe um paciente cadastrado com este CPF.",
        })
          .waitFor();
        // …next to the CPF field it concerns.
        assert.equal(
          await dlg.getByLabel("CPF", { exact: true }).getAttribute("aria-invalid"),
          "true",
        );
        await dlg.getByLabel("CPF", { exact: true }).fill(cpf);
        await dlg.getByLabel("Data de nascimento").fill("1988-04-12");
        await dlg.getByLabel("Tipo").selectOption("Gestante");
        await dlg.getByLabel("Telefone (celular)").fill("11987650001");
        await dlg.getByLabel("Vínculo").fill("comunidade");
        await dlg.getByLabel("Nome da mãe").fill("Rosa Souza");
        await dlg.getByRole("button", { name: "Adicionar contato" }).click();
        await dlg.getByLabel("Contato 1: nome").fill("Paulo Lima");
        await dlg.getByLabel("Contato 1: telefone").fill("11912340000");
        await dlg.getByLabel("Contato 1: parentesco").fill("marido");
        await dlg.getByRole("checkbox", { name: "Normal" }).check();
        await shot(page, "config-paciente-novo");
        await assertAccessible(page, "config-paciente-novo");
        await dlg.getByRole("button", { name: "Cadastrar paciente" }).click();
        const rec = dialog(page, "Marina Souza Lima", "dialog");
        await rec.getByRole("button", { name: "Salvar alterações" }).waitFor();
        const [row] = await s.db.sql<{ pacienteid: number; nome_mae: string; tipo: string }>`
        select pacienteid, nome_mae, tipo from ca_paciente where cpf = ${cpf}`;
        assert.deepEqual([row.nome_mae, row.tipo], ["Rosa Souza", "Gestante"]);
        pacienteid = row.pacienteid;
        assert.equal(await rec.getByLabel("Telefone (celular)").inputValue(), "(11) 98765-0001");
      },
    );

    await step(
      "operador edits the record and validates the phone with the SMS code",
      async () => {
        const rec = dialog(page, "Marina Souza Lima", "dialog");
        await rec.getByLabel("Nome da mãe").fill("Rosa Maria Souza");
        await rec.getByRole("button", { name: "Salvar alterações" }).click();
        await page.getByText("Paciente atualizado.").waitFor();
        await rec.getByRole("button", { name: "Enviar código por SMS" }).click();
        await rec.getByLabel("Código recebido (6 dígitos)").waitFor();
        // The code went to the outbox as an SMS (its secret row, read only by the worker).
        const [sms] = await s.db.sql<{ codigo: string; canal: string }>`
        select s.valores->>'codigo' as codigo, n.canal from ca_notificacao n
        join ca_notificacao_segredo s using (notificacaoid)
        where n.pacienteid = ${pacienteid} and n.template = 'codigo_validacao'
        order by n.notificacaoid desc limit 1`;
        assert.equal(sms.canal, "sms");
        assert.match(sms.codigo, /^\d{6}$/);
        const wrong = sms.codigo === "000000" ? "111111" : "000000";
        await rec.getByLabel("Código recebido (6 dígitos)").fill(wrong);
        await rec.getByRole("button", { name: "Confirmar código" }).click();
        await rec.locator('[aria-invalid="true"]').waitFor();
        await rec.getByLabel("Código recebido (6 dígitos)").fill(sms.codigo);
        await rec.getByRole("button", { name: "Confirmar código" }).click();
        await rec.getByTestId("telefone-validado").waitFor();
        await shot(page, "config-paciente-ficha-cadastro");
        await assertAccessible(page, "config-paciente-registro");
        const [p] = await s.db.sql<{ telefone_validado: boolean }>`
        select telefone_validado from ca_paciente where pacienteid = ${pacienteid}`;
        assert.equal(p.telefone_validado, true);
      },
    );

    await step(
      "inativar and reativar ask first; ficha clínica and planos are reachable",
      async () => {
        const rec = dialog(page, "Marina Souza Lima", "dialog");
        await rec.getByRole("button", { name: "Inativar paciente" }).click();
        const ask = dialog(page, "Inativar paciente?", "alertdialog");
        await ask.getByRole("button", { name: "Inativar" }).click();
        await rec.getByRole("button", { name: "Reativar paciente" }).waitFor();
        await rec.getByRole("button", { name: "Reativar paciente" }).click();
        await dialog(page, "Reativar paciente?", "alertdialog")
          .getByRole("button", { name: "Reativar" }).click();
        await rec.getByRole("button", { name: "Inativar paciente" }).waitFor();

        await rec.getByRole("button", { name: "Ficha clínica" }).click();
        await rec.getByText("Nenhuma ficha clínica registrada").waitFor();
        await api(s.url, "PUT", `/api/fichas/${pacienteid}`, {
          token: clinic.master,
          body: {
            conteudo: { queixa_principal: "Dor lombar", alergias: ["dipirona"], gestante: true },
          },
        });
        await api(s.url, "POST", "/api/planos", {
          token: clinic.master,
          body: { pacienteid, titulo: "Pré-natal 2026", descricao: "Acompanhamento mensal" },
        });
        await rec.getByRole("button", { name: "Planos de tratamento" }).click();
        await rec.getByText("Pré-natal 2026").waitFor();
        await rec.getByRole("button", { name: "Ver consultas" }).click();
        await rec.getByText("Nenhuma consulta vinculada.").waitFor();
        await rec.getByRole("button", { name: "Ficha clínica" }).click();
        await rec.getByText("Queixa principal").waitFor();
        await rec.getByText("Dor lombar").waitFor();
        await shot(page, "config-paciente-ficha");
        await assertAccessible(page, "config-paciente-ficha");
        await page.keyboard.press("Escape");
      },
    );

    await step(
      "the list follows a change made elsewhere, without reload (funcionário badge)",
      async () => {
        // The patient's CPF becomes a staff user's: on its next save the patient is a funcionário.
        const p1 = clinic.pacientes[1];
        await api(s.url, "PUT", `/api/usuarios/${vis.usuarioid}`, {
          token: clinic.master,
          body: { cpf: p1.cpf },
        });
        await api(s.url, "PUT", `/api/pacientes/${p1.pacienteid}`, {
          token: clinic.master,
          body: { nomecompleto: "Nome Trocado Em Outro Lugar" },
        });
        const row = page.getByRole("table", { name: "Pacientes" }).locator(
          `tr[data-key="${p1.pacienteid}"]`,
        );
        await row.getByText("Nome Trocado Em Outro Lugar").waitFor();
        await row.getByText("Funcionário").waitFor();
        await page.locator('[data-stat="telefone_validado"] dd').getByText("1").waitFor();
      },
    );

    const master = await newPage(s.browser);
    pages.push(master);
    const novoEmail = "bruno.gerente@e2e.local";

    await step("master: filters the users and creates one (first access e-mailed)", async () => {
      await signIn(master, s.url, E2E_ADMIN.email, E2E_ADMIN.senha, "/adm/configuracoes/usuarios");
      const table = master.getByRole("table", { name: "Usuários" });
      await table.getByText(op.nome).waitFor();
      await master.getByLabel("Perfil").selectOption("administrador");
      await table.getByText(adm.nome).waitFor();
      await rowsBecome(master, "Usuários", 1);
      await master.getByLabel("Perfil").selectOption("");
      await master.getByLabel("Nome, e-mail ou CPF").fill("Vitor");
      await master.getByRole("button", { name: "Buscar", exact: true }).click();
      await table.locator("tbody tr").filter({ hasText: vis.nome }).waitFor();
      await rowsBecome(master, "Usuários", 1);
      await master.getByLabel("Nome, e-mail ou CPF").fill("");
      await master.getByRole("button", { name: "Buscar", exact: true }).click();

      await master.getByRole("button", { name: "Novo usuário" }).click();
      const dlg = dialog(master, "Novo usuário", "dialog");
      await dlg.getByLabel("Nome").fill("Bruno Gerente");
      await dlg.getByLabel("E-mail").fill("invalido");
      await dlg.getByRole("button", { name: "Criar usuário" }).click();
      await dlg.getByText("E-mail inválido.").waitFor();
      await dlg.getByLabel("E-mail").fill(novoEmail);
      await dlg.getByLabel("Cargo").fill("Coordenação");
      await dlg.getByLabel("Perfil").selectOption("gerenciador");
      await dlg.getByRole("button", { name: "Criar usuário" }).click();
      const rec = dialog(master, "Bruno Gerente", "dialog");
      await rec.getByRole("button", { name: "Reenviar primeiro acesso" }).waitFor();
      const first = await firstAccessMail(s.db, novoEmail);
      await rec.getByRole("button", { name: "Reenviar primeiro acesso" }).click();
      await master.getByText(`Primeiro acesso reenviado para ${novoEmail}.`).waitFor();
      const again = await firstAccessMail(s.db, novoEmail);
      assert.notEqual(again.token, first.token);
      await master.keyboard.press("Escape");
      await master.getByRole("table", { name: "Usuários" }).getByText("Aguardando primeiro acesso")
        .waitFor();
      await shot(master, "config-usuarios");
      await assertAccessible(master, "config-usuarios");
    });

    await step("the new user completes the first access from the e-mailed link", async () => {
      const mail = await firstAccessMail(s.db, novoEmail);
      const u = await newPage(s.browser);
      await u.goto(mail.link);
      await u.getByLabel("E-mail").fill(novoEmail);
      await u.getByLabel("Senha temporária").fill(mail.senha_temporaria);
      await u.getByLabel("Nova senha", { exact: true }).fill(STAFF_PASSWORD);
      await u.getByLabel("Confirmar nova senha").fill(STAFF_PASSWORD);
      await u.getByRole("button", { name: "Definir senha e entrar" }).click();
      await u.getByTestId("usuario").getByText("Bruno Gerente").waitFor();
      await u.context().close();
      await master.getByRole("table", { name: "Usuários" }).locator("tbody tr")
        .filter({ hasText: "Bruno Gerente" }).getByText("Ativo").waitFor();
    });

    await step(
      "the last master cannot be demoted: the server's rule shows in the form",
      async () => {
        await master.getByRole("table", { name: "Usuários" }).locator("tbody tr")
          .filter({ hasText: E2E_ADMIN.email }).getByRole("button").click();
        const dlg = master.getByRole("dialog");
        await dlg.getByLabel("Perfil").selectOption("administrador");
        await dlg.getByRole("button", { name: "Salvar alterações" }).click();
        await dlg.getByRole("alert").filter({ hasText: "último administrador master" }).waitFor();
        assert.equal(await dlg.getByLabel("Perfil").getAttribute("aria-invalid"), "true");
        await shot(master, "config-usuarios-ultimo-master");
        await master.keyboard.press("Escape");
      },
    );

    const admPage = await newPage(s.browser);
    pages.push(admPage);

    await step(
      "administrador: auditoria shows the UI change with its actor and the diff",
      async () => {
        await signIn(admPage, s.url, adm.email, adm.senha, "/adm/configuracoes/auditoria");
        const tabs = await tabsOf(admPage);
        assert.ok(tabs.includes("Auditoria") && tabs.includes("Notificações"));
        assert.ok(!tabs.includes("Usuários"));
        await admPage.getByLabel("Entidade", { exact: true }).selectOption("paciente");
        await admPage.getByLabel("Identificador da entidade").fill(String(pacienteid));
        await admPage.getByLabel("Tipo de evento").fill("paciente.atualizado");
        await admPage.getByRole("button", { name: "Filtrar" }).click();
        // The unfiltered page stays on screen until the filtered one arrives: wait for it.
        await admPage.waitForFunction(() => {
          const rows = [...document.querySelectorAll("table tbody > tr[data-key]")];
          return rows.length > 0 &&
            rows.every((r) => r.textContent?.includes("paciente.atualizado"));
        });
        const table = admPage.getByRole("table", { name: "Eventos de auditoria" });
        const row = table.locator("tbody > tr[data-key]").filter({ hasText: "Olívia Operadora" })
          .first();
        await row.waitFor();
        assert.equal(
          await table.locator("tbody > tr[data-key]").filter({ hasNotText: "paciente.atualizado" })
            .count(),
          0,
        );
        await row.getByRole("button", { name: /Ver antes\/depois/ }).click();
        const changed = row.locator('[data-mudou="sim"]').filter({ hasText: "nome_mae" });
        await changed.waitFor();
        assert.match(await changed.innerText(), /antes:\s*Rosa Souza\s+depois:\s*Rosa Maria Souza/);
        await shot(admPage, "config-auditoria");
        await assertAccessible(admPage, "config-auditoria");
      },
    );

    await step(
      "auditoria: a rule the server checks, then keyset pages forward and back",
      async () => {
        await admPage.getByRole("button", { name: "Limpar" }).click();
        await admPage.getByLabel("Identificador da entidade").fill("5");
        await admPage.getByRole("button", { name: "Filtrar" }).click();
        await admPage.getByText("Informe a entidade junto com o identificador.").waitFor();
        await admPage.getByRole("button", { name: "Limpar" }).click();
        // 30 changes of one patient: a set of events nobody else adds to while paging.
        const p2id = clinic.pacientes[2].pacienteid;
        for (let i = 0; i < 30; i++) {
          await api(s.url, "PUT", `/api/pacientes/${p2id}`, {
            token: clinic.master,
            body: { tipo_vinculo: `vínculo ${i}` },
          });
        }
        await admPage.getByLabel("Entidade", { exact: true }).selectOption("paciente");
        await admPage.getByLabel("Identificador da entidade").fill(String(p2id));
        await admPage.getByRole("button", { name: "Filtrar" }).click();
        const table = admPage.getByRole("table", { name: "Eventos de auditoria" });
        const firstIds = async () =>
          await table.locator("tbody > tr[data-key]").evaluateAll((rs) =>
            rs.map((r) => r.getAttribute("data-key"))
          );
        // The filtered page replaced the unfiltered one: 25 rows, all of that patient.
        await admPage.waitForFunction((id) => {
          const rows = [...document.querySelectorAll("tbody > tr[data-key]")];
          return rows.length === 25 &&
            rows.every((r) => r.children[3]?.textContent?.trim() === `paciente ${id}`);
        }, p2id);
        const p1 = await firstIds();
        assert.equal(p1.length, 25);
        const pager = admPage.getByRole("navigation", { name: "Páginas da auditoria" });
        await pager.getByRole("button", { name: "Próxima" }).click();
        await admPage.waitForFunction(
          (first) => {
            const key = document.querySelector("tbody > tr[data-key]")?.getAttribute("data-key");
            return key !== undefined && key !== null && key !== first;
          },
          p1[0],
        );
        const p2 = await firstIds();
        // 30 updates + the seed's creation: 25 on the first page, the rest on the second.
        assert.ok(p2.length >= 6 && p2.every((id) => !p1.includes(id)), `${p1} | ${p2}`);
        assert.equal(await pager.getByRole("button", { name: "Próxima" }).isDisabled(), true);
        assert.ok(Number(p2[0]) < Number(p1[24]));
        await pager.getByRole("button", { name: "Anterior" }).click();
        await admPage.waitForFunction(
          (first) =>
            document.querySelector("tbody > tr[data-key]")?.getAttribute("data-key") === first,
          p1[0],
        );
        assert.equal(await pager.getByRole("button", { name: "Anterior" }).isDisabled(), true);
      },
    );

    await step(
      "notificações: filters by canal, status and paciente; detail; resend",
      async () => {
        // A delivery that failed (as a provider refusal would leave it).
        const [failed] = await s.db.sql<{ notificacaoid: number }>`
        update ca_notificacao set status = 'falhou', ultimo_erro = 'Zenvia respondeu HTTP 400: Invalid recipient'
        where notificacaoid = (select max(notificacaoid) from ca_notificacao where canal = 'email')
        returning notificacaoid`;
        await admPage.getByRole("navigation", { name: "Configurações" })
          .getByRole("link", { name: "Notificações" }).click();
        const table = admPage.getByRole("table", { name: "Notificações" });
        await table.waitFor();
        await admPage.getByLabel("Canal").selectOption("sms");
        await table.locator("tbody tr").first().waitFor();
        await admPage.waitForFunction(() =>
          [...document.querySelectorAll("tbody tr td:nth-child(2)")].every((c) =>
            c.textContent === "SMS"
          )
        );
        // The SMS code is masked for everyone.
        await admPage.getByLabel("Paciente (nome ou CPF)").fill(cpf);
        await admPage.getByRole("button", { name: "Buscar paciente" }).click();
        await admPage.getByRole("button", {
          name: new RegExp(`Marina Souza Lima · ${maskCpf(cpf)}`),
        })
          .click();
        await admPage.getByText("Paciente: Marina Souza Lima").waitFor();
        await table.locator("tbody tr").first().waitFor();
        await rowsBecome(admPage, "Notificações", 1);
        await table.getByRole("button", { name: /Detalhes/ }).click();
        const det = dialog(admPage, /Notificação nº/, "dialog");
        await det.getByText("••••••").first().waitFor();
        await admPage.keyboard.press("Escape");
        await admPage.getByRole("button", { name: /Limpar/ }).click();
        await admPage.getByLabel("Canal").selectOption("");
        await admPage.getByLabel("Status").selectOption("falhou");
        await table.locator(`tr[data-key="${failed.notificacaoid}"]`).waitFor();
        await rowsBecome(admPage, "Notificações", 1);
        await shot(admPage, "config-notificacoes");
        await assertAccessible(admPage, "config-notificacoes");
        await table.getByRole("button", { name: /Detalhes/ }).click();
        const d2 = dialog(admPage, `Notificação nº ${failed.notificacaoid}`);
        await d2.getByText("Zenvia respondeu HTTP 400: Invalid recipient").waitFor();
        await shot(admPage, "config-notificacao-detalhe");
        await d2.getByRole("button", { name: "Reenviar" }).click();
        await admPage.getByText("Notificação colocada na fila para reenvio.").waitFor();
        await d2.getByRole("button", { name: "Reenviar" }).waitFor({ state: "detached" });
        const [n] = await s.db.sql<{ status: string }>`
        select status from ca_notificacao where notificacaoid = ${failed.notificacaoid}`;
        assert.notEqual(n.status, "falhou");
        await admPage.keyboard.press("Escape");
        // The resend left the "falhou" filter.
        await table.locator(`tr[data-key="${failed.notificacaoid}"]`).waitFor({
          state: "detached",
        });
      },
    );

    await step("visualizador: reads the patients, no write control, no admin tab", async () => {
      const v = await newPage(s.browser);
      pages.push(v);
      await signIn(v, s.url, vis.email, vis.senha, "/adm/configuracoes/pacientes");
      await v.getByRole("table", { name: "Pacientes" }).waitFor();
      const tabs = await tabsOf(v);
      assert.ok(tabs.includes("Pacientes"));
      for (const hidden of ["Usuários", "Notificações", "Auditoria"]) {
        assert.ok(!tabs.includes(hidden));
      }
      assert.equal(await v.getByRole("button", { name: "Novo paciente" }).count(), 0);
      await v.getByRole("button", { name: "Marina Souza Lima" }).click();
      const rec = dialog(v, "Marina Souza Lima", "dialog");
      await rec.getByLabel("Nome completo").waitFor();
      assert.equal(await rec.getByLabel("Nome completo").isDisabled(), true);
      for (
        const b of ["Salvar alterações", "Inativar paciente", "Remover validação", "Ficha clínica"]
      ) {
        assert.equal(await rec.getByRole("button", { name: b }).count(), 0, b);
      }
      await rec.getByRole("button", { name: "Planos de tratamento" }).click();
      await rec.getByText("Pré-natal 2026").waitFor();
      await shot(v, "config-pacientes-visualizador");
      await assertAccessible(v, "config-pacientes-visualizador");
      await v.goto(`${s.url}/adm/configuracoes/auditoria`);
      await v.getByText("Aba indisponível").waitFor();
      assert.deepEqual(v.errors, []);
    });

    assert.deepEqual(page.errors, []);
    assert.deepEqual(master.errors, []);
    assert.deepEqual(admPage.errors, []);
  });
});
