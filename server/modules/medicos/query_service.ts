/** Reads of médicos: one row with its especialidades, and the filtered, paginated list. */
import type { Sql } from "../../db/db.ts";
import { notFound } from "../../http/errors.ts";
import type { DadosBancarios, Medico, MedicoListQuery, MedicoPortal } from "./schemas.ts";
import { STATUS } from "../../shared/statuses.ts";

/** A médico as stored, before the bank details are masked for the reader. */
export type MedicoRow = Omit<Medico, "dadosbancarios" | "created_at" | "updated_at"> & {
  dadosbancarios: DadosBancarios | null;
  created_at: Date;
  updated_at: Date;
};

/** Roles below administrador see only that bank details exist, never the numbers. */
export function maskDadosBancarios(d: DadosBancarios | null) {
  if (!d) return null;
  const hide = (s: string, keep: number) =>
    "•".repeat(Math.max(s.length - keep, 3)) + s.slice(-keep);
  return {
    mascarado: true as const,
    banco: d.banco,
    tipo: d.tipo,
    agencia: hide(d.agencia, 0),
    conta: hide(d.conta, 2),
    pix: d.pix ? "•••" : null,
  };
}

/** The answer shape: bank details in full only when `fullBank`. */
export function present(row: MedicoRow, fullBank: boolean) {
  return {
    ...row,
    dadosbancarios: fullBank ? row.dadosbancarios : maskDadosBancarios(row.dadosbancarios),
  };
}

/** The portal's view (see `MedicoPortal`): only active especialidades are offered. */
export function forPaciente(row: MedicoRow): MedicoPortal {
  return {
    medicoid: row.medicoid,
    nomecompleto: row.nomecompleto,
    crm: row.crm,
    crm_uf: row.crm_uf,
    foto_url: row.foto_url,
    unidadeid: row.unidadeid,
    unidade_nome: row.unidade_nome,
    especialidades: row.especialidades.filter((e) => e.status === STATUS.ativo)
      .map((e) => ({ especialidadeid: e.especialidadeid, nome: e.nome })),
  };
}

/** Shape written to ca_evento: the event feed is visible to every staff role. */
export function forEvent(row: MedicoRow) {
  return present(row, false);
}

const SELECT_MEDICO = (sql: Sql) =>
  sql`
  select m.medicoid, m.nomecompleto, m.crm, m.crm_uf, m.cpf, m.datanascimento, m.telefone,
         m.email, m.endereco, m.unidadeid, u.nome as unidade_nome, m.status, m.limitevagas,
         m.observacoes, m.foto_url, m.dadosbancarios,
         coalesce((
           select jsonb_agg(jsonb_build_object('especialidadeid', e.especialidadeid,
                                               'nome', e.nome, 'status', e.status)
                            order by e.nome, e.especialidadeid)
           from ca_medico_especialidade me join ca_especialidade e using (especialidadeid)
           where me.medicoid = m.medicoid), '[]'::jsonb) as especialidades,
         m.created_at, m.updated_at
  from ca_medico m left join ca_unidade u on u.unidadeid = m.unidadeid`;

export async function findMedico(sql: Sql, medicoid: number): Promise<MedicoRow | undefined> {
  const [row] = await sql<MedicoRow>`${SELECT_MEDICO(sql)} where m.medicoid = ${medicoid}`;
  return row;
}

export async function getMedico(sql: Sql, medicoid: number): Promise<MedicoRow> {
  const row = await findMedico(sql, medicoid);
  if (!row) throw notFound("Médico");
  return row;
}

/** `%`, `_` and `\` typed by the user match themselves, not any text. */
const likeEscape = (s: string) => s.replace(/[\\%_]/g, (ch) => `\\${ch}`);

function filtersOf(sql: Sql, q: MedicoListQuery) {
  const conds = [];
  if (q.status !== "todos") conds.push(sql`m.status = ${q.status}`);
  if (q.unidadeid) conds.push(sql`m.unidadeid = ${q.unidadeid}`);
  if (q.especialidadeid) {
    conds.push(sql`exists (select 1 from ca_medico_especialidade f
                           where f.medicoid = m.medicoid and f.especialidadeid = ${q.especialidadeid})`);
  }
  if (q.search) {
    // Every word must appear in the name, accents and case ignored (trigram index); a search of
    // digits also matches the start of the CRM.
    const words = q.search.split(/\s+/).map((w) =>
      sql`lower(ca_unaccent(m.nomecompleto)) like lower(ca_unaccent(${`%${likeEscape(w)}%`}))`
    );
    const byName = sql`(${sql.join(words, sql` and `)})`;
    const digits = q.search.replace(/[.\s-]/g, "");
    conds.push(
      /^\d+$/.test(digits) ? sql`(${byName} or m.crm like ${`${digits}%`})` : byName,
    );
  }
  return conds.length ? sql.join(conds, sql` and `) : sql`true`;
}

export async function listMedicos(sql: Sql, q: MedicoListQuery) {
  const where = filtersOf(sql, q);
  const [{ total }] = await sql<{ total: number }>`
    select count(*)::int as total from ca_medico m where ${where}`;
  const items = await sql<MedicoRow>`
    ${SELECT_MEDICO(sql)}
    where ${where}
    order by lower(ca_unaccent(m.nomecompleto)), m.medicoid
    limit ${q.limit} offset ${(q.page - 1) * q.limit}`;
  return { items, total, page: q.page, limit: q.limit };
}
