/**
 * Status values are written in SQL through the constants of `statuses.ts` (`lit`), not typed
 * again as literals: checked over the booking kernel and the agendamento, backlog and mass
 * cancellation modules.
 * Other modules' SQL still spells some statuses; a folder converted joins `CHECKED`.
 */
import { strict as assert } from "node:assert";
import { lit } from "../db/sql.ts";
import {
  AGENDAMENTO_STATUSES,
  AGENDAMENTO_VIVOS,
  BACKLOG_STATUSES,
  SLOT_STATUSES,
  STATUSES,
} from "./statuses.ts";

/** Folders whose SQL must take every status from `statuses.ts`. */
const CHECKED = [
  "server/booking",
  "server/modules/agendamentos",
  "server/modules/backlog",
  "server/modules/cancelamento_massa",
];

Deno.test("[statuses] lit writes constants as quoted SQL literals", () => {
  assert.equal(lit("Não Compareceu").text, "'Não Compareceu'");
  assert.equal(lit("it's").text, "'it''s'");
  assert.equal(lit(AGENDAMENTO_VIVOS).text, "'Proposto', 'Ativo', 'Confirmado'");
});

Deno.test("[statuses] no status literal in the SQL of the booking code", async () => {
  const words = new Set<string>([
    ...STATUSES,
    ...AGENDAMENTO_STATUSES,
    ...SLOT_STATUSES,
    ...BACKLOG_STATUSES,
  ]);
  const quoted = new RegExp(`'(${[...words].join("|")})'`);
  const root = new URL("../../", import.meta.url);
  const offenders: string[] = [];
  for (const dir of CHECKED) {
    for await (const e of Deno.readDir(new URL(`${dir}/`, root))) {
      if (!e.isFile || !e.name.endsWith(".ts") || e.name.endsWith("_test.ts")) continue;
      const text = await Deno.readTextFile(new URL(`${dir}/${e.name}`, root));
      text.split("\n").forEach((line, i) => {
        if (quoted.test(line)) offenders.push(`${dir}/${e.name}:${i + 1}: ${line.trim()}`);
      });
    }
  }
  assert.deepEqual(offenders, [], "write ${lit(AGENDAMENTO.cancelado)} etc. (statuses.ts)");
});
