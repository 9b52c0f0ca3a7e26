/** pt-BR dates and times in the clinic's zone, and the masks of CPF and telefone. */
import { strict as assert } from "node:assert";
import {
  addDays,
  dayOf,
  formatDateTime,
  formatDay,
  formatTime,
  setClinicTimeZone,
  weekStart,
} from "./format.ts";
import { digits, looksLikeCpf, maskCpf, maskTelefone, validCpf } from "./masks.ts";
import { topicsMeet } from "./live_store.ts";

Deno.test("[client-shared] format in the clinic's time zone", async (t) => {
  await t.step("an instant shows in the clinic's wall clock, not the browser's", () => {
    setClinicTimeZone("America/Sao_Paulo");
    // 11:00Z is 08:00 in São Paulo (UTC-3, no daylight saving since 2019).
    assert.equal(formatDateTime("2026-11-23T11:00:00Z"), "23/11/2026 08:00");
    assert.equal(formatTime("2026-11-23T11:00:00Z"), "08:00");
    // 11:00Z is 07:00 in Manaus (UTC-4).
    assert.equal(formatTime("2026-11-23T11:00:00Z", "America/Manaus"), "07:00");
  });
  await t.step("the day of an instant near midnight is the clinic's day", () => {
    // 02:30Z on the 24th is still 23:30 of the 23rd in São Paulo.
    assert.equal(dayOf("2026-11-24T02:30:00Z", "America/Sao_Paulo"), "2026-11-23");
    assert.equal(dayOf("2026-11-24T02:30:00Z", "UTC"), "2026-11-24");
  });
  await t.step("an unknown zone is ignored", () => {
    setClinicTimeZone("Marte/Olympus");
    assert.equal(formatTime("2026-11-23T11:00:00Z"), "08:00");
  });
  await t.step("calendar days never shift", () => {
    assert.equal(formatDay("2026-03-01"), "01/03/2026");
    assert.equal(addDays("2026-02-28", 1), "2026-03-01");
    assert.equal(addDays("2024-02-28", 1), "2024-02-29");
    assert.equal(weekStart("2026-11-29"), "2026-11-23"); // a Sunday → its Monday
    assert.equal(weekStart("2026-11-23"), "2026-11-23");
  });
});

Deno.test("[client-shared] masks", async (t) => {
  await t.step("CPF as typed", () => {
    assert.equal(maskCpf("123"), "123");
    assert.equal(maskCpf("1234567"), "123.456.7");
    assert.equal(maskCpf("52998224725"), "529.982.247-25");
    assert.equal(maskCpf("529.982.247-2599"), "529.982.247-25");
    assert.ok(validCpf("529.982.247-25"));
    assert.ok(!validCpf("529.982.247-24"));
    assert.ok(!validCpf("111.111.111-11"));
    assert.ok(looksLikeCpf("529.98"));
    assert.ok(!looksLikeCpf("Maria"));
  });
  await t.step("telefone, landline and mobile", () => {
    assert.equal(maskTelefone("11"), "(11");
    assert.equal(maskTelefone("1141990000"), "(11) 4199-0000");
    assert.equal(maskTelefone("11987654321"), "(11) 98765-4321");
    assert.equal(digits("(11) 98765-4321"), "11987654321");
  });
});

Deno.test("[client-shared] live topics on screen meet an event's topics", () => {
  assert.ok(topicsMeet(["data:2026-11-23", "unidade:3"], ["unidade:3"]));
  assert.ok(topicsMeet(["data:2026-11-23"], ["data:2026-11-01..2026-11-30"]));
  assert.ok(!topicsMeet(["data:2026-12-01"], ["data:2026-11-01..2026-11-30"]));
  assert.ok(!topicsMeet(["backlog"], ["data:2026-11-23"]));
});
