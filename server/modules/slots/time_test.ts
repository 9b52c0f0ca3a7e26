import { strict as assert } from "node:assert";
import {
  addDays,
  chunkDays,
  daysInclusive,
  isoWeekday,
  isValidTimeZone,
  periodoOf,
  todayAt,
  wallTimeToInstant,
} from "./time.ts";

const at = (date: string, time: string, tz: string) => wallTimeToInstant(date, time, tz).toString();

Deno.test("[slots] time: wall time to instant", async (t) => {
  await t.step("maps an ordinary São Paulo morning (UTC-3 since 2019)", () => {
    // 08:00 at UTC-3 is 11:00 UTC.
    assert.equal(at("2027-03-01", "08:00", "America/Sao_Paulo"), "2027-03-01T11:00:00Z");
  });

  await t.step("maps Manaus one hour further west (UTC-4, no DST)", () => {
    // 08:00 at UTC-4 is 12:00 UTC.
    assert.equal(at("2027-03-01", "08:00", "America/Manaus"), "2027-03-01T12:00:00Z");
  });

  await t.step("moves a São Paulo time inside the 2018 spring-forward gap forward", () => {
    // 2018-11-04 00:00 did not exist locally (clocks jumped to 01:00, UTC-2):
    // 00:00 becomes 01:00 UTC-2, which is 03:00 UTC.
    assert.equal(at("2018-11-04", "00:00", "America/Sao_Paulo"), "2018-11-04T03:00:00Z");
    // 00:30 likewise becomes 01:30 UTC-2 = 03:30 UTC.
    assert.equal(at("2018-11-04", "00:30", "America/Sao_Paulo"), "2018-11-04T03:30:00Z");
    // 08:00 that day is plain summer time: 08:00 UTC-2 = 10:00 UTC.
    assert.equal(at("2018-11-04", "08:00", "America/Sao_Paulo"), "2018-11-04T10:00:00Z");
    // The day before, still UTC-3: 08:00 = 11:00 UTC.
    assert.equal(at("2018-11-03", "08:00", "America/Sao_Paulo"), "2018-11-03T11:00:00Z");
  });

  await t.step("takes the later instant for a São Paulo time that happened twice (2019)", () => {
    // On 2019-02-16 at midnight clocks went back to 23:00: 23:30 happened at UTC-2 and again at
    // UTC-3. The later one is 23:30 UTC-3 = 2019-02-17 02:30 UTC.
    assert.equal(at("2019-02-16", "23:30", "America/Sao_Paulo"), "2019-02-17T02:30:00Z");
  });

  await t.step("moves a New York time inside the 2026 spring-forward gap forward", () => {
    // 2026-03-08 02:30 does not exist (02:00 EST jumps to 03:00 EDT): it becomes 03:30 EDT
    // (UTC-4) = 07:30 UTC.
    assert.equal(at("2026-03-08", "02:30", "America/New_York"), "2026-03-08T07:30:00Z");
    // 01:30 that morning is still EST (UTC-5): 06:30 UTC.
    assert.equal(at("2026-03-08", "01:30", "America/New_York"), "2026-03-08T06:30:00Z");
    // 03:30 is EDT: 07:30 UTC, the same instant as the shifted 02:30.
    assert.equal(at("2026-03-08", "03:30", "America/New_York"), "2026-03-08T07:30:00Z");
  });

  await t.step(
    "takes the later instant for a New York time that happens twice (2026-11-01)",
    () => {
      // 01:30 happens at EDT (05:30 UTC) and again at EST (06:30 UTC); the later is chosen.
      assert.equal(at("2026-11-01", "01:30", "America/New_York"), "2026-11-01T06:30:00Z");
    },
  );
});

Deno.test("[slots] time: calendar helpers", async (t) => {
  await t.step("knows ISO weekdays", () => {
    assert.equal(isoWeekday("2027-03-01"), 1); // a Monday
    assert.equal(isoWeekday("2027-03-07"), 7); // a Sunday
  });

  await t.step("adds days across month and leap-year ends", () => {
    assert.equal(addDays("2028-02-28", 1), "2028-02-29");
    assert.equal(addDays("2027-12-31", 1), "2028-01-01");
    assert.equal(daysInclusive("2027-01-01", "2027-12-31"), 365);
    assert.equal(daysInclusive("2027-03-01", "2027-03-01"), 1);
  });

  await t.step("splits a range into chunks that cover it exactly", () => {
    assert.deepEqual(chunkDays("2027-01-01", "2027-01-10", 4), [
      ["2027-01-01", "2027-01-04"],
      ["2027-01-05", "2027-01-08"],
      ["2027-01-09", "2027-01-10"],
    ]);
    assert.deepEqual(chunkDays("2027-01-01", "2027-01-01", 31), [["2027-01-01", "2027-01-01"]]);
  });

  await t.step("classifies periods at their boundaries", () => {
    assert.equal(periodoOf("11:59"), "Manhã");
    assert.equal(periodoOf("12:00"), "Tarde");
    assert.equal(periodoOf("17:59"), "Tarde");
    assert.equal(periodoOf("18:00"), "Noite");
  });

  await t.step("gives today at a zone, which differs across the date line of the zones", () => {
    // 2027-03-02 02:00 UTC is still 2027-03-01 in São Paulo (23:00 UTC-3).
    const now = Temporal.Instant.from("2027-03-02T02:00:00Z");
    assert.equal(todayAt("America/Sao_Paulo", now), "2027-03-01");
    assert.equal(todayAt("UTC", now), "2027-03-02");
  });

  await t.step("validates time zone names", () => {
    assert.equal(isValidTimeZone("America/Manaus"), true);
    assert.equal(isValidTimeZone("America/Atlantida"), false);
  });
});
