/**
 * The operator panel between operators, end to end: two operators in two browser contexts on
 * two server instances (op2 through a failover proxy) on the same day, a third context, real
 * Postgres. Drag and drop, live updates, leases, presence, refused drops (ineligible, full,
 * server refusal), undo, reconnection to the other instance, keyboard-only allocation, axe.
 * Screenshots go to e2e/screenshots/painel-*.png.
 */
import { strict as assert } from "node:assert";
import { assertAccessible, shot } from "./browser.ts";
import { filaDoPainel, slotsDoDia } from "./painel/fila.ts";
import { abrir, arrastar, cartao, esperarVagas } from "./painel/ui.ts";
import { startProxy } from "./painel/proxy.ts";
import { api, staffUser } from "./seed.ts";
import { e2eTest, withStack } from "./stack.ts";

e2eTest("[e2e] painel do operador: two operators, two instances, live", async (t) => {
  await withStack({ instances: 2 }, async (s) => {
    const [a, b] = s.servers;
    const c = s.clinic;
    const lb = startProxy([b.url, a.url]);
    try {
      const op1 = await staffUser(a.url, s.db, c.master, "operador", { nome: "Olívia Operadora" });
      const op2 = await staffUser(a.url, s.db, c.master, "gerenciador", {
        nome: "Gustavo Gerente",
      });
      const op3 = await staffUser(a.url, s.db, c.master, "operador", { nome: "Otávio Terceiro" });
      const f = await filaDoPainel(a.url, c, [
        "Ana Beatriz Rocha",
        "Bruno Tavares",
        "Clara Mendes",
        "Diego Farias",
        "Elisa Prado",
        "Fábio Nunes",
        "Zeca Prioritário",
      ], { somentePrioritario: ["Zeca Prioritário"] });
      const slots = await slotsDoDia(a.url, c);
      const livre = slots["09:00 Normal"].slotagendaid; // 0/2
      const p1 = await abrir(s, a.url, op1.token!, c.dia);
      const p2 = await abrir(s, lb.url, op2.token!, c.dia);

      await t.step("presence shows both operators on the day", async () => {
        for (const page of [p1, p2]) {
          await page.locator('[data-operador="Gustavo Gerente"]').waitFor();
          await page.locator('[data-operador="Olívia Operadora"]').waitFor();
        }
        await shot(p1, "painel-op1");
      });

      const ana = f["Ana Beatriz Rocha"];
      await t.step("op1 drags a card onto a slot; op2 sees it without reload", async () => {
        await arrastar(p1, ana.backlogid, livre);
        await p1.getByText("Proposta enviada").first().waitFor();
        await cartao(p2, ana.backlogid).waitFor({ state: "detached" });
        await p2.waitForFunction(
          (id) =>
            document.querySelector(`[data-slot="${id}"] [data-vagas]`)?.textContent?.startsWith(
              "1/2",
            ),
          livre,
        );
        await shot(p2, "painel-op2-apos-drop");
        const item = await api(a.url, "GET", `/api/backlog/${ana.backlogid}`, { token: c.master });
        assert.equal(item.status, "Aguardando Confirmação");
        assert.equal(item.slotagendaid_proposto, livre);
      });

      await t.step("undo withdraws the proposal: the card returns on both panels", async () => {
        await p1.getByRole("button", { name: "Desfazer" }).click();
        await cartao(p1, ana.backlogid).waitFor();
        await cartao(p2, ana.backlogid).waitFor();
        await p2.waitForFunction(
          (id) =>
            document.querySelector(`[data-slot="${id}"] [data-vagas]`)?.textContent?.startsWith(
              "0/2",
            ),
          livre,
        );
        const item = await api(a.url, "GET", `/api/backlog/${ana.backlogid}`, { token: c.master });
        assert.equal(item.status, "Pendente");
      });

      const diego = f["Diego Farias"];
      await t.step("op2 cannot pick up a card op1 holds and sees who holds it", async () => {
        await cartao(p1, diego.backlogid).focus();
        await p1.keyboard.press("Enter");
        const holder = cartao(p2, diego.backlogid).locator("[data-holder]");
        await holder.waitFor();
        assert.match((await holder.textContent()) ?? "", /Olívia Operadora/);
        await shot(p2, "painel-op2-cartao-em-uso");
        await arrastar(p2, diego.backlogid, livre);
        const locks = await api(a.url, "GET", "/api/locks?prefix=backlog:", { token: c.master });
        const lease = locks.items.find((l: { resource: string }) =>
          l.resource === `backlog:${diego.backlogid}`
        );
        assert.equal(lease?.holder_nome, "Olívia Operadora");
        const item = await api(a.url, "GET", `/api/backlog/${diego.backlogid}`, {
          token: c.master,
        });
        assert.equal(item.status, "Pendente");
        await p1.keyboard.press("Escape");
        await holder.waitFor({ state: "detached" });
      });

      await t.step(
        "a slot op1 is booking shows op1's name to op2 and refuses op2's drop",
        async () => {
          const bruno = f["Bruno Tavares"];
          await p1.locator(`[data-slot="${livre}"]`).getByRole("button", { name: /Agendar/ })
            .click();
          await p1.getByRole("dialog", { name: "Agendar paciente" }).waitFor();
          const holder = p2.locator(`[data-slot="${livre}"] [data-slot-holder]`);
          await holder.waitFor();
          assert.match((await holder.textContent()) ?? "", /Em uso por Olívia Operadora/);
          await arrastar(p2, bruno.backlogid, livre, async () => {
            const label = await p2.locator(`[data-slot="${livre}"]`).getAttribute("aria-label");
            assert.match(label ?? "", /não pode receber: Horário em uso por Olívia Operadora/);
            await shot(p2, "painel-op2-slot-em-uso");
          });
          await p2.getByText(/Horário em uso por Olívia Operadora/).first().waitFor();
          await cartao(p2, bruno.backlogid).waitFor();
          const item = await api(a.url, "GET", `/api/backlog/${bruno.backlogid}`, {
            token: c.master,
          });
          assert.equal(item.status, "Pendente");
          await p1.keyboard.press("Escape");
          await holder.waitFor({ state: "detached" });
        },
      );

      await t.step("an ineligible slot is marked while dragging and refuses the drop", async () => {
        const zeca = f["Zeca Prioritário"];
        await arrastar(p1, zeca.backlogid, livre, async () => {
          const label = await p1.locator(`[data-slot="${livre}"]`).getAttribute("aria-label");
          assert.match(label ?? "", /não pode receber: .*não é elegível/);
          await shot(p1, "painel-drag-inelegivel");
        });
        await p1.getByText("Horário recusado").first().waitFor();
        await cartao(p1, zeca.backlogid).waitFor();
        const item = await api(a.url, "GET", `/api/backlog/${zeca.backlogid}`, { token: c.master });
        assert.equal(item.status, "Pendente");
      });

      await t.step(
        "a slot a third operator filled refuses the drop; the card returns",
        async () => {
          const cheio = slots["08:00 Prioritário"].slotagendaid; // 0/1
          const p3 = await abrir(s, b.url, op3.token!, c.dia);
          await p3.locator(`[data-slot="${cheio}"]`).getByRole("button", { name: /Agendar/ })
            .click();
          await p3.getByRole("dialog").getByRole("combobox", { name: /Paciente/ }).fill(
            c.pacientes[1].nome.slice(0, 8),
          );
          await p3.getByRole("option").first().click();
          await p3.getByRole("button", { name: "Agendar", exact: true }).click();
          await p3.getByText(/agendado\(a\)/).first().waitFor();
          await shot(p3, "painel-op3-agendou");
          await esperarVagas(p1, cheio, "Lotado", "lotado-op1");
          const bruno = f["Bruno Tavares"];
          await arrastar(p1, bruno.backlogid, cheio);
          await p1.getByText(/Horário lotado/).first().waitFor();
          await cartao(p1, bruno.backlogid).waitFor();
          await p3.context().close();
        },
      );

      await t.step(
        "the server's refusal (409) sends the optimistic card back with the reason",
        async () => {
          const ultimo = slots["08:30 Normal"].slotagendaid; // 1/2: one place left
          const clara = f["Clara Mendes"];
          let liberar!: () => void;
          const segurado = new Promise<void>((r) => (liberar = r));
          await p1.route(`**/api/backlog/${clara.backlogid}/alocar`, async (route) => {
            await segurado;
            await route.continue();
          });
          await arrastar(p1, clara.backlogid, ultimo);
          // Optimistic: the card left and the slot shows the place taken before the answer.
          await cartao(p1, clara.backlogid).waitFor({ state: "detached" }).catch(async (err) => {
            await shot(p1, "painel-falha-otimista");
            throw err;
          });
          // The last place goes meanwhile (booked with op1's own session: the slot's lease, if op1
          // already holds it, refuses everyone else's booking).
          await api(a.url, "POST", "/api/agendamentos", {
            token: op1.token,
            body: { slotagendaid: ultimo, pacienteid: c.pacientes[2].pacienteid },
          });
          liberar();
          await p1.getByText(/acabou de ser ocupado/).first().waitFor();
          await cartao(p1, clara.backlogid).waitFor();
          await shot(p1, "painel-recusa-servidor");
          await p1.unroute(`**/api/backlog/${clara.backlogid}/alocar`);
        },
      );

      await t.step(
        "the instance op2 is on stops: reconnecting, then the other one, caught up",
        async () => {
          await b.kill();
          await p2.locator("[data-reconectando]").waitFor();
          await shot(p2, "painel-op2-reconectando");
          const elisa = f["Elisa Prado"];
          const prio = slots["09:00 Prioritário"].slotagendaid;
          await api(a.url, "PATCH", `/api/backlog/${elisa.backlogid}/alocar`, {
            token: op1.token,
            body: { slotagendaid: prio },
          });
          await p2.locator("[data-reconectado]").waitFor({ timeout: 30_000 });
          await cartao(p2, elisa.backlogid).waitFor({ state: "detached" });
          await p2.waitForFunction(
            (id) =>
              document.querySelector(`[data-slot="${id}"] [data-vagas]`)?.textContent?.startsWith(
                "1/1",
              ),
            prio,
          );
          await shot(p2, "painel-op2-reconectado");
        },
      );

      await t.step("keyboard-only allocation: focus, Enter, arrows, Enter", async () => {
        const fabio = f["Fábio Nunes"];
        const ids = await p1.locator("[data-cartao]").evaluateAll((els) =>
          els.map((e) => Number(e.getAttribute("data-cartao")))
        );
        const slotIds = await p1.locator("[data-slot]").evaluateAll((els) =>
          els.map((e) => Number(e.getAttribute("data-slot")))
        );
        await cartao(p1, ids[0]).focus();
        for (let i = 0; i < ids.indexOf(fabio.backlogid); i++) await p1.keyboard.press("ArrowDown");
        await p1.keyboard.press("Enter");
        await p1.getByText(/Cartão de Fábio Nunes pego/).waitFor({ state: "attached" });
        await p1.keyboard.press("Home");
        for (let i = 0; i < slotIds.indexOf(livre); i++) await p1.keyboard.press("ArrowDown");
        // The slot op1 aims at with the card in hand is leased: op2 sees who.
        await p2.locator(`[data-slot="${livre}"] [data-slot-holder]`).waitFor();
        await p1.keyboard.press("Enter");
        await cartao(p2, fabio.backlogid).waitFor({ state: "detached" });
        const item = await api(a.url, "GET", `/api/backlog/${fabio.backlogid}`, {
          token: c.master,
        });
        assert.equal(item.slotagendaid_proposto, livre);
      });

      await t.step(
        "a gerenciador books an encaixe on a full slot; both panels show it",
        async () => {
          const cheio = slots["08:00 Prioritário"].slotagendaid; // filled by the third operator
          // The grade allows one encaixe per slot (through the API); open panels reload the day.
          const [{ gradeagendaid }] = await s.db.sql<{ gradeagendaid: number }>`
            select gradeagendaid from ca_slotagenda where slotagendaid = ${cheio}`;
          await api(a.url, "PATCH", `/api/grade-agenda/${gradeagendaid}`, {
            token: c.master,
            body: { overbooking: true, limite_encaixe: 1 },
          });
          await p2.locator(`[data-slot="${cheio}"]`).getByRole("button", { name: /^Encaixe/ })
            .click();
          const dialog = p2.getByRole("dialog");
          await dialog.getByRole("combobox", { name: /Paciente/ }).fill(
            c.pacientes[2].nome.slice(0, 8),
          );
          await p2.getByRole("option").first().click();
          await dialog.getByLabel(/Motivo do encaixe/).fill("Dor torácica, avaliação no dia");
          await shot(p2, "painel-encaixe");
          await dialog.getByRole("button", { name: "Confirmar encaixe" }).click();
          await p2.getByText(/agendado\(a\) como encaixe/).first().waitFor();
          await p1.locator(`[data-slot="${cheio}"]`).getByText("+1/1 encaixe").click();
          const lista = p1.getByRole("dialog", { name: "Encaixes do horário" });
          await lista.getByText("Motivo: Dor torácica, avaliação no dia").waitFor();
          await shot(p1, "painel-encaixes-motivo");
          await p1.keyboard.press("Escape");
          // The limit is reached: no more "Encaixe" on the slot.
          await p2.locator(`[data-slot="${cheio}"]`).getByText("+1/1 encaixe").waitFor();
          assert.equal(
            await p2.locator(`[data-slot="${cheio}"]`).getByRole("button", { name: /^Encaixe/ })
              .count(),
            0,
          );
          const [enc] = await s.db.sql<{ encaixe: boolean; motivo_encaixe: string }>`
          select encaixe, motivo_encaixe from ca_agendamento
          where slotagendaid = ${cheio} and encaixe`;
          assert.equal(enc.motivo_encaixe, "Dor torácica, avaliação no dia");
        },
      );

      await t.step("the ? overlay lists the shortcuts; axe finds nothing serious", async () => {
        await cartao(p1, f["Bruno Tavares"].backlogid).focus();
        await p1.keyboard.press("?");
        await p1.getByRole("dialog", { name: "Atalhos de teclado" }).waitFor();
        await shot(p1, "painel-atalhos");
        await p1.keyboard.press("Escape");
        await assertAccessible(p1, "painel do operador");
        await shot(p1, "painel-final");
        assert.deepEqual(p1.errors, []);
        assert.deepEqual(p2.errors, []);
      });
    } finally {
      lb.close();
    }
  });
});
