/**
 * The event log. Every state change calls `recordEvent` inside its own transaction: the row is
 * the audit trail (who, what, before, after) and, through `pg_notify`, the live feed.
 *
 * @example
 * await db.begin(async (sql) => {
 *   const [after] = await sql`update ca_tiposlot set cor = ${cor} where tiposlotid = ${id} returning *`;
 *   await recordEvent(sql, actor, { kind: "tiposlot.atualizado", entity: "tiposlot", entityId: id, before, after });
 * });
 */
import type { Sql } from "../db/db.ts";
import type { Auth } from "../app_env.ts";
import type { EventKind } from "./kinds.ts";
import { assertEventTopics } from "./topics.ts";

export const EVENT_CHANNEL = "ca_evento";

export interface Actor {
  tipo: "admin" | "paciente" | "sistema";
  id: number | null;
  nome: string | null;
}

export const SYSTEM: Actor = { tipo: "sistema", id: null, nome: "Sistema" };

export function actorOf(auth: Auth | undefined): Actor {
  if (!auth) return SYSTEM;
  return auth.kind === "admin"
    ? { tipo: "admin", id: auth.usuarioid, nome: auth.nome }
    : { tipo: "paciente", id: auth.pacienteid, nome: auth.nome };
}

export interface EventInput {
  kind: EventKind;
  entity: string;
  entityId: string | number;
  /** Routing keys for live subscriptions (`./topics.ts`), e.g. `unidade:3`, `paciente:12`. */
  topics?: readonly string[];
  before?: unknown;
  after?: unknown;
}

/** Fields never copied into the log. */
const SECRET_FIELDS = new Set(["senhahash", "token_primeiro_acesso", "codigo_hash", "bytes"]);

function scrub(value: unknown): unknown {
  if (value === undefined || value === null) return null;
  if (typeof value !== "object" || Array.isArray(value) || value instanceof Date) return value;
  return Object.fromEntries(
    Object.entries(value as Record<string, unknown>).filter(([k]) => !SECRET_FIELDS.has(k)),
  );
}

export async function recordEvent(sql: Sql, actor: Actor, ev: EventInput): Promise<number> {
  assertEventTopics(ev.topics ?? []);
  const [row] = await sql<{ id: number }>`
    insert into ca_evento (actor_tipo, actor_id, actor_nome, kind, entity, entity_id, topics, before, after)
    values (${actor.tipo}, ${actor.id}, ${actor.nome}, ${ev.kind}, ${ev.entity}, ${
    String(ev.entityId)
  },
            ${ev.topics ?? []}, ${scrub(ev.before)}, ${scrub(ev.after)})
    returning id`;
  await sql`select pg_notify(${EVENT_CHANNEL}, ${String(row.id)})`;
  return row.id;
}
