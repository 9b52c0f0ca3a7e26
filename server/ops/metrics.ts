/**
 * In-memory metrics of this instance, rendered in the Prometheus text format by
 * `GET /api/metrics`. Prometheus scrapes each instance and sums, so nothing here is shared.
 *
 * @example
 * observeRequest("GET", "/api/medicos/:id", 200, 12.5);
 * countEvents(3);
 */

/** Latency buckets in seconds: a booking is ~10 ms, a mass cancellation preview seconds. */
export const LATENCY_BUCKETS = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10];

interface RouteStats {
  method: string;
  route: string;
  /** Requests by status code. */
  byStatus: Map<number, number>;
  /** Cumulative-per-bucket counts are computed at render time; these are per bucket. */
  buckets: number[];
  sum: number;
  count: number;
}

const routes = new Map<string, RouteStats>();
let eventsDelivered = 0;
const jobRuns = new Map<string, { ok: number; failed: number }>();

/** Counts one answered request under its route pattern (never the raw path). */
export function observeRequest(method: string, route: string, status: number, ms: number) {
  const key = `${method} ${route}`;
  let s = routes.get(key);
  if (!s) {
    s = {
      method,
      route,
      byStatus: new Map(),
      buckets: LATENCY_BUCKETS.map(() => 0),
      sum: 0,
      count: 0,
    };
    routes.set(key, s);
  }
  s.byStatus.set(status, (s.byStatus.get(status) ?? 0) + 1);
  const seconds = ms / 1000;
  const i = LATENCY_BUCKETS.findIndex((b) => seconds <= b);
  if (i >= 0) s.buckets[i]++;
  s.sum += seconds;
  s.count++;
}

/** Events this instance read from the log and fanned out (rate() of it is events/s). */
export function countEvents(n: number) {
  eventsDelivered += n;
}

export function countJobRun(name: string, ok: boolean) {
  const j = jobRuns.get(name) ?? { ok: 0, failed: 0 };
  if (ok) j.ok++;
  else j.failed++;
  jobRuns.set(name, j);
}

/** Values read at scrape time from the live hub and the database. */
export interface Gauges {
  wsSockets?: { events: number; yjs: number };
  outbox?: { pending: number; failed: number; oldestPendingSeconds: number };
  pool?: { max: number; connections: Record<string, number> };
  dbUp: boolean;
}

const esc = (v: string) => v.replace(/\\/g, "\\\\").replace(/"/g, '\\"').replace(/\n/g, "\\n");

/** The whole exposition, one `# HELP`/`# TYPE` per family. */
export function renderMetrics(g: Gauges): string {
  const out: string[] = [];
  const family = (name: string, type: string, help: string) =>
    out.push(`# HELP ${name} ${help}`, `# TYPE ${name} ${type}`);

  family("ca_http_requests_total", "counter", "HTTP requests answered, by route pattern.");
  for (const s of routes.values()) {
    for (const [status, n] of s.byStatus) {
      out.push(
        `ca_http_requests_total{method="${s.method}",route="${
          esc(s.route)
        }",status="${status}"} ${n}`,
      );
    }
  }
  family("ca_http_request_duration_seconds", "histogram", "Time to answer, by route pattern.");
  for (const s of routes.values()) {
    const labels = `method="${s.method}",route="${esc(s.route)}"`;
    let acc = 0;
    LATENCY_BUCKETS.forEach((b, i) => {
      acc += s.buckets[i];
      out.push(`ca_http_request_duration_seconds_bucket{${labels},le="${b}"} ${acc}`);
    });
    out.push(`ca_http_request_duration_seconds_bucket{${labels},le="+Inf"} ${s.count}`);
    out.push(`ca_http_request_duration_seconds_sum{${labels}} ${s.sum}`);
    out.push(`ca_http_request_duration_seconds_count{${labels}} ${s.count}`);
  }

  family("ca_events_delivered_total", "counter", "Events read from ca_evento and fanned out.");
  out.push(`ca_events_delivered_total ${eventsDelivered}`);

  family("ca_websockets_open", "gauge", "Open WebSockets on this instance.");
  if (g.wsSockets) {
    out.push(`ca_websockets_open{kind="events"} ${g.wsSockets.events}`);
    out.push(`ca_websockets_open{kind="yjs"} ${g.wsSockets.yjs}`);
  }

  family("ca_job_runs_total", "counter", "Scheduled job runs on this instance.");
  for (const [name, j] of jobRuns) {
    out.push(`ca_job_runs_total{job="${esc(name)}",result="ok"} ${j.ok}`);
    out.push(`ca_job_runs_total{job="${esc(name)}",result="failed"} ${j.failed}`);
  }

  family("ca_db_up", "gauge", "1 when the database answered this scrape.");
  out.push(`ca_db_up ${g.dbUp ? 1 : 0}`);
  if (g.outbox) {
    family("ca_outbox_backlog", "gauge", "Notifications waiting or being delivered.");
    out.push(`ca_outbox_backlog ${g.outbox.pending}`);
    family("ca_outbox_failed", "gauge", "Notifications that gave up (status falhou).");
    out.push(`ca_outbox_failed ${g.outbox.failed}`);
    family("ca_outbox_oldest_pending_seconds", "gauge", "Age of the oldest waiting notification.");
    out.push(`ca_outbox_oldest_pending_seconds ${g.outbox.oldestPendingSeconds}`);
  }
  if (g.pool) {
    family("ca_db_pool_max", "gauge", "Connections this instance's pool may open.");
    out.push(`ca_db_pool_max ${g.pool.max}`);
    family("ca_db_pool_connections", "gauge", "This instance's open connections, by state.");
    for (const [state, n] of Object.entries(g.pool.connections)) {
      out.push(`ca_db_pool_connections{state="${esc(state)}"} ${n}`);
    }
  }
  family("ca_process_uptime_seconds", "gauge", "Seconds since this instance started.");
  out.push(`ca_process_uptime_seconds ${Math.round(performance.now() / 1000)}`);
  return out.join("\n") + "\n";
}
