/**
 * Unit tests of the grade wizard's rules (client-adm/src/configuracoes/gerar-grade/model.ts):
 * start times per weekday, each step's messages, the request body. They live here because
 * `deno test` does not discover tests under client-adm/.
 */
import { strict as assert } from "node:assert";
import {
  corpo,
  emptyWizard,
  errosDoServidor,
  horariosDoDia,
  passoDoErro,
  validarPasso,
} from "../client-adm/src/configuracoes/gerar-grade/model.ts";

Deno.test("[gerar-grade] start times fit the consultation inside the hours", () => {
  assert.deepEqual(horariosDoDia({ inicio: "08:00", fim: "10:00" }, 30), [
    "08:00",
    "08:30",
    "09:00",
    "09:30",
  ]);
  // 30-minute consultations every 35 minutes: the last one must end by 10:00
  assert.deepEqual(horariosDoDia({ inicio: "08:00", fim: "10:00" }, 35, 30), [
    "08:00",
    "08:35",
    "09:10",
  ]);
  assert.deepEqual(horariosDoDia({ inicio: "", fim: "10:00" }, 30), []);
});

Deno.test("[gerar-grade] each step says what is missing, in Portuguese", () => {
  const w = emptyWizard();
  assert.deepEqual(Object.keys(validarPasso(1, w, 30)).sort(), [
    "especialidadeid",
    "medicoid",
    "unidadeid",
  ]);
  w.data_inicio = "2027-03-10";
  w.data_fim = "2027-03-01";
  assert.equal(
    validarPasso(2, w, 30).data_fim,
    "A data final deve ser igual ou posterior à inicial.",
  );
  w.data_fim = "2028-03-10";
  assert.equal(validarPasso(2, w, 30).data_fim, "O período deve ter no máximo 366 dias.");
  w.intervalo = "30";
  assert.equal(
    validarPasso(3, w, 30).horarios,
    "Informe o horário de ao menos um dia da semana.",
  );
  w.faixas["1"] = { inicio: "10:00", fim: "09:00" };
  assert.equal(validarPasso(3, w, 30)["faixas.1.fim"], "O fim deve ser depois do início.");
  w.faixas["1"] = { inicio: "08:00", fim: "12:00" };
  assert.deepEqual(validarPasso(3, w, 30), {});
  w.quantidades = { "1": "0", "2": "0" };
  assert.equal(validarPasso(4, w, 30).distribuicao, "Informe ao menos uma vaga por horário.");
  w.quantidades = { "1": "2", "2": "-1" };
  assert.ok(validarPasso(4, w, 30)["quantidades.2"]);
});

Deno.test("[gerar-grade] a server message on a field sends the user back to its step", () => {
  assert.equal(passoDoErro({ medicoid: "x" }), 1);
  assert.equal(passoDoErro({ data_fim: "x" }), 2);
  assert.equal(passoDoErro({ horarios: "x" }), 3);
  assert.equal(passoDoErro({ "distribuicao.0.quantidade": "x" }), 4);
  assert.equal(passoDoErro({ "": "x" }), null);
  const body = { distribuicao: [{ tiposlotid: 7 }, { tiposlotid: 9 }] };
  assert.deepEqual(
    errosDoServidor(
      {
        "distribuicao.1.quantidade": "A quantidade deve ser de 0 a 100.",
        "horarios.1": "h",
        x: "y",
      },
      body,
    ),
    { "quantidades.9": "A quantidade deve ser de 0 a 100.", horarios: "h", "": "y" },
  );
});

Deno.test("[gerar-grade] the body lists only the weekdays with hours", () => {
  const w = emptyWizard();
  Object.assign(w, {
    unidadeid: "1",
    especialidadeid: "2",
    medicoid: "3",
    data_inicio: "2027-03-01",
    data_fim: "2027-03-31",
    intervalo: "60",
    quantidades: { "5": "2" },
  });
  w.faixas["3"] = { inicio: "13:00", fim: "15:00" };
  const b = corpo(w, 30, true);
  assert.deepEqual(b.horarios, { "3": ["13:00", "14:00"] });
  assert.equal(b.consultorioid, null);
  assert.deepEqual(b.distribuicao, [{ tiposlotid: 5, quantidade: 2 }]);
  assert.equal(b.preview, true);
  assert.equal("limite_encaixe" in b, false);
  w.overbooking = true;
  w.limite_encaixe = "2";
  assert.equal(corpo(w, 30, false).limite_encaixe, 2);
  w.limite_encaixe = "21";
  assert.equal(validarPasso(4, w, 30).limite_encaixe, "O limite de encaixes deve ser de 0 a 20.");
});
