/**
 * The dashboard end to end: calendar views with free/taken places, the shared filters, grade
 * statistics, patient search, the day-detail modal (stats, filters, order, actions) and a
 * booking made elsewhere showing in the calendar without reload; a visualizador sees no write
 * control and its token cannot write through the API.
 */
import { strict as assert } from "node:assert";
import { choose, signIn } from "./adm_ui.ts";
import { assertAccessible, newPage, shot } from "./browser.ts";
import { recordAssets, totalGzipKb } from "./first_load.ts";
import { api, apiRaw, staffUser } from "./seed.ts";
import { e2eTest, withStack } from "./stack.ts";

e2eTest("[e2e] console: dashboard, day modal, live counts", async (t) => {
  await withStack({}, async (s) => {
    const { clinic } = s;
    const op = await staffUser(s.url, s.db, clinic.master, "operador", {
      nome: "Olívia Operadora",
    });
    const page = await newPage(s.browser);
    const cell = () => page.locator(`[data-dia="${clinic.dia}"]`);

    await t.step(
      "first load of /adm/ (login, then dashboard) is at most 150 KB gzipped",
      async () => {
        const probe = await newPage(s.browser);
        const rec = recordAssets(probe);
        await probe.goto(`${s.url}/adm/`);
        await probe.getByRole("button", { name: "Entrar" }).waitFor();
        const login = await rec.done();
        const loginKb = totalGzipKb(login);
        await probe.getByLabel("E-mail").fill(op.email);
        await probe.getByLabel("Senha").fill(op.senha);
        await probe.getByRole("button", { name: "Entrar" }).click();
        await probe.getByRole("table", { name: "Calendário do mês" }).waitFor();
        const all = await rec.done();
        const totalKb = totalGzipKb(all);
        console.log(
          `first load of /adm/: login ${loginKb} KB gzip (${login.length} files), ` +
            `login + dashboard ${totalKb} KB gzip (${all.length} files)`,
        );
        await probe.context().close();
        assert.ok(totalKb <= 150, `first load ${totalKb} KB > 150 KB`);
      },
    );

    await t.step("month view shows the day's free and taken places", async () => {
      await signIn(page, s.url, op.email, op.senha, `/adm/?data=${clinic.dia}`);
      await cell().getByText("15 livres").waitFor();
      await cell().getByText("3 ocupadas").waitFor();
      await page.getByTestId("stats-dia").waitFor();
      await page.locator('[data-conn="connected"]').waitFor();
      await shot(page, "dashboard-mes");
      await assertAccessible(page, "dashboard");
    });

    await t.step("the unidade filter narrows the counts, and back", async () => {
      await choose(page, "Unidade", "UBS Jardim");
      await cell().getByText("5 livres").waitFor();
      await cell().getByText("1 ocupada", { exact: true }).waitFor();
      await choose(page, "Unidade", "Todas as unidades");
      await cell().getByText("15 livres").waitFor();
    });

    await t.step("week and day views", async () => {
      await page.getByRole("tab", { name: "Semana" }).click();
      await page.locator(`[data-dia="${clinic.dia}"]`).getByText("15 livres").waitFor();
      await shot(page, "dashboard-semana");
      await page.getByRole("tab", { name: "Dia" }).click();
      await page.getByRole("region", { name: "Horários das 08:00" }).waitFor();
      assert.ok(await page.locator("[data-slot]").count() >= 10);
      await shot(page, "dashboard-dia");
      await page.getByRole("tab", { name: "Mês" }).click();
    });

    await t.step("keyboard: arrows move through the days, Enter opens one", async () => {
      await cell().focus();
      await page.keyboard.press("ArrowDown");
      const next = new Date(Date.parse(`${clinic.dia}T12:00:00Z`) + 7 * 86_400_000)
        .toISOString().slice(0, 10);
      await page.waitForFunction(
        (d) => document.activeElement?.getAttribute("data-dia") === d,
        next,
      );
      await page.keyboard.press("ArrowUp");
      await page.waitForFunction(
        (d) => document.activeElement?.getAttribute("data-dia") === d,
        clinic.dia,
      );
      await page.keyboard.press("Enter");
      const dialog = page.getByRole("dialog");
      await dialog.locator("[data-agendamento]").first().waitFor();
      await page.keyboard.press("Escape");
      await dialog.waitFor({ state: "detached" });
    });

    await t.step("patient search by name and by CPF", async () => {
      const input = page.getByRole("combobox", { name: "Nome ou CPF do paciente" });
      await input.fill("Maria");
      await page.getByRole("option", { name: /Maria da Silva Santos/ }).click();
      await page.getByTestId("paciente-escolhido").getByText("Próximos agendamentos").waitFor();
      await input.fill("");
      await input.fill(clinic.pacientes[1].cpf.slice(0, 6));
      await page.getByRole("option", { name: /José Pereira de Souza/ }).waitFor();
      await page.keyboard.press("Escape");
    });

    const modal = page.getByRole("dialog");
    await t.step("clicking the day opens its modal with statistics", async () => {
      await cell().click();
      await modal.getByTestId("stats-modal").waitFor();
      assert.equal(await modal.locator('[data-stat="Total"]').textContent(), "3");
      assert.equal(await modal.locator('[data-stat="Ativos"]').textContent(), "3");
      assert.equal(await modal.locator('[data-stat="Médicos"]').textContent(), "2");
      await modal.locator("[data-agendamento]").nth(2).waitFor();
      await shot(page, "modal-dia");
      await assertAccessible(page, "modal do dia");
    });

    await t.step("filters by name and orders by patient", async () => {
      await modal.getByLabel("Nome ou CPF").fill("José");
      await modal.locator("[data-agendamento]").filter({ hasText: "Maria" }).waitFor({
        state: "detached",
      });
      assert.equal(await modal.locator("[data-agendamento]").count(), 1);
      await modal.getByLabel("Nome ou CPF").fill("");
      await modal.locator("[data-agendamento]").nth(2).waitFor();
      await choose(page, "Ordenar por", "Paciente", modal);
      await modal.locator("[data-agendamento]").first().filter({ hasText: "Fernanda" }).waitFor();
    });

    await t.step("confirms presence and cancels with a reason; the counts follow", async () => {
      const maria = modal.locator("[data-agendamento]").filter({ hasText: "Maria" });
      await maria.getByRole("button", { name: "Confirmar presença" }).click();
      await maria.locator("[data-status]").filter({ hasText: "Confirmado" }).waitFor();
      const jose = modal.locator("[data-agendamento]").filter({ hasText: "José" });
      await jose.getByRole("button", { name: "Cancelar" }).click();
      await jose.getByLabel("Motivo do cancelamento").fill("Paciente pediu para remarcar");
      await jose.getByRole("button", { name: "Confirmar cancelamento" }).click();
      await jose.locator("[data-status]").filter({ hasText: "Cancelado" }).waitFor();
      await modal.locator('[data-stat="Cancelados"]').filter({ hasText: "1" }).waitFor();
      await modal.locator('[data-stat="Ativos"]').filter({ hasText: "2" }).waitFor();
      await jose.getByRole("button", { name: /Detalhes/ }).click();
      await jose.getByText("Paciente pediu para remarcar").waitFor();
      await shot(page, "modal-dia-acoes");
      const [row] = await s.db.sql<{ status: string }>`
        select status from ca_agendamento where agendamentoid = ${clinic.agendamentos[1]}`;
      assert.equal(row.status, "Cancelado");
      await page.keyboard.press("Escape");
      await modal.waitFor({ state: "detached" });
      // The cancellation freed a place: seen through the live feed.
      await cell().getByText("2 ocupadas").waitFor();
    });

    await t.step("a booking made elsewhere shows in the calendar without reload", async () => {
      const day = await api(s.url, "GET", `/api/slots?data=${clinic.dia}`, {
        token: clinic.master,
      });
      // deno-lint-ignore no-explicit-any
      const free = day.grupos.flatMap((g: any) => g.slots).find((x: any) => x.livres > 0);
      await api(s.url, "POST", "/api/agendamentos", {
        token: clinic.master,
        body: { slotagendaid: free.slotagendaid, pacienteid: clinic.pacientes[1].pacienteid },
      });
      await cell().getByText("3 ocupadas").waitFor();
      await cell().getByText("15 livres").waitFor();
    });
    assert.deepEqual(page.errors, []);
  });
});

