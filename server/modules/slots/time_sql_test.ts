import { strict as assert } from "node:assert";
import { dbTest } from "../../testing/harness.ts";
import { wallTimeToInstant } from "./time.ts";

/** Wall times across DST edges: the generator's SQL and `time.ts` must agree on each. */
const CASES: [string, string, string, string][] = [
  // São Paulo, ordinary day at UTC-3: 11:00 UTC.
  ["2027-03-01", "08:00", "America/Sao_Paulo", "2027-03-01T11:00:00Z"],
  // Manaus, UTC-4 all year: 12:00 UTC.
  ["2027-03-01", "08:00", "America/Manaus", "2027-03-01T12:00:00Z"],
  // São Paulo 2018-11-04 00:00 did not exist (jump to 01:00 UTC-2): 03:00 UTC.
  ["2018-11-04", "00:00", "America/Sao_Paulo", "2018-11-04T03:00:00Z"],
  // São Paulo 2019-02-16 23:30 happened twice; the later one (UTC-3) is 02:30 UTC next day.
  ["2019-02-16", "23:30", "America/Sao_Paulo", "2019-02-17T02:30:00Z"],
  // New York 2026-03-08 02:30 did not exist: 03:30 EDT = 07:30 UTC.
  ["2026-03-08", "02:30", "America/New_York", "2026-03-08T07:30:00Z"],
  // New York 2026-11-01 01:30 happened twice; the later one (EST) is 06:30 UTC.
  ["2026-11-01", "01:30", "America/New_York", "2026-11-01T06:30:00Z"],
];

dbTest("[slots] wall time → instant: SQL and time.ts agree", async (t, ctx) => {
  for (const [date, time, tz, expected] of CASES) {
    await t.step(`${date} ${time} ${tz} is ${expected}`, async () => {
      const [row] = await ctx.db.sql<{ at: Date }>`
        select (${date}::date + ${time}::time) at time zone ${tz}::text as at`;
      assert.equal(Temporal.Instant.from(row.at.toISOString()).toString(), expected);
      assert.equal(wallTimeToInstant(date, time, tz).toString(), expected);
    });
  }
});
