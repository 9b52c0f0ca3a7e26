/**
 * One JSON log line and one metrics sample per request: method, route pattern, status, time,
 * request id and actor. The request id is echoed in `X-Request-Id` (a sane incoming one is
 * kept, so a proxy's id follows the request through).
 */
import type { MiddlewareHandler } from "hono";
import { routePath } from "hono/route";
import type { AppEnv, Auth } from "../app_env.ts";
import type { Config } from "../config.ts";
import { logLine } from "../ops/log.ts";
import { observeRequest } from "../ops/metrics.ts";

const SANE_ID = /^[A-Za-z0-9._:@-]{1,128}$/;

/** `admin:<usuarioid>` or `paciente:<pacienteid>`: an id, never a name, e-mail or CPF. */
export function actorId(auth: Auth | undefined): string | null {
  if (!auth) return null;
  return auth.kind === "admin" ? `admin:${auth.usuarioid}` : `paciente:${auth.pacienteid}`;
}

export function requestLog(config: Config): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    const started = performance.now();
    // Read the request before next(): after a WebSocket upgrade it is closed and unreadable.
    const method = c.req.method;
    const incoming = c.req.header("x-request-id");
    const id = incoming && SANE_ID.test(incoming) ? incoming : crypto.randomUUID();
    c.set("requestId", id);
    try {
      await next();
    } finally {
      const ms = Math.round((performance.now() - started) * 10) / 10;
      // The pattern that answered ("/api/medicos/:id"); a request no route matched is "*".
      const route = routePath(c) || "*";
      const status = c.res?.status ?? 500;
      try {
        c.res?.headers.set("X-Request-Id", id);
      } catch { /* a WebSocket upgrade answer has immutable headers */ }
      observeRequest(method, route, status, ms);
      if (config.logRequests) {
        logLine({
          msg: "request",
          method,
          route,
          status,
          ms,
          request_id: id,
          actor: actorId(c.var.auth),
        });
      }
    }
  };
}
