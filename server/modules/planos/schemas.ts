import { z } from "zod";
import { Id, OptionalText } from "../../shared/schemas.ts";

export const PlanoCreate = z.object({
  pacienteid: Id,
  titulo: z.string({ error: "Informe o título do plano." }).trim()
    .min(3, "O título deve ter ao menos 3 caracteres.").max(200),
  descricao: OptionalText(2000),
});
export type PlanoCreate = z.output<typeof PlanoCreate>;

export const PlanoListQuery = z.object({ pacienteid: Id.optional() });
export const AddConsultaInput = z.object({ agendamentoid: Id });

export const Plano = z.object({
  planoid: z.number(),
  pacienteid: z.number(),
  titulo: z.string(),
  descricao: z.string().nullable(),
  status: z.enum(["Ativo", "Concluído", "Cancelado"]),
  created_by: z.number().nullable(),
  created_at: z.coerce.date(),
  updated_at: z.coerce.date(),
});
