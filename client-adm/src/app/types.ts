/** Types of the staff console's session, from the route contract (types only). */
import type { Result } from "../../../client-shared/api_client.ts";
import type { Role } from "../../../server/shared/schemas.ts";

export type Me = Result<"GET /api/auth/me">;
export type { Role };
export type Permissao =
  | "ler"
  | "agendar"
  | "pacientes"
  | "configurar"
  | "gerarGrades"
  | "administrar"
  | "usuarios";

export const ROLE_LABEL: Record<Role, string> = {
  visualizador: "Visualizador",
  operador: "Operador",
  gerenciador: "Gerenciador",
  administrador: "Administrador",
  administrador_master: "Administrador master",
};
