/**
 * Routes open to both the staff (from a minimum role) and patients (their own records only).
 * Services receive a `Viewer` and scope every read and write with `ownerFilter`.
 */
import type { MiddlewareHandler } from "hono";
import type { AppEnv, Auth } from "../../app_env.ts";
import { hasRole } from "../../auth/middleware.ts";
import { forbidden, unauthorized } from "../../http/errors.ts";
import type { Role } from "../../shared/schemas.ts";

export type Viewer =
  | { kind: "admin"; usuarioid: number }
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
    ? { kind: "admin", usuarioid: auth.usuarioid }
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
