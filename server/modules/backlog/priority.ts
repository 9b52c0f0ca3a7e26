/** Priority of a request (spec "Cálculo de Prioridade") and the preferred-date window. */
import type { Sql } from "../../db/db.ts";
import { unprocessable } from "../../http/errors.ts";
import { diasEntre, JANELA_PACIENTE } from "./priority_rule.ts";

export { computePrioridade, type Prioridade } from "./priority_rule.ts";

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
  const dias = diasEntre(hoje, data);
  if (quem === "paciente" && (dias < JANELA_PACIENTE.min || dias > JANELA_PACIENTE.max)) {
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
