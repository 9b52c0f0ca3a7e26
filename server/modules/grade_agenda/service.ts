/** Grades: the "Gestão de Grades" list and one grade, with names and counters. */
import type { Db, Sql } from "../../db/db.ts";
import type { Fragment } from "../../db/sql.ts";
import { notFound } from "../../http/errors.ts";
import type { RowOf } from "../../contract/define.ts";
import type { Grade, GradeListQuery } from "./schemas.ts";

type GradeRow = RowOf<typeof Grade>;

const gradeSelect = (sql: Sql) =>
  sql`
  select g.gradeagendaid, g.medicoid, g.especialidadeid, g.unidadeid, g.consultorioid,
    g.vigencia_inicio, g.vigencia_fim, g.overbooking, g.limitevagas, g.status, g.created_by,
    g.created_at, g.updated_at,
    m.nomecompleto as medico_nome, e.nome as especialidade_nome, u.nome as unidade_nome,
    c.nome as consultorio_nome, u.timezone,
    (select count(*) from ca_slotagenda s
      where s.gradeagendaid = g.gradeagendaid and s.status <> 'Cancelado')::int as slots_ativos,
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
