/**
 * The configuration console and the patient portal on the embedded database: the server started
 * without `DATABASE_URL` (PGlite), one lean pass over what the Postgres files (config_*_test.ts,
 * portal_*_test.ts) prove in depth. The test has no database handle here: the first-access
 * e-mails and the WhatsApp code are read where the `outbox` driver prints them, the server's
 * console. Screenshots e2e/screenshots/pglite-cfg-*.png and pglite-portal-*.png.
 */
import { strict as assert } from "node:assert";
import { addDays } from "../client-shared/format.ts";
import { nextCpf } from "../server/testing/harness.ts";
import { choose, signIn } from "./adm_ui.ts";
import { newPage, type Page, shot } from "./browser.ts";
import { slotsDoDia } from "./painel/fila.ts";
import { otpInput, otpReady, PHONE } from "./portal_ui.ts";
import { api, lastCode, staffUser } from "./seed.ts";
import { chainedSteps, e2eTest, withPgliteStack } from "./stack.ts";

const row = (page: Page, text: string) => page.getByRole("row").filter({ hasText: text });

e2eTest("[e2e] configurações and portal on the embedded PGlite", async (t) => {
  await withPgliteStack({}, async (s) => {
    const c = s.clinic;
    const outbox = s.servers[0];
    assert.equal((await api(s.url, "GET", "/api/health")).driver, "pglite");
    const ger = await staffUser(s.url, outbox, c.master, "gerenciador", { nome: "Gina Gerente" });
    const get = (path: string) => api(s.url, "GET", path, { token: c.master });
    // A Monday–Friday week from the Monday after the seeded day.
    let inicio = addDays(c.dia, 1);
    while (new Date(`${inicio}T12:00:00Z`).getUTCDay() !== 1) inicio = addDays(inicio, 1);
    const fim = addDays(inicio, 4);
    const page = await newPage(s.browser);
    // On a failure: each open page's screen and errors.
    const pages = [page];
    const step = chainedSteps(t, async () => {
      for (const [i, p] of pages.entries()) {
        if (p.isClosed()) continue;
        await shot(p, `pglite-falha-${i}`).catch(() => {});
        console.error(`page ${i} errors:`, p.errors);
      }
    });

    await step("gerenciador creates an especialidade with cotas and a unidade", async () => {
      await signIn(page, s.url, ger.email, ger.senha, "/adm/configuracoes/especialidades");
      await page.getByRole("button", { name: "Nova especialidade" }).click();
      const esp = page.getByRole("dialog", { name: "Nova especialidade" });
      await esp.getByLabel("Nome", { exact: true }).fill("Dermatologia");
      await esp.getByLabel("Limite de vagas").fill("3");
      await esp.getByLabel("Vagas Normal").fill("2");
      await esp.getByLabel("Vagas Prioritário").fill("1");
      await esp.getByTestId("cotas-soma").getByText("Soma das cotas: 3 de 3 vagas ✓").waitFor();
      await esp.getByRole("button", { name: "Salvar" }).click();
      await esp.waitFor({ state: "detached" });
      await row(page, "Dermatologia").getByText("2 Normal").waitFor();

      await page.getByRole("navigation", { name: "Configurações" })
        .getByRole("link", { name: "Unidades" }).click();
      await page.getByRole("table", { name: "Unidades" }).waitFor();
      await page.getByRole("button", { name: "Nova unidade" }).click();
      const uni = page.getByRole("dialog", { name: "Nova unidade" });
      await uni.getByLabel("Nome", { exact: true }).fill("Policlínica Norte");
      await uni.getByLabel("Cidade").fill("Barueri");
      await uni.getByLabel("Nome do novo consultório").fill("Sala Azul");
      await uni.getByRole("button", { name: "Adicionar consultório" }).click();
      await uni.getByRole("button", { name: "Salvar" }).click();
      await uni.waitFor({ state: "detached" });
      await row(page, "Policlínica Norte").getByText("Sala Azul").waitFor();
      await shot(page, "pglite-cfg-unidades");

      const [e] = await get("/api/especialidades?search=Dermatologia");
      const cotas = await get(`/api/especialidades/${e.especialidadeid}/cotas`);
      assert.equal(cotas.soma, 3);
      const [u] = await get(`/api/unidades?search=${encodeURIComponent("Policlínica Norte")}`);
      assert.deepEqual(u.consultorios.map((x: { nome: string }) => x.nome), ["Sala Azul"]);
      // The médico of the new grade (the médico form is covered on Postgres).
      await api(s.url, "POST", "/api/medicos", {
        token: c.master,
        body: {
          nomecompleto: "Dra. Lívia Ramos",
          crm: "654321",
          crm_uf: "SP",
          unidadeid: u.unidadeid,
          especialidades: [e.especialidadeid],
        },
      });
    });

    await step("the wizard generates a week of grade: progress, then the summary", async () => {
      await page.getByRole("navigation", { name: "Configurações" })
        .getByRole("link", { name: "Gerar grade" }).click();
      const passo = (n: number) =>
        page.getByRole("heading", { name: new RegExp(`^Etapa ${n} de 5`) }).waitFor();
      const proximo = () => page.getByRole("button", { name: "Próximo" }).click();
      await passo(1);
      await choose(page, "Unidade", "Policlínica Norte");
      await choose(page, "Especialidade", "Dermatologia");
      await choose(page, "Médico", "Dra. Lívia Ramos");
      await choose(page, "Consultório", "Sala Azul");
      await proximo();
      await passo(2);
      await page.getByLabel("Data inicial").fill(inicio);
      await page.getByLabel("Data final").fill(fim);
      await proximo();
      await passo(3);
      await page.getByLabel("Início de Segunda").fill("08:00");
      await page.getByLabel("Fim de Segunda").fill("09:00");
      await page.getByRole("button", { name: /Copiar o horário de segunda/ }).click();
      await proximo();
      await passo(4);
      // Pre-filled from the cotas made through the UI above.
      assert.equal(await page.getByLabel("Normal").inputValue(), "2");
      assert.equal(await page.getByLabel("Prioritário").inputValue(), "1");
      await proximo();
      await passo(5);
      const previa = page.getByTestId("previa");
      await previa.waitFor();
      const criados = Number(await previa.locator('[data-valor="criados"]').textContent());
      assert.equal(Number(await previa.locator('[data-valor="conflitos"]').textContent()), 0);
      assert.ok(criados > 0);
      await page.getByRole("button", { name: `Gerar ${criados} horários` }).click();
      // The progress card replaces the wizard at once, then ends with its summary.
      await page.getByRole("progressbar", { name: "Progresso da geração" }).waitFor();
      await page.getByRole("heading", { name: "Grade gerada" }).waitFor();
      assert.equal(
        await page.locator('[role="progressbar"]').getAttribute("aria-valuetext"),
        "Concluída",
      );
      const resumo = page.getByTestId("geracao-resumo");
      assert.equal(await resumo.locator('[data-valor="criados"]').textContent(), String(criados));
      await shot(page, "pglite-cfg-grade-resumo");
      const mes = await get(
        `/api/slots/mes?ano=${inicio.slice(0, 4)}&mes=${Number(inicio.slice(5, 7))}`,
      );
      const dia = mes.dias.find((d: { data: string }) => d.data === inicio);
      assert.ok(dia?.livres > 0, `slots on ${inicio}`);
    });

    await step("cancels a grade day with a reason and restores it", async () => {
      await page.getByRole("navigation", { name: "Configurações" })
        .getByRole("link", { name: "Dias da grade" }).click();
      await choose(page, "Médico", "Dra. Lívia Ramos");
      await page.locator("[data-grade]").first().click();
      await page.locator(`[data-dia="${inicio}"]`).click();
      const painel = page.getByTestId("dia-painel");
      await painel.getByText("Este dia nunca foi cancelado.").waitFor();
      await painel.getByLabel("Motivo do cancelamento").fill("Dedetização da sala");
      await painel.getByRole("button", { name: "Cancelar dia" }).click();
      await page.getByRole("alertdialog").getByRole("button", { name: "Cancelar dia" }).click();
      await page.locator(`[data-dia="${inicio}"][data-cancelado="true"]`).waitFor();
      await painel.locator('[data-restaurado="false"]').getByText(/Dedetização da sala/).waitFor();
      await painel.getByRole("button", { name: "Restaurar dia" }).click();
      await page.getByRole("alertdialog").getByRole("button", { name: "Restaurar dia" }).click();
      await painel.locator('[data-restaurado="true"]').getByText(/Restaurado por Gina Gerente/)
        .waitFor();
      await page.locator(`[data-dia="${inicio}"]:not([data-cancelado])`).waitFor();
      await shot(page, "pglite-cfg-dia-restaurado");
      assert.deepEqual(page.errors, []);
    });

    await step("an administrador sees the cancellation in auditoria with its actor", async () => {
      const adm = await staffUser(s.url, outbox, c.master, "administrador");
      const ap = await newPage(s.browser);
      pages.push(ap);
      await signIn(ap, s.url, adm.email, adm.senha, "/adm/configuracoes/auditoria");
      await ap.getByLabel("Entidade", { exact: true }).selectOption({ label: "Grade" });
      await ap.getByLabel("Tipo de evento").fill("grade.dia_cancelado");
      await ap.getByRole("button", { name: "Filtrar" }).click();
      const linha = ap.getByRole("table", { name: "Eventos de auditoria" })
        .locator("tbody > tr[data-key]").filter({ hasText: "grade.dia_cancelado" })
        .filter({ hasText: "Gina Gerente" });
      await linha.waitFor();
      await linha.getByRole("button", { name: /Ver antes\/depois/ }).click();
      await linha.getByText(/Dedetização da sala/).first().waitFor();
      await shot(ap, "pglite-cfg-auditoria");
      assert.deepEqual(ap.errors, []);
      await ap.context().close();
    });

    await page.context().close();
    const cpf = nextCpf();
    const telefone = "11987001234";
    const portal = await newPage(s.browser, { viewport: PHONE });
    pages.push(portal);
    let backlogid = 0;

    await step("a patient registers on a phone with the WhatsApp code", async () => {
      await portal.goto(`${s.url}/cadastro`);
      await portal.getByLabel("Nome completo").fill("Helena Martins Prado");
      await portal.getByLabel("CPF").pressSequentially(cpf);
      await portal.getByLabel("Senha", { exact: true }).fill("girassol42");
      await portal.getByLabel("Data de nascimento").fill("1984-07-21");
      await portal.getByLabel("Telefone celular (WhatsApp)").pressSequentially(telefone);
      await portal.getByRole("button", { name: "Criar cadastro" }).click();
      await portal.getByRole("heading", { name: "Confirme seu telefone", level: 1 }).waitFor();
      await otpReady(portal);
      await otpInput(portal).pressSequentially(await lastCode(outbox, telefone));
      await portal.waitForURL(`${s.url}/`);
      await portal.getByText("Telefone confirmado. Bem-vindo ao portal!").waitFor();
    });

    await step("sends a request through the wizard", async () => {
      await portal.getByRole("navigation", { name: "Principal" })
        .getByRole("link", { name: "Solicitar", exact: true }).click();
      await portal.getByRole("heading", { name: /Etapa 1 de 3/ }).waitFor();
      await portal.getByLabel("Especialidade (obrigatório)").selectOption({ label: "Cardiologia" });
      await portal.getByRole("button", { name: "Continuar" }).click();
      await portal.getByRole("heading", { name: /Etapa 2 de 3/ }).waitFor();
      await portal.getByLabel("Data preferida (opcional)").fill(c.dia);
      await portal.getByRole("button", { name: "Continuar" }).click();
      await portal.getByRole("heading", { name: /Etapa 3 de 3/ }).waitFor();
      await portal.getByRole("button", { name: "Enviar" }).click();
      await portal.getByRole("heading", { name: "Minhas solicitações" }).waitFor();
      const token = await portal.evaluate(() => sessionStorage.getItem("ca.paciente.token"));
      const { items } = await api(s.url, "GET", "/api/backlog", { token: token! });
      assert.equal(items.length, 1);
      assert.equal(items[0].status, "Pendente");
      backlogid = items[0].backlogid;
    });

    await step("an operator's proposal appears live; confirmed, it is a consulta", async () => {
      const op = await staffUser(s.url, outbox, c.master, "operador");
      const nove = (await slotsDoDia(s.url, c))["09:00 Normal"].slotagendaid;
      await portal.getByRole("article", { name: /Solicitação de Cardiologia/ })
        .getByText("Pendente").waitFor();
      await portal.locator('[data-conn="pronto"]').waitFor();
      await api(s.url, "PATCH", `/api/backlog/${backlogid}/alocar`, {
        token: op.token,
        body: { slotagendaid: nove },
      });
      const proposta = portal.getByTestId("proposta");
      await proposta.getByText("09:00").waitFor(); // no reload
      await proposta.getByText("Dra. Helena Duarte").waitFor();
      await shot(portal, "pglite-portal-proposta");
      await portal.getByRole("button", { name: "Confirmar" }).click();
      await portal.getByText(/Consulta confirmada\. Protocolo/).waitFor();
      await portal.getByRole("navigation", { name: "Principal" })
        .getByRole("link", { name: "Consultas", exact: true }).click();
      await portal.getByRole("heading", { name: "Minhas consultas" }).waitFor();
      const consulta = portal.getByTestId("consulta");
      await consulta.getByText("Dra. Helena Duarte").waitFor();
      await consulta.getByText("Cardiologia").waitFor();
      const token = await portal.evaluate(() => sessionStorage.getItem("ca.paciente.token"));
      const b = await api(s.url, "GET", `/api/backlog/${backlogid}`, { token: token! });
      assert.equal(b.status, "Agendado");
      await consulta.getByTestId("protocolo").getByText(b.protocolo).waitFor();
      await shot(portal, "pglite-portal-consultas");
      assert.deepEqual(portal.errors, []);
    });
  });
});
