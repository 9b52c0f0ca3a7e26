/**
 * Soft delete and reactivation, written once for every table with a `status` Ativo/Inativo
 * column (especialidades, tipos de slot, consultórios, unidades, pacientes, médicos). One pair of
 * error codes (`ja_inativo`, `ja_ativo`), the row locked before the module's own rule runs, and
 * an event with the whole row before and after.
 *
 * @example
 * const ESPECIALIDADE: SoftDeletable<EspecialidadeRow> = {
 *   table: "ca_especialidade", idColumn: "especialidadeid", entity: "especialidade",
 *   nome: "Especialidade", feminino: true, read: getEspecialidade, topics: (r) => topicsOf(r.especialidadeid),
 *   kinds: { Inativo: KIND.especialidade.inativada, Ativo: KIND.especialidade.reativada },
 * };
 * await db.begin((sql) => changeStatus(sql, actor, ESPECIALIDADE, id, STATUS.inativo));
 */
import type { Sql } from "../db/db.ts";
import type { EventKind } from "../events/kinds.ts";
import { type Actor, recordEvent } from "../events/record.ts";
import { conflict, notFound } from "../http/errors.ts";
import { STATUS, type Status } from "./statuses.ts";
import { type EventTopic } from "../events/topics.ts";

export interface SoftDeletable<Row> {
  table: `ca_${string}`;
  idColumn: string;
  /** `ca_evento.entity`. */
  entity: string;
  /** Name for messages, capitalised ("Consultório"): 404 text and "Este consultório já…". */
  nome: string;
  feminino?: boolean;
  /** The whole row as the API answers it; it is also the event's before and after. */
  read(sql: Sql, id: number): Promise<Row>;
  topics(row: Row): readonly EventTopic[];
  kinds: Record<Status, EventKind>;
  /** The module's own rule, run with the row locked; throws to refuse the change. */
  check?(sql: Sql, before: Row, to: Status): Promise<void>;
  /** What else the change does in the same transaction (e.g. end portal sessions). */
  after?(sql: Sql, row: Row, to: Status): Promise<void>;
  /** What the event keeps of a row, when it differs from what the API answers. */
  snapshot?(row: Row): unknown;
}

/**
 * Sets `status = to` on one row inside the caller's transaction: 404 when the row does not
 * exist, 409 `ja_inativo`/`ja_ativo` when it is already there, the module's `check`, then the
 * update and one `ca_evento` row. Answers the row after the change.
 */
export async function changeStatus<Row>(
  sql: Sql,
  actor: Actor,
  spec: SoftDeletable<Row>,
  id: number,
  to: Status,
): Promise<Row> {
  const table = sql.ident(spec.table);
  const idColumn = sql.ident(spec.idColumn);
  const [locked] = await sql<{ status: Status }>`
    select status from ${table} where ${idColumn} = ${id} for update`;
  if (!locked) throw notFound(spec.nome);
  if (locked.status === to) throw alreadyThere(spec, to);
  const before = await spec.read(sql, id);
  await spec.check?.(sql, before, to);
  await sql`update ${table} set status = ${to}, updated_at = now() where ${idColumn} = ${id}`;
  const after = await spec.read(sql, id);
  await spec.after?.(sql, after, to);
  const snapshot = spec.snapshot ?? ((row: Row) => row);
  await recordEvent(sql, actor, {
    kind: spec.kinds[to],
    entity: spec.entity,
    entityId: id,
    topics: spec.topics(after),
    before: snapshot(before),
    after: snapshot(after),
  });
  return after;
}

function alreadyThere(spec: SoftDeletable<unknown>, to: Status) {
  const a = spec.feminino ? "a" : "o";
  const este = spec.feminino ? "Esta" : "Este";
  const what = `${este} ${spec.nome.toLowerCase()} já está ${
    to === STATUS.inativo ? "inativ" : "ativ"
  }${a}.`;
  return to === STATUS.inativo ? conflict("ja_inativo", what) : conflict("ja_ativo", what);
}
