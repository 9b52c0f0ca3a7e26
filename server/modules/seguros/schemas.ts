import { z } from "zod";
import { CREDENCIAL_STATUSES } from "../../shared/statuses.ts";
import { DateOnly, Id } from "../../shared/schemas.ts";

/** Card numbers are kept as letters and digits only, upper case. */
export const NumeroCarteirinha = z.string({ error: "Número da carteirinha é obrigatório." })
  .trim()
  .transform((v) => v.replace(/[\s.\-/]/g, "").toUpperCase())
  .refine(
    (v) => /^[0-9A-Z]{4,30}$/.test(v),
    "Número da carteirinha inválido: use de 4 a 30 letras ou dígitos.",
  );

export const Operadora = z.string({ error: "Operadora é obrigatória." }).trim()
  .transform((v) => v.replace(/\s+/g, " "))
  .pipe(z.string().min(2, "Informe a operadora.").max(120, "Nome da operadora muito longo."));

/**
 * POST /api/seguros/credencial. Staff name the patient; a paciente token registers its own card
 * and may omit `pacienteid` (or repeat its own).
 */
export const CredencialInput = z.object({
  pacienteid: Id.optional(),
  operadora: Operadora,
  numero_carteirinha: NumeroCarteirinha,
  validade: DateOnly,
});
export type CredencialInput = z.output<typeof CredencialInput>;

export const CredencialQuery = z.object({ pacienteid: Id.optional() });

export const CredencialStatus = z.enum(CREDENCIAL_STATUSES);

export const Credencial = z.object({
  credencialid: z.number().int(),
  pacienteid: z.number().int(),
  operadora: z.string(),
  numero_carteirinha: z.string(),
  validade: z.string(),
  status: CredencialStatus,
  verificado_em: z.string().nullable(),
  created_at: z.string(),
  updated_at: z.string(),
});

export const CredencialList = z.object({ items: z.array(Credencial) });