e2eTest("[e2e] console: a visualizador reads but cannot write", async (t) => {
  await withStack({}, async (s) => {
    const { clinic } = s;
    const vis = await staffUser(s.url, s.db, clinic.master, "visualizador", {
      nome: "Vitor Visualizador",
    });
    const page = await newPage(s.browser);

    await t.step("sees the agenda and no write control", async () => {
      await signIn(page, s.url, vis.email, vis.senha, `/adm/?data=${clinic.dia}`);
      const nav = page.getByRole("navigation", { name: "Principal" });
      await nav.getByRole("link", { name: "Dashboard" }).waitFor();
      // Configurações is readable (its tabs show no write control to a visualizador).
      assert.equal(await nav.getByRole("link", { name: "Configurações" }).count(), 1);
      await page.locator(`[data-dia="${clinic.dia}"]`).click();
      const modal = page.getByRole("dialog");
      await modal.locator("[data-agendamento]").nth(2).waitFor();
      for (const name of ["Confirmar presença", "Não compareceu", "Cancelar"]) {
        assert.equal(await modal.getByRole("button", { name }).count(), 0, name);
      }
      await shot(page, "visualizador-modal");
    });

    await t.step("a direct API write with its token is refused and changes nothing", async () => {
      const id = clinic.agendamentos[0];
      const res = await apiRaw(s.url, "PUT", `/api/agendamentos/${id}/confirmar-presenca`, {
        token: vis.token,
      });
      assert.equal(res.status, 403);
      const cancel = await apiRaw(s.url, "PUT", `/api/agendamentos/${id}/cancelar`, {
        token: vis.token,
        body: { motivo: "tentativa indevida" },
      });
      assert.equal(cancel.status, 403);
      const [row] = await s.db.sql<{ status: string }>`
        select status from ca_agendamento where agendamentoid = ${id}`;
      assert.equal(row.status, "Ativo");
    });
    assert.deepEqual(page.errors, []);
  });
});
