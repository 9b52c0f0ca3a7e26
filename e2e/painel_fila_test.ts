/**
 * The operator panel's queue flows and its ties to the dashboard, end to end on Postgres (one
 * stack, one instance, two operators): "Adicionar à fila" with the patient autocomplete and the
 * cascading especialidade → médico choice; smart allocation (reasons first, then the proposal);
 * the manual 3-step allocation; the agenda filters shared both ways with the dashboard; the card
 * one operator drags highlighted on the other's panel; "Não compareceu" on a past slot from the
 * day modal. Screenshots e2e/screenshots/fila-*.png.
 */
import { strict as assert } from "node:assert";
import { assertAccessible, newPage, type Page, shot } from "./browser.ts";
import { filaDoPainel, slotsDoDia } from "./painel/fila.ts";
import { abrir, cartao } from "./painel/ui.ts";
import { api, staffUser } from "./seed.ts";
import { e2eTest, withStack } from "./stack.ts";

/** The queue's filter (a native select) labelled `label`. */
const filtroFila = (page: Page, label: string) =>
  page.getByRole("group", { name: "Filtros da fila" }).getByLabel(label);

e2eTest("[e2e] painel: queue flows, filters shared with the dashboard, no-show", async (t) => {
  await withStack({}, async (s) => {
    const c = s.clinic;
    const op1 = await staffUser(s.url, s.db, c.master, "operador", { nome: "Olívia Operadora" });
    const op2 = await staffUser(s.url, s.db, c.master, "operador", { nome: "Otávio Segundo" });
    const f = await filaDoPainel(s.url, c, ["Inês Inteligente", "Mário Manual", "Dora Arrasto"]);
    const p1 = await abrir(s, s.url, op1.token!, c.dia);

    await t.step("Adicionar à fila: autocomplete, especialidade narrows the médicos", async () => {
      await p1.getByRole("button", { name: "Adicionar à fila" }).click();
      const dialog = p1.getByRole("dialog", { name: "Adicionar à fila" });
      await dialog.getByRole("combobox", { name: /Paciente/ }).fill("Fernanda");
      await p1.getByRole("option", { name: /Fernanda Alves Costa/ }).click();
      await dialog.getByText("Paciente: Fernanda Alves Costa").waitFor();
      const medico = dialog.getByLabel("Médico preferido");
      assert.equal(await medico.isDisabled(), true, "no médico before the especialidade");
      await dialog.getByLabel("Especialidade").selectOption({ label: "Pediatria" });
      const opcoes = await medico.locator("option").allTextContents();
      assert.deepEqual(opcoes, ["Qualquer", "Dr. Rafael Moreira"]);
      await medico.selectOption({ label: "Dr. Rafael Moreira" });
      await dialog.getByLabel("Prioridade").selectOption({ label: "Alta" });
      await shot(p1, "fila-adicionar");
      await assertAccessible(p1, "adicionar à fila");
      await dialog.getByRole("button", { name: "Adicionar", exact: true }).click();
      await p1.getByText(/Fernanda Alves Costa entrou na fila/).first().waitFor();
      const novo = p1.locator("[data-cartao]").filter({ hasText: "Fernanda Alves Costa" });
      await novo.waitFor();
      const id = Number(await novo.getAttribute("data-cartao"));
      const item = await api(s.url, "GET", `/api/backlog/${id}`, { token: c.master });
      assert.equal(item.especialidadeid, c.especialidade2id);
      assert.equal(item.medicoid, c.medico2id);
      assert.equal(item.prioridade, "Alta");
    });

    await t.step("smart allocation shows the slot and its reasons, then proposes", async () => {
      const ines = f["Inês Inteligente"];
      await cartao(p1, ines.backlogid).getByRole("button", { name: /Alocação inteligente/ })
        .click();
      const dialog = p1.getByRole("dialog", { name: "Alocação inteligente" });
      const sugestao = dialog.locator("[data-sugestao]");
      await sugestao.waitFor();
      assert.ok((await sugestao.locator("li").count()) >= 1, "at least one reason");
      const texto = (await sugestao.locator("p").first().textContent()) ?? "";
      assert.match(texto, /às \d{2}:\d{2} — Dra\. Helena Duarte, UBS Centro/);
      await shot(p1, "fila-inteligente");
      // Nothing is written by the preview.
      assert.equal(
        (await api(s.url, "GET", `/api/backlog/${ines.backlogid}`, { token: c.master })).status,
        "Pendente",
      );
      await dialog.getByRole("button", { name: "Propor este horário" }).click();
      await p1.getByText(/Proposta enviada para Inês Inteligente/).first().waitFor();
      await cartao(p1, ines.backlogid).waitFor({ state: "detached" });
      const item = await api(s.url, "GET", `/api/backlog/${ines.backlogid}`, { token: c.master });
      assert.equal(item.status, "Aguardando Confirmação");
      const hora = /às (\d{2}:\d{2})/.exec(texto)![1];
      const slot = await api(s.url, "GET", `/api/slots/${item.slotagendaid_proposto}`, {
        token: c.master,
      });
      assert.equal(slot.hora, hora);
    });

    await t.step("manual allocation in three steps: data, unidade, horário", async () => {
      const mario = f["Mário Manual"];
      await cartao(p1, mario.backlogid).getByRole("button", { name: /Alocação manual/ }).click();
      const dialog = p1.getByRole("dialog", { name: /Alocação manual — passo 1 de 3/ });
      await dialog.getByLabel("Data").fill(c.dia);
      await dialog.getByRole("button", { name: "Próximo" }).click();
      const passo2 = p1.getByRole("dialog", { name: /passo 2 de 3/ });
      await passo2.getByRole("button", { name: /UBS Centro/ }).click();
      const passo3 = p1.getByRole("dialog", { name: /passo 3 de 3/ });
      const horario = passo3.getByRole("button", {
        name: /^09:30 — Dra\. Helena Duarte \(Normal\)/,
      });
      await shot(p1, "fila-manual-horario");
      await horario.click();
      await cartao(p1, mario.backlogid).waitFor({ state: "detached" });
      await p1.getByText(/Proposta enviada: Mário Manual/).first().waitFor();
      const item = await api(s.url, "GET", `/api/backlog/${mario.backlogid}`, { token: c.master });
      assert.equal(item.status, "Aguardando Confirmação");
      const slot = await api(s.url, "GET", `/api/slots/${item.slotagendaid_proposto}`, {
        token: c.master,
      });
      assert.equal(slot.hora, "09:30");
      assert.equal(slot.tiposlot.nome, "Normal");
    });

    await t.step("the card one operator drags is highlighted on the other's panel", async () => {
      const dora = f["Dora Arrasto"];
      const p2 = await abrir(s, s.url, op2.token!, c.dia);
      await p2.locator('[data-operador="Olívia Operadora"]').waitFor();
      const a = (await cartao(p1, dora.backlogid).boundingBox())!;
      await p1.mouse.move(a.x + 40, a.y + 12);
      await p1.mouse.down();
      await p1.mouse.move(a.x + 80, a.y + 60, { steps: 6 });
      const outro = cartao(p2, dora.backlogid);
      const rotulo = (re: RegExp, yes: boolean) =>
        p2.waitForFunction(
          ([id, src, yes]) =>
            new RegExp(src).test(
              document.querySelector(`[data-cartao="${id}"]`)?.getAttribute("aria-label") ?? "",
            ) === yes,
          [dora.backlogid, re.source, yes] as const,
        );
      // Outlined in the dragger's colour, named, and locked to everyone else.
      await rotulo(/sendo arrastado por Olívia Operadora/, true);
      assert.match((await outro.getAttribute("style")) ?? "", /box-shadow/);
      assert.match((await outro.locator("[data-holder]").textContent()) ?? "", /Olívia Operadora/);
      await shot(p2, "fila-arrastado-por-outro");
      // Let go over the queue (not a slot): cancelled, the card is free again for everyone.
      await p1.mouse.up();
      await rotulo(/sendo arrastado por|em uso por/, false);
      assert.equal(
        (await api(s.url, "GET", `/api/backlog/${dora.backlogid}`, { token: c.master })).status,
        "Pendente",
      );
      assert.deepEqual(p2.errors, []);
      await p2.context().close();
    });

    await t.step("the agenda filters are shared both ways with the dashboard", async () => {
      const nav = p1.getByRole("navigation", { name: "Principal" });
      await filtroFila(p1, "Especialidade").selectOption({ label: "Pediatria" });
      await nav.getByRole("link", { name: "Dashboard" }).click();
      const filtro = p1.getByRole("button", { name: /^Especialidade/ });
      await filtro.filter({ hasText: "Pediatria" }).waitFor();
      await filtro.click();
      await p1.getByRole("option", { name: "Cardiologia", exact: true }).click();
      await filtro.filter({ hasText: "Cardiologia" }).waitFor();
      await shot(p1, "fila-filtro-dashboard");
      await nav.getByRole("link", { name: "Painel do operador" }).click();
      const sel = filtroFila(p1, "Especialidade");
      await p1.waitForFunction(
        ([el, v]) => (el as HTMLSelectElement).value === v,
        [await sel.elementHandle(), String(c.especialidadeid)] as const,
      );
      assert.equal(await sel.inputValue(), String(c.especialidadeid));
      // Only Cardiologia cards are listed now; back to all.
      await p1.locator("[data-cartao]").filter({ hasText: "Fernanda Alves Costa" }).waitFor({
        state: "detached",
      });
      await sel.selectOption({ label: "Todas" });
      await p1.locator("[data-cartao]").filter({ hasText: "Fernanda Alves Costa" }).waitFor();
    });

    await t.step(
      "the dashboard's day view and day modal flag an encaixe with its reason",
      async () => {
        const slots = await slotsDoDia(s.url, c);
        const prio = slots["08:00 Prioritário"].slotagendaid; // 0/1
        const [{ gradeagendaid }] = await s.db.sql<{ gradeagendaid: number }>`
        select gradeagendaid from ca_slotagenda where slotagendaid = ${prio}`;
        const post = (body: unknown) =>
          api(s.url, "POST", "/api/agendamentos", { token: c.master, body });
        await api(s.url, "PATCH", `/api/grade-agenda/${gradeagendaid}`, {
          token: c.master,
          body: { overbooking: true, limite_encaixe: 2 },
        });
        await post({ slotagendaid: prio, pacienteid: c.pacientes[1].pacienteid });
        const enc = await post({
          slotagendaid: prio,
          pacienteid: c.pacientes[2].pacienteid,
          encaixe: true,
          motivo_encaixe: "Retorno pós-operatório urgente",
        });
        await p1.goto(`${s.url}/adm/?data=${c.dia}`);
        await p1.locator(`[data-dia="${c.dia}"]`).click();
        const modal = p1.getByRole("dialog");
        const linha = modal.locator(`[data-agendamento="${enc.agendamentoid}"]`);
        await linha.locator("[data-encaixe]").waitFor();
        assert.match(
          (await linha.locator("[data-motivo-encaixe]").textContent()) ?? "",
          /Motivo do encaixe: Retorno pós-operatório urgente/,
        );
        await shot(p1, "fila-modal-encaixe");
        await p1.keyboard.press("Escape");
        await modal.waitFor({ state: "detached" });
        await p1.getByRole("tab", { name: "Dia" }).click();
        await p1.locator(`[data-slot="${prio}"] [data-encaixes]`).getByText("+1 encaixe").waitFor();
        await p1.goto(`${s.url}/adm/painel?dia=${c.dia}`);
        await p1.locator(`[data-slot="${prio}"]`).getByText("+1/2 encaixe").waitFor();
      },
    );

    await t.step("'Não compareceu' on a past slot from the day modal", async () => {
      // Maria's agendamento moves to yesterday (the API books only future slots).
      const ontem = new Date(Date.now() - 86_400_000).toISOString().slice(0, 10);
      const maria = c.agendamentos[0];
      await s.db.sql`
        update ca_slotagenda s set data = ${ontem}::date,
          datainicio = s.datainicio - (s.data - ${ontem}::date) * interval '1 day',
          datafim = s.datafim - (s.data - ${ontem}::date) * interval '1 day'
        from ca_agendamento a
        where a.agendamentoid = ${maria} and s.slotagendaid = a.slotagendaid`;
      const page = await newPage(s.browser);
      await page.addInitScript((t) => sessionStorage.setItem("ca.adm.token", t), op1.token!);
      await page.goto(`${s.url}/adm/?data=${ontem}`);
      await page.locator(`[data-dia="${ontem}"]`).click();
      const modal = page.getByRole("dialog");
      const linha = modal.locator(`[data-agendamento="${maria}"]`);
      await linha.waitFor();
      await linha.getByRole("button", { name: "Não compareceu" }).click();
      await linha.locator("[data-status]").filter({ hasText: "Não Compareceu" }).waitFor();
      await shot(page, "fila-nao-compareceu");
      const a = await api(s.url, "GET", `/api/agendamentos/${maria}`, { token: c.master });
      assert.equal(a.status, "Não Compareceu");
      const [ev] = await s.db.sql<{ n: number }>`
        select count(*)::int as n from ca_evento
        where kind = 'agendamento.falta_registrada' and entity_id = ${String(maria)}`;
      assert.equal(ev.n, 1);
      assert.deepEqual(page.errors, []);
    });
    assert.deepEqual(p1.errors, []);
  });
});
