/**
 * `GET /api/openapi.json` (the document generated from the route contract) and `GET /api/docs`
 * (Scalar's reference page over it). Both public: the document holds shapes, never data.
 */
import { Scalar } from "@scalar/hono-api-reference";
import { Hono, type MiddlewareHandler } from "hono";
import type { AppEnv } from "../app_env.ts";
import { reply } from "../http/reply.ts";
import { openapiDocument } from "./openapi.ts";

/** Scalar's standalone bundle, pinned (the page loads it from the CDN). */
const SCALAR_CDN = "https://cdn.jsdelivr.net/npm/@scalar/api-reference@1.72.1";
const CDN_ORIGIN = "https://cdn.jsdelivr.net";

/** The page runs Scalar's inline bootstrap and its CDN bundle; nothing else. */
const DOCS_POLICY = [
  "default-src 'none'",
  `script-src 'unsafe-inline' ${CDN_ORIGIN}`,
  `style-src 'unsafe-inline' ${CDN_ORIGIN} https://fonts.scalar.com`,
  `font-src data: ${CDN_ORIGIN} https://fonts.scalar.com`,
  "img-src 'self' data:",
  "connect-src 'self'",
  "frame-ancestors 'none'",
  "base-uri 'none'",
].join("; ");

export const docsRoutes = new Hono<AppEnv>();

docsRoutes.get("/openapi.json", (c) => reply(c, "GET /api/openapi.json", openapiDocument()));

// Scalar's middleware is typed for Hono's default environment; it reads nothing of ours.
const page = Scalar({
  url: "/api/openapi.json",
  cdn: SCALAR_CDN,
  pageTitle: "Command Agenda API",
}) as unknown as MiddlewareHandler<AppEnv>;

docsRoutes.get("/docs", async (c, next) => {
  c.header("content-security-policy", DOCS_POLICY);
  return await page(c, next);
});
