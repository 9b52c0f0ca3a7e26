import { strict as assert } from "node:assert";
import { planWeekdays } from "./plan.ts";

const open = (abertura: string, fechamento: string) => () => ({ abertura, fechamento });

Deno.test("[slots] plan: weekday rules of the generator", async (t) => {
  await t.step("keeps times inside the hours, sorted, with their period", () => {
    const plan = planWeekdays({ "1": ["13:00", "08:00"] }, open("08:00", "18:00"), 30, 0);
    assert.deepEqual(plan, [
      { dow: 1, hora: "08:00", periodo: "Manhã", motivo: null },
      { dow: 1, hora: "13:00", periodo: "Tarde", motivo: null },
    ]);
  });

  await t.step("refuses every time of a weekday the unidade is closed", () => {
    const plan = planWeekdays(
      { "6": ["08:00"], "1": ["08:00"] },
      (d) => (d === 6 ? null : { abertura: "08:00", fechamento: "12:00" }),
      30,
      0,
    );
    assert.deepEqual(plan.map((p) => [p.dow, p.motivo]), [[1, null], [6, "unidade_fechada"]]);
  });

  await t.step("refuses a time before opening or whose consultation ends after closing", () => {
    const plan = planWeekdays(
      { "2": ["07:30", "11:30", "11:40"] },
      open("08:00", "12:00"),
      30,
      0,
    );
    // 11:30 + 30 min ends exactly at closing: allowed; 11:40 would end at 12:10.
    assert.deepEqual(plan.map((p) => p.motivo), ["fora_do_horario", null, "fora_do_horario"]);
  });

  await t.step("refuses a time closer than duration + buffer to the previous kept one", () => {
    const plan = planWeekdays(
      { "3": ["08:00", "08:30", "08:35", "09:10"] },
      open("08:00", "12:00"),
      30,
      5,
    );
    // 08:30 is 30 min after 08:00 (< 35); 08:35 is 35 min after 08:00 (kept); 09:10 is 35 after
    // 08:35 (kept).
    assert.deepEqual(plan.map((p) => p.motivo), [null, "intervalo_insuficiente", null, null]);
  });

  await t.step("does not let a refused time push the next one out", () => {
    const plan = planWeekdays({ "4": ["07:50", "08:00"] }, open("08:00", "12:00"), 30, 0);
    assert.deepEqual(plan.map((p) => p.motivo), ["fora_do_horario", null]);
  });
});
