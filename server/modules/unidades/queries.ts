/** Reads of ca_unidade in the API shape, shared by every verb of the service. */
import type { Sql } from "../../db/db.ts";
import type { Fragment } from "../../db/sql.ts";
import { notFound } from "../../http/errors.ts";
import type { ClinicaConfiguracaoRow } from "../clinica/service.ts";
import { effectiveBufferMinutes, weeklyHours } from "./hours.ts";
import type { Unidade, UnidadePortal } from "./schemas.ts";
import { type EventTopic, TOPIC, topic } from "../../events/topics.ts";

export type UnidadeRow =
  & Omit<
    Unidade,
    "created_at" | "updated_at" | "buffer_minutes_efetivo" | "horarios"
  >
  & { created_at: Date; updated_at: Date };

export const topicsOf = (unidadeid: number): EventTopic[] => [
  TOPIC.config,
  topic.unidade(unidadeid),
];

/** Nested timestamps in the same ISO form `Date#toJSON` gives the top-level ones. */
const ISO = (col: string) => `to_char(${col} at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')`;

export async function selectUnidades(sql: Sql, where: Fragment) {
  return await sql<UnidadeRow>`
    select u.unidadeid, u.nome, u.tipo, u.status, u.logradouro, u.numero, u.complemento, u.bairro,
           u.cidade, u.uf, u.cep, u.telefone,
           to_char(u.horario_abertura, 'HH24:MI') as horario_abertura,
           to_char(u.horario_fechamento, 'HH24:MI') as horario_fechamento,
           u.dias_funcionamento, u.horarios_por_dia, u.timezone, u.buffer_minutes,
           u.realocacao_automatica, u.created_at, u.updated_at,
           coalesce((
             select jsonb_agg(jsonb_build_object(
                      'consultorioid', c.consultorioid, 'unidadeid', c.unidadeid, 'nome', c.nome,
                      'status', c.status,
                      'created_at', ${sql.raw(ISO("c.created_at"))},
                      'updated_at', ${sql.raw(ISO("c.updated_at"))})
                    order by lower(ca_unaccent(c.nome)), c.consultorioid)
             from ca_consultorio c where c.unidadeid = u.unidadeid
           ), '[]'::jsonb) as consultorios
    from ca_unidade u
    where ${where}
    order by lower(ca_unaccent(u.nome)), u.unidadeid`;
}

export async function readUnidade(sql: Sql, id: number): Promise<UnidadeRow> {
  const [row] = await selectUnidades(sql, sql`u.unidadeid = ${id}`);
  if (!row) throw notFound("Unidade");
  return row;
}

/** Locks the unidade row for this transaction (and blocks grades being inserted for it). */
export async function lockUnidade(sql: Sql, id: number): Promise<UnidadeRow> {
  const [locked] = await sql`select 1 from ca_unidade where unidadeid = ${id} for update`;
  if (!locked) throw notFound("Unidade");
  return readUnidade(sql, id);
}

/** The API shape: the row plus the hours and buffer resolved against the clinic. */
export function present(row: UnidadeRow, clinic: ClinicaConfiguracaoRow) {
  return {
    ...row,
    buffer_minutes_efetivo: effectiveBufferMinutes(row, clinic),
    horarios: weeklyHours(row, clinic),
  };
}

/** The unidade's own columns, as the event log keeps them (consultórios log their own). */
export function plain(row: UnidadeRow) {
  const { consultorios: _, ...rest } = row;
  return rest;
}

/** The portal's view of an answered unidade (see `UnidadePortal`). */
export function forPaciente(u: ReturnType<typeof present>): UnidadePortal {
  return {
    unidadeid: u.unidadeid,
    nome: u.nome,
    tipo: u.tipo,
    logradouro: u.logradouro,
    numero: u.numero,
    complemento: u.complemento,
    bairro: u.bairro,
    cidade: u.cidade,
    uf: u.uf,
    cep: u.cep,
    telefone: u.telefone,
    timezone: u.timezone,
    horarios: u.horarios,
  };
}
