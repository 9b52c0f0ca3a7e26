/**
 * `/api/agendamentos`: direct booking and the day list for the staff (`PERMISSION.ler` to read,
 * `PERMISSION.agendar` to write); `meus`, cancel, .ics and Google link also for the patient, on
 * their own agendamentos only (another patient's answers 404).
 */
import { Hono } from "hono";
import type { AppEnv } from "../../app_env.ts";
import {
  pacienteOf,
  PERMISSION,
  requirePaciente,
  requireRole,
  staffOrPaciente,
} from "../../auth/middleware.ts";
import { actorOf } from "../../events/record.ts";
import { reply } from "../../http/reply.ts";
import { validate } from "../../http/validate.ts";
import { IdParam } from "../../shared/schemas.ts";
import { viewerOf } from "../../booking/access.ts";
import { googleCalendarUrl, icsOf } from "./calendar.ts";
import * as q from "./queries.ts";
import {
  AgendamentoCreate,
  AgendamentoListQuery,
  BuscarPacienteQuery,
  CancelarInput,
} from "./schemas.ts";
import * as svc from "./service.ts";

export const agendamentosRoutes = new Hono<AppEnv>();

const ler = requireRole(PERMISSION.ler);
const agendar = requireRole(PERMISSION.agendar);
const id = validate("param", IdParam);

agendamentosRoutes.get("/", ler, validate("query", AgendamentoListQuery), async (c) => {
  return reply(
    c,
    "GET /api/agendamentos",
    await q.listAgendamentos(c.var.deps.db.sql, c.req.valid("query")),
  );
});

agendamentosRoutes.get(
  "/buscar-paciente",
  ler,
  validate("query", BuscarPacienteQuery),
  async (c) => {
    const items = await q.buscarPaciente(c.var.deps.db.sql, c.req.valid("query").q);
    return reply(c, "GET /api/agendamentos/buscar-paciente", { items: [...items] });
  },
);

agendamentosRoutes.get("/meus", requirePaciente, async (c) => {
  return reply(
    c,
    "GET /api/agendamentos/meus",
    await q.meusAgendamentos(c.var.deps.db.sql, pacienteOf(c).pacienteid),
  );
});

agendamentosRoutes.post("/", agendar, validate("json", AgendamentoCreate), async (c) => {
  const { auth, deps } = c.var;
  const out = await svc.createAgendamento(
    deps.db,
    actorOf(auth),
    viewerOf(auth),
    c.req.valid("json"),
  );
  return reply(c, "POST /api/agendamentos", out);
});

agendamentosRoutes.get("/:id", staffOrPaciente(PERMISSION.ler), id, async (c) => {
  const { auth, deps } = c.var;
  return reply(
    c,
    "GET /api/agendamentos/:id",
    await q.getAgendamento(deps.db.sql, c.req.valid("param").id, viewerOf(auth)),
  );
});

agendamentosRoutes.get("/:id/ics", staffOrPaciente(PERMISSION.ler), id, async (c) => {
  const { auth, deps } = c.var;
  const a = await q.getAgendamento(deps.db.sql, c.req.valid("param").id, viewerOf(auth));
  c.header("content-type", "text/calendar; charset=utf-8");
  c.header("content-disposition", `attachment; filename="consulta-${a.protocolo}.ics"`);
  return c.body(icsOf(a, new URL(deps.config.publicUrl).hostname), 200);
});

agendamentosRoutes.get("/:id/google-calendar", staffOrPaciente(PERMISSION.ler), id, async (c) => {
  const { auth, deps } = c.var;
  const a = await q.getAgendamento(deps.db.sql, c.req.valid("param").id, viewerOf(auth));
  return reply(c, "GET /api/agendamentos/:id/google-calendar", { url: googleCalendarUrl(a) });
});

agendamentosRoutes.put(
  "/:id/cancelar",
  staffOrPaciente(PERMISSION.agendar),
  id,
  validate("json", CancelarInput),
  async (c) => {
    const { auth, deps } = c.var;
    const out = await svc.cancelAgendamento(
      deps.db,
      actorOf(auth),
      viewerOf(auth),
      c.req.valid("param").id,
      c.req.valid("json").motivo,
    );
    return reply(c, "PUT /api/agendamentos/:id/cancelar", out);
  },
);

for (
  const [path, t] of [
    ["confirmar-presenca", svc.TRANSITIONS.confirmarPresenca],
    ["nao-compareceu", svc.TRANSITIONS.naoCompareceu],
    ["concluir", svc.TRANSITIONS.concluir],
  ] as const
) {
  agendamentosRoutes.put(`/:id/${path}`, agendar, id, async (c) => {
    const { auth, deps } = c.var;
    const out = await svc.transition(
      deps.db,
      actorOf(auth),
      viewerOf(auth),
      c.req.valid("param").id,
      t,
    );
    return reply(c, `PUT /api/agendamentos/:id/${path}`, out);
  });
}
