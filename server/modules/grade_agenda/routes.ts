import { Hono } from "hono";
import type { AppEnv } from "../../app_env.ts";

export const gradeAgendaRoutes = new Hono<AppEnv>();
