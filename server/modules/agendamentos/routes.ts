import { Hono } from "hono";
import type { AppEnv } from "../../app_env.ts";

export const agendamentosRoutes = new Hono<AppEnv>();
