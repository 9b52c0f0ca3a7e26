/** Types and small pieces the Pacientes tab's files share. */
import type { Result } from "../../../../client-shared/api_client.ts";

export type PacienteRow = Result<"GET /api/pacientes">["items"][number];
export type PacienteDetalhe = Result<"GET /api/pacientes/:id">;

/** The patient is also on the staff (the spec's "funcionário" mark). */
export function FuncionarioBadge() {
  return (
    <span class="inline-block rounded-full bg-brand-100 px-2 py-0.5 text-xs font-semibold text-brand-800">
      Funcionário
    </span>
  );
}
