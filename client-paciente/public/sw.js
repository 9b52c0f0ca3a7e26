/*
 * Service worker of the patient portal: caches the app shell only, so the portal opens on a bad
 * connection and shows its "sem conexão" banner instead of the browser's error page.
 *
 * - /api/* is never touched: patient data is never stored here (the browser fetches it as usual).
 * - /assets/* (hashed, immutable files of the Vite build), the icons and the manifest: cache
 *   first, stored when first fetched.
 * - Page navigations of the portal (not /adm): network first; the last good copy of the page
 *   (the same index.html for every portal path) answers when the network fails. A changed page
 *   means a new build: the old build's files leave the cache.
 */
const CACHE = "ca-portal-shell-v1";
const SHELL = "/";

self.addEventListener("install", (event) => {
  event.waitUntil(
    caches.open(CACHE).then((c) => c.addAll([SHELL, "/manifest.webmanifest", "/icons/icon.svg"]))
      .then(() => self.skipWaiting()),
  );
});

self.addEventListener("activate", (event) => {
  event.waitUntil(
    caches.keys()
      .then((keys) => Promise.all(keys.filter((k) => k !== CACHE).map((k) => caches.delete(k))))
      .then(() => self.clients.claim()),
  );
});

/**
 * Stores the page as the shell. A page that differs from the stored one is a new build: the
 * hashed files of the old one are dropped (the new ones are cached as they are fetched).
 */
async function keepShell(res) {
  const cache = await caches.open(CACHE);
  const html = await res.text();
  const old = await cache.match(SHELL);
  if (old && (await old.text()) !== html) {
    for (const r of await cache.keys()) {
      if (new URL(r.url).pathname.startsWith("/assets/")) await cache.delete(r);
    }
  }
  await cache.put(
    SHELL,
    new Response(html, { headers: { "content-type": "text/html; charset=utf-8" } }),
  );
}

self.addEventListener("fetch", (event) => {
  const req = event.request;
  if (req.method !== "GET") return;
  const url = new URL(req.url);
  if (url.origin !== self.location.origin) return;
  if (url.pathname.startsWith("/api/") || url.pathname === "/api") return;
  if (url.pathname.startsWith("/adm")) return;

  if (req.mode === "navigate") {
    event.respondWith(
      fetch(req).then((res) => {
        if (res.ok) event.waitUntil(keepShell(res.clone()));
        return res;
      }).catch(() => caches.match(SHELL).then((r) => r ?? Response.error())),
    );
    return;
  }

  const shellFile = url.pathname.startsWith("/assets/") || url.pathname.startsWith("/icons/") ||
    url.pathname === "/manifest.webmanifest";
  if (!shellFile) return;
  event.respondWith(
    caches.match(req).then((hit) =>
      hit ?? fetch(req).then((res) => {
        if (res.ok) {
          const copy = res.clone();
          caches.open(CACHE).then((c) => c.put(req, copy));
        }
        return res;
      })
    ),
  );
});
