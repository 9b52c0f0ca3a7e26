/** Entry point: `deno task start`. */
import "./runtime_polyfills.ts";
import { createApp } from "./app.ts";
import { buildDeps, ensureMasterAdmin } from "./boot.ts";
import { loadConfig } from "./config.ts";
import { startLive } from "./live/hub.ts";
import { startWorker } from "./notify/worker.ts";
import { JOBS } from "./jobs/all.ts";
import { registerJobs, scheduleJobs } from "./jobs/scheduler.ts";
import { DEMO_LOGINS, seedDemo } from "./seed/demo.ts";
import { installRejectionGuard, installShutdown } from "./process_guard.ts";

installRejectionGuard();

// Jobs first, synchronously: Deno Deploy only sees Deno.cron calls made before the first await.
registerJobs(JOBS);
const jobs = scheduleJobs();

let config;
try {
  config = loadConfig();
} catch (e) {
  // A wrong setting stops the start with one clear line, not a stack trace.
  console.error(`Configuração inválida: ${(e as Error).message}`);
  Deno.exit(1);
}
const deps = await buildDeps(config);
const master = await ensureMasterAdmin(deps);
if (master === "missing") {
  console.warn("Nenhum administrador_master: defina ADMIN_EMAIL e ADMIN_PASSWORD e reinicie.");
}
const seeded = config.seedDemo ? await seedDemo(deps) : false;
// Live layer: one LISTEN, WebSocket fan-out, lease sweep, Yjs relay (server/live/).
deps.live = await startLive(deps);
// Outbox delivery and scheduled jobs (server/notify/worker.ts, server/jobs/scheduler.ts).
const stopWorker = startWorker(deps);
const stopJobs = jobs.start(deps);
const app = createApp(deps);

const server = Deno.serve({
  port: config.port,
  onListen: ({ port }) => {
    console.log(`Command Agenda em http://localhost:${port}  (banco: ${deps.db.driver})`);
    if (config.seedDemo) {
      console.log(
        seeded ? "Clínica de demonstração criada." : "Clínica de demonstração já existe.",
      );
      console.log("Acessos de demonstração:");
      for (const l of DEMO_LOGINS) {
        console.log(`  ${l.perfil.padEnd(22)} ${l.login.padEnd(38)} ${l.senha}`);
      }
    }
  },
}, app.fetch);

// SIGTERM/SIGINT: stop accepting, close sockets, bounded wait, exit (server/process_guard.ts).
installShutdown({
  server,
  db: deps.db,
  stops: [stopJobs, stopWorker, () => deps.live?.stop() ?? Promise.resolve()],
});
