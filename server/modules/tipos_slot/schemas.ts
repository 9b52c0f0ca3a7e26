import { z } from "zod";
import { OptionalText } from "../../shared/schemas.ts";
import { STATUS, STATUS_FILTROS, STATUSES } from "../../shared/statuses.ts";

/** Origin channels a tipo de slot serves (CHECK of ca_tiposlot.canalorigem). */
export const CanaisOrigem = ["Todos", "ADM", "Portal", "Programa Municipal"] as const;
export const CanalOrigem = z.enum(CanaisOrigem, {
  error: `Canal de origem inválido: use ${CanaisOrigem.join(", ")}.`,
});

const Nome = z.string({ error: "Nome é obrigatório." }).trim()
  .min(2, "O nome deve ter ao menos 2 caracteres.").max(80, "O nome deve ter até 80 caracteres.");
const Cor = z.string({ error: "Cor inválida: use #RRGGBB." }).trim()
  .regex(/^#[0-9A-Fa-f]{6}$/, "Cor inválida: use #RRGGBB.").transform((v) => v.toUpperCase());
const Agendavel = z.boolean({ error: "agendavel deve ser verdadeiro ou falso." });

export const TipoSlotCreate = z.object({
  nome: Nome,
  finalidade: OptionalText(500),
  canalorigem: CanalOrigem.default("Todos"),
  cor: Cor.default("#3B82F6"),
  agendavel: Agendavel.default(true),
});
export type TipoSlotCreate = z.infer<typeof TipoSlotCreate>;

export const TipoSlotUpdate = z.object({
  nome: Nome.optional(),
  finalidade: OptionalText(500).optional(),
  canalorigem: CanalOrigem.optional(),
  cor: Cor.optional(),
  agendavel: Agendavel.optional(),
}).refine((v) => Object.values(v).some((x) => x !== undefined), {
  message: "Informe ao menos um campo para alterar.",
});
export type TipoSlotUpdate = z.infer<typeof TipoSlotUpdate>;

export const TipoSlotListQuery = z.object({
  status: z.enum(STATUS_FILTROS, {
    error: "Status inválido: use Ativo, Inativo ou todos.",
  }).default(STATUS.ativo),
  search: z.string().trim().max(80).optional(),
});
export type TipoSlotListQuery = z.infer<typeof TipoSlotListQuery>;

export const TipoSlot = z.object({
  tiposlotid: z.number(),
  nome: z.string(),
  finalidade: z.string().nullable(),
  status: z.enum(STATUSES),
  canalorigem: CanalOrigem,
  cor: z.string(),
  agendavel: z.boolean(),
  created_at: z.string(),
  updated_at: z.string(),
});
export type TipoSlot = z.infer<typeof TipoSlot>;
export const TipoSlotList = z.array(TipoSlot);
