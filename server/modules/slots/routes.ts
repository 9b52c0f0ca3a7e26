import { Hono } from "hono";
import type { AppEnv } from "../../app_env.ts";

export const slotsRoutes = new Hono<AppEnv>();
