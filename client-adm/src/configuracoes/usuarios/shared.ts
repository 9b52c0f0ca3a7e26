/** Types and constants the Usuários tab's files share. */
import type { Result } from "../../../../client-shared/api_client.ts";
import { type Role, ROLE_LABEL } from "../../app/types.ts";

export type Usuario = Result<"GET /api/usuarios/:id">;
export const ROLES = Object.keys(ROLE_LABEL) as Role[];
