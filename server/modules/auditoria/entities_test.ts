/**
 * The auditoria filter offers the entities the server records events under: every literal
 * `entity: "…"` of the server's code is in `AUDIT_ENTITIES` (a name missing there could not be
 * filtered; one that nothing writes would always show an empty list).
 */
import { strict as assert } from "node:assert";
import { AUDIT_ENTITIES } from "./schemas.ts";

Deno.test("[auditoria] every entity the server records is in AUDIT_ENTITIES, and only those", async () => {
  const root = new URL("../../", import.meta.url);
  const written = new Map<string, string>();
  const walk = async (dir: URL) => {
    for await (const e of Deno.readDir(dir)) {
      if (e.isDirectory) {
        if (e.name !== "testing" && e.name !== "vendor") await walk(new URL(`${e.name}/`, dir));
      } else if (e.name.endsWith(".ts") && !e.name.endsWith("_test.ts")) {
        const text = await Deno.readTextFile(new URL(e.name, dir));
        for (const m of text.matchAll(/\bentity: "([a-z_]+)"/g)) {
          written.set(m[1], new URL(e.name, dir).pathname.slice(root.pathname.length));
        }
      }
    }
  };
  await walk(root);
  const listed = Object.keys(AUDIT_ENTITIES);
  const missing = [...written].filter(([name]) => !listed.includes(name));
  assert.deepEqual(missing, [], "entities recorded but not offered in the auditoria filter");
  assert.deepEqual(
    listed.filter((n) => !written.has(n)),
    [],
    "entities offered but never recorded",
  );
});
