/** What the scheduled jobs read about an agendamento, and the idempotency mark they write. */
import type { Sql } from "../db/db.ts";
import type { Local } from "../notify/templates.ts";
import { lit } from "../db/sql.ts";
import { AGENDAMENTO_MARCADOS, SLOT } from "../shared/statuses.ts";

export interface AgendamentoJob {
  agendamentoid: number;
  slotagendaid: number;
  protocolo: string;
  status: string;
  seguro_status: string;
  pacienteid: number;
  paciente: string;
  datainicio: Date;
  /** Local calendar day of the slot at the unidade (YYYY-MM-DD). */
  data: string;
  unidadeid: number;
  medicoid: number;
  especialidadeid: number;
  medico: string;
  especialidade: string;
  timezone: string;
  unidade: Local;
}

/** An agendamento that still expects the patient, in a slot that still happens. */
const LIVE = (sql: Sql) =>
  sql`a.status in (${lit(AGENDAMENTO_MARCADOS)}) and s.status <> ${lit(SLOT.cancelado)}`;

/**
 * Ids of live agendamentos whose slot starts within the next `horas` hours and that `job` has
 * not handled yet. `extra` narrows the candidates (e.g. only patients with a credential).
 */
export async function candidates(
  sql: Sql,
  job: string,
  horas: number,
  extra = sql``,
  limit = 500,
): Promise<number[]> {
  const rows = await sql<{ agendamentoid: number }>`
    select a.agendamentoid
    from ca_agendamento a
    join ca_slotagenda s on s.slotagendaid = a.slotagendaid
    where ${LIVE(sql)}
      and s.datainicio > now() and s.datainicio <= now() + make_interval(hours => ${horas})
      and not exists (
        select 1 from ca_job_execucao j
        where j.job = ${job} and j.chave = a.agendamentoid || ':' || a.slotagendaid)
      ${extra}
    order by s.datainicio, a.agendamentoid
    limit ${limit}`;
  return rows.map((r) => r.agendamentoid);
}

/**
 * Locks one agendamento and reads everything a message needs, or null when it no longer
 * qualifies (cancelled, moved out of the window) since the candidates were listed.
 */
export async function lockAgendamento(
  sql: Sql,
  agendamentoid: number,
  horas: number,
): Promise<AgendamentoJob | null> {
  const [row] = await sql<
    Omit<AgendamentoJob, "unidade"> & {
      unidade_nome: string;
      logradouro: string | null;
      numero: string | null;
      complemento: string | null;
      bairro: string | null;
      cidade: string | null;
      uf: string | null;
    }
  >`
    select a.agendamentoid, a.slotagendaid, a.protocolo, a.status, a.seguro_status, a.pacienteid,
           p.nomecompleto as paciente,
           s.datainicio, s.data, s.unidadeid, s.medicoid, s.especialidadeid,
           m.nomecompleto as medico, e.nome as especialidade, u.timezone,
           u.nome as unidade_nome, u.logradouro, u.numero, u.complemento, u.bairro, u.cidade, u.uf
    from ca_agendamento a
    join ca_slotagenda s on s.slotagendaid = a.slotagendaid
    join ca_paciente p on p.pacienteid = a.pacienteid
    join ca_medico m on m.medicoid = s.medicoid
    join ca_especialidade e on e.especialidadeid = s.especialidadeid
    join ca_unidade u on u.unidadeid = s.unidadeid
    where a.agendamentoid = ${agendamentoid}
      and ${LIVE(sql)}
      and s.datainicio > now() and s.datainicio <= now() + make_interval(hours => ${horas})
    for update of a`;
  if (!row) return null;
  const { unidade_nome, logradouro, numero, complemento, bairro, cidade, uf, ...rest } = row;
  return {
    ...rest,
    unidade: { nome: unidade_nome, logradouro, numero, complemento, bairro, cidade, uf },
  };
}

/**
 * Marks `job` done for this agendamento and slot. False when it was already done (another run
 * or instance got there first): the caller then does nothing.
 */
export async function markDone(sql: Sql, job: string, a: AgendamentoJob): Promise<boolean> {
  const rows = await sql`
    insert into ca_job_execucao (job, chave) values (${job}, ${`${a.agendamentoid}:${a.slotagendaid}`})
    on conflict do nothing
    returning job`;
  return rows.length === 1;
}

/** The fields every consultation template shares. */
export function consultaOf(a: AgendamentoJob) {
  return {
    paciente: a.paciente,
    inicio: a.datainicio,
    timezone: a.timezone,
    medico: a.medico,
    especialidade: a.especialidade,
    unidade: a.unidade,
  };
}
