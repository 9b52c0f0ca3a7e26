/**
 * Clinic-wide configuration (singleton row of ca_clinica_configuracao) and the zod blocks the
 * unidades reuse for the settings they may override (time zone, buffer).
 */
import { z } from "zod";
import { TimeOfDay } from "../../shared/schemas.ts";

/** An IANA zone name or "UTC" once resolved; fixed offsets such as "+03:00" are not zones. */
const ZONE_NAME = /^(UTC|[A-Za-z_]+(\/[A-Za-z0-9_+-]+)+)$/;

/**
 * A real IANA time zone (e.g. America/Sao_Paulo, America/Manaus, America/Noronha), stored in
 * its canonical spelling: "america/sao_paulo" and the alias "Brazil/East" both become
 * "America/Sao_Paulo". The runtime's ICU data decides what exists.
 */
export const TimeZone = z.string({ error: "Fuso horário é obrigatório." }).trim().max(64)
  .transform((value, ctx) => {
    let resolved: string | undefined;
    try {
      resolved = new Intl.DateTimeFormat("en-US", { timeZone: value }).resolvedOptions().timeZone;
    } catch {
      resolved = undefined;
    }
    if (!value || !resolved || !ZONE_NAME.test(resolved)) {
      ctx.addIssue({
        code: "custom",
        message: "Fuso horário desconhecido: use um nome IANA como America/Sao_Paulo.",
      });
      return z.NEVER;
    }
    return resolved;
  });

/** Pause between consultations, in minutes (seed 000: BUFFER_MINUTES 0–10). */
export const BufferMinutes = z.number({ error: "Intervalo deve ser um número de minutos." })
  .int("Intervalo deve ser um número inteiro de minutos.")
  .min(0, "Intervalo mínimo: 0 minutos.")
  .max(10, "Intervalo máximo: 10 minutos.");

const Horas = (campo: string) =>
  z.number({ error: `${campo} deve ser um número de horas.` })
    .int(`${campo} deve ser um número inteiro de horas.`)
    .min(1, `${campo}: mínimo 1 hora.`)
    .max(168, `${campo}: máximo 168 horas (7 dias).`);

/** PUT body: any subset of the settings, at least one. */
export const ClinicaConfiguracaoInput = z.object({
  horario_abertura: TimeOfDay.optional(),
  horario_fechamento: TimeOfDay.optional(),
  buffer_minutes: BufferMinutes.optional(),
  proposta_validade_horas: Horas("Validade da proposta").optional(),
  lembrete_horas_antes: Horas("Antecedência do lembrete").optional(),
  timezone: TimeZone.optional(),
}).refine((v) => Object.values(v).some((x) => x !== undefined), {
  message: "Informe ao menos uma configuração para alterar.",
}).refine(
  (v) => !v.horario_abertura || !v.horario_fechamento || v.horario_abertura < v.horario_fechamento,
  {
    message: "O horário de abertura deve ser anterior ao de fechamento.",
    path: ["horario_abertura"],
  },
);
export type ClinicaConfiguracaoInput = z.infer<typeof ClinicaConfiguracaoInput>;

export const ClinicaConfiguracao = z.object({
  horario_abertura: TimeOfDay,
  horario_fechamento: TimeOfDay,
  buffer_minutes: z.number().int(),
  proposta_validade_horas: z.number().int(),
  lembrete_horas_antes: z.number().int(),
  timezone: z.string(),
  updated_at: z.iso.datetime(),
});
export type ClinicaConfiguracao = z.infer<typeof ClinicaConfiguracao>;
