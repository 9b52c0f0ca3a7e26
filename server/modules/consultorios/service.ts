/**
 * Consultórios. The write verbs take the transaction's `sql` so that the unidades module can run
 * the same rules inline (POST/PUT /api/unidades with `consultorios: [...]`) in its own
 * transaction; the HTTP wrappers at the bottom open one transaction each.
 *
 * Concurrency: every write locks the consultório row `for update`. A grade being inserted with
 * this consultorioid holds a key-share lock on the row (its foreign-key check), so the in-use
 * check runs only after such a grade commits, and sees it.
 */
import type { Deps } from "../../app_env.ts";
import type { Sql } from "../../db/db.ts";
import { type Fragment, lit } from "../../db/sql.ts";
import { type Actor, recordEvent } from "../../events/record.ts";
import { KIND } from "../../events/kinds.ts";
import { conflict, notFound, pgError, unprocessable } from "../../http/errors.ts";
import { changeStatus, type SoftDeletable } from "../../shared/soft_delete.ts";
import { STATUS, type Status } from "../../shared/statuses.ts";
import type {
  ConsultorioCreateInput,
  ConsultorioListQuery,
  ConsultorioUpdateInput,
  GradeEmUso,
} from "./schemas.ts";
import { type EventTopic, TOPIC, topic } from "../../events/topics.ts";

export interface ConsultorioRow {
  consultorioid: number;
  unidadeid: number;
  unidade_nome: string;
  unidade_status: Status;
  nome: string;
  status: Status;
  created_at: Date;
  updated_at: Date;
}

/** `%text%` for LIKE, with the user's own wildcards escaped. */
export function containsPattern(text: string): string {
  return `%${text.replace(/[\\%_]/g, "\\$&")}%`;
}

const topicsOf = (...unidadeids: number[]): EventTopic[] => [
  TOPIC.config,
  ...new Set(unidadeids.map(topic.unidade)),
];

async function selectConsultorios(sql: Sql, where: Fragment) {
  return await sql<ConsultorioRow>`
    select c.consultorioid, c.unidadeid, u.nome as unidade_nome, u.status as unidade_status,
           c.nome, c.status, c.created_at, c.updated_at
    from ca_consultorio c join ca_unidade u using (unidadeid)
    where ${where}
    order by u.nome, lower(ca_unaccent(c.nome)), c.consultorioid`;
}

async function readConsultorio(sql: Sql, id: number): Promise<ConsultorioRow> {
  const [row] = await selectConsultorios(sql, sql`c.consultorioid = ${id}`);
  if (!row) throw notFound("Consultório");
  return row;
}

/** Locks the consultório row for this transaction; 404 when it does not exist. */
async function lockConsultorio(sql: Sql, id: number): Promise<ConsultorioRow> {
  const [locked] = await sql`select 1 from ca_consultorio where consultorioid = ${id} for update`;
  if (!locked) throw notFound("Consultório");
  return readConsultorio(sql, id);
}

/**
 * The unidade a consultório is created in, moved to or reactivated under: it must exist and be
 * Ativo. `for share` keeps it from being inactivated until this transaction ends.
 */
export async function lockActiveUnidade(sql: Sql, unidadeid: number) {
  const [u] = await sql<{ unidadeid: number; nome: string; status: string }>`
    select unidadeid, nome, status from ca_unidade where unidadeid = ${unidadeid} for share`;
  if (!u) {
    throw unprocessable("unidade_inexistente", "A unidade informada não existe.", { unidadeid });
  }
  if (u.status !== STATUS.ativo) {
    throw unprocessable(
      "unidade_inativa",
      `A unidade "${u.nome}" está inativa. Reative a unidade antes de alterar seus consultórios.`,
      { unidadeid },
    );
  }
  return u;
}

/** Active grades that use the consultório, for the 409 of an inactivation or a move. */
export async function activeGradesOf(
  sql: Sql,
  by: { consultorioid: number } | { unidadeid: number },
): Promise<GradeEmUso[]> {
  const where = "consultorioid" in by
    ? sql`g.consultorioid = ${by.consultorioid}`
    : sql`g.unidadeid = ${by.unidadeid}`;
  return await sql<GradeEmUso>`
    select g.gradeagendaid, g.medicoid, m.nomecompleto as medico, g.especialidadeid,
           e.nome as especialidade, g.vigencia_inicio, g.vigencia_fim
    from ca_gradeagenda g
    join ca_medico m on m.medicoid = g.medicoid
    join ca_especialidade e on e.especialidadeid = g.especialidadeid
    where ${where} and g.status = ${lit(STATUS.ativo)}
    order by g.gradeagendaid`;
}

async function refuseIfInUse(sql: Sql, c: ConsultorioRow, acao: string) {
  const grades = await activeGradesOf(sql, { consultorioid: c.consultorioid });
  if (grades.length > 0) {
    throw conflict(
      "consultorio_em_uso",
      `Não é possível ${acao} o consultório "${c.nome}": ${grades.length} grade(s) ativa(s) o ` +
        `utilizam. Inative ou altere essas grades antes.`,
      { grades },
    );
  }
}

/** Friendly 409 before the write; the unique index stays the guard against races. */
async function refuseDuplicate(sql: Sql, unidadeid: number, nome: string, exceptId?: number) {
  const [dup] = await sql<{ consultorioid: number; nome: string; status: string }>`
    select consultorioid, nome, status from ca_consultorio
    where unidadeid = ${unidadeid} and lower(ca_unaccent(nome)) = lower(ca_unaccent(${nome}))
      and consultorioid <> ${exceptId ?? 0}`;
  if (dup) throw duplicate(nome, dup);
}

