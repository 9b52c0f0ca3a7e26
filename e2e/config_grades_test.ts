/**
 * The grade screens of the configuration console end to end, on one server stack (Postgres): a
 * gerenciador generates a month of grade with the 5-step wizard (validation per step, the cotas
 * pre-filled, every conflict in the preview), watches the progress bar fed by the live progress
 * events (every 2 days of the month), reloads while it runs and still sees it, gets the summary and
 * finds the slots in the operator console's calendar; cancels a booked day with a reason and
 * restores it, the history showing both, and sees a cancellation made by someone else live; an
 * operador reads the days without write controls; an administrador previews a day's slots (a
 * booking made meanwhile shows live) and cancels them in bulk moving the patients back to the queue
 * (API) with their messages in the outbox (DB); a gerenciador has no mass cancellation tab. Each
 * screen is scanned with axe and photographed (e2e/screenshots/grade-*, dias-*, massa-*).
 */
import { strict as assert } from "node:assert";
import { addDays } from "../client-shared/format.ts";
import { choose, signIn } from "./adm_ui.ts";
import { assertAccessible, newPage, shot } from "./browser.ts";
import { nextCpf } from "../server/testing/harness.ts";
import { api, apiRaw, staffUser } from "./seed.ts";
import { e2eTest, withStack } from "./stack.ts";

const weekday = (d: string) => new Date(`${d}T12:00:00Z`).getUTCDay(); // 0 = Sunday

