import { strict as assert } from "node:assert";
import { loadConfig } from "./config.ts";

Deno.test("[config] NOTIFY_DRIVER and STORAGE_DRIVER", async (t) => {
  await t.step("default to outbox and postgres when unset or empty", () => {
    for (const env of [{}, { NOTIFY_DRIVER: "", STORAGE_DRIVER: " " }]) {
      const c = loadConfig(env);
      assert.equal(c.notifyDriver, "outbox");
      assert.equal(c.storageDriver, "postgres");
    }
  });

  await t.step("accept every known value, ignoring case and spaces", () => {
    for (const d of ["outbox", "whapi", "mailjet", "live"] as const) {
      assert.equal(loadConfig({ NOTIFY_DRIVER: d }).notifyDriver, d);
    }
    assert.equal(loadConfig({ NOTIFY_DRIVER: " Live " }).notifyDriver, "live");
    assert.equal(loadConfig({ STORAGE_DRIVER: "S3" }).storageDriver, "s3");
    assert.equal(loadConfig({ STORAGE_DRIVER: "postgres" }).storageDriver, "postgres");
  });

  await t.step("refuse an unknown NOTIFY_DRIVER naming the accepted values", () => {
    assert.throws(
      () => loadConfig({ NOTIFY_DRIVER: "pombo" }),
      (e: Error) =>
        e.message.startsWith('NOTIFY_DRIVER inválido: "pombo"') &&
        e.message.includes("outbox, whapi, mailjet, live"),
    );
  });

  await t.step("refuse an unknown STORAGE_DRIVER naming the accepted values", () => {
    assert.throws(
      () => loadConfig({ STORAGE_DRIVER: "r2" }),
      (e: Error) =>
        e.message.startsWith('STORAGE_DRIVER inválido: "r2"') &&
        e.message.includes("postgres, s3"),
    );
  });
});

Deno.test("[config] the server refuses to start with an unknown driver", async () => {
  const run = (env: Record<string, string>) =>
    new Deno.Command(Deno.execPath(), {
      args: ["run", "-A", new URL("./main.ts", import.meta.url).pathname],
      env: { ...env, DATA_DIR: Deno.makeTempDirSync(), PORT: "0" },
      stdout: "piped",
      stderr: "piped",
      signal: AbortSignal.timeout(60_000),
    }).output();
  const out = await run({ STORAGE_DRIVER: "r2" });
  assert.equal(out.code, 1);
  assert.match(
    new TextDecoder().decode(out.stderr),
    /^Configuração inválida: STORAGE_DRIVER inválido: "r2"/,
  );
});
