import { Hono } from "hono";
import type { AppEnv } from "../../app_env.ts";
import { PERMISSION, requireRole } from "../../auth/middleware.ts";
import { actorOf } from "../../events/record.ts";
import { validate } from "../../http/validate.ts";
import { ClinicaConfiguracaoInput } from "./schemas.ts";
import { getClinicConfig, updateClinicConfig } from "./service.ts";

export const clinicaRoutes = new Hono<AppEnv>();

clinicaRoutes.get("/configuracao", requireRole(PERMISSION.ler), async (c) => {
  return c.json(await getClinicConfig(c.var.deps), 200);
});

clinicaRoutes.put(
  "/configuracao",
  requireRole(PERMISSION.administrar),
  validate("json", ClinicaConfiguracaoInput),
  async (c) => {
    const input = c.req.valid("json");
    return c.json(await updateClinicConfig(c.var.deps, actorOf(c.var.auth), input), 200);
  },
);
