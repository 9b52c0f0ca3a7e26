import { strict as assert } from "node:assert";
import {
  formatDataHora,
  formatEndereco,
  mascararCarteirinha,
  render,
  type TemplateData,
} from "./templates.ts";

const UNIDADE = {
  nome: "UBS Centro",
  logradouro: "Rua Campos Sales",
  numero: "100",
  complemento: null,
  bairro: "Centro",
  cidade: "Barueri",
  uf: "SP",
};

const CONSULTA = {
  paciente: "Maria Aparecida da Silva",
  // 13:00 UTC on a January Thursday
  inicio: "2026-01-15T13:00:00Z",
  timezone: "America/Sao_Paulo",
  medico: "Dr. João Pereira",
  especialidade: "Pediatria",
  unidade: UNIDADE,
};

Deno.test("[notify] formatDataHora: Brazilian time zones without daylight saving", async (t) => {
  await t.step("São Paulo is UTC-3 in January (no DST since 2019)", () => {
    // 2026-01-15 13:00 UTC = 10:00 in São Paulo; with the old DST it would have been 11:00
    assert.equal(
      formatDataHora("2026-01-15T13:00:00Z", "America/Sao_Paulo"),
      "quinta-feira, 15/01/2026 às 10:00",
    );
  });

  await t.step("São Paulo is UTC-3 in July too", () => {
    // 2026-07-15 13:00 UTC = 10:00 in São Paulo
    assert.equal(
      formatDataHora(new Date("2026-07-15T13:00:00Z"), "America/Sao_Paulo"),
      "quarta-feira, 15/07/2026 às 10:00",
    );
  });

  await t.step("Manaus is UTC-4 and Noronha UTC-2", () => {
    // 13:00 UTC = 09:00 in Manaus
    assert.equal(
      formatDataHora("2026-01-15T13:00:00Z", "America/Manaus"),
      "quinta-feira, 15/01/2026 às 09:00",
    );
    // 13:00 UTC = 11:00 in Fernando de Noronha
    assert.equal(
      formatDataHora("2026-01-15T13:00:00Z", "America/Noronha"),
      "quinta-feira, 15/01/2026 às 11:00",
    );
  });

  await t.step("the local day changes before UTC midnight", () => {
    // 2026-01-16 02:30 UTC = 15/01 23:30 in São Paulo
    assert.equal(
      formatDataHora("2026-01-16T02:30:00Z", "America/Sao_Paulo"),
      "quinta-feira, 15/01/2026 às 23:30",
    );
  });

  await t.step("midnight is 00:00, not 24:00", () => {
    // 2026-01-16 03:00 UTC = 16/01 00:00 in São Paulo
    assert.equal(
      formatDataHora("2026-01-16T03:00:00Z", "America/Sao_Paulo"),
      "sexta-feira, 16/01/2026 às 00:00",
    );
  });

  await t.step("a historical DST instant still follows the tz database", () => {
    // 2018-12-01 13:00 UTC = 11:00 in São Paulo (DST, UTC-2, abolished in 2019)
    assert.equal(
      formatDataHora("2018-12-01T13:00:00Z", "America/Sao_Paulo"),
      "sábado, 01/12/2018 às 11:00",
    );
  });

  await t.step("an unknown time zone throws", () => {
    assert.throws(() => formatDataHora("2026-01-15T13:00:00Z", "Mars/Olympus"), RangeError);
  });
});

Deno.test("[notify] formatEndereco and mascararCarteirinha", async (t) => {
  await t.step("joins the present parts of the address", () => {
    assert.equal(formatEndereco(UNIDADE), "Rua Campos Sales, 100 - Centro - Barueri/SP");
    assert.equal(
      formatEndereco({ nome: "X", logradouro: "Av. Brasil", complemento: "sala 2" }),
      "Av. Brasil, sala 2",
    );
    assert.equal(formatEndereco({ nome: "X" }), "");
  });

  await t.step("shows only the last four characters of a card number", () => {
    assert.equal(mascararCarteirinha("0012345678901234"), "•••• 1234");
    assert.equal(mascararCarteirinha("123"), "123");
  });
});

Deno.test("[notify] render: every template in Portuguese", async (t) => {
  await t.step("proposta shows the place, the address and the deadline", () => {
    const data: TemplateData["proposta"] = {
      ...CONSULTA,
      // 2026-01-14 21:00 UTC = 18:00 in São Paulo
      expiraEm: "2026-01-14T21:00:00Z",
      link: "https://agenda.example/paciente",
    };
    const out = render("proposta", data);
    assert.equal(out.assunto, "Proposta de consulta: Pediatria em 15/01 às 10:00");
    assert.match(out.corpo, /^Olá, Maria!/);
    assert.match(out.corpo, /Especialidade: Pediatria/);
    assert.match(out.corpo, /Médico\(a\): Dr\. João Pereira/);
    assert.match(out.corpo, /Data: quinta-feira, 15\/01\/2026 às 10:00/);
    assert.match(out.corpo, /Local: UBS Centro — Rua Campos Sales, 100 - Centro - Barueri\/SP/);
    assert.match(
      out.corpo,
      /Responda até quarta-feira, 14\/01\/2026 às 18:00 pelo portal do paciente: https:\/\/agenda\.example\/paciente/,
    );
  });

  await t.step("confirmacao carries the protocolo", () => {
    const out = render("confirmacao", { ...CONSULTA, protocolo: "AG-2026-000123" });
    assert.equal(out.assunto, "Consulta confirmada: Pediatria em 15/01 às 10:00");
    assert.match(out.corpo, /Sua consulta está confirmada\./);
    assert.match(out.corpo, /Protocolo: AG-2026-000123/);
  });

  await t.step("cancelamento carries the reason", () => {
    const out = render("cancelamento", {
      ...CONSULTA,
      protocolo: null,
      motivo: "Médico em licença",
    });
    assert.equal(out.assunto, "Consulta cancelada: Pediatria em 15/01 às 10:00");
    assert.match(out.corpo, /Motivo: Médico em licença/);
    assert.doesNotMatch(out.corpo, /Protocolo/);
  });

  await t.step("lembrete in the unidade's own time zone", () => {
    const out = render("lembrete", {
      ...CONSULTA,
      timezone: "America/Manaus",
      protocolo: "AG-1",
    });
    assert.equal(out.assunto, "Lembrete: consulta de Pediatria em 15/01 às 09:00");
    assert.match(out.corpo, /Data: quinta-feira, 15\/01\/2026 às 09:00/);
    assert.match(out.corpo, /cancele pelo portal/);
  });

  await t.step("seguro_invalido masks the card number and says why", () => {
    const out = render("seguro_invalido", {
      ...CONSULTA,
      operadora: "Unimed",
      numeroCarteirinha: "0012345678901234",
      motivo: "carteirinha vencida em 10/01/2026",
    });
    assert.equal(out.assunto, "Convênio não validado para a consulta de 15/01 às 10:00");
    assert.match(
      out.corpo,
      /convênio Unimed \(nº •••• 1234\): carteirinha vencida em 10\/01\/2026\./,
    );
    assert.doesNotMatch(out.corpo, /0012345678901234/);
  });

  await t.step("is pure: the same input renders the same text", () => {
    const a = render("lembrete", { ...CONSULTA, protocolo: "AG-1" });
    const b = render("lembrete", { ...CONSULTA, protocolo: "AG-1" });
    assert.deepEqual(a, b);
  });
});
