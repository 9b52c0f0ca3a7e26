/** Builds the Hono application: middleware, every module's routes, the clients' static files. */
import { Hono } from "hono";
import { secureHeaders } from "hono/secure-headers";
import type { AppEnv, Deps } from "./app_env.ts";
import { authenticate } from "./auth/middleware.ts";
import { notFoundRoute, onError } from "./http/errors.ts";
import { inputGuard } from "./http/input_guard.ts";
import { mountStatic } from "./static.ts";
import { browserHeaders, corsPolicy } from "./http/browser_headers.ts";
import { requestLog } from "./http/request_log.ts";
import { mountMetrics } from "./modules/metrics/routes.ts";
import { authRoutes } from "./modules/auth/routes.ts";
import { especialidadesRoutes } from "./modules/especialidades/routes.ts";
import { medicosRoutes, uploadRoutes } from "./modules/medicos/routes.ts";
import { unidadesRoutes } from "./modules/unidades/routes.ts";
import { consultoriosRoutes } from "./modules/consultorios/routes.ts";
import { tiposSlotRoutes } from "./modules/tipos_slot/routes.ts";
import { pacientesRoutes } from "./modules/pacientes/routes.ts";
import { usuariosRoutes } from "./modules/usuarios/routes.ts";
import { healthRoutes } from "./modules/health/routes.ts";
import { docsRoutes } from "./contract/docs_routes.ts";
import { arquivosRoutes } from "./modules/medicos/arquivos_routes.ts";
import { slotsRoutes } from "./modules/slots/routes.ts";
import { gradeAgendaRoutes } from "./modules/grade_agenda/routes.ts";
import { gradeStatsRoutes } from "./modules/grade_stats/routes.ts";
import { agendamentosRoutes } from "./modules/agendamentos/routes.ts";
import { backlogRoutes } from "./modules/backlog/routes.ts";
import { cancelamentoMassaRoutes } from "./modules/cancelamento_massa/routes.ts";
import { notificacoesRoutes } from "./modules/notificacoes/routes.ts";
import { segurosRoutes } from "./modules/seguros/routes.ts";
import { planosRoutes } from "./modules/planos/routes.ts";
import { fichasRoutes } from "./modules/fichas/routes.ts";
import { clinicaRoutes } from "./modules/clinica/routes.ts";
import { locksRoutes } from "./modules/locks/routes.ts";
import { liveRoutes } from "./modules/live/routes.ts";
import { auditoriaRoutes } from "./modules/auditoria/routes.ts";

export function createApp(deps: Deps) {
  const app = new Hono<AppEnv>();
  app.onError(onError);
  app.notFound(notFoundRoute);
  app.use("*", requestLog(deps.config));
  app.use(
    "*",
    secureHeaders({ crossOriginResourcePolicy: "cross-origin", strictTransportSecurity: false }),
  );
  app.use("*", browserHeaders(deps.config));
  app.use("/api/*", corsPolicy(deps.config));
  app.use("*", async (c, next) => {
    c.set("deps", deps);
    await next();
  });
  mountMetrics(app, deps);
  app.use("/api/*", inputGuard);
  app.use("/api/*", authenticate);

  app.route("/api/health", healthRoutes);
  app.route("/api", docsRoutes);
  app.route("/api/auth", authRoutes);
  app.route("/api/especialidades", especialidadesRoutes);
  app.route("/api/medicos", medicosRoutes);
  app.route("/api/upload", uploadRoutes);
  app.route("/api/arquivos", arquivosRoutes);
  app.route("/api/unidades", unidadesRoutes);
  app.route("/api/consultorios", consultoriosRoutes);
  app.route("/api/tipos-slot", tiposSlotRoutes);
  app.route("/api/pacientes", pacientesRoutes);
  app.route("/api/usuarios", usuariosRoutes);
  app.route("/api/slots", slotsRoutes);
  app.route("/api/grade-agenda", gradeAgendaRoutes);
  app.route("/api/grade-stats", gradeStatsRoutes);
  app.route("/api/agendamentos", agendamentosRoutes);
  app.route("/api/backlog", backlogRoutes);
  app.route("/api/cancelamento-massa", cancelamentoMassaRoutes);
  app.route("/api/notificacoes", notificacoesRoutes);
  app.route("/api/seguros", segurosRoutes);
  app.route("/api/planos", planosRoutes);
  app.route("/api/fichas", fichasRoutes);
  app.route("/api/clinica", clinicaRoutes);
  app.route("/api/locks", locksRoutes);
  app.route("/api/live", liveRoutes);
  app.route("/api/auditoria", auditoriaRoutes);
  mountStatic(app);
  return app;
}

export type App = ReturnType<typeof createApp>;
