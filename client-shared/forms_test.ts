import { strict as assert } from "node:assert";
import { createRoot } from "solid-js";
import { EspecialidadeCreate } from "../server/modules/especialidades/schemas.ts";
import { checkWith, createForm, errorsOf } from "./forms.ts";
import { ApiError } from "./http.ts";

Deno.test("[forms] checkWith answers the server schema's messages by field path", () => {
  const r = checkWith(EspecialidadeCreate, {
    nome: "A",
    limitevagas: 0,
    cotas: [{ tiposlotid: 1, vagas: 101 }],
  });
  assert.equal(r.ok, false);
  if (r.ok) return;
  assert.equal(r.errors.nome, "O nome deve ter ao menos 2 caracteres.");
  assert.equal(r.errors.limitevagas, "O limite de vagas deve ser de 1 a 100.");
  assert.equal(r.errors["cotas.0.vagas"], "Vagas deve ser de 0 a 100.");
  const ok = checkWith(EspecialidadeCreate, { nome: " Dermatologia ", limitevagas: 4 });
  assert.deepEqual(ok, {
    ok: true,
    data: { nome: "Dermatologia", limitevagas: 4, duracao_minutos: 30 },
  });
});

Deno.test("[forms] errorsOf places a refusal on its field", async (t) => {
  await t.step("400 details by path", () => {
    const e = new ApiError(400, "validacao", "Dados inválidos.", [
      { path: ["crm"], message: "CRM inválido: use de 4 a 7 dígitos." },
    ]);
    assert.deepEqual(errorsOf(e), { crm: "CRM inválido: use de 4 a 7 dígitos." });
  });
  await t.step("a rule's code mapped to a field, else the form's message", () => {
    const e = new ApiError(409, "crm_duplicado", "Já existe um médico com este CRM.");
    assert.deepEqual(errorsOf(e, { crm_duplicado: "crm" }), {
      crm: "Já existe um médico com este CRM.",
    });
    assert.deepEqual(errorsOf(e), { "": "Já existe um médico com este CRM." });
    assert.deepEqual(errorsOf(new TypeError("x")), {
      "": "Não foi possível concluir a operação.",
    });
  });
});

Deno.test("[forms] createForm: field props, send, clear on correction", async () => {
  await createRoot(async (dispose) => {
    const form = createForm({ nome: "", crm: "" }, { crm_duplicado: "crm" });
    const crm = form.field("crm");
    crm.onInput("1234");
    assert.equal(crm.value, "1234");
    const ok = await form.send(() =>
      Promise.reject(new ApiError(409, "crm_duplicado", "CRM já cadastrado."))
    );
    assert.equal(ok, false);
    assert.equal(crm.error, "CRM já cadastrado.");
    assert.equal(form.busy(), false);
    crm.onInput("12345");
    assert.equal(crm.error, undefined, "correcting the field drops its message");
    assert.equal(await form.send(() => Promise.resolve()), true);
    dispose();
  });
});
