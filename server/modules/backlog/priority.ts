/** Priority of a request (spec "Cálculo de Prioridade") and the preferred-date window. */
import type { Sql } from "../../db/db.ts";
import { unprocessable } from "../../http/errors.ts";

export type Prioridade = "Alta" | "Média" | "Baixa";

/**
 * Alta: urgent with no date or a date within 7 days; Média: urgent with a later date;
 * Baixa: not urgent.
 *
 * @example
 * computePrioridade(true, null, "2026-11-23") // "Alta"
 * computePrioridade(true, "2026-12-10", "2026-11-23") // "Média"
 */
export function computePrioridade(
  urgente: boolean,
  dataPreferida: string | null,
  hoje: string,
): Prioridade {
  if (!urgente) return "Baixa";
  if (!dataPreferida) return "Alta";
  const dias = Temporal.PlainDate.from(hoje).until(Temporal.PlainDate.from(dataPreferida)).days;
  return dias <= 7 ? "Alta" : "Média";
}

/** Today at the clinic (its configured time zone), as the database clock sees it. */
export async function hojeClinica(sql: Sql): Promise<string> {
  const [{ hoje }] = await sql<{ hoje: string }>`
    select (now() at time zone timezone)::date as hoje from ca_clinica_configuracao where id = 1`;
  return hoje;
}

/** Portal: from tomorrow to 60 days ahead. Staff: from today to one year ahead. */
export function validarDataPreferida(
  data: string | null,
  hoje: string,
  quem: "admin" | "paciente",
) {
  if (!data) return;
  const dias = Temporal.PlainDate.from(hoje).until(Temporal.PlainDate.from(data)).days;
  if (quem === "paciente" && (dias < 1 || dias > 60)) {
    throw unprocessable(
      "data_preferida_invalida",
      "A data preferida deve estar entre amanhã e os próximos 60 dias.",
    );
  }
  if (quem === "admin" && (dias < 0 || dias > 365)) {
    throw unprocessable(
      "data_preferida_invalida",
      "A data preferida deve estar entre hoje e os próximos 12 meses.",
    );
  }
}
