/** Tipos de slot: configuration rows with soft delete (nome, finalidade, canal, cor, agendável). */
import type { Db, Sql } from "../../db/db.ts";
import { type Actor, recordEvent } from "../../events/record.ts";
import { KIND } from "../../events/kinds.ts";
import { conflict, notFound, pgError } from "../../http/errors.ts";
import type { RowOf } from "../../contract/define.ts";
import { changeStatus, type SoftDeletable } from "../../shared/soft_delete.ts";
import { STATUS } from "../../shared/statuses.ts";
import type { TipoSlot, TipoSlotCreate, TipoSlotListQuery, TipoSlotUpdate } from "./schemas.ts";
import { TOPIC } from "../../events/topics.ts";
import { lit } from "../../db/sql.ts";

type TipoSlotRow = RowOf<typeof TipoSlot>;

const TOPICS = [TOPIC.config];

const COLUMNS = (sql: Sql) =>
  sql`tiposlotid, nome, finalidade, status, canalorigem, cor, agendavel, created_at, updated_at`;

/** `%term%` for ILIKE with the user's wildcards escaped. */
const contains = (term: string) => `%${term.replace(/[\\%_]/g, "\\$&")}%`;

/** Unique-name violations answer 409; anything else goes to the shared handler. */
function mapUnique(err: unknown): never {
  if (pgError(err).constraint === "ca_tiposlot_nome_uq") {
    throw conflict("tiposlot_duplicado", "Já existe um tipo de slot com este nome.");
  }
  throw err;
}

export async function listTiposSlot(db: Db, q: TipoSlotListQuery) {
  const { sql } = db;
  const status = q.status === "todos" ? sql`` : sql`and status = ${q.status}`;
  const search = q.search
    ? sql`and ca_unaccent(nome) ilike ca_unaccent(${contains(q.search)})`
    : sql``;
  return await sql<TipoSlotRow>`
    select ${COLUMNS(sql)} from ca_tiposlot
    where true ${status} ${search}
    order by lower(ca_unaccent(nome))`;
}

export async function getTipoSlot(sql: Sql, id: number, lock = false) {
  const [row] = lock
    ? await sql<TipoSlotRow>`select ${
      COLUMNS(sql)
    } from ca_tiposlot where tiposlotid = ${id} for update`
    : await sql<TipoSlotRow>`select ${COLUMNS(sql)} from ca_tiposlot where tiposlotid = ${id}`;
  if (!row) throw notFound("Tipo de slot");
  return row;
}

export async function createTipoSlot(db: Db, actor: Actor, input: TipoSlotCreate) {
  return await db.begin(async (sql) => {
    const [after] = await sql<TipoSlotRow>`
      insert into ca_tiposlot (nome, finalidade, canalorigem, cor, agendavel)
      values (${input.nome}, ${input.finalidade}, ${input.canalorigem}, ${input.cor},
              ${input.agendavel})
      returning ${COLUMNS(sql)}`;
    await recordEvent(sql, actor, {
      kind: "tiposlot.criado",
      entity: "tiposlot",
      entityId: after.tiposlotid as number,
      topics: TOPICS,
      after,
    });
    return after;
  }).catch(mapUnique);
}

export async function updateTipoSlot(db: Db, actor: Actor, id: number, input: TipoSlotUpdate) {
  return await db.begin(async (sql) => {
    const before = await getTipoSlot(sql, id, true);
    const [after] = await sql<TipoSlotRow>`
      update ca_tiposlot set
        nome = coalesce(${input.nome ?? null}, nome),
        finalidade = ${input.finalidade === undefined ? sql`finalidade` : sql`${input.finalidade}`},
        canalorigem = coalesce(${input.canalorigem ?? null}, canalorigem),
        cor = coalesce(${input.cor ?? null}, cor),
        agendavel = coalesce(${input.agendavel ?? null}::boolean, agendavel),
        updated_at = now()
      where tiposlotid = ${id}
      returning ${COLUMNS(sql)}`;
    await recordEvent(sql, actor, {
      kind: "tiposlot.atualizado",
      entity: "tiposlot",
      entityId: id,
      topics: TOPICS,
      before,
      after,
    });
    return after;
  }).catch(mapUnique);
}

/**
 * Soft delete. A tipo still distributed (vagas > 0) in an active especialidade's cotas is in
 * use; the row lock here and the share lock taken when cotas are saved serialize the two.
 */
const TIPO_SLOT: SoftDeletable<TipoSlotRow> = {
  table: "ca_tiposlot",
  idColumn: "tiposlotid",
  entity: "tiposlot",
  nome: "Tipo de slot",
  read: (sql, id) => getTipoSlot(sql, id),
  topics: () => TOPICS,
  kinds: { Inativo: KIND.tiposlot.inativado, Ativo: KIND.tiposlot.reativado },
  async check(sql, before, to) {
    if (to !== STATUS.inativo) return;
    const uso = await sql<{ especialidadeid: number; nome: string; vagas: number }>`
      select e.especialidadeid, e.nome, c.vagas
      from ca_especialidade_cota c join ca_especialidade e using (especialidadeid)
      where c.tiposlotid = ${before.tiposlotid} and c.vagas > 0 and e.status = ${lit(STATUS.ativo)}
      order by e.nome`;
    if (uso.length > 0) {
      throw conflict(
        "tiposlot_em_uso",
        "Este tipo de slot está nas cotas de especialidades ativas. Redistribua as cotas antes de inativá-lo.",
        { especialidades: [...uso] },
      );
    }
  },
};

export function inactivateTipoSlot(db: Db, actor: Actor, id: number) {
  return db.begin((sql) => changeStatus(sql, actor, TIPO_SLOT, id, STATUS.inativo));
}

export function reactivateTipoSlot(db: Db, actor: Actor, id: number) {
  return db.begin((sql) => changeStatus(sql, actor, TIPO_SLOT, id, STATUS.ativo));
}
