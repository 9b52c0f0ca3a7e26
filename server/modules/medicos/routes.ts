import { Hono } from "hono";
import type { AppEnv } from "../../app_env.ts";

export const medicosRoutes = new Hono<AppEnv>();
export const uploadRoutes = new Hono<AppEnv>();
