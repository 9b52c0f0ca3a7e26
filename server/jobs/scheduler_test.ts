import { strict as assert } from "node:assert";
import { loadConfig } from "../config.ts";
import type { Db } from "../db/db.ts";
import { cronOf, jobNames, registerJob, runJobOnce, startJobs } from "./scheduler.ts";

// The scheduler never touches the database itself; jobs receive deps untouched.
const deps = { db: {} as Db, config: loadConfig({}) };
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

Deno.test("[jobs] cronOf turns a schedule into a Deno.cron expression", () => {
  assert.equal(cronOf({ everyMinutes: 1 }), "* * * * *");
  assert.equal(cronOf({ everyMinutes: 5 }), "*/5 * * * *");
  assert.equal(cronOf({ everyMinutes: 60 }), "0 * * * *");
  assert.equal(cronOf({ everyMinutes: 360 }), "0 */6 * * *");
  for (const bad of [0, 1.5, 90, 1440, -5]) {
    assert.throws(() => cronOf({ everyMinutes: bad }), /Agendamento de job inválido/);
  }
});

Deno.test("[jobs] registerJob refuses bad names, duplicates and bad schedules", () => {
  const noop = () => Promise.resolve();
  assert.throws(() => registerJob("Com Espaço", { everyMinutes: 5 }, noop), /Nome de job/);
  assert.throws(() => registerJob("lembrete", { everyMinutes: 5 }, noop), /já registrado/);
  assert.throws(() => registerJob("teste_ruim", { everyMinutes: 7.5 }, noop), /inválido/);
  assert.ok(!jobNames().includes("teste_ruim"));
});

Deno.test("[jobs] runJobOnce runs a job with the deps and answers its result", async () => {
  let seen: unknown;
  registerJob("teste_eco", { everyMinutes: 30 }, (d) => {
    seen = d;
    return Promise.resolve({ feitos: 3 });
  });
  assert.deepEqual(await runJobOnce(deps, "teste_eco"), { feitos: 3 });
  assert.equal(seen, deps);
  await assert.rejects(() => runJobOnce(deps, "nao_existe"), /Job desconhecido/);
});

Deno.test("[jobs] the setInterval fallback runs jobs, skips overlaps and stops", async (t) => {
  let runs = 0;
  let concurrent = 0;
  let maxConcurrent = 0;
  registerJob("teste_lento", { everyMinutes: 1 }, async () => {
    runs++;
    concurrent++;
    maxConcurrent = Math.max(maxConcurrent, concurrent);
    await sleep(45);
    concurrent--;
  });
  let failures = 0;
  registerJob("teste_falha", { everyMinutes: 1 }, () => {
    failures++;
    return Promise.reject(new Error("falha proposital"));
  });
  const quiet = console.error;
  console.error = () => {};
  // The built-in jobs fail on the fake db: their errors are logged (silenced here) and the
  // scheduler carries on, which is part of what this test shows.
  const stop = startJobs(deps, { useCron: false, minuteMs: 10 });
  try {
    await t.step("refuses a second scheduler in the same process", () => {
      assert.throws(() => startJobs(deps, { useCron: false }), /já foram iniciados/);
    });

    await t.step("a job registered after start runs too", async () => {
      let late = 0;
      registerJob("teste_tardio", { everyMinutes: 1 }, () => {
        late++;
        return Promise.resolve();
      });
      await sleep(120);
      assert.ok(late >= 3, `late job ran ${late} times`);
    });

    await t.step("a slow job never overlaps itself, a failing one keeps its schedule", () => {
      assert.ok(runs >= 2, `slow job ran ${runs} times`);
      assert.equal(maxConcurrent, 1);
      assert.ok(failures >= 3, `failing job ran ${failures} times`);
    });
  } finally {
    await stop();
    console.error = quiet;
  }

  await t.step("stop() ends every schedule", async () => {
    const before = runs + failures;
    await sleep(60);
    assert.equal(runs + failures, before);
  });
});

Deno.test("[jobs] Deno.cron registers and unregisters the jobs", async () => {
  // deno.json enables the unstable cron API, so tests have it.
  assert.equal(typeof (Deno as unknown as { cron?: unknown }).cron, "function");
  const errors: unknown[] = [];
  const quiet = console.error;
  console.error = (...args: unknown[]) => errors.push(args);
  const stop = startJobs(deps, { useCron: true });
  await sleep(20);
  await stop();
  console.error = quiet;
  assert.deepEqual(errors, []);
  // once stopped, a new scheduler may start (the names were unregistered)
  const again = startJobs(deps, { useCron: true });
  await again();
});
