import { z } from "zod";
import { DateOnly, Id, QueryInt } from "../../shared/schemas.ts";

/** An event id in the query string (bigint in the table): plain digits, up to 15. */
const EventId = z.preprocess(
  (v) => (typeof v === "string" && /^\d{1,15}$/.test(v) ? Number(v) : v),
  z.number({ error: "Cursor inválido." }).int("Cursor inválido.").positive("Cursor inválido."),
);

/** Names as the writers spell them (`agendamento`, `agendamento.criado`). */
const Name = (what: string) =>
  z.string().trim().min(1).max(80).regex(/^[a-z0-9_.]+$/, `${what} inválido.`);

/**
 * The entities the event log records, as the writers spell them (`recordEvent`'s `entity`), with
 * their label in the console's filter. `entities_test.ts` checks every literal `entity:` of the
 * server is here, so the filter never offers a name nothing is recorded under.
 */
export const AUDIT_ENTITIES = {
  agendamento: "Agendamento",
  backlog: "Solicitação (fila)",
  cancelamento_massa: "Cancelamento em massa",
  clinica_configuracao: "Configuração da clínica",
  consultorio: "Consultório",
  especialidade: "Especialidade",
  ficha: "Ficha clínica",
  gradeagenda: "Grade",
  lock: "Reserva de horário",
  medico: "Médico",
  notificacao: "Notificação",
  paciente: "Paciente",
  plano: "Plano de tratamento",
  seguro_credencial: "Carteirinha de convênio",
  tiposlot: "Tipo de slot",
  unidade: "Unidade",
  usuario: "Usuário",
} as const satisfies Record<string, string>;

/**
 * GET /api/auditoria: every filter optional, newest first (by time, then id). `after` is the
 * `next` of the previous page (an event id: the items listed after it); `de`/`ate` are days in
 * the clinic's zone.
 */
export const AuditoriaQuery = z.object({
  entity: Name("Entidade").optional(),
  entity_id: z.string().trim().min(1).max(100).optional(),
  kind: Name("Tipo de evento").optional(),
  actor_tipo: z.enum(["admin", "paciente", "sistema"], {
    error: "Tipo de autor inválido: use admin, paciente ou sistema.",
  }).optional(),
  actor_id: Id.optional(),
  de: DateOnly.optional(),
  ate: DateOnly.optional(),
  after: EventId.optional(),
  limit: QueryInt("Limite inválido: de 1 a 200.", 1, 200).default(50),
}).refine((q) => !q.de || !q.ate || q.de <= q.ate, {
  message: "A data final deve ser igual ou posterior à inicial.",
  path: ["ate"],
}).refine((q) => !q.actor_id || q.actor_tipo, {
  message: "Informe o tipo do autor junto com o identificador.",
  path: ["actor_id"],
}).refine((q) => !q.entity_id || q.entity, {
  message: "Informe a entidade junto com o identificador.",
  path: ["entity_id"],
});
export type AuditoriaQuery = z.output<typeof AuditoriaQuery>;

/** Who made the change, as recorded at the time (the name is the one they had then). */
export const AuditoriaActor = z.object({
  tipo: z.enum(["admin", "paciente", "sistema"]),
  id: z.number().int().nullable(),
  nome: z.string().nullable(),
});

/** One state change: what it was, on what, by whom, when, and the record before and after. */
export const AuditoriaItem = z.object({
  id: z.number().int(),
  at: z.string(),
  actor: AuditoriaActor,
  kind: z.string(),
  entity: z.string(),
  entity_id: z.string(),
  before: z.unknown().nullable(),
  after: z.unknown().nullable(),
});
export type AuditoriaItem = z.infer<typeof AuditoriaItem>;

/** A page; `next` is the `after` of the following page, null on the last one. */
export const AuditoriaPage = z.object({
  items: z.array(AuditoriaItem),
  next: z.number().int().nullable(),
});
export type AuditoriaPage = z.infer<typeof AuditoriaPage>;
