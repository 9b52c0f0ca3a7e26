/** Reads shared by the especialidade and cotas services. */
import type { Sql } from "../../db/db.ts";
import { notFound } from "../../http/errors.ts";
import type { Cota } from "./schemas.ts";
import { type EventTopic, TOPIC, topic } from "../../events/topics.ts";
import { lit } from "../../db/sql.ts";
import { STATUS, type Status } from "../../shared/statuses.ts";

export const topicsOf = (id: number): EventTopic[] => [TOPIC.config, topic.especialidade(id)];

/** `%term%` for ILIKE with the user's wildcards escaped. */
export const contains = (term: string) => `%${term.replace(/[\\%_]/g, "\\$&")}%`;

export interface EspecialidadeRow {
  especialidadeid: number;
  nome: string;
  limitevagas: number;
  duracao_minutos: number;
  status: Status;
  created_at: Date;
  updated_at: Date;
  total_medicos: number;
  cotas: Cota[];
}

/** One especialidade with its cotas and the count of its active médicos. */
export const SELECT = (sql: Sql) =>
  sql`
  select e.especialidadeid, e.nome, e.limitevagas, e.duracao_minutos, e.status,
         e.created_at, e.updated_at,
         (select count(*)::int from ca_medico_especialidade me join ca_medico m using (medicoid)
          where me.especialidadeid = e.especialidadeid and m.status = ${
    lit(STATUS.ativo)
  }) as total_medicos,
         coalesce((
           select jsonb_agg(jsonb_build_object(
                    'tiposlotid', t.tiposlotid, 'nome', t.nome, 'cor', t.cor, 'status', t.status,
                    'agendavel', t.agendavel, 'vagas', c.vagas) order by t.nome)
           from ca_especialidade_cota c join ca_tiposlot t using (tiposlotid)
           where c.especialidadeid = e.especialidadeid), '[]'::jsonb) as cotas
  from ca_especialidade e`;

export async function getEspecialidade(sql: Sql, id: number): Promise<EspecialidadeRow> {
  const [row] = await sql<EspecialidadeRow>`${SELECT(sql)} where e.especialidadeid = ${id}`;
  if (!row) throw notFound("Especialidade");
  return row;
}

/** Locks the row until the transaction ends, then answers it with its cotas. */
export async function lockEspecialidade(sql: Sql, id: number): Promise<EspecialidadeRow> {
  const [row] = await sql`
    select 1 from ca_especialidade where especialidadeid = ${id} for update`;
  if (!row) throw notFound("Especialidade");
  return await getEspecialidade(sql, id);
}

/** The portal's view of a row (see `EspecialidadePortal`). */
export const forPaciente = (row: EspecialidadeRow) => ({
  especialidadeid: row.especialidadeid,
  nome: row.nome,
  duracao_minutos: row.duracao_minutos,
});
