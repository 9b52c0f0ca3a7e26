/** Especialidades: configuration rows with soft delete and a vagas distribution per tipo de slot. */
import type { Db } from "../../db/db.ts";
import { type Actor, recordEvent } from "../../events/record.ts";
import { KIND } from "../../events/kinds.ts";
import { conflict, pgError, unprocessable } from "../../http/errors.ts";
import { changeStatus, type SoftDeletable } from "../../shared/soft_delete.ts";
import { STATUS } from "../../shared/statuses.ts";
import type {
  EspecialidadeCreate,
  EspecialidadeListQuery,
  EspecialidadeUpdate,
} from "./schemas.ts";
import { recordCotasChange, replaceCotas, sumOf, vagasMismatch } from "./cotas_service.ts";
import {
  contains,
  type EspecialidadeRow,
  getEspecialidade,
  lockEspecialidade,
  SELECT,
  topicsOf,
} from "./queries.ts";
import { lit } from "../../db/sql.ts";

function mapUnique(err: unknown): never {
  if (pgError(err).constraint === "ca_especialidade_nome_uq") {
    throw conflict("especialidade_duplicada", "Já existe uma especialidade com este nome.");
  }
  throw err;
}

export async function listEspecialidades(db: Db, q: EspecialidadeListQuery) {
  const { sql } = db;
  const status = q.status === "todos" ? sql`` : sql`and e.status = ${q.status}`;
  const search = q.search
    ? sql`and ca_unaccent(e.nome) ilike ca_unaccent(${contains(q.search)})`
    : sql``;
  return await sql<EspecialidadeRow>`${
    SELECT(sql)
  } where true ${status} ${search} order by lower(ca_unaccent(e.nome))`;
}

export async function createEspecialidade(db: Db, actor: Actor, input: EspecialidadeCreate) {
  return await db.begin(async (sql) => {
    const [{ especialidadeid: id }] = await sql<{ especialidadeid: number }>`
      insert into ca_especialidade (nome, limitevagas, duracao_minutos)
      values (${input.nome}, ${input.limitevagas}, ${input.duracao_minutos})
      returning especialidadeid`;
    if (input.cotas) await replaceCotas(sql, id, input.limitevagas, input.cotas);
    const after = await getEspecialidade(sql, id);
    await recordEvent(sql, actor, {
      kind: "especialidade.criada",
      entity: "especialidade",
      entityId: id,
      topics: topicsOf(id),
      after,
    });
    return after;
  }).catch(mapUnique);
}

/**
 * Changing limitevagas keeps the cotas rule: either the request brings the new distribution, or
 * the current one must already add up to the new limit.
 */
export async function updateEspecialidade(
  db: Db,
  actor: Actor,
  id: number,
  input: EspecialidadeUpdate,
) {
  return await db.begin(async (sql) => {
    const before = await lockEspecialidade(sql, id);
    const limite = input.limitevagas ?? (before.limitevagas);
    const atuais = before.cotas;
    if (input.cotas) {
      await replaceCotas(sql, id, limite, input.cotas);
    } else if (atuais.length > 0 && sumOf(atuais) !== limite) {
      throw vagasMismatch(sumOf(atuais), limite, true);
    }
    await sql`
      update ca_especialidade set
        nome = coalesce(${input.nome ?? null}, nome),
        limitevagas = ${limite},
        duracao_minutos = coalesce(${input.duracao_minutos ?? null}::smallint, duracao_minutos),
        updated_at = now()
      where especialidadeid = ${id}`;
    const after = await getEspecialidade(sql, id);
    await recordEvent(sql, actor, {
      kind: "especialidade.atualizada",
      entity: "especialidade",
      entityId: id,
      topics: topicsOf(id),
      before,
      after,
    });
    if (input.cotas) await recordCotasChange(sql, actor, id, before.cotas, after.cotas);
    return after;
  }).catch(mapUnique);
}

/**
 * Soft delete is refused while an active grade schedules this especialidade. Reactivation keeps
 * the invariant that an active especialidade only distributes vagas to active tipos (a tipo may
 * have been inactivated while the especialidade was inactive); the share lock serializes this
 * with a concurrent inactivation of one of those tipos.
 */
const ESPECIALIDADE: SoftDeletable<EspecialidadeRow> = {
  table: "ca_especialidade",
  idColumn: "especialidadeid",
  entity: "especialidade",
  nome: "Especialidade",
  feminino: true,
  read: getEspecialidade,
  topics: (row) => topicsOf(row.especialidadeid),
  kinds: { Inativo: KIND.especialidade.inativada, Ativo: KIND.especialidade.reativada },
  async check(sql, before, to) {
    const id = before.especialidadeid;
    if (to === STATUS.inativo) {
      const [{ n }] = await sql<{ n: number }>`
        select count(*)::int as n from ca_gradeagenda
        where especialidadeid = ${id} and status = ${lit(STATUS.ativo)}`;
      if (n > 0) {
        throw conflict(
          "especialidade_em_uso",
          "Há grades ativas desta especialidade. Inative as grades antes da especialidade.",
          { grades_ativas: n },
        );
      }
      return;
    }
    const tipos = await sql<{ tiposlotid: number; nome: string; status: string }>`
      select t.tiposlotid, t.nome, t.status
      from ca_especialidade_cota c join ca_tiposlot t using (tiposlotid)
      where c.especialidadeid = ${id} and c.vagas > 0
      order by t.tiposlotid for share of t`;
    const inativos = tipos.filter((t) => t.status === STATUS.inativo)
      .map(({ tiposlotid, nome }) => ({ tiposlotid, nome }));
    if (inativos.length > 0) {
      throw unprocessable(
        "cotas_tiposlot_inativo",
        "As cotas desta especialidade usam tipos de slot inativos. Redistribua as cotas antes de reativá-la.",
        { inativos },
      );
    }
  },
};

export function inactivateEspecialidade(db: Db, actor: Actor, id: number) {
  return db.begin((sql) => changeStatus(sql, actor, ESPECIALIDADE, id, STATUS.inativo));
}

export function reactivateEspecialidade(db: Db, actor: Actor, id: number) {
  return db.begin((sql) => changeStatus(sql, actor, ESPECIALIDADE, id, STATUS.ativo));
}