function duplicate(nome: string, existing?: { consultorioid: number; status: string }) {
  const inativo = existing?.status === STATUS.inativo
    ? " (inativo: reative-o em vez de criar outro)"
    : "";
  return conflict(
    "consultorio_duplicado",
    `Já existe um consultório chamado "${nome}" nesta unidade${inativo}.`,
    existing ? { consultorioid: existing.consultorioid, status: existing.status } : undefined,
  );
}

function onUniqueViolation(nome: string) {
  return (err: unknown): never => {
    const { code, constraint } = pgError(err);
    if (code === "23505" && constraint === "ca_consultorio_nome_uq") throw duplicate(nome);
    throw err;
  };
}

// ------------------------------------------------------------------ verbs inside a transaction

export async function insertConsultorio(
  sql: Sql,
  actor: Actor,
  input: { unidadeid: number; nome: string; status?: Status },
): Promise<ConsultorioRow> {
  await lockActiveUnidade(sql, input.unidadeid);
  await refuseDuplicate(sql, input.unidadeid, input.nome);
  const [{ consultorioid }] = await sql<{ consultorioid: number }>`
    insert into ca_consultorio (unidadeid, nome, status)
    values (${input.unidadeid}, ${input.nome}, ${input.status ?? STATUS.ativo})
    returning consultorioid`.catch(onUniqueViolation(input.nome));
  const after = await readConsultorio(sql, consultorioid);
  await recordEvent(sql, actor, {
    kind: "consultorio.criado",
    entity: "consultorio",
    entityId: consultorioid,
    topics: topicsOf(input.unidadeid),
    after,
  });
  return after;
}

export async function changeConsultorio(
  sql: Sql,
  actor: Actor,
  id: number,
  input: ConsultorioUpdateInput,
): Promise<ConsultorioRow> {
  const before = await lockConsultorio(sql, id);
  const unidadeid = input.unidadeid ?? before.unidadeid;
  const nome = input.nome ?? before.nome;
  const moving = unidadeid !== before.unidadeid;
  if (!moving && nome === before.nome) return before;
  if (moving) {
    await lockActiveUnidade(sql, unidadeid);
    // A grade keeps its own unidadeid: moving its room away would split the two.
    await refuseIfInUse(sql, before, "mover");
  }
  await refuseDuplicate(sql, unidadeid, nome, id);
  await sql`
    update ca_consultorio set nome = ${nome}, unidadeid = ${unidadeid}, updated_at = now()
    where consultorioid = ${id}`.catch(onUniqueViolation(nome));
  const after = await readConsultorio(sql, id);
  await recordEvent(sql, actor, {
    kind: "consultorio.atualizado",
    entity: "consultorio",
    entityId: id,
    topics: topicsOf(before.unidadeid, unidadeid),
    before,
    after,
  });
  return after;
}

/** Inactivation refuses a room an active grade uses; reactivation needs its unidade Ativo. */
const CONSULTORIO: SoftDeletable<ConsultorioRow> = {
  table: "ca_consultorio",
  idColumn: "consultorioid",
  entity: "consultorio",
  nome: "Consultório",
  read: readConsultorio,
  topics: (row) => topicsOf(row.unidadeid),
  kinds: { Inativo: KIND.consultorio.inativado, Ativo: KIND.consultorio.reativado },
  async check(sql, before, to) {
    if (to === STATUS.inativo) await refuseIfInUse(sql, before, "inativar");
    else await lockActiveUnidade(sql, before.unidadeid);
  },
};

export function inactivateConsultorio(sql: Sql, actor: Actor, id: number) {
  return changeStatus(sql, actor, CONSULTORIO, id, STATUS.inativo);
}

export function reactivateConsultorio(sql: Sql, actor: Actor, id: number) {
  return changeStatus(sql, actor, CONSULTORIO, id, STATUS.ativo);
}

// ------------------------------------------------------------------ HTTP-level verbs

export async function listConsultorios(deps: Deps, q: ConsultorioListQuery) {
  const { sql } = deps.db;
  const conds = [sql`true`];
  if (q.unidadeid) conds.push(sql`c.unidadeid = ${q.unidadeid}`);
  if (q.status !== "todos") conds.push(sql`c.status = ${q.status}`);
  if (q.search) {
    conds.push(
      sql`lower(ca_unaccent(c.nome)) like lower(ca_unaccent(${containsPattern(q.search)}))`,
    );
  }
  return [...await selectConsultorios(sql, sql.join(conds, sql` and `))];
}

export function getConsultorio(deps: Deps, id: number) {
  return readConsultorio(deps.db.sql, id);
}

export function createConsultorio(deps: Deps, actor: Actor, input: ConsultorioCreateInput) {
  return deps.db.begin((sql) => insertConsultorio(sql, actor, input));
}

export function updateConsultorio(
  deps: Deps,
  actor: Actor,
  id: number,
  input: ConsultorioUpdateInput,
) {
  return deps.db.begin((sql) => changeConsultorio(sql, actor, id, input));
}

export function deleteConsultorio(deps: Deps, actor: Actor, id: number) {
  return deps.db.begin((sql) => inactivateConsultorio(sql, actor, id));
}

export function restoreConsultorio(deps: Deps, actor: Actor, id: number) {
  return deps.db.begin((sql) => reactivateConsultorio(sql, actor, id));
}
