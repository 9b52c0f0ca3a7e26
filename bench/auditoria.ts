/**
 * Audit trail reads over a large log: `listAuditoria` (what `GET /api/auditoria` calls) on
 * N events (env `BENCH_AUDITORIA_EVENTS`, default 2,000,000: 40 kinds over 20 entities, 200
 * admin actors, one year), per filter, on the first page and on a page deep in the log (the
 * cursor 90% of the way back). Keyset pages should cost the same wherever they start.
 */
import { freshPostgres } from "../server/testing/harness.ts";
import { listAuditoria } from "../server/modules/auditoria/service.ts";
import type { AuditoriaQuery } from "../server/modules/auditoria/schemas.ts";
import { latencies } from "./scheduling.ts";

const RUNS = 30;

export async function run() {
  const n = Number(Deno.env.get("BENCH_AUDITORIA_EVENTS") ?? 2_000_000);
  const fresh = await freshPostgres(2);
  try {
    const { sql } = fresh.db;
    const t0 = performance.now();
    await sql`
      insert into ca_evento (at, actor_tipo, actor_id, actor_nome, kind, entity, entity_id,
                             topics, before, after)
      select now() - make_interval(secs => (${n} - g) * (31536000.0 / ${n})), 'admin', g % 200,
             'Usuário ' || (g % 200), 'entidade' || (g % 20) || '.acao' || (g % 2),
             'entidade' || (g % 20), (g % 5000)::text, '{}', '{"n": 1}', '{"n": 2}'
      from generate_series(1, ${n}::int) g`;
    await sql`analyze ca_evento`;
    console.log(
      `auditoria: events=${n} loaded in ${((performance.now() - t0) / 1000).toFixed(1)} s`,
    );
    const [{ deep }] = await sql<{ deep: number }>`
      select (min(id) + (max(id) - min(id)) / 10)::bigint as deep from ca_evento`;
    const base = { limit: 50 } as AuditoriaQuery;
    const filters: [string, Partial<AuditoriaQuery>][] = [
      ["none", {}],
      ["entity+id", { entity: "entidade7", entity_id: "7" }],
      ["entity", { entity: "entidade7" }],
      ["kind", { kind: "entidade3.acao1" }],
      ["actor", { actor_tipo: "admin", actor_id: 17 }],
      ["period_month", { de: "2026-03-01", ate: "2026-03-31" }],
    ];
    for (const [name, f] of filters) {
      for (const [where, after] of [["first", undefined], ["deep", Number(deep)]] as const) {
        const q = { ...base, ...f, after } as AuditoriaQuery;
        await listAuditoria(sql, q);
        const xs: number[] = [];
        let items = 0;
        for (let i = 0; i < RUNS; i++) {
          const t = performance.now();
          items = (await listAuditoria(sql, q)).items.length;
          xs.push(performance.now() - t);
        }
        console.log(`auditoria: ${name} ${where} items=${items} ${latencies(xs)}`);
      }
    }
  } finally {
    await fresh.drop();
  }
}

if (import.meta.main) {
  await run();
  Deno.exit(0);
}
