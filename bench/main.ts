/**
 * Benchmark runner: `deno task bench [topic ...]` runs every topic (or the ones named) in order
 * and prints plain `topic: key=value` lines. Benches create and drop their own databases.
 *
 * Topics live in `bench/<topic>.ts` and export `run(): Promise<void>`.
 */
const TOPICS: Record<string, () => Promise<{ run(): Promise<void> }>> = {
  auditoria: () => import("./auditoria.ts"),
  booking: () => import("./booking.ts"),
  console: () => import("./console.ts"),
  generation: () => import("./generation.ts"),
  lighthouse: () => import("./lighthouse.ts"),
  live: () => import("./live.ts"),
  scheduling: () => import("./scheduling.ts"),
};

const wanted = Deno.args.length > 0 ? Deno.args : Object.keys(TOPICS);
const unknown = wanted.filter((t) => !(t in TOPICS));
if (unknown.length > 0) {
  console.error(`unknown bench topic(s): ${unknown.join(", ")}; known: ${Object.keys(TOPICS)}`);
  Deno.exit(2);
}

let failed = false;
for (const topic of wanted) {
  const started = performance.now();
  try {
    await (await TOPICS[topic]()).run();
    console.log(`${topic}: done in ${((performance.now() - started) / 1000).toFixed(1)} s`);
  } catch (err) {
    failed = true;
    console.error(`${topic}: failed`, err);
  }
}
// The harness keeps an admin connection to the server open; leave explicitly.
Deno.exit(failed ? 1 : 0);
