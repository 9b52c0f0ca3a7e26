// deno-lint-ignore-file no-explicit-any
/**
 * The configuration console's cadastro tabs end to end (issue 11): a gerenciador configures a
 * clinic through the UI (unidade with a consultório and hours per weekday, tipo de slot,
 * especialidade with cotas under the sum rule, médico with photo), each checked through the API;
 * inativar/reativar behind a confirmation; a consultório's refusal shown with its reason; the
 * administrador's clinic settings; what a visualizador and an operador see; a change made by
 * another user through the API appearing without reload; an axe scan and a screenshot per tab.
 */
import { strict as assert } from "node:assert";
import { Buffer } from "node:buffer";
import { signIn } from "./adm_ui.ts";
import { assertAccessible, newPage, type Page, shot } from "./browser.ts";
import { recordAssets, totalGzipKb } from "./first_load.ts";
import { api, staffUser } from "./seed.ts";
import { chainedSteps, e2eTest, withStack } from "./stack.ts";

/** A 2×2 PNG (valid signature and chunks). */
const PNG = Buffer.from(
  "iVBORw0KGgoAAAANSUhEUgAAAAIAAAACCAIAAAD91JpzAAAAFklEQVR4nGP8z8DAwMDAxMDAwMDAAAANHQEDasKb6QAAAABJRU5ErkJggg==",
  "base64",
);

const row = (page: Page, text: string) => page.getByRole("row").filter({ hasText: text });

