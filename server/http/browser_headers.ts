/**
 * Headers for browsers: the Content-Security-Policy the built consoles run under, HSTS only when
 * the request came over HTTPS, and CORS limited to the origins in `CORS_ORIGINS`.
 *
 * The page policy fits a normal Vite build: scripts are external module files from our own
 * origin (no inline script, no eval), CSS comes from our own files, and the API and its
 * WebSockets are on the same host. `style-src` also allows inline styles: Solid compiles static
 * `style="…"` attributes into the templates it clones, Kobalte and corvu position popovers and
 * scroll locks through inline styles, and a library may insert a `<style>` element at run time;
 * with script execution locked to our own files, inline CSS cannot run code, so blocking it
 * would break the consoles for little gain.
 */
import type { Context, MiddlewareHandler } from "hono";
import { cors } from "hono/cors";
import type { AppEnv } from "../app_env.ts";
import type { Config } from "../config.ts";

/** A Host header we are willing to echo into the policy (name or IP, optional port). */
const SANE_HOST = /^[A-Za-z0-9.-]+(:\d{1,5})?$|^\[[0-9A-Fa-f:.]+\](:\d{1,5})?$/;

/** Whether the browser reached us over HTTPS (directly or through a TLS-terminating proxy). */
export function overHttps(c: Context): boolean {
  if (new URL(c.req.url).protocol === "https:") return true;
  const fwd = c.req.header("x-forwarded-proto")?.split(",")[0]?.trim().toLowerCase();
  return fwd === "https";
}

/** The policy of the consoles' pages (`/`, `/adm/`, their assets). */
export function pagePolicy(config: Config, host: string | undefined): string {
  // 'self' covers same-host WebSockets in CSP3 browsers; the explicit ws:/wss: entries keep
  // older ones (which match 'self' against http(s) only) able to open the live connection.
  const sockets = host && SANE_HOST.test(host) ? ` ws://${host} wss://${host}` : "";
  const photos = config.s3PublicUrl ? ` ${originOf(config.s3PublicUrl)}` : "";
  return [
    "default-src 'self'",
    "script-src 'self'",
    "style-src 'self' 'unsafe-inline'",
    `img-src 'self' data: blob:${photos}`,
    "font-src 'self' data:",
    `connect-src 'self'${sockets}`,
    "worker-src 'self' blob:",
    "manifest-src 'self'",
    "object-src 'none'",
    "base-uri 'self'",
    "form-action 'self'",
    "frame-ancestors 'none'",
  ].join("; ");
}

/** JSON answers never render; the strictest policy costs nothing. */
const API_POLICY = "default-src 'none'; frame-ancestors 'none'";

function originOf(url: string): string {
  try {
    return new URL(url).origin;
  } catch {
    return "";
  }
}

/** CSP on every answer (page policy off /api) and HSTS when the request came over HTTPS. */
export function browserHeaders(config: Config): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    // Read the request before next(): after a WebSocket upgrade it is closed and unreadable.
    const api = c.req.path === "/api" || c.req.path.startsWith("/api/");
    const policy = api ? API_POLICY : pagePolicy(config, c.req.header("host"));
    const https = overHttps(c);
    await next();
    if (c.res.status === 101) return;
    if (!c.res.headers.has("content-security-policy")) {
      c.res.headers.set("Content-Security-Policy", policy);
    }
    if (https) {
      c.res.headers.set("Strict-Transport-Security", "max-age=31536000; includeSubDomains");
    } else {
      c.res.headers.delete("Strict-Transport-Security");
    }
  };
}

/**
 * CORS for the API: a foreign origin gets the CORS headers only when `CORS_ORIGINS` lists it.
 * Same-origin requests (the consoles) need no CORS at all, so the default list is empty.
 */
export function corsPolicy(config: Config): MiddlewareHandler<AppEnv> {
  const allowed = new Set(config.corsOrigins);
  return cors({
    origin: (origin) => (allowed.has(origin) ? origin : null),
    allowHeaders: ["Authorization", "Content-Type", "X-Request-Id"],
    exposeHeaders: ["X-Request-Id", "Retry-After"],
    maxAge: 600,
  });
}
