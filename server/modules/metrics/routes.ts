/**
 * `GET /api/metrics`: this instance's metrics in the Prometheus text format, for a scraper
 * holding `METRICS_TOKEN` (`Authorization: Bearer <token>`). Without the variable the route does
 * not exist (404). Mounted before the session middleware: the token is not a user session.
 */
import type { Hono } from "hono";
import type { AppEnv, Deps } from "../../app_env.ts";
import { HttpError, unauthorized } from "../../http/errors.ts";
import { INSTANCE_NAME } from "../../ops/log.ts";
import { type Gauges, renderMetrics } from "../../ops/metrics.ts";
import { lit } from "../../db/sql.ts";
import { NOTIFICACAO, NOTIFICACAO_EM_ABERTO } from "../../shared/statuses.ts";

/** Compares without an early exit, so timing does not reveal how much of the token matched. */
function sameToken(a: string, b: string): boolean {
  const x = new TextEncoder().encode(a);
  const y = new TextEncoder().encode(b);
  let diff = x.length ^ y.length;
  for (let i = 0; i < Math.max(x.length, y.length); i++) diff |= (x[i] ?? 0) ^ (y[i] ?? 0);
  return diff === 0;
}

async function gauges(deps: Deps): Promise<Gauges> {
  const g: Gauges = { dbUp: false };
  if (deps.live) {
    g.wsSockets = { events: deps.live.conns.size, yjs: deps.live.yjs.actors().length };
  }
  try {
    const [o] = await deps.db.sql<{ pending: number; failed: number; oldest: number }>`
      select count(*) filter (where status in (${lit(NOTIFICACAO_EM_ABERTO)}))::int as pending,
             count(*) filter (where status = ${lit(NOTIFICACAO.falhou)})::int as failed,
             coalesce(extract(epoch from now() - min(created_at)
               filter (where status in (${lit(NOTIFICACAO_EM_ABERTO)}))), 0)::float8 as oldest
      from ca_notificacao`;
    g.outbox = { pending: o.pending, failed: o.failed, oldestPendingSeconds: Math.round(o.oldest) };
    if (deps.db.driver === "postgres") {
      const rows = await deps.db.sql<{ state: string; n: number }>`
        select coalesce(state, 'unknown') as state, count(*)::int as n
        from pg_stat_activity where application_name = ${INSTANCE_NAME} group by 1`;
      g.pool = {
        max: Number(Deno.env.get("DATABASE_POOL_SIZE") ?? 10),
        connections: Object.fromEntries(rows.map((r) => [r.state, r.n])),
      };
    } else {
      g.pool = { max: 1, connections: { embedded: 1 } };
    }
    g.dbUp = true;
  } catch {
    // A scrape while the database is away still answers, with ca_db_up 0.
  }
  return g;
}

export function mountMetrics(app: Hono<AppEnv>, deps: Deps) {
  const token = deps.config.metricsToken;
  if (!token) return;
  app.get("/api/metrics", async (c) => {
    const given = /^Bearer\s+(\S+)$/i.exec(c.req.header("authorization") ?? "")?.[1];
    if (!given) throw unauthorized("Informe o token de métricas.", "nao_autenticado");
    if (!sameToken(given, token)) {
      throw new HttpError(401, "token_invalido", "Token de métricas inválido.");
    }
    return c.body(renderMetrics(await gauges(deps)), 200, {
      "content-type": "text/plain; version=0.0.4; charset=utf-8",
      "cache-control": "no-store",
    });
  });
}
