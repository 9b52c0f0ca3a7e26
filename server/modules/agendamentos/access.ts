/**
 * Routes open to both the staff (from a minimum role) and patients (their own records only).
 * Services receive a `Viewer` and scope every read and write with `ownerFilter`.
 */
import type { MiddlewareHandler } from "hono";
import type { AppEnv, Auth, AuthAdmin } from "../../app_env.ts";
import { hasRole } from "../../auth/middleware.ts";
import { forbidden, unauthorized } from "../../http/errors.ts";
import type { Sql } from "../../db/db.ts";
import { assertNotLeasedByOther } from "../../live/leases.ts";
import type { Role } from "../../shared/schemas.ts";

export type Viewer =
  | { kind: "admin"; usuarioid: number; auth: AuthAdmin }
  | { kind: "paciente"; pacienteid: number };

/** Staff with at least `min`, or any authenticated paciente (scoped later to their own data). */
export function staffOrPaciente(min: Role): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    const auth = c.var.auth;
    if (!auth) throw unauthorized();
    if (auth.kind === "admin" && !hasRole(auth.role, min)) {
      throw forbidden(`Esta ação exige o perfil ${min} ou superior.`);
    }
    await next();
  };
}

export function viewerOf(auth: Auth | undefined): Viewer {
  if (!auth) throw unauthorized();
  return auth.kind === "admin"
    ? { kind: "admin", usuarioid: auth.usuarioid, auth }
    : { kind: "paciente", pacienteid: auth.pacienteid };
}

/** The usuarioid to store in created_by / cancelado_por (null for a patient). */
export const staffId = (v: Viewer) => (v.kind === "admin" ? v.usuarioid : null);

/**
 * A patient reaching another patient's record gets the same 404 as a missing one, so ids of
 * other patients' records reveal nothing.
 */
export const canSee = (v: Viewer, pacienteid: number) =>
  v.kind === "admin" || v.pacienteid === pacienteid;

/**
 * A staff write to a backlog item or slot another operator holds a lease on (dragging it, or
 * with its allocation open) answers 423 naming the holder. Patients answering their own
 * proposal are never blocked by an operator's lease.
 */
export async function assertNotLeased(sql: Sql, viewer: Viewer, ...resources: string[]) {
  if (viewer.kind !== "admin") return;
  for (const resource of resources) await assertNotLeasedByOther(sql, resource, viewer.auth);
}
