/**
 * One Vite config builds both SolidJS consoles into dist/: the staff console at /adm/ and the
 * patient portal at /. The server serves dist/ (see server/static.ts). Tailwind v4 runs as a Vite
 * plugin; the design tokens live once in client-shared/styles/tokens.css.
 *
 * The output is CSP-friendly: no inline scripts or styles in the HTML (Vite emits module scripts
 * and stylesheet links only), and the module preload polyfill is off because it is injected as
 * an inline script.
 */
import { defineConfig } from "vite";
import solid from "vite-plugin-solid";
import tailwindcss from "@tailwindcss/vite";
import { resolve } from "node:path";

const root = import.meta.dirname ?? ".";

export default defineConfig({
  plugins: [solid(), tailwindcss()],
  root,
  // The portal's installable files (manifest, icons, service worker) are copied to dist/ as is.
  publicDir: resolve(root, "client-paciente/public"),
  build: {
    outDir: resolve(root, "dist"),
    emptyOutDir: true,
    modulePreload: { polyfill: false },
    rollupOptions: {
      input: {
        adm: resolve(root, "client-adm/index.html"),
        paciente: resolve(root, "client-paciente/index.html"),
      },
    },
  },
  server: {
    proxy: { "/api": { target: "http://localhost:8000", ws: true } },
  },
});
