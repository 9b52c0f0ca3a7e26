/**
 * The production import graph stays layered: domain modules (`server/modules/<mod>/`) may call
 * each other, but never in a cycle, and the layers beneath them (`server/booking/` the booking
 * kernel, `server/db/`, `server/events/`, `server/notify/`, `server/http/`, `server/shared/`)
 * never reach up into a module. Imports are read from the source text (relative specifiers of
 * `import … from`, `export … from` and `import("…")`); tests and test support are left out,
 * since fixtures may be shared across modules.
 *
 * A module's `schemas.ts` is its public contract (shared with the clients), not an internal:
 * importing another module's schemas is no dependency on its code, so those edges do not count,
 * as long as a `schemas.ts` itself imports no other module's code.
 */
import { strict as assert } from "node:assert";
import { dirname, join, normalize, relative } from "node:path";
import { fileURLToPath } from "node:url";

const ROOT = dirname(fileURLToPath(import.meta.url));
const BENEATH = ["booking", "db", "events", "notify", "http", "shared"];

function isProduction(path: string) {
  return !/_test\.ts$/.test(path) && !/(^|\/)(testing|fixtures?|test_helpers)(\/|\.ts$)/.test(path);
}

async function* sources(dir: string): AsyncGenerator<string> {
  for await (const e of Deno.readDir(dir)) {
    const path = join(dir, e.name);
    if (e.isDirectory) yield* sources(path);
    else if (/\.tsx?$/.test(e.name) && isProduction(relative(ROOT, path))) yield path;
  }
}

const SPECIFIER = /(?:\bfrom\s*|\bimport\s*\(\s*|\bimport\s+)"(\.{1,2}\/[^"]+)"/g;

/** Every production file under server/ with the files it imports (paths relative to server/). */
export async function importGraph(): Promise<Map<string, string[]>> {
  const graph = new Map<string, string[]>();
  for await (const file of sources(ROOT)) {
    const text = await Deno.readTextFile(file);
    const deps = [...text.matchAll(SPECIFIER)]
      .map((m) => relative(ROOT, normalize(join(dirname(file), m[1]))))
      .filter((p) => !p.startsWith(".."));
    graph.set(relative(ROOT, file), deps);
  }
  return graph;
}

/** `modules/backlog/service.ts` → `modules/backlog`; `booking/places.ts` → `booking`. */
function unitOf(path: string): string {
  const parts = path.split("/");
  return parts[0] === "modules" ? `modules/${parts[1]}` : parts.length > 1 ? parts[0] : path;
}

/** The cycles among units (each as a path of units), by depth-first search. */
export function unitCycles(edges: Map<string, Set<string>>): string[][] {
  const cycles: string[][] = [];
  const state = new Map<string, "open" | "done">();
  const stack: string[] = [];
  const visit = (u: string) => {
    state.set(u, "open");
    stack.push(u);
    for (const v of edges.get(u) ?? []) {
      if (state.get(v) === "open") cycles.push([...stack.slice(stack.indexOf(v)), v]);
      else if (!state.has(v)) visit(v);
    }
    stack.pop();
    state.set(u, "done");
  };
  for (const u of [...edges.keys()].sort()) if (!state.has(u)) visit(u);
  return cycles;
}

Deno.test("[arquitetura] import graph: no cycle between modules, kernel beneath them", async (t) => {
  const graph = await importGraph();
  const moduleEdges = new Map<string, Set<string>>();
  const upward: string[] = [];
  for (const [file, deps] of graph) {
    const from = unitOf(file);
    for (const dep of deps) {
      const to = unitOf(dep);
      if (from === to) continue;
      // A module's schemas.ts is the public contract (zod shapes only, checked below): the kernel
      // may type the rows it answers with them, as modules may use each other's.
      const contract = dep.endsWith("/schemas.ts");
      if (BENEATH.includes(from) && to.startsWith("modules/") && !contract) {
        upward.push(`${file} → ${dep}`);
      }
      if (from.startsWith("modules/") && to.startsWith("modules/") && !contract) {
        if (!moduleEdges.has(from)) moduleEdges.set(from, new Set());
        moduleEdges.get(from)!.add(to);
      }
    }
  }

  await t.step("the graph was read (the booking kernel is imported by modules)", () => {
    assert.ok(graph.size > 50, `only ${graph.size} files read`);
    const callers = [...graph].filter(([f, deps]) =>
      f.startsWith("modules/") && deps.some((d) => d.startsWith("booking/"))
    );
    assert.ok(callers.length >= 5, "modules call the kernel");
  });

  await t.step("no two modules import each other, directly or through others", () => {
    const cycles = unitCycles(moduleEdges);
    assert.deepEqual(cycles.map((c) => c.join(" → ")), []);
  });

  await t.step("a module's schemas.ts imports no other module's code (only its schemas)", () => {
    const loose = [...graph].filter(([f]) => /^modules\/[^/]+\/schemas\.ts$/.test(f))
      .flatMap(([f, deps]) =>
        deps.filter((d) =>
          d.startsWith("modules/") && unitOf(d) !== unitOf(f) && !d.endsWith("/schemas.ts")
        )
          .map((d) => `${f} → ${d}`)
      );
    assert.deepEqual(loose, []);
  });

  await t.step(
    "booking, db, events, notify, http and shared import no module code (schemas only)",
    () => {
      assert.deepEqual(upward, []);
    },
  );

  await t.step("the check finds a cycle when there is one", () => {
    const edges = new Map([
      ["modules/a", new Set(["modules/b"])],
      ["modules/b", new Set(["modules/c"])],
      ["modules/c", new Set(["modules/a"])],
    ]);
    assert.deepEqual(unitCycles(edges), [["modules/a", "modules/b", "modules/c", "modules/a"]]);
  });
});
