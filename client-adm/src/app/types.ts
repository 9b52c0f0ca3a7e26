/**
 * Response types of the staff console, taken from the server (types only: nothing of the server
 * is bundled). Until the typed API layer (`client-shared/api/`) covers a route, its type comes
 * from here.
 */
import type { me } from "../../../server/modules/auth/admin_service.ts";
import type { Role } from "../../../server/shared/schemas.ts";

export type Me = Awaited<ReturnType<typeof me>>;
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
