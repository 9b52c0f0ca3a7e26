/**
 * One Vite config builds both SolidJS consoles into dist/: the staff console at /adm/ and the
 * patient portal at /. The server serves dist/ (see server/static.ts).
 */
import { defineConfig } from "vite";
import solid from "vite-plugin-solid";
import { resolve } from "node:path";

const root = import.meta.dirname ?? ".";

export default defineConfig({
  plugins: [solid()],
  root,
  build: {
    outDir: resolve(root, "dist"),
    emptyOutDir: true,
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
