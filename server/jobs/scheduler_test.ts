/**
 * The scheduler without a database (jobs receive deps untouched). No test here waits a fixed
 * time: each waits for the condition it needs, and the op sanitizer of `Deno.test` fails a test
 * that leaves a timer or a cron behind, which is how "stop() ends every schedule" is proved.
 */
import { strict as assert } from "node:assert";
import { loadConfig } from "../config.ts";
import type { Db } from "../db/db.ts";
import { JOBS, runJobOnce } from "./all.ts";
import { captureLogs } from "../ops/log.ts";
import {
  cronOf,
  type DenoCron,
  jobNames,
  registerJob,
  registerJobs,
  scheduleJobs,
  startJobs,
} from "./scheduler.ts";

const deps = { db: {} as Db, config: loadConfig({}) };

/** Resolves once `ok()` holds, checking at every macrotask (no fixed delay). */
async function until(ok: () => boolean) {
  while (!ok()) await new Promise((r) => setTimeout(r, 1));
}

Deno.test("[jobs] cronOf turns a schedule into a Deno.cron expression", () => {
  assert.equal(cronOf({ everyMinutes: 1 }), "* * * * *");
  assert.equal(cronOf({ everyMinutes: 5 }), "*/5 * * * *");
  assert.equal(cronOf({ everyMinutes: 60 }), "0 * * * *");
  assert.equal(cronOf({ everyMinutes: 360 }), "0 */6 * * *");
  for (const bad of [0, 1.5, 90, 1440, -5]) {
    assert.throws(() => cronOf({ everyMinutes: bad }), /Agendamento de job inválido/);
  }
});

Deno.test("[jobs] main.ts registers every job and schedules them before its first await", async () => {
  // The order matters on Deno Deploy, which only sees Deno.cron calls made while the entry
  // module is evaluated synchronously.
  const main = (await Deno.readTextFile(new URL("../main.ts", import.meta.url)))
    .replace(/\/\/.*$/gm, "").replace(/\/\*[\s\S]*?\*\//g, ""); // code only, no comments
  const firstAwait = main.search(/\bawait\b/);
  for (const call of ["registerJobs(JOBS)", "scheduleJobs("]) {
    const at = main.indexOf(call);
    assert.ok(at >= 0 && at < firstAwait, `${call} before the first await of main.ts`);
  }
  assert.deepEqual(JOBS.map((j) => j.name), ["lembrete", "seguro", "proposta_expirada", "limpeza"]);
  await assert.rejects(() => runJobOnce(deps, "nao_existe"), /Job desconhecido/);
});

Deno.test("[jobs] registerJob refuses bad names, duplicates and bad schedules", () => {
  const noop = () => Promise.resolve();
  registerJob("teste_unico", { everyMinutes: 5 }, noop);
  assert.throws(() => registerJob("Com Espaço", { everyMinutes: 5 }, noop), /Nome de job/);
  assert.throws(() => registerJob("teste_unico", { everyMinutes: 5 }, noop), /já registrado/);
  assert.throws(() => registerJob("teste_ruim", { everyMinutes: 7.5 }, noop), /inválido/);
  assert.ok(!jobNames().includes("teste_ruim"));
});

Deno.test("[jobs] on cron, every job is registered at once and runs with the deps given later", async () => {
  registerJobs(JOBS);
  const calls: { name: string; expr: string; run: () => Promise<void> | void }[] = [];
  let stopped = 0;
  const cron: DenoCron = (name, expr, opts, run) => {
    calls.push({ name, expr, run });
    return new Promise((resolve) =>
      opts.signal?.addEventListener("abort", () => {
        stopped++;
        resolve();
      })
    );
  };
  const jobs = scheduleJobs({ cron });
  // Synchronously: nothing awaited between scheduleJobs and here.
  const names = calls.map((c) => c.name);
  for (const j of JOBS) assert.ok(names.includes(`command-agenda-${j.name}`), j.name);
  assert.equal(calls.find((c) => c.name === "command-agenda-lembrete")?.expr, "*/5 * * * *");

  let seen: unknown;
  registerJob("teste_eco", { everyMinutes: 30 }, (d) => {
    seen = d;
    return Promise.resolve({ feitos: 3 });
  });
  const eco = calls.find((c) => c.name === "command-agenda-teste_eco")!;
  const tick = eco.run(); // a tick before start waits for the deps
  const stop = jobs.start(deps);
  await tick;
  assert.equal(seen, deps);
  await stop();
  assert.equal(stopped, calls.length, "every cron unregistered");
});

Deno.test("[jobs] the setInterval fallback runs jobs, skips overlaps and stops", async (t) => {
  let runs = 0;
  let concurrent = 0;
  let maxConcurrent = 0;
  let release!: () => void;
  const gate = new Promise<void>((r) => release = r);
  registerJob("teste_lento", { everyMinutes: 1 }, async () => {
    runs++;
    concurrent++;
    maxConcurrent = Math.max(maxConcurrent, concurrent);
    if (runs === 1) await gate;
    concurrent--;
  });
  let failures = 0;
  registerJob("teste_falha", { everyMinutes: 1 }, () => {
    failures++;
    return Promise.reject(new Error("falha proposital"));
  });
  const restoreLogs = captureLogs(() => {});
  // The built-in jobs fail on the fake db: their errors are logged (silenced here) and the
  // scheduler carries on, which is part of what this test shows.
  const stop = startJobs(deps, { useCron: false, minuteMs: 2 });
  try {
    await t.step("refuses a second scheduler in the same process", () => {
      assert.throws(() => startJobs(deps, { useCron: false }), /já foram iniciados/);
    });

    await t.step(
      "a failing job keeps its schedule; a busy one is skipped, never doubled",
      async () => {
        await until(() => failures >= 3 && runs >= 1);
        assert.equal(runs, 1, "ticks while the first run is in flight are skipped");
        release();
        await until(() => runs >= 2);
        assert.equal(maxConcurrent, 1);
      },
    );

    await t.step("a job registered after start runs too", async () => {
      let late = 0;
      registerJob("teste_tardio", { everyMinutes: 1 }, () => {
        late++;
        return Promise.resolve();
      });
      await until(() => late >= 2);
    });
  } finally {
    await stop();
    restoreLogs();
  }
  // stop() cleared every interval: a timer left behind fails this test (op sanitizer).
});

Deno.test("[jobs] Deno.cron registers and unregisters the jobs", async () => {
  // deno.json enables the unstable cron API, so tests have it.
  assert.equal(typeof (Deno as unknown as { cron?: unknown }).cron, "function");
  const errors: string[] = [];
  const restoreLogs = captureLogs((l) => JSON.parse(l).level === "error" && errors.push(l));
  const stop = startJobs(deps, { useCron: true });
  await stop(); // waits for every Deno.cron promise, so a failed registration is logged by now
  restoreLogs();
  assert.deepEqual(errors, []);
  // once stopped, a new scheduler may start (the names were unregistered)
  const again = startJobs(deps, { useCron: true });
  await again();
});
