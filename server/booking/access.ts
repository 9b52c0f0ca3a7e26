/**
 * Who is asking, for routes open to both the staff and patients (behind `staffOrPaciente`):
 * services receive a `Viewer` and scope every read and write with `ownerFilter`.
 */
import type { Auth, AuthAdmin } from "../app_env.ts";
import { unauthorized } from "../http/errors.ts";
import type { Sql } from "../db/db.ts";
import { leasedByOther } from "./leases.ts";

export type Viewer =
  | { kind: "admin"; usuarioid: number; auth: AuthAdmin }
  | { kind: "paciente"; pacienteid: number };

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
  if (viewer.kind !== "admin" || resources.length === 0) return;
  // One read for all of them; refused in the order given.
  const rows = await sql<
    { resource: string; holder_sessao: string; holder_nome: string; expires_at: Date }
  >`
    select resource, holder_sessao, holder_nome, expires_at from ca_lock
    where resource = any(${resources}::text[]) and expires_at >= now()`;
  for (const resource of resources) {
    const refusal = leasedByOther(rows.find((r) => r.resource === resource), viewer.auth);
    if (refusal) throw refusal;
  }
}