e2eTest(
  "[e2e] configurações: grade wizard with progress, grade days, mass cancellation",
  async (t) => {
    await withStack({}, async (s) => {
      const { clinic } = s;
      const ger = await staffUser(s.url, s.db, clinic.master, "gerenciador", {
        nome: "Gabriel Gerenciador",
      });
      const adm = await staffUser(s.url, s.db, clinic.master, "administrador", {
        nome: "Alice Administradora",
      });
      // A month (30 days) from a Monday two weeks after the seeded day: 15 chunks of 2 days, each
      // reporting its progress.
      let inicio = addDays(clinic.dia, 14);
      while (weekday(inicio) !== 1) inicio = addDays(inicio, 1);
      const fim = addDays(inicio, 29);
      const page = await newPage(s.browser);
      const passo = (n: number) =>
        page.getByRole("heading", { name: new RegExp(`^Etapa ${n} de 5`) }).waitFor();
      const proximo = () => page.getByRole("button", { name: "Próximo" }).click();

      await t.step("wizard steps 1–4: cascading choice, validation, hours, cotas", async () => {
        await signIn(page, s.url, ger.email, ger.senha, "/adm/configuracoes/gerar-grade");
        await passo(1);
        await proximo();
        await page.getByText("Escolha a unidade.").waitFor();
        await page.getByText("Escolha o médico.").waitFor();
        await choose(page, "Unidade", "UBS Centro");
        await choose(page, "Especialidade", "Cardiologia");
        // the médicos offered follow the unidade and the especialidade
        await page.getByRole("button", { name: /^Médico/ }).click();
        assert.equal(await page.getByRole("option", { name: "Dr. Rafael Moreira" }).count(), 0);
        await page.getByRole("option", { name: "Dra. Helena Duarte", exact: true }).click();
        await choose(page, "Consultório", "Sala 1");
        await shot(page, "grade-1-base");
        await assertAccessible(page, "grade etapa 1");
        await proximo();

        await passo(2);
        // the heading of the new step takes the focus
        await page.waitForFunction(() => document.activeElement?.id === "passo-titulo");
        await page.getByLabel("Data inicial").fill(fim);
        await page.getByLabel("Data final").fill(inicio);
        await proximo();
        await page.getByText("A data final deve ser igual ou posterior à inicial.").waitFor();
        await page.getByLabel("Data inicial").fill(inicio);
        await page.getByLabel("Data final").fill(fim);
        await page.getByText("Período de 30 dias.").waitFor();
        await shot(page, "grade-2-periodo");
        await assertAccessible(page, "grade etapa 2");
        await proximo();

        await passo(3);
        await proximo();
        await page.getByText("Informe o horário de ao menos um dia da semana.").waitFor();
        await page.getByLabel("Início de Segunda").fill("08:00");
        await page.getByLabel("Fim de Segunda").fill("12:00");
        await page.getByRole("button", { name: /Copiar o horário de segunda/ }).click();
        // Saturday until 20:00 although the unidade closes at 19:00: conflicts in the preview
        await page.getByLabel("Início de Sábado").fill("18:00");
        await page.getByLabel("Fim de Sábado").fill("20:00");
        await page.locator('[data-dia-semana="5"] [data-horarios]').getByText(/08:00/).waitFor();
        await shot(page, "grade-3-horarios");
        await assertAccessible(page, "grade etapa 3");
        await proximo();

        await passo(4);
        assert.equal(await page.getByLabel("Normal").inputValue(), "2");
        assert.equal(await page.getByLabel("Prioritário").inputValue(), "1");
        await page.getByTestId("soma-vagas").getByText("3", { exact: true }).waitFor();
        await shot(page, "grade-4-distribuicao");
        await assertAccessible(page, "grade etapa 4");
        await proximo();
      });

      let criados = 0;
      await t.step("step 5: preview lists every conflict; Gerar waits for the choice", async () => {
        await passo(5);
        const previa = page.getByTestId("previa");
        await previa.waitFor();
        criados = Number(await previa.locator('[data-valor="criados"]').textContent());
        assert.ok(criados > 0);
        const conflitos = Number(await previa.locator('[data-valor="conflitos"]').textContent());
        assert.ok(conflitos >= 4, `conflicts: ${conflitos}`); // ≥ 1 per Saturday
        const linhas = page.getByRole("table", { name: "Conflitos encontrados" }).locator(
          "tbody tr",
        );
        assert.equal(await linhas.count(), conflitos);
        assert.equal(await linhas.filter({ hasText: "Fora do horário" }).count(), conflitos);
        const gerar = page.getByRole("button", { name: `Gerar ${criados} horários` });
        assert.ok(await gerar.isDisabled());
        await page.getByLabel("Gerar ignorando os horários em conflito").check();
        assert.ok(await gerar.isEnabled());
        await shot(page, "grade-5-previa");
        await assertAccessible(page, "grade etapa 5");
      });

      await t.step("generation: progress bar, reload while running, summary", async () => {
        // An uncommitted slot of the same médico (another unidade) on the 15th day, in the eighth
        // chunk: the generation waits on it after reporting 7 chunks (14 days) until it rolls
        // back.
        const bloqueado = addDays(inicio, 14); // a Monday, 08:00 in São Paulo
        let release!: () => void;
        const released = new Promise<void>((r) => (release = r));
        let ready!: () => void;
        const isReady = new Promise<void>((r) => (ready = r));
        const holding = s.db.begin(async (sql) => {
          const [g] = await sql<{ id: number }>`
          insert into ca_gradeagenda (medicoid, especialidadeid, unidadeid, vigencia_inicio,
                                      vigencia_fim)
          values (${clinic.medicoid}, ${clinic.especialidadeid}, ${clinic.unidade2id},
                  ${bloqueado}, ${bloqueado})
          returning gradeagendaid as id`;
          await sql`
          insert into ca_slotagenda (gradeagendaid, medicoid, tiposlotid, unidadeid,
            especialidadeid, datainicio, datafim, data, periodo)
          values (${g.id}, ${clinic.medicoid}, ${clinic.normal}, ${clinic.unidade2id},
            ${clinic.especialidadeid}, ${`${bloqueado} 11:00Z`}, ${`${bloqueado} 11:30Z`},
            ${bloqueado}, 'Manhã')`;
          ready();
          await released;
          throw new Error("rollback");
        }).catch(() => {});
        try {
          await isReady;
          await page.getByRole("button", { name: `Gerar ${criados} horários` }).click();
          const bar = page.getByRole("progressbar", { name: "Progresso da geração" });
          await page.locator('[role="progressbar"][aria-valuetext="14 de 30 dias"]').waitFor();
          assert.equal(await bar.getAttribute("aria-valuenow"), "47");
          await page.getByText("Geração em andamento").waitFor();
          await shot(page, "grade-6-progresso");
          await assertAccessible(page, "grade em andamento");

          await page.reload();
          await page.getByText("Geração em andamento").waitFor();
          await page.locator('[role="progressbar"][aria-valuetext="14 de 30 dias"]').waitFor();
          await page.getByText("iniciada por Gabriel Gerenciador").waitFor();
          await shot(page, "grade-7-apos-recarregar");
          // another user sees it too, and may go back to the wizard meanwhile
          const outro = await newPage(s.browser);
          await signIn(outro, s.url, adm.email, adm.senha, "/adm/configuracoes/gerar-grade");
          await outro.getByText("iniciada por Gabriel Gerenciador").waitFor();
          await outro.getByRole("button", { name: "Voltar ao assistente" }).click();
          await outro.getByRole("heading", { name: /^Etapa 1 de 5/ }).waitFor();
          await outro.context().close();
        } finally {
          release();
          await holding;
        }
        await page.getByRole("heading", { name: "Grade gerada" }).waitFor();
        const resumo = page.getByTestId("geracao-resumo");
        assert.equal(
          await resumo.locator('[data-valor="criados"]').textContent(),
          String(criados),
        );
        await shot(page, "grade-8-resumo");
        const [{ n }] = await s.db.sql<{ n: number }>`
        select count(*)::int as n from ca_slotagenda
        where medicoid = ${clinic.medicoid} and data between ${inicio} and ${fim}`;
        assert.equal(n, criados);
      });

      await t.step("the generated slots show in the operator console's calendar", async () => {
        const mes = await api(
          s.url,
          "GET",
          `/api/slots/mes?ano=${inicio.slice(0, 4)}&mes=${Number(inicio.slice(5, 7))}`,
          { token: ger.token },
        );
        // deno-lint-ignore no-explicit-any
        const dia = mes.dias.find((d: any) => d.data === inicio);
        assert.ok(dia.livres > 0);
        await page.goto(`${s.url}/adm/?data=${inicio}`);
        await page.locator(`[data-dia="${inicio}"]`).getByText(`${dia.livres} livres`).waitFor();
        await shot(page, "grade-9-calendario");
      });

      await t.step(
        "grade days: cancel a booked day with a reason, restore it, history",
        async () => {
          await page.goto(`${s.url}/adm/configuracoes/dias-grade`);
          await choose(page, "Médico", "Dra. Helena Duarte");
          await page.locator("[data-grade]").first().click();
          // keyboard: arrows move between the days, Enter opens one
          const cell = page.locator(`[data-dia="${clinic.dia}"]`);
          await cell.focus();
          await page.keyboard.press("ArrowRight");
          await page.waitForFunction(
            (d) => document.activeElement?.getAttribute("data-dia") === d,
            addDays(clinic.dia, 1),
          );
          await page.keyboard.press("ArrowLeft");
          await page.keyboard.press("Enter");
          const painel = page.getByTestId("dia-painel");
          await painel.getByTestId("ocupados").waitFor();
          await painel.getByText("Este dia nunca foi cancelado.").waitFor();
          await shot(page, "dias-1-dia");
          await assertAccessible(page, "dias da grade");

          await painel.getByRole("button", { name: "Cancelar dia" }).click();
          await painel.getByText("Informe o motivo (ao menos 3 caracteres).").waitFor();
          await painel.getByLabel("Motivo do cancelamento").fill("Médica em congresso");
          await painel.getByRole("button", { name: "Cancelar dia" }).click();
          const dialog = page.getByRole("alertdialog");
          await dialog.getByText(/com pacientes continuam/).waitFor();
          await shot(page, "dias-2-confirmar");
          await dialog.getByRole("button", { name: "Cancelar dia" }).click();
          await dialog.waitFor({ state: "detached" });
          await page.locator(`[data-dia="${clinic.dia}"][data-cancelado="true"]`).waitFor();
          await painel.getByTestId("pendentes").getByText(/Maria da Silva Santos/).waitFor();
          await painel.locator('[data-restaurado="false"]').getByText("Médica em congresso")
            .waitFor();
          await shot(page, "dias-3-cancelado");

          await painel.getByLabel("Motivo da restauração (opcional)").fill("Congresso adiado");
          await painel.getByRole("button", { name: "Restaurar dia" }).click();
          await page.getByRole("alertdialog").getByRole("button", { name: "Restaurar dia" })
            .click();
          const item = painel.locator('[data-restaurado="true"]');
          await item.getByText(/Restaurado por Gabriel Gerenciador/).waitFor();
          await item.getByText(/Cancelado por Gabriel Gerenciador/).waitFor();
          await item.getByText(/Congresso adiado/).waitFor();
          await page.locator(`[data-dia="${clinic.dia}"]:not([data-cancelado])`).waitFor();
          await shot(page, "dias-4-restaurado");
        },
      );

      await t.step("a day cancelled by someone else shows without reload", async () => {
        const grade = await page.locator("[data-grade]").first().getAttribute("data-grade");
        const painel = page.getByTestId("dia-painel");
        await api(s.url, "POST", `/api/grade-agenda/${grade}/cancel-day`, {
          token: clinic.master,
          body: { data: clinic.dia, motivo: "Reforma da sala" },
        });
        await page.locator(`[data-dia="${clinic.dia}"][data-cancelado="true"]`).waitFor();
        await painel.getByText("Dia cancelado", { exact: true }).waitFor();
        await painel.locator('[data-restaurado="false"]').getByText(/Reforma da sala/).waitFor();
        await api(s.url, "PUT", `/api/grade-agenda/${grade}/restore-day`, {
          token: clinic.master,
          body: { data: clinic.dia },
        });
        await page.locator(`[data-dia="${clinic.dia}"]:not([data-cancelado])`).waitFor();
        await painel.locator('[data-restaurado="true"]').nth(1).waitFor();
      });

      await t.step("an operador reads the grade days without write controls", async () => {
        const op = await staffUser(s.url, s.db, clinic.master, "operador");
        const opPage = await newPage(s.browser);
        await signIn(opPage, s.url, op.email, op.senha, "/adm/configuracoes/dias-grade");
        const nav = opPage.getByRole("navigation", { name: "Configurações" });
        await nav.getByRole("link", { name: "Dias da grade" }).waitFor();
        assert.equal(await nav.getByRole("link", { name: "Gerar grade" }).count(), 0);
        await choose(opPage, "Médico", "Dra. Helena Duarte");
        await opPage.locator("[data-grade]").first().click();
        await opPage.locator(`[data-dia="${clinic.dia}"]`).click();
        const painel = opPage.getByTestId("dia-painel");
        await painel.getByTestId("historico").waitFor();
        assert.equal(
          await painel.getByRole("button", { name: /Cancelar dia|Restaurar dia/ }).count(),
          0,
        );
        assert.deepEqual(opPage.errors, []);
        await opPage.context().close();
      });

      await t.step("a gerenciador has no mass cancellation", async () => {
        const nav = page.getByRole("navigation", { name: "Configurações" });
        await nav.getByRole("link", { name: "Dias da grade" }).waitFor();
        assert.equal(await nav.getByRole("link", { name: "Cancelamento em massa" }).count(), 0);
        await page.goto(`${s.url}/adm/configuracoes/cancelamento-massa`);
        await page.getByRole("heading", { name: "Aba indisponível" }).waitFor();
        const res = await apiRaw(s.url, "POST", "/api/cancelamento-massa/preview", {
          token: ger.token,
          body: { data_inicio: clinic.dia, data_fim: clinic.dia },
        });
        assert.equal(res.status, 403);
      });

      await t.step(
        "an administrador cancels a day in bulk, patients back in the queue",
        async () => {
          const admPage = await newPage(s.browser);
          await signIn(
            admPage,
            s.url,
            adm.email,
            adm.senha,
            "/adm/configuracoes/cancelamento-massa",
          );
          await admPage.getByRole("button", { name: "Ver horários afetados" }).click();
          await admPage.getByText("Informe a data inicial.").waitFor();
          await admPage.getByLabel("Data inicial").fill(clinic.dia);
          // the server's own rule, shown next to its field
          await admPage.getByLabel("Data final").fill(addDays(clinic.dia, 100));
          await admPage.getByRole("button", { name: "Ver horários afetados" }).click();
          await admPage.getByText("O intervalo pode ter no máximo 92 dias.").waitFor();
          await admPage.getByLabel("Data final").fill(clinic.dia);
          await shot(admPage, "massa-1-filtros");
          await assertAccessible(admPage, "cancelamento em massa: filtros");
          await admPage.getByRole("button", { name: "Ver horários afetados" }).click();
          const totais = admPage.getByTestId("cm-totais");
          await totais.waitFor();
          assert.equal(await totais.locator('[data-valor="agendamentos"]').textContent(), "3");
          assert.equal(await totais.locator('[data-valor="pacientes"]').textContent(), "3");
          for (const p of clinic.pacientes) {
            await admPage.getByTestId("cm-pacientes").getByText(p.nome).waitFor();
          }
          // a booking made elsewhere on that day: the preview follows (live)
          const quarto = await api(s.url, "POST", "/api/pacientes", {
            token: clinic.master,
            body: {
              nomecompleto: "Rita Moura Lima",
              cpf: nextCpf(),
              telefone: "11987654321",
              tipo: "Comum",
              tipos_slot_elegiveis: [clinic.normal, clinic.prioritario],
            },
          });
          const doDia = await api(s.url, "GET", `/api/slots?data=${clinic.dia}`, {
            token: clinic.master,
          });
          // deno-lint-ignore no-explicit-any
          const livre = doDia.grupos.flatMap((g: any) => g.slots).find((x: any) => x.livres > 0);
          await api(s.url, "POST", "/api/agendamentos", {
            token: clinic.master,
            body: { slotagendaid: livre.slotagendaid, pacienteid: quarto.pacienteid },
          });
          await totais.locator('[data-valor="agendamentos"]').filter({ hasText: /^4$/ }).waitFor();
          await admPage.getByTestId("cm-pacientes").getByText("Rita Moura Lima").waitFor();
          const slots = Number(await totais.locator('[data-valor="slots"]').textContent());
          await admPage.getByRole("button", { name: `Cancelar ${slots} horário(s)` }).click();
          await admPage.getByText("Informe o motivo do cancelamento (ao menos 3 caracteres).")
            .waitFor();
          await admPage.getByLabel("Motivo do cancelamento").fill("Falta de energia na unidade");
          assert.ok(
            await admPage.getByLabel("Devolver os pacientes à fila de espera (backlog)")
              .isChecked(),
          );
          await shot(admPage, "massa-2-previa");
          await assertAccessible(admPage, "cancelamento em massa: prévia");
          await admPage.getByRole("button", { name: `Cancelar ${slots} horário(s)` }).click();
          const dialog = admPage.getByRole("alertdialog");
          await dialog.getByText(/voltarão à fila de espera/).waitFor();
          await shot(admPage, "massa-3-confirmar");
          await dialog.getByRole("button", { name: "Cancelar horários" }).click();
          const res = admPage.getByTestId("cm-resultado");
          await res.waitFor();
          assert.equal(await res.locator('[data-valor="slots"]').textContent(), String(slots));
          assert.equal(await res.locator('[data-valor="agendamentos"]').textContent(), "4");
          assert.equal(await res.locator('[data-valor="backlog"]').textContent(), "4");
          const mensagens = Number(await res.locator('[data-valor="mensagens"]').textContent());
          assert.ok(mensagens >= 4);
          const msgs = admPage.getByRole("table", { name: "Mensagens enfileiradas" });
          await msgs.locator("tbody tr").nth(mensagens - 1).waitFor();
          for (const p of clinic.pacientes) await msgs.getByText(p.nome).first().waitFor();
          await shot(admPage, "massa-4-resultado");
          await assertAccessible(admPage, "cancelamento em massa: resultado");

          const ids = [...clinic.pacientes.map((p) => p.pacienteid), quarto.pacienteid];
          const fila = await api(s.url, "GET", "/api/backlog?limit=200", { token: adm.token });
          for (const id of ids) {
            // deno-lint-ignore no-explicit-any
            const item = fila.items.find((b: any) => b.pacienteid === id);
            assert.ok(item, `paciente ${id} back in the queue`);
            assert.equal(item.status, "Pendente");
            assert.equal(item.prioridade, "Alta");
          }
          const [{ n }] = await s.db.sql<{ n: number }>`
        select count(distinct pacienteid)::int as n from ca_notificacao
        where pacienteid = any(${ids}::int[]) and template like '%cancel%'`;
          assert.equal(n, 4);
          const [{ total }] = await s.db.sql<{ total: number }>`
        select count(*)::int as total from ca_agendamento
        where agendamentoid = any(${clinic.agendamentos}::bigint[]) and status = 'Cancelado'`;
          assert.equal(total, 3);
          assert.deepEqual(admPage.errors, []);
        },
      );
      assert.deepEqual(page.errors, []);
    });
  },
);
