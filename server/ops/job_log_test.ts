import { strict as assert } from "node:assert";
import { loadConfig } from "../config.ts";
import type { Db } from "../db/db.ts";
import { registerJob, startJobs } from "../jobs/scheduler.ts";
import { captureLogs } from "./log.ts";
import { renderMetrics } from "./metrics.ts";

Deno.test("[ops] one JSON log line per scheduled job run, without error messages", async () => {
  const lines: string[] = [];
  const restore = captureLogs((l) => lines.push(l));
  registerJob("teste_log_ok", { everyMinutes: 1 }, () => Promise.resolve({ enviados: 2 }));
  registerJob(
    "teste_log_falha",
    { everyMinutes: 1 },
    () => Promise.reject(new Error("CPF 52998224725 não encontrado")),
  );
  const quiet = console.error;
  console.error = () => {};
  // The built-in jobs fail on this fake db too; their lines are checked like the others.
  const stop = startJobs({ db: {} as Db, config: loadConfig({}) }, {
    useCron: false,
    minuteMs: 10,
  });
  try {
    const parsed = () => lines.map((l) => JSON.parse(l)).filter((l) => l.msg === "job");
    const deadline = Date.now() + 20_000;
    while (
      !(parsed().some((l) => l.job === "teste_log_ok") &&
        parsed().some((l) => l.job === "teste_log_falha")) && Date.now() < deadline
    ) {
      await new Promise((r) => setTimeout(r, 10));
    }
    const ok = parsed().find((l) => l.job === "teste_log_ok");
    assert.ok(ok, "a line for the job that worked");
    assert.equal(ok.ok, true);
    assert.equal(typeof ok.ms, "number");
    assert.deepEqual(ok.result, { enviados: 2 });
    const failed = parsed().find((l) => l.job === "teste_log_falha");
    assert.ok(failed, "a line for the job that failed");
    assert.equal(failed.ok, false);
    assert.equal(failed.error, "Error");
    assert.ok(!lines.join("\n").includes("52998224725"), "no error message in the log");
    assert.match(
      renderMetrics({ dbUp: true }),
      /^ca_job_runs_total\{job="teste_log_falha",result="failed"\} [1-9]/m,
    );
  } finally {
    await stop();
    console.error = quiet;
    restore();
  }
});
