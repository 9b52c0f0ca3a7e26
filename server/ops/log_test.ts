import { strict as assert } from "node:assert";
import { captureLogs, logError } from "./log.ts";

Deno.test("[ops] logError writes one JSON line without the error's message", () => {
  const lines: string[] = [];
  const restore = captureLogs((l) => lines.push(l));
  try {
    logError("notify: unexpected driver error", new Error("telefone 11987654321 recusado"), {
      job: "lembrete",
    });
    const pgError = Object.assign(new Error("duplicate key: (cpf)=(52998224725)"), {
      code: "23505",
    });
    logError("live: falha ao entregar evento", pgError);
  } finally {
    restore();
  }
  assert.equal(lines.length, 2);
  const [driver, pg] = lines.map((l) => JSON.parse(l));
  assert.equal(driver.level, "error");
  assert.equal(driver.msg, "notify: unexpected driver error");
  assert.equal(driver.job, "lembrete");
  assert.equal(driver.error, "Error");
  assert.equal(pg.code, "23505");
  assert.ok(Array.isArray(pg.stack));
  const all = lines.join("\n");
  assert.ok(!all.includes("11987654321"), "no phone number in the log");
  assert.ok(!all.includes("52998224725"), "no CPF in the log");
});
