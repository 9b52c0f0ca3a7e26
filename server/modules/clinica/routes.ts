import { Hono } from "hono";
import type { AppEnv } from "../../app_env.ts";
import { PERMISSION, requireRole } from "../../auth/middleware.ts";
import { actorOf } from "../../events/record.ts";
import { reply } from "../../http/reply.ts";
import { validate } from "../../http/validate.ts";
import { ClinicaConfiguracaoInput } from "./schemas.ts";
import { getClinicConfig, updateClinicConfig } from "./service.ts";

export const clinicaRoutes = new Hono<AppEnv>();

clinicaRoutes.get("/configuracao", requireRole(PERMISSION.ler), async (c) => {
  return reply(c, "GET /api/clinica/configuracao", await getClinicConfig(c.var.deps));
});

clinicaRoutes.put(
  "/configuracao",
  requireRole(PERMISSION.administrar),
  validate("json", ClinicaConfiguracaoInput),
  async (c) => {
    const input = c.req.valid("json");
    return reply(
      c,
      "PUT /api/clinica/configuracao",
      await updateClinicConfig(c.var.deps, actorOf(c.var.auth), input),
    );
  },
);
