/**
 * Status values are written through the constants of `statuses.ts` (`lit` in SQL), not typed
 * again as literals: every `.ts` file under `server/` is scanned (tests and test support
 * excepted), so a new `'Cancelado'` in a query or a comment fails here.
 */
import { strict as assert } from "node:assert";
import { lit } from "../db/sql.ts";
import {
  AGENDAMENTO_STATUSES,
  AGENDAMENTO_VIVOS,
  BACKLOG_STATUSES,
  CREDENCIAL_STATUSES,
  NOTIFICACAO_STATUSES,
  PLANO_STATUSES,
  SEGURO_STATUSES,
  SLOT_STATUSES,
  STATUSES,
} from "./statuses.ts";

/** Files that may spell statuses: the vocabulary itself; tests and their fixtures. */
const SKIPPED = (path: string) =>
  path === "server/shared/statuses.ts" || path.endsWith("_test.ts") ||
  path.startsWith("server/testing/");

Deno.test("[statuses] lit writes constants as quoted SQL literals", () => {
  assert.equal(lit("Não Compareceu").text, "'Não Compareceu'");
  assert.equal(lit("it's").text, "'it''s'");
  assert.equal(lit(AGENDAMENTO_VIVOS).text, "'Proposto', 'Ativo', 'Confirmado'");
});

async function* tsFiles(root: URL, dir: string): AsyncGenerator<string> {
  for await (const e of Deno.readDir(new URL(`${dir}/`, root))) {
    const path = `${dir}/${e.name}`;
    if (e.isDirectory) yield* tsFiles(root, path);
    else if (e.isFile && e.name.endsWith(".ts")) yield path;
  }
}

Deno.test("[statuses] no status literal in the server's SQL or comments", async () => {
  const words = new Set<string>([
    ...STATUSES,
    ...AGENDAMENTO_STATUSES,
    ...SLOT_STATUSES,
    ...BACKLOG_STATUSES,
    ...SEGURO_STATUSES,
    ...CREDENCIAL_STATUSES,
    ...PLANO_STATUSES,
    ...NOTIFICACAO_STATUSES,
  ]);
  const quoted = new RegExp(`'(${[...words].join("|")})'`);
  const root = new URL("../../", import.meta.url);
  const offenders: string[] = [];
  let scanned = 0;
  for await (const path of tsFiles(root, "server")) {
    if (SKIPPED(path)) continue;
    scanned++;
    const text = await Deno.readTextFile(new URL(path, root));
    text.split("\n").forEach((line, i) => {
      if (quoted.test(line)) offenders.push(`${path}:${i + 1}: ${line.trim()}`);
    });
  }
  assert.ok(scanned > 100, `only ${scanned} files scanned`);
  assert.deepEqual(offenders, [], "write ${lit(AGENDAMENTO.cancelado)} etc. (statuses.ts)");
});
