import { strict as assert } from "node:assert";
import { computePrioridade, validarDataPreferida } from "./priority.ts";

Deno.test("[backlog] computePrioridade follows the spec table", async (t) => {
  const hoje = "2026-11-23";
  await t.step("urgent without a date is Alta", () => {
    assert.equal(computePrioridade(true, null, hoje), "Alta");
  });
  await t.step("urgent within 7 days is Alta (day 7 included)", () => {
    assert.equal(computePrioridade(true, "2026-11-24", hoje), "Alta");
    assert.equal(computePrioridade(true, "2026-11-30", hoje), "Alta");
  });
  await t.step("urgent after 7 days is Média", () => {
    assert.equal(computePrioridade(true, "2026-12-01", hoje), "Média");
  });
  await t.step("not urgent is Baixa whatever the date", () => {
    assert.equal(computePrioridade(false, null, hoje), "Baixa");
    assert.equal(computePrioridade(false, "2026-11-24", hoje), "Baixa");
  });
  await t.step("counts calendar days across a month and year end", () => {
    // 2026-12-28 + 7 days = 2027-01-04
    assert.equal(computePrioridade(true, "2027-01-04", "2026-12-28"), "Alta");
    assert.equal(computePrioridade(true, "2027-01-05", "2026-12-28"), "Média");
  });
});

Deno.test("[backlog] validarDataPreferida windows", async (t) => {
  const hoje = "2026-11-23";
  await t.step("portal: tomorrow to +60 days", () => {
    assert.doesNotThrow(() => validarDataPreferida("2026-11-24", hoje, "paciente"));
    assert.doesNotThrow(() => validarDataPreferida("2027-01-22", hoje, "paciente"));
    assert.throws(() => validarDataPreferida("2026-11-23", hoje, "paciente"), /amanhã/);
    assert.throws(() => validarDataPreferida("2027-01-23", hoje, "paciente"), /60 dias/);
  });
  await t.step("staff: today to one year", () => {
    assert.doesNotThrow(() => validarDataPreferida("2026-11-23", hoje, "admin"));
    assert.throws(() => validarDataPreferida("2026-11-22", hoje, "admin"), /12 meses/);
  });
});
