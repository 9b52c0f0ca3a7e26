import { Hono } from "hono";
import type { AppEnv } from "../../app_env.ts";
import { PERMISSION, requireRole } from "../../auth/middleware.ts";
import { actorOf } from "../../events/record.ts";
import { validate } from "../../http/validate.ts";
import { IdParam } from "../../shared/schemas.ts";
import { cotasOf, saveCotas } from "./cotas_service.ts";
import { getEspecialidade } from "./queries.ts";
import {
  CotasReplace,
  EspecialidadeCreate,
  EspecialidadeListQuery,
  EspecialidadeUpdate,
} from "./schemas.ts";
import * as svc from "./service.ts";

export const especialidadesRoutes = new Hono<AppEnv>();

const ler = requireRole(PERMISSION.ler);
const configurar = requireRole(PERMISSION.configurar);
const id = validate("param", IdParam);

especialidadesRoutes.get("/", ler, validate("query", EspecialidadeListQuery), async (c) => {
  return c.json(await svc.listEspecialidades(c.var.deps.db, c.req.valid("query")), 200);
});

especialidadesRoutes.get("/:id", ler, id, async (c) => {
  return c.json(await getEspecialidade(c.var.deps.db.sql, c.req.valid("param").id), 200);
});

especialidadesRoutes.post("/", configurar, validate("json", EspecialidadeCreate), async (c) => {
  const row = await svc.createEspecialidade(
    c.var.deps.db,
    actorOf(c.var.auth),
    c.req.valid("json"),
  );
  return c.json(row, 201);
});

especialidadesRoutes.put(
  "/:id",
  configurar,
  id,
  validate("json", EspecialidadeUpdate),
  async (c) => {
    const row = await svc.updateEspecialidade(
      c.var.deps.db,
      actorOf(c.var.auth),
      c.req.valid("param").id,
      c.req.valid("json"),
    );
    return c.json(row, 200);
  },
);

especialidadesRoutes.delete("/:id", configurar, id, async (c) => {
  const row = await svc.inactivateEspecialidade(
    c.var.deps.db,
    actorOf(c.var.auth),
    c.req.valid("param").id,
  );
  return c.json(row, 200);
});

especialidadesRoutes.patch("/:id/reativar", configurar, id, async (c) => {
  const row = await svc.reactivateEspecialidade(
    c.var.deps.db,
    actorOf(c.var.auth),
    c.req.valid("param").id,
  );
  return c.json(row, 200);
});

especialidadesRoutes.get("/:id/cotas", ler, id, async (c) => {
  return c.json(await cotasOf(c.var.deps.db.sql, c.req.valid("param").id), 200);
});

especialidadesRoutes.post(
  "/:id/cotas",
  configurar,
  id,
  validate("json", CotasReplace),
  async (c) => {
    const out = await saveCotas(
      c.var.deps.db,
      actorOf(c.var.auth),
      c.req.valid("param").id,
      c.req.valid("json").cotas,
    );
    return c.json(out, 200);
  },
);
