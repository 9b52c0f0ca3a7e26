/** Grades: the "Gestão de Grades" list and one grade, with names and counters. */
import type { Db, Sql } from "../../db/db.ts";
import { type Fragment, lit } from "../../db/sql.ts";
import { type Actor, recordEvent } from "../../events/record.ts";
import { notFound, unprocessable } from "../../http/errors.ts";
import type { RowOf } from "../../contract/define.ts";
import type { Grade, GradeListQuery, GradeUpdateInput } from "./schemas.ts";
import { agendaTopics, topic } from "../../events/topics.ts";
import { SLOT, STATUS } from "../../shared/statuses.ts";

type GradeRow = RowOf<typeof Grade>;

const gradeSelect = (sql: Sql) =>
  sql`
  select g.gradeagendaid, g.medicoid, g.especialidadeid, g.unidadeid, g.consultorioid,
    g.vigencia_inicio, g.vigencia_fim, g.overbooking, g.limite_encaixe, g.limitevagas, g.status, g.created_by,
    g.created_at, g.updated_at,
    m.nomecompleto as medico_nome, e.nome as especialidade_nome, u.nome as unidade_nome,
    c.nome as consultorio_nome, u.timezone,
    (select count(*) from ca_slotagenda s
      where s.gradeagendaid = g.gradeagendaid and s.status <> ${
    lit(SLOT.cancelado)
  })::int as slots_ativos,
    (select count(*) from ca_grade_dia_cancelado d
      where d.gradeagendaid = g.gradeagendaid and not d.restaurado)::int as dias_cancelados
  from ca_gradeagenda g
  join ca_medico m on m.medicoid = g.medicoid
  join ca_especialidade e on e.especialidadeid = g.especialidadeid
  join ca_unidade u on u.unidadeid = g.unidadeid
  left join ca_consultorio c on c.consultorioid = g.consultorioid`;

export async function listGrades(db: Db, q: GradeListQuery) {
  const { sql } = db;
  const conds: Fragment[] = [];
  if (q.unidadeid) conds.push(sql`and g.unidadeid = ${q.unidadeid}`);
  if (q.especialidadeid) conds.push(sql`and g.especialidadeid = ${q.especialidadeid}`);
  if (q.medicoid) conds.push(sql`and g.medicoid = ${q.medicoid}`);
  if (q.status !== "todos") conds.push(sql`and g.status = ${q.status}`);
  const where = sql.join(conds, sql` `);
  const [{ total }] = await sql<{ total: number }>`
    select count(*)::int as total from ca_gradeagenda g where true ${where}`;
  const items = await sql<GradeRow>`
    ${gradeSelect(sql)}
    where true ${where}
    order by lower(u.nome), lower(e.nome), lower(m.nomecompleto), g.gradeagendaid
    limit ${q.limit} offset ${(q.page - 1) * q.limit}`;
  return { items: [...items], total, page: q.page, limit: q.limit };
}

export async function getGrade(sql: Sql, id: number) {
  const [row] = await sql<GradeRow>`${gradeSelect(sql)} where g.gradeagendaid = ${id}`;
  if (!row) throw notFound("Grade");
  return row;
}

/**
 * Sets the grade's overbooking and/or its encaixe limit. The slots' own flag follows overbooking
 * from today on (past slots keep theirs), and the event names every day it touched so open
 * panels reload those days.
 */
export async function updateGrade(db: Db, actor: Actor, id: number, input: GradeUpdateInput) {
  return await db.begin(async (sql) => {
    const [locked] = await sql<{ status: string; timezone: string }>`
      select g.status, u.timezone from ca_gradeagenda g join ca_unidade u using (unidadeid)
      where g.gradeagendaid = ${id} for update of g`;
    if (!locked) throw notFound("Grade");
    if (locked.status !== STATUS.ativo) {
      throw unprocessable("grade_inativa", "Esta grade está inativa e não pode ser alterada.");
    }
    const before = await getGrade(sql, id);
    await sql`
      update ca_gradeagenda set
        overbooking = coalesce(${input.overbooking ?? null}::boolean, overbooking),
        limite_encaixe = coalesce(${input.limite_encaixe ?? null}::smallint, limite_encaixe),
        updated_at = now()
      where gradeagendaid = ${id}`;
    if (input.overbooking !== undefined) {
      await sql`
        update ca_slotagenda set isoverbooking = ${input.overbooking}::boolean, updated_at = now()
        where gradeagendaid = ${id} and isoverbooking <> ${input.overbooking}::boolean
          and data >= (now() at time zone ${locked.timezone})::date`;
    }
    const after = await getGrade(sql, id);
    const dias = await sql<{ data: string }>`
      select distinct data from ca_slotagenda
      where gradeagendaid = ${id} and data >= (now() at time zone ${locked.timezone})::date
      order by data limit 400`;
    await recordEvent(sql, actor, {
      kind: "grade.atualizada",
      entity: "gradeagenda",
      entityId: id,
      topics: [...agendaTopics(after), ...dias.map((d) => topic.data(d.data))],
      before: { overbooking: before.overbooking, limite_encaixe: before.limite_encaixe },
      after: { overbooking: after.overbooking, limite_encaixe: after.limite_encaixe },
    });
    return after;
  });
}