e2eTest(
  "[e2e] configurações: cadastros (unidades, tipos, especialidades, médicos, clínica)",
  async (t) => {
    await withStack({}, async (s) => {
      const { clinic } = s;
      const ger = await staffUser(s.url, s.db, clinic.master, "gerenciador", {
        nome: "Gina Gerente",
      });
      const page = await newPage(s.browser);
      // Every Content-Security-Policy violation of the gerenciador's page (the forms parse with zod,
      // the photo preview is a blob: URL): none is expected.
      await page.addInitScript(`
      window.__csp = [];
      document.addEventListener("securitypolicyviolation", (e) => {
        window.__csp.push(e.violatedDirective + " " + (e.blockedURI || "inline"));
      });
    `);
      // Later steps build on earlier ones: after a failure they are skipped, and the failing
      // page's screen and errors are kept for the report.
      const step = chainedSteps(t, async () => {
        await shot(page, "config-falha").catch(() => {});
        console.error("page errors:", page.errors);
        const aria = await page.locator("body").ariaSnapshot().catch(() => "");
        console.error(aria.slice(0, 4000));
      });
      const get = <T = any>(path: string) => api<T>(s.url, "GET", path, { token: clinic.master });
      const tab = async (slug: string, heading: string) => {
        await page.getByRole("navigation", { name: "Configurações" })
          .getByRole("link", { name: heading }).click();
        await page.waitForURL(`**/configuracoes/${slug}`);
        await page.getByRole("heading", { level: 2, name: heading }).waitFor();
        await page.getByRole("table").or(page.getByText(/Nenhum/)).first().waitFor();
      };

      await step(
        "first load straight into /adm/configuracoes is at most 150 KB gzipped",
        async () => {
          const probe = await newPage(s.browser);
          const rec = recordAssets(probe);
          await signIn(probe, s.url, ger.email, ger.senha, "/adm/configuracoes/especialidades");
          await probe.getByRole("table", { name: "Especialidades" }).waitFor();
          const kb = totalGzipKb(await rec.done());
          console.log(`first load of /adm/configuracoes/especialidades: ${kb} KB gzip`);
          await probe.context().close();
          assert.ok(kb <= 150, `first load ${kb} KB > 150 KB`);
        },
      );

      await step(
        "gerenciador creates a unidade with hours per weekday and a consultório",
        async () => {
          await signIn(page, s.url, ger.email, ger.senha, "/adm/configuracoes/unidades");
          await page.locator('[data-conn="connected"]').waitFor();
          await page.getByRole("table", { name: "Unidades" }).waitFor();
          await page.getByRole("button", { name: "Nova unidade" }).click();
          const dlg = page.getByRole("dialog", { name: "Nova unidade" });
          await dlg.getByLabel("Nome", { exact: true }).fill("Policlínica Norte");
          await dlg.getByLabel("Tipo", { exact: true }).selectOption("Hospital");
          await dlg.getByLabel("CEP").pressSequentially("06401000");
          assert.equal(await dlg.getByLabel("CEP").inputValue(), "06401-000");
          await dlg.getByLabel("Logradouro").fill("Av. Henriqueta Mendes Guerra");
          await dlg.getByLabel("Número").fill("550");
          await dlg.getByLabel("Bairro").fill("Centro");
          await dlg.getByLabel("Cidade").fill("Barueri");
          await dlg.getByLabel("UF", { exact: true }).selectOption("SP");
          await dlg.getByLabel("Horário por dia da semana").check();
          await dlg.getByRole("checkbox", { name: "Sábado" }).check();
          await dlg.getByLabel("Abertura Sábado").fill("08:00");
          await dlg.getByLabel("Fechamento Sábado").fill("12:00");
          await dlg.getByLabel("Nome do novo consultório").fill("Sala Azul");
          await dlg.getByRole("button", { name: "Adicionar consultório" }).click();
          await shot(page, "config-unidade-form");
          await dlg.getByRole("button", { name: "Salvar" }).click();
          await dlg.waitFor({ state: "detached" });
          await row(page, "Policlínica Norte").getByText("Sala Azul").waitFor();
          const [u] = await get(`/api/unidades?search=${encodeURIComponent("Policlínica Norte")}`);
          assert.equal(u.tipo, "Hospital");
          assert.equal(u.cep, "06401000");
          assert.equal(u.uf, "SP");
          assert.deepEqual(Object.keys(u.horarios_por_dia).sort(), ["1", "2", "3", "4", "5", "6"]);
          assert.deepEqual(u.horarios_por_dia["6"], { abertura: "08:00", fechamento: "12:00" });
          assert.deepEqual(u.consultorios.map((c: any) => c.nome), ["Sala Azul"]);
        },
      );

      await step("creates a tipo de slot with colour and canal", async () => {
        await tab("tipos-slot", "Tipos de slot");
        await page.getByRole("button", { name: "Novo tipo de slot" }).click();
        const dlg = page.getByRole("dialog", { name: "Novo tipo de slot" });
        await dlg.getByLabel("Nome", { exact: true }).fill("Retorno");
        await dlg.getByLabel("Finalidade").fill("Consulta de retorno em até 30 dias");
        await dlg.getByLabel("Canal de origem").selectOption("ADM");
        await dlg.getByLabel("Cor em hexadecimal").fill("#10b981");
        await dlg.getByRole("button", { name: "Salvar" }).click();
        await dlg.waitFor({ state: "detached" });
        await row(page, "Retorno").waitFor();
        const tipos = await get("/api/tipos-slot");
        const r = tipos.find((x: any) => x.nome === "Retorno");
        assert.equal(r.cor, "#10B981");
        assert.equal(r.canalorigem, "ADM");
        assert.equal(r.agendavel, true);
      });

      await step(
        "creates an especialidade; the cotas sum rule is shown and enforced",
        async () => {
          await tab("especialidades", "Especialidades");
          await page.getByRole("button", { name: "Nova especialidade" }).click();
          const dlg = page.getByRole("dialog", { name: "Nova especialidade" });
          await dlg.getByLabel("Nome", { exact: true }).fill("Dermatologia");
          await dlg.getByLabel("Limite de vagas").fill("4");
          await dlg.getByLabel("Vagas Normal").fill("2");
          await dlg.getByLabel("Vagas Retorno").fill("1");
          const soma = dlg.getByTestId("cotas-soma");
          await soma.getByText("Soma das cotas: 3 de 4 vagas ✗").waitFor();
          await dlg.getByRole("button", { name: "Salvar" }).click();
          await dlg.getByRole("alert").filter({ hasText: "A soma das cotas (3) deve ser igual" })
            .waitFor();
          const none = await get("/api/especialidades?status=todos&search=Dermatologia");
          assert.equal(none.length, 0, "nothing was sent while the sum was wrong");
          await dlg.getByLabel("Vagas Retorno").fill("2");
          await soma.getByText("Soma das cotas: 4 de 4 vagas ✓").waitFor();
          await shot(page, "config-especialidade-cotas");
          await assertAccessible(page, "especialidade form");
          await dlg.getByRole("button", { name: "Salvar" }).click();
          await dlg.waitFor({ state: "detached" });
          await row(page, "Dermatologia").getByText("2 Retorno").waitFor();
          const [e] = await get("/api/especialidades?search=Dermatologia");
          const cotas = await get(`/api/especialidades/${e.especialidadeid}/cotas`);
          assert.equal(cotas.limitevagas, 4);
          assert.equal(cotas.soma, 4);
          assert.deepEqual(
            cotas.cotas.filter((c: any) => c.vagas > 0).map((c: any) => [c.nome, c.vagas]).sort(),
            [["Normal", 2], ["Retorno", 2]],
          );
        },
      );

      await step("edits the cotas; the server's refusals show next to their field", async () => {
        await row(page, "Dermatologia").getByRole("button", { name: /^Editar/ }).click();
        const dlg = page.getByRole("dialog", { name: "Editar Dermatologia" });
        await dlg.getByLabel("Limite de vagas").fill("5");
        await dlg.getByTestId("cotas-soma").getByText("4 de 5 vagas ✗").waitFor();
        await dlg.getByLabel("Vagas Normal").fill("3");
        await dlg.getByRole("button", { name: "Salvar" }).click();
        await dlg.waitFor({ state: "detached" });
        await row(page, "Dermatologia").getByText("3 Normal").waitFor();
        const [e] = await get("/api/especialidades?search=Dermatologia");
        assert.equal(e.limitevagas, 5);
        // A duplicate name passes the schema; the server's 409 lands next to "Nome".
        await page.getByRole("button", { name: "Nova especialidade" }).click();
        const nova = page.getByRole("dialog", { name: "Nova especialidade" });
        await nova.getByLabel("Nome", { exact: true }).fill("Cardiologia");
        await nova.getByLabel("Limite de vagas").fill("2");
        await nova.getByRole("button", { name: "Salvar" }).click();
        const nome = nova.getByLabel("Nome", { exact: true });
        await nova.getByText("Já existe uma especialidade com este nome.").waitFor();
        assert.equal(await nome.getAttribute("aria-invalid"), "true");
        await nova.getByRole("button", { name: "Cancelar" }).click();
        // A tipo de slot in active cotas cannot be inactivated: the reason is shown.
        await tab("tipos-slot", "Tipos de slot");
        await row(page, "Retorno").getByRole("button", { name: /^Inativar/ }).click();
        const confirm = page.getByRole("alertdialog", { name: /Inativar tipo de slot Retorno/ });
        await confirm.getByRole("button", { name: "Inativar" }).click();
        await confirm.getByRole("alert").getByText(/está nas cotas de especialidades ativas/)
          .waitFor();
        await confirm.getByRole("button", { name: "Cancelar" }).click();
        const tipos = await get("/api/tipos-slot?search=Retorno");
        assert.equal(tipos[0].status, "Ativo");
      });

      await step("registers a médico with masks, validation and a photo", async () => {
        await tab("medicos", "Médicos");
        await page.getByRole("button", { name: "Novo médico" }).click();
        const dlg = page.getByRole("dialog", { name: "Novo médico" });
        await dlg.getByLabel("Nome completo").fill("Dra. Beatriz Lins");
        await dlg.getByLabel("CRM", { exact: true }).fill("123456");
        await dlg.getByLabel("UF do CRM").selectOption("SP");
        await dlg.getByLabel("CPF").pressSequentially("11111111111");
        await dlg.getByLabel("Telefone").pressSequentially("11987654321");
        assert.equal(await dlg.getByLabel("Telefone").inputValue(), "(11) 98765-4321");
        await dlg.getByLabel("Unidade").selectOption({ label: "Policlínica Norte" });
        await dlg.getByRole("button", { name: "Salvar" }).click();
        // The server's schema, run before sending: messages next to their fields.
        await dlg.getByText("CPF inválido.").waitFor();
        await dlg.getByText("Informe ao menos uma especialidade.").waitFor();
        await dlg.getByLabel("CPF").fill("");
        await dlg.getByLabel("CPF").pressSequentially("52998224725");
        assert.equal(await dlg.getByLabel("CPF").inputValue(), "529.982.247-25");
        await dlg.getByRole("checkbox", { name: "Dermatologia" }).check();
        const foto = dlg.getByLabel("Foto");
        await foto.setInputFiles({
          name: "nota.txt",
          mimeType: "text/plain",
          buffer: Buffer.from("x"),
        });
        await dlg.getByText("Formato não aceito: envie JPEG, PNG ou WebP.").waitFor();
        await foto.setInputFiles({ name: "beatriz.png", mimeType: "image/png", buffer: PNG });
        await dlg.getByRole("img", { name: /Prévia da nova foto/ }).waitFor();
        await shot(page, "config-medico-form");
        await assertAccessible(page, "médico form");
        await dlg.getByRole("button", { name: "Salvar" }).click();
        await dlg.waitFor({ state: "detached" });
        await row(page, "Dra. Beatriz Lins").getByRole("img", { name: /Foto de/ }).waitFor();
        const { items } = await get("/api/medicos?search=Beatriz");
        assert.equal(items.length, 1);
        assert.equal(items[0].cpf, "52998224725");
        assert.equal(items[0].telefone, "11987654321");
        assert.equal(items[0].crm, "123456");
        assert.equal(items[0].unidade_nome, "Policlínica Norte");
        assert.deepEqual(items[0].especialidades.map((e: any) => e.nome), ["Dermatologia"]);
        assert.ok(items[0].foto_url, "photo stored");
        const img = await fetch(new URL(items[0].foto_url, s.url));
        assert.equal(img.status, 200);
        assert.deepEqual(new Uint8Array(await img.arrayBuffer()), new Uint8Array(PNG));
      });

      await step(
        "filters médicos by especialidade; removes the photo after confirming",
        async () => {
          await page.getByLabel("Especialidade").selectOption({ label: "Dermatologia" });
          await row(page, "Dra. Beatriz Lins").waitFor();
          await row(page, "Dra. Helena Duarte").waitFor({ state: "detached" });
          await row(page, "Dra. Beatriz Lins").getByRole("button", { name: /^Editar/ }).click();
          const dlg = page.getByRole("dialog", { name: "Editar Dra. Beatriz Lins" });
          await dlg.getByRole("button", { name: "Remover foto" }).click();
          await page.getByRole("alertdialog", { name: "Remover a foto?" })
            .getByRole("button", { name: "Remover" }).click();
          await dlg.getByText("Sem foto").waitFor();
          const { items } = await get("/api/medicos?search=Beatriz");
          assert.equal(items[0].foto_url, null);
          await dlg.getByRole("button", { name: "Cancelar" }).click();
        },
      );

      await step("inativar asks first; inativar and reativar change the status", async () => {
        const r = row(page, "Dra. Beatriz Lins");
        await r.getByRole("button", { name: /^Inativar/ }).click();
        const confirm = page.getByRole("alertdialog", {
          name: /Inativar médico Dra. Beatriz Lins/,
        });
        await confirm.getByRole("button", { name: "Cancelar" }).click();
        await confirm.waitFor({ state: "detached" });
        let { items } = await get("/api/medicos?search=Beatriz&status=todos");
        assert.equal(items[0].status, "Ativo", "cancelling the confirmation changes nothing");
        await r.getByRole("button", { name: /^Inativar/ }).click();
        await confirm.getByRole("button", { name: "Inativar" }).click();
        await confirm.waitFor({ state: "detached" });
        await r.waitFor({ state: "detached" }); // the list shows Ativos
        ({ items } = await get("/api/medicos?search=Beatriz&status=todos"));
        assert.equal(items[0].status, "Inativo");
        await page.getByText("Inativos", { exact: true }).click();
        await r.getByRole("button", { name: /^Reativar/ }).click();
        await page.getByRole("alertdialog", { name: /Reativar médico/ })
          .getByRole("button", { name: "Reativar" }).click();
        await page.getByRole("alertdialog").waitFor({ state: "detached" });
        await r.waitFor({ state: "detached" });
        ({ items } = await get("/api/medicos?search=Beatriz&status=todos"));
        assert.equal(items[0].status, "Ativo");
        await page.getByText("Ativos", { exact: true }).click();
      });

      await step("a consultório used by an active grade is refused with its reason", async () => {
        const [u] = await get(`/api/unidades?search=${encodeURIComponent("Policlínica Norte")}`);
        const { items: [m] } = await get("/api/medicos?search=Beatriz");
        const [e] = await get("/api/especialidades?search=Dermatologia");
        await api(s.url, "POST", "/api/slots/generate-bulk", {
          token: clinic.master,
          body: {
            unidadeid: u.unidadeid,
            especialidadeid: e.especialidadeid,
            medicoid: m.medicoid,
            consultorioid: u.consultorios[0].consultorioid,
            data_inicio: clinic.dia,
            data_fim: clinic.dia,
            horarios: {
              [String(((new Date(`${clinic.dia}T12:00:00Z`).getUTCDay() + 6) % 7) + 1)]: ["10:00"],
            },
          },
        });
        await tab("unidades", "Unidades");
        await row(page, "Policlínica Norte").getByRole("button", { name: /^Editar/ }).click();
        const dlg = page.getByRole("dialog", { name: "Editar Policlínica Norte" });
        await dlg.getByRole("button", { name: "Inativar consultório Sala Azul" }).click();
        const confirm = page.getByRole("alertdialog", { name: /Inativar consultório Sala Azul/ });
        await confirm.getByRole("button", { name: "Inativar" }).click();
        await confirm.getByRole("alert").filter({ hasText: "1 grade(s) ativa(s) o utilizam" })
          .getByText(/Dra\. Beatriz Lins \(Dermatologia/).waitFor();
        await shot(page, "config-consultorio-recusa");
        await confirm.getByRole("button", { name: "Cancelar" }).click();
        const [after] = await get(
          `/api/unidades?search=${encodeURIComponent("Policlínica Norte")}`,
        );
        assert.equal(after.consultorios[0].status, "Ativo");
        // Rename and add inline, saved at once.
        await dlg.getByLabel("Nome do consultório Sala Azul").fill("Sala Azul 1");
        await dlg.getByRole("button", { name: "Renomear" }).click();
        await dlg.getByLabel("Nome do novo consultório").fill("Sala Verde");
        await dlg.getByRole("button", { name: "Adicionar consultório" }).click();
        await dlg.locator('[data-consultorio="Sala Verde"]').waitFor();
        await dlg.getByRole("button", { name: "Inativar consultório Sala Verde" }).click();
        await page.getByRole("alertdialog", { name: /Inativar consultório Sala Verde/ })
          .getByRole("button", { name: "Inativar" }).click();
        await dlg.locator('[data-consultorio="Sala Verde"]').getByText("Inativo").waitFor();
        await dlg.getByRole("button", { name: "Reativar consultório Sala Verde" }).click();
        await page.getByRole("alertdialog", { name: /Reativar consultório Sala Verde/ })
          .getByRole("button", { name: "Reativar" }).click();
        await dlg.locator('[data-consultorio="Sala Verde"]').getByText("Ativo").waitFor();
        await dlg.getByRole("button", { name: "Inativar consultório Sala Verde" }).click();
        await page.getByRole("alertdialog", { name: /Inativar consultório Sala Verde/ })
          .getByRole("button", { name: "Inativar" }).click();
        await dlg.locator('[data-consultorio="Sala Verde"]').getByText("Inativo").waitFor();
        const [u2] = await get(`/api/unidades?search=${encodeURIComponent("Policlínica Norte")}`);
        assert.deepEqual(
          u2.consultorios.map((c: any) => [c.nome, c.status]).sort(),
          [["Sala Azul 1", "Ativo"], ["Sala Verde", "Inativo"]],
        );
        await dlg.getByRole("button", { name: "Cancelar" }).click();
        // The unidade itself is refused for the same reason, its grades listed.
        await row(page, "Policlínica Norte").getByRole("button", { name: /^Inativar/ }).click();
        const conf = page.getByRole("alertdialog", { name: /Inativar unidade Policlínica Norte/ });
        await conf.getByRole("button", { name: "Inativar" }).click();
        await conf.getByRole("alert").filter({ hasText: "grade(s) ativa(s)" })
          .getByText(/Grades: Dra\. Beatriz Lins \(Dermatologia/).waitFor();
        await conf.getByRole("button", { name: "Cancelar" }).click();
        const [u3] = await get(`/api/unidades?search=${encodeURIComponent("Policlínica Norte")}`);
        assert.equal(u3.status, "Ativo");
      });

      await step("a change by another user through the API appears without reload", async () => {
        await tab("especialidades", "Especialidades");
        await api(s.url, "POST", "/api/especialidades", {
          token: clinic.master,
          body: { nome: "Neurologia", limitevagas: 2 },
        });
        await row(page, "Neurologia").waitFor();
        const [e] = await get("/api/especialidades?search=Dermatologia");
        await api(s.url, "PUT", `/api/especialidades/${e.especialidadeid}`, {
          token: clinic.master,
          body: { nome: "Dermatologia Clínica" },
        });
        await row(page, "Dermatologia Clínica").waitFor();
        // An open confirmation survives a reload caused by someone else's change.
        await row(page, "Neurologia").getByRole("button", { name: /^Inativar/ }).click();
        const confirm = page.getByRole("alertdialog", {
          name: /Inativar especialidade Neurologia/,
        });
        await confirm.waitFor();
        await api(s.url, "PUT", `/api/especialidades/${e.especialidadeid}`, {
          token: clinic.master,
          body: { nome: "Dermatologia" },
        });
        // (rows are hidden from the accessibility tree behind the dialog: found by CSS)
        await page.locator("tr[data-key]").filter({ hasText: /^Dermatologia\d/ }).waitFor();
        assert.equal(await confirm.count(), 1, "the confirmation is still open");
        await confirm.getByRole("button", { name: "Cancelar" }).click();
      });

      await step("each tab: screenshot and no serious/critical axe violation", async () => {
        for (
          const [slug, heading] of [
            ["especialidades", "Especialidades"],
            ["tipos-slot", "Tipos de slot"],
            ["medicos", "Médicos"],
            ["unidades", "Unidades"],
          ]
        ) {
          await tab(slug, heading);
          await shot(page, `config-${slug}`);
          await assertAccessible(page, slug);
        }
        // Keyboard only: the "Nova unidade" button opens the form, Escape closes it.
        await page.getByRole("button", { name: "Nova unidade" }).focus();
        await page.keyboard.press("Enter");
        const form = page.getByRole("dialog", { name: "Nova unidade" });
        await form.getByLabel("Nome", { exact: true }).waitFor();
        await assertAccessible(page, "unidade form");
        await page.keyboard.press("Escape");
        await form.waitFor({ state: "detached" });
        assert.equal(
          await page.getByRole("link", { name: "Configuração da clínica" }).count(),
          0,
          "a gerenciador does not see the clinic settings",
        );
        assert.deepEqual(page.errors, []);
        assert.deepEqual(
          await page.evaluate(() => (globalThis as { __csp?: string[] }).__csp),
          [],
          "no Content-Security-Policy violation",
        );
      });

      await step(
        "administrador: clinic settings (BUFFER_MINUTES 0–10, live) and a médico's bank details",
        async () => {
          const adm = await staffUser(s.url, s.db, clinic.master, "administrador");
          const ap = await newPage(s.browser);
          await signIn(ap, s.url, adm.email, adm.senha, "/adm/configuracoes/clinica");
          const buffer = ap.getByLabel("Intervalo entre consultas (BUFFER_MINUTES)");
          await buffer.fill("11");
          await ap.getByRole("button", { name: "Salvar" }).click();
          await ap.getByText("Intervalo máximo: 10 minutos.").waitFor();
          await buffer.fill("7");
          await ap.getByLabel("Abertura").fill("07:30");
          await ap.getByRole("button", { name: "Salvar" }).click();
          await ap.getByText("Configuração da clínica salva.").waitFor();
          const cfg = await get("/api/clinica/configuracao");
          assert.equal(cfg.buffer_minutes, 7);
          assert.equal(cfg.horario_abertura, "07:30");
          await shot(ap, "config-clinica");
          await assertAccessible(ap, "clinica");
          // Another administrator's change shows without reload.
          await api(s.url, "PUT", "/api/clinica/configuracao", {
            token: clinic.master,
            body: { buffer_minutes: 3 },
          });
          await ap.waitForFunction(() =>
            (document.querySelector("input[type=number]") as HTMLInputElement)?.value === "3"
          );
          // Bank details: only an administrador writes them.
          await ap.getByRole("navigation", { name: "Configurações" })
            .getByRole("link", { name: "Médicos" }).click();
          await ap.getByLabel("Buscar").fill("Beatriz");
          await ap.getByLabel("Buscar").press("Enter");
          await row(ap, "Dra. Beatriz Lins").getByRole("button", { name: /^Editar/ }).click();
          const dlg = ap.getByRole("dialog", { name: "Editar Dra. Beatriz Lins" });
          await dlg.getByLabel("Banco").fill("Banco do Brasil");
          await dlg.getByLabel("Agência").fill("1234-5");
          await dlg.getByLabel("Conta", { exact: true }).fill("1");
          await dlg.getByRole("button", { name: "Salvar" }).click();
          await dlg.getByText(/Conta inválida/).waitFor();
          await dlg.getByLabel("Conta", { exact: true }).fill("98765-4");
          await dlg.getByLabel("Chave PIX").fill("beatriz@example.com");
          await dlg.getByRole("button", { name: "Salvar" }).click();
          await dlg.waitFor({ state: "detached" });
          const m = (await get("/api/medicos?search=Beatriz")).items[0];
          assert.deepEqual(m.dadosbancarios, {
            banco: "Banco do Brasil",
            agencia: "1234-5",
            conta: "98765-4",
            tipo: "Corrente",
            pix: "beatriz@example.com",
          });
          await ap.context().close();
        },
      );

      await step(
        "loading failure shows the error with a retry; an empty filter says so",
        async () => {
          await tab("especialidades", "Especialidades");
          await page.route("**/api/tipos-slot?*", (r) => r.abort());
          await page.getByRole("navigation", { name: "Configurações" })
            .getByRole("link", { name: "Tipos de slot" }).click();
          const erro = page.getByRole("alert").filter({ hasText: "Sem conexão com o servidor" });
          await erro.waitFor();
          await page.unroute("**/api/tipos-slot?*");
          await erro.getByRole("button", { name: "Tentar novamente" }).click();
          await page.getByRole("table", { name: "Tipos de slot" }).waitFor();
          await page.getByText("Inativos", { exact: true }).click();
          await page.getByText("Nenhum tipo de slot encontrado.").waitFor();
          await page.getByText("Ativos", { exact: true }).click();
        },
      );

      await step("médicos are paginated", async () => {
        const [e] = await get("/api/especialidades?search=Pediatria");
        for (let i = 0; i < 20; i++) {
          await api(s.url, "POST", "/api/medicos", {
            token: clinic.master,
            body: {
              nomecompleto: `Médico Página ${String(i).padStart(2, "0")}`,
              crm: String(700000 + i),
              crm_uf: "RJ",
              especialidades: [e.especialidadeid],
            },
          });
        }
        await tab("medicos", "Médicos");
        const pager = page.getByRole("navigation", { name: "Paginação de médicos" });
        await pager.getByText("1–20 de 23").waitFor();
        await pager.getByRole("button", { name: /Próxima/ }).click();
        await pager.getByText("21–23 de 23").waitFor();
        assert.equal(
          await page.getByRole("table", { name: "Médicos" }).getByRole("row").count(),
          4,
        );
        await pager.getByRole("button", { name: /Anterior/ }).click();
        await pager.getByText("1–20 de 23").waitFor();
      });

      await step("visualizador reads every cadastro tab without a write control", async () => {
        const vis = await staffUser(s.url, s.db, clinic.master, "visualizador");
        const vp = await newPage(s.browser);
        await signIn(vp, s.url, vis.email, vis.senha, "/adm/configuracoes/especialidades");
        for (
          const [slug, heading, nova] of [
            ["especialidades", "Especialidades", "Nova especialidade"],
            ["tipos-slot", "Tipos de slot", "Novo tipo de slot"],
            ["medicos", "Médicos", "Novo médico"],
            ["unidades", "Unidades", "Nova unidade"],
          ]
        ) {
          await vp.getByRole("navigation", { name: "Configurações" })
            .getByRole("link", { name: heading }).click();
          await vp.waitForURL(`**/configuracoes/${slug}`);
          await vp.getByRole("table", { name: heading }).waitFor();
          assert.equal(
            await vp.getByRole("button", { name: nova }).count(),
            0,
            `${slug}: no "${nova}"`,
          );
          assert.equal(
            await vp.getByRole("button", { name: /^(Editar|Inativar|Reativar)/ }).count(),
            0,
          );
        }
        await shot(vp, "config-visualizador-unidades");
        assert.equal(await vp.getByRole("link", { name: "Configuração da clínica" }).count(), 0);
        await vp.context().close();
      });

      await step("operador sees the cadastro tabs but not the clinic settings", async () => {
        const op = await staffUser(s.url, s.db, clinic.master, "operador");
        const opg = await newPage(s.browser);
        await signIn(opg, s.url, op.email, op.senha, "/adm/configuracoes/clinica");
        await opg.getByRole("heading", { name: "Aba indisponível" }).waitFor();
        const nav = opg.getByRole("navigation", { name: "Configurações" });
        for (const l of ["Especialidades", "Tipos de slot", "Médicos", "Unidades"]) {
          await nav.getByRole("link", { name: l }).waitFor();
        }
        assert.equal(await nav.getByRole("link", { name: "Configuração da clínica" }).count(), 0);
        await opg.context().close();
      });
    });
  },
);
