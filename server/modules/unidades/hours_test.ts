import { strict as assert } from "node:assert";
import {
  type ClinicHoursSource,
  effectiveBufferMinutes,
  openingHoursFor,
  type UnidadeHoursSource,
  weeklyHours,
} from "./hours.ts";

// As the database hands them over: time columns come as "HH:MM:SS".
const clinic: ClinicHoursSource = {
  horario_abertura: "08:00:00",
  horario_fechamento: "20:00:00",
  buffer_minutes: 5,
};

const base: UnidadeHoursSource = {
  horario_abertura: null,
  horario_fechamento: null,
  dias_funcionamento: [1, 2, 3, 4, 5],
  horarios_por_dia: null,
  buffer_minutes: null,
};

Deno.test("[unidades] openingHoursFor: global mode", async (t) => {
  await t.step("inherits the clinic hours when the unidade has none", () => {
    // Monday is a working day and the unidade sets no hours: clinic 08:00–20:00, shortened.
    assert.deepEqual(openingHoursFor(base, clinic, 1), { abertura: "08:00", fechamento: "20:00" });
    // Saturday is not in dias_funcionamento: closed.
    assert.equal(openingHoursFor(base, clinic, 6), null);
    // Sunday likewise closed.
    assert.equal(openingHoursFor(base, clinic, 7), null);
  });

  await t.step("uses the unidade's own pair over the clinic default", () => {
    const ubs = {
      ...base,
      horario_abertura: "07:00:00",
      horario_fechamento: "19:00:00",
      dias_funcionamento: [1, 2, 3, 4, 5, 6],
    };
    // Friday: the unidade's 07:00–19:00 wins over the clinic's 08:00–20:00.
    assert.deepEqual(openingHoursFor(ubs, clinic, 5), { abertura: "07:00", fechamento: "19:00" });
    // Saturday is open at this unidade, same pair.
    assert.deepEqual(openingHoursFor(ubs, clinic, 6), { abertura: "07:00", fechamento: "19:00" });
    // Sunday is still closed.
    assert.equal(openingHoursFor(ubs, clinic, 7), null);
  });

  await t.step("ignores an incomplete pair instead of mixing it with the clinic's", () => {
    const half = { ...base, horario_abertura: "21:00", horario_fechamento: null };
    // Mixing 21:00 with the clinic's 20:00 would invert the day: the clinic pair is used whole.
    assert.deepEqual(openingHoursFor(half, clinic, 2), { abertura: "08:00", fechamento: "20:00" });
  });

  await t.step("treats an empty horarios_por_dia as global mode", () => {
    // {} has no entries: Wednesday follows dias_funcionamento and the clinic hours.
    assert.deepEqual(
      openingHoursFor({ ...base, horarios_por_dia: {} }, clinic, 3),
      { abertura: "08:00", fechamento: "20:00" },
    );
  });
});

Deno.test("[unidades] openingHoursFor: per-weekday mode", async (t) => {
  const hosp: UnidadeHoursSource = {
    ...base,
    // Stale global values must not leak into per-day mode.
    horario_abertura: "06:00",
    horario_fechamento: "23:00",
    dias_funcionamento: [1, 2, 3, 4, 5, 6, 7],
    horarios_por_dia: {
      "1": { abertura: "07:00", fechamento: "17:00" },
      "3": { abertura: "13:00", fechamento: "21:30" },
      "6": { abertura: "08:00", fechamento: "12:00" },
    },
  };

  await t.step("answers the entry of the day", () => {
    // Monday entry.
    assert.deepEqual(openingHoursFor(hosp, clinic, 1), { abertura: "07:00", fechamento: "17:00" });
    // Wednesday entry, past the clinic's 20:00 closing: the unidade decides.
    assert.deepEqual(openingHoursFor(hosp, clinic, 3), { abertura: "13:00", fechamento: "21:30" });
    // Saturday morning only.
    assert.deepEqual(openingHoursFor(hosp, clinic, 6), { abertura: "08:00", fechamento: "12:00" });
  });

  await t.step("answers null for a day without entry, whatever dias_funcionamento says", () => {
    // Tuesday has no entry although dias_funcionamento lists it: closed.
    assert.equal(openingHoursFor(hosp, clinic, 2), null);
    // Sunday has no entry: closed.
    assert.equal(openingHoursFor(hosp, clinic, 7), null);
  });

  await t.step("lays out the whole week", () => {
    assert.deepEqual(weeklyHours(hosp, clinic), {
      "1": { abertura: "07:00", fechamento: "17:00" }, // Monday entry
      "2": null, // no entry
      "3": { abertura: "13:00", fechamento: "21:30" }, // Wednesday entry
      "4": null, // no entry
      "5": null, // no entry
      "6": { abertura: "08:00", fechamento: "12:00" }, // Saturday entry
      "7": null, // no entry
    });
  });

  await t.step("rejects a weekday outside 1..7", () => {
    // 0 is not an ISO weekday (Sunday is 7).
    assert.throws(() => openingHoursFor(hosp, clinic, 0), RangeError);
    // 8 does not exist.
    assert.throws(() => openingHoursFor(hosp, clinic, 8), RangeError);
    // 1.5 is not a day.
    assert.throws(() => openingHoursFor(hosp, clinic, 1.5), RangeError);
  });
});

Deno.test("[unidades] effectiveBufferMinutes", async (t) => {
  await t.step("inherits the clinic buffer when the unidade has none", () => {
    // null → clinic's 5 minutes.
    assert.equal(effectiveBufferMinutes(base, clinic), 5);
  });

  await t.step("keeps the unidade's own value, zero included", () => {
    // An explicit 0 means "no pause here", not "inherit".
    assert.equal(effectiveBufferMinutes({ buffer_minutes: 0 }, clinic), 0);
    // 10 is the maximum and wins over the clinic's 5.
    assert.equal(effectiveBufferMinutes({ buffer_minutes: 10 }, clinic), 10);
  });
});
