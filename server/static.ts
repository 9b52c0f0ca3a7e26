/**
 * Serves the built consoles from dist/: the staff console under /adm (SPA fallback to its
 * index.html) and the patient portal everywhere else that is not /api.
 */
import type { Hono } from "hono";
import { serveStatic } from "hono/deno";
import { compress } from "hono/compress";
import type { AppEnv } from "./app_env.ts";

const DIST = new URL("../dist/", import.meta.url);

async function page(name: string): Promise<string | null> {
  try {
    return await Deno.readTextFile(new URL(`${name}/index.html`, DIST));
  } catch {
    return null;
  }
}

const NOT_BUILT =
  `<!doctype html><html lang="pt-BR"><meta charset="utf-8"><title>Command Agenda</title>
<p>Os consoles ainda não foram compilados. Rode <code>deno task build</code> (ou <code>deno task start</code>).</p></html>`;

export function mountStatic(app: Hono<AppEnv>) {
  const root = DIST.pathname;
  // Scripts and styles travel compressed (gzip/deflate as the browser accepts): a patient's
  // phone on a slow connection downloads about a third of the bytes.
  app.use("/assets/*", compress(), serveStatic({ root }));
  // The portal's installable files (client-paciente/public/): manifest, icons, service worker.
  app.use("/icons/*", serveStatic({ root }));
  app.get(
    "/manifest.webmanifest",
    serveStatic({ root, mimes: { webmanifest: "application/manifest+json" } }),
  );
  app.get("/sw.js", async (c, next) => {
    await next();
    // The worker must be revalidated on each visit, or a new build would wait for its expiry.
    c.header("Cache-Control", "no-cache");
  }, serveStatic({ root }));
  app.get("/adm", (c) => c.redirect("/adm/"));
  app.get("/adm/*", async (c) => c.html((await page("client-adm")) ?? NOT_BUILT));
  app.get("*", async (c, next) => {
    if (c.req.path.startsWith("/api/")) return next();
    return c.html((await page("client-paciente")) ?? NOT_BUILT);
  });
}
