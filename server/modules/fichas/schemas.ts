import { z } from "zod";
import { Id, Timestamp } from "../../shared/schemas.ts";

export const PacienteIdParam = z.object({ pacienteid: Id });

const MAX_BYTES = 100_000;

/** The record's content is free JSON (an object), bounded in size. */
export const FichaInput = z.object({
  conteudo: z.record(z.string(), z.unknown(), { error: "O conteúdo deve ser um objeto JSON." })
    .refine(
      (v) => new TextEncoder().encode(JSON.stringify(v)).length <= MAX_BYTES,
      "A ficha pode ter no máximo 100 KB.",
    ),
});
export type FichaInput = z.output<typeof FichaInput>;

export const Ficha = z.object({
  fichaid: z.number(),
  pacienteid: z.number(),
  conteudo: z.record(z.string(), z.unknown()),
  created_at: Timestamp,
  updated_at: Timestamp,
});
