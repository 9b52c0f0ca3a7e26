import { z } from "zod";
import { DateOnly, Id } from "../../shared/schemas.ts";

export const DayStatsParam = z.object({ date: DateOnly });

export const DayStatsQuery = z.object({
  unidadeid: Id.optional(),
  especialidadeid: Id.optional(),
  medicoid: Id.optional(),
});
export type DayStatsQuery = z.infer<typeof DayStatsQuery>;

/** Counts of one group; `slots`, `vagas`, `ocupadas`, `livres` cover the non-cancelled slots. */
const Counts = z.object({
  slots: z.number(),
  vagas: z.number(),
  ocupadas: z.number(),
  livres: z.number(),
  canceladas: z.number(),
  medicos: z.number(),
  especialidades: z.number(),
});

export const DayStats = z.object({
  data: z.string(),
  totais: Counts,
  por_especialidade: z.array(Counts.extend({ especialidadeid: z.number(), nome: z.string() })),
  por_medico: z.array(Counts.extend({ medicoid: z.number(), nome: z.string() })),
  por_tiposlot: z.array(
    Counts.extend({ tiposlotid: z.number(), nome: z.string(), cor: z.string() }),
  ),
});
export type DayStats = z.infer<typeof DayStats>;
