/**
 * Leases over HTTP: take (`POST`, operador+), release (`DELETE /:resource`), list (`GET`).
 * Renewal is a repeated `POST` or the live socket's heartbeat; see `server/booking/leases.ts`.
 */
import { Hono } from "hono";
import type { AppEnv } from "../../app_env.ts";
import { adminOf, PERMISSION, requireRole } from "../../auth/middleware.ts";
import { notFound } from "../../http/errors.ts";
import { reply } from "../../http/reply.ts";
import { validate } from "../../http/validate.ts";
import { acquireLease, blocked, listLeases, releaseLease } from "../../booking/leases.ts";
import { LockInput, LockParam, LocksQuery } from "./schemas.ts";

export const locksRoutes = new Hono<AppEnv>();

locksRoutes.get("/", requireRole(PERMISSION.ler), validate("query", LocksQuery), async (c) => {
  const { prefix } = c.req.valid("query");
  return reply(c, "GET /api/locks", { items: await listLeases(c.var.deps.db, prefix) });
});

locksRoutes.post("/", requireRole(PERMISSION.agendar), validate("json", LockInput), async (c) => {
  const { resource } = c.req.valid("json");
  const { db, live } = c.var.deps;
  const { lease, fresh } = await acquireLease(db, adminOf(c), resource, live?.opts.leaseTtlSec);
  return reply(c, "POST /api/locks", lease, fresh ? 201 : 200);
});

locksRoutes.delete(
  "/:resource",
  requireRole(PERMISSION.agendar),
  validate("param", LockParam),
  async (c) => {
    const { resource } = c.req.valid("param");
    const { db } = c.var.deps;
    if (await releaseLease(db, adminOf(c), resource, "liberado")) {
      return reply(c, "DELETE /api/locks/:resource", { resource, released: true as const });
    }
    const [other] = await db.sql<{ holder_nome: string; expires_at: Date }>`
      select holder_nome, expires_at from ca_lock
      where resource = ${resource} and expires_at >= now()`;
    if (other) throw blocked(other);
    throw notFound("Reserva");
  },
);
