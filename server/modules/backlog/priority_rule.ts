/**
 * The spec's "Cálculo de Prioridade" and the portal's preferred-date window, dependency-free
 * (no Temporal, no server imports) so the patient portal's wizard shows the very priority the
 * server will store.
 *
 * @example
 * computePrioridade(true, null, "2026-11-23") // "Alta"
 * computePrioridade(true, "2026-12-10", "2026-11-23") // "Média"
 * diasEntre("2026-11-23", "2026-12-01") // 8
 */
export type Prioridade = "Alta" | "Média" | "Baixa";

/** Days a patient may ask for: from tomorrow (1) to 60 days ahead. */
export const JANELA_PACIENTE = { min: 1, max: 60 } as const;

/** Urgent requests wanted within this many days are Alta. */
const DIAS_ALTA = 7;

/** Calendar days from `de` to `ate` ("YYYY-MM-DD"), negative when `ate` comes first. */
export function diasEntre(de: string, ate: string): number {
  const utc = (d: string) => Date.UTC(+d.slice(0, 4), +d.slice(5, 7) - 1, +d.slice(8, 10));
  return Math.round((utc(ate) - utc(de)) / 86_400_000);
}

/**
 * Alta: urgent with no date or a date within 7 days; Média: urgent with a later date;
 * Baixa: not urgent.
 */
export function computePrioridade(
  urgente: boolean,
  dataPreferida: string | null,
  hoje: string,
): Prioridade {
  if (!urgente) return "Baixa";
  if (!dataPreferida) return "Alta";
  return diasEntre(hoje, dataPreferida) <= DIAS_ALTA ? "Alta" : "Média";
}
