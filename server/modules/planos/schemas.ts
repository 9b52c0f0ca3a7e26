import { z } from "zod";
import { Id, OptionalText, Timestamp } from "../../shared/schemas.ts";
import { AgendamentoDetail } from "../agendamentos/schemas.ts";
import { PLANO_STATUSES } from "../../shared/statuses.ts";

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
  status: z.enum(PLANO_STATUSES),
  created_by: z.number().nullable(),
  created_at: Timestamp,
  updated_at: Timestamp,
});

/** `GET /api/planos`: newest first, at most 200. */
export const PlanoList = z.object({
  items: z.array(Plano.extend({ paciente_nome: z.string(), consultas: z.number() })),
});

/** `GET /api/planos/:id`: the plan with its agendamentos in time order. */
export const PlanoDetalhe = Plano.extend({
  paciente_nome: z.string(),
  agendamentos: z.array(AgendamentoDetail),
});
