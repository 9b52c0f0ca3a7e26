/** Agendamento reads: the day/range list with stats, one agendamento, patient search, "meus". */
import type { Sql } from "../../db/db.ts";
import { notFound } from "../../http/errors.ts";
import { canSee, type Viewer } from "../../booking/access.ts";
import { AGENDAMENTO_SELECT, type AgendamentoDetail, withEndereco } from "../../booking/details.ts";
import type { z } from "zod";
import type { AgendamentoListQuery, BuscarPacienteResponse } from "./schemas.ts";
import { lit } from "../../db/sql.ts";
import { AGENDAMENTO, AGENDAMENTO_VIVOS, BACKLOG } from "../../shared/statuses.ts";

/** `%term%` for LIKE with the user's wildcards escaped. */
const contains = (term: string) => `%${term.replace(/[\\%_]/g, "\\$&")}%`;

/** Name (accent- and case-insensitive) or CPF (digits, with or without punctuation). */
function nomeOuCpf(sql: Sql, q: string, alias: "p" = "p") {
  const p = sql.raw(alias);
  const digits = q.replace(/\D/g, "");
  if (/^[\d.\-\s]+$/.test(q) && digits.length >= 3) return sql`${p}.cpf like ${digits + "%"}`;
  return sql`lower(ca_unaccent(${p}.nomecompleto)) like lower(ca_unaccent(${contains(q)}))`;
}

const ORDER = {
  data_cadastro: "a.datasolicitacao, a.agendamentoid",
  horario: "s.datainicio, a.ordem, a.agendamentoid",
  paciente: "lower(ca_unaccent(p.nomecompleto)), s.datainicio",
  medico: "lower(ca_unaccent(m.nomecompleto)), s.datainicio, a.ordem",
} as const;

export async function listAgendamentos(sql: Sql, q: AgendamentoListQuery) {
  const conds = [
    q.data ? sql`s.data = ${q.data}` : sql`s.data between ${q.data_inicio} and ${q.data_fim}`,
  ];
  if (q.unidadeid) conds.push(sql`s.unidadeid = ${q.unidadeid}`);
  if (q.especialidadeid) conds.push(sql`s.especialidadeid = ${q.especialidadeid}`);
  if (q.medicoid) conds.push(sql`s.medicoid = ${q.medicoid}`);
  if (q.pacienteid) conds.push(sql`a.pacienteid = ${q.pacienteid}`);
  if (q.slotagendaid) conds.push(sql`a.slotagendaid = ${q.slotagendaid}`);
  if (q.encaixe !== undefined) conds.push(sql`a.encaixe = ${q.encaixe}`);
  if (q.q) conds.push(nomeOuCpf(sql, q.q));
  const scope = sql.join(conds, sql` and `);
  const where = q.status ? sql`${scope} and a.status = ${q.status}` : scope;
  const items = await sql<AgendamentoDetail>`
    ${AGENDAMENTO_SELECT(sql)} where ${where}
    order by ${sql.raw(ORDER[q.ordenar])}
    limit ${q.limit} offset ${(q.page - 1) * q.limit}`;
  const [{ total }] = await sql<{ total: number }>`
    select count(*)::int as total from (${AGENDAMENTO_SELECT(sql)} where ${where}) x`;
  // Stats describe the whole day/range under the same filters, whatever the status filter.
  const [stats] = await sql<
    { total: number; ativos: number; cancelados: number; especialidades: number; medicos: number }
  >`
    select count(*)::int as total,
      count(*) filter (where x.status in (${
    lit([AGENDAMENTO.ativo, AGENDAMENTO.confirmado])
  }))::int as ativos,
      count(*) filter (where x.status = ${lit(AGENDAMENTO.cancelado)})::int as cancelados,
      count(distinct x.especialidadeid)::int as especialidades,
      count(distinct x.medicoid)::int as medicos
    from (${AGENDAMENTO_SELECT(sql)} where ${scope}) x`;
  const porStatus = await sql<{ status: string; n: number }>`
    select x.status, count(*)::int as n from (${AGENDAMENTO_SELECT(sql)} where ${scope}) x
    group by x.status`;
  return {
    items: items.map(withEndereco),
    total,
    page: q.page,
    limit: q.limit,
    stats: { ...stats, por_status: Object.fromEntries(porStatus.map((r) => [r.status, r.n])) },
  };
}

export async function getAgendamento(sql: Sql, id: number, viewer: Viewer) {
  const [row] = await sql<AgendamentoDetail>`
    ${AGENDAMENTO_SELECT(sql)} where a.agendamentoid = ${id}`;
  if (!row || !canSee(viewer, row.pacienteid)) throw notFound("Agendamento");
  // The encaixe's reason is for the staff (it may be clinical); the patient sees the flag only.
  if (viewer.kind !== "admin") row.motivo_encaixe = null;
  return withEndereco(row);
}

/** Operator search: up to 20 patients with their upcoming agendamentos and open requests. */
export async function buscarPaciente(sql: Sql, q: string) {
  return await sql<z.output<typeof BuscarPacienteResponse>["items"][number]>`
    select p.pacienteid, p.nomecompleto, p.cpf, p.telefone, p.telefone_validado, p.tipo,
      p.tipo_vinculo, p.status, p.datanascimento,
      coalesce((
        select json_agg(json_build_object(
          'agendamentoid', a.agendamentoid, 'protocolo', a.protocolo, 'status', a.status,
          'datainicio', s.datainicio, 'data', s.data,
          'hora', to_char(s.datainicio at time zone u.timezone, 'HH24:MI'),
          'medico_nome', m.nomecompleto, 'especialidade_nome', e.nome, 'unidade_nome', u.nome)
          order by s.datainicio)
        from ca_agendamento a
        join ca_slotagenda s on s.slotagendaid = a.slotagendaid
        join ca_medico m on m.medicoid = s.medicoid
        join ca_especialidade e on e.especialidadeid = s.especialidadeid
        join ca_unidade u on u.unidadeid = s.unidadeid
        where a.pacienteid = p.pacienteid and a.status in (${lit(AGENDAMENTO_VIVOS)})
          and s.datainicio > now()), '[]') as proximos_agendamentos,
      coalesce((
        select json_agg(json_build_object(
          'backlogid', b.backlogid, 'status', b.status, 'prioridade', b.prioridade,
          'especialidade_nome', e.nome, 'data_preferida', b.data_preferida,
          'created_at', b.created_at)
          order by b.created_at)
        from ca_backlog b join ca_especialidade e on e.especialidadeid = b.especialidadeid
        where b.pacienteid = p.pacienteid and b.ativo
          and b.status in (${lit([BACKLOG.pendente, BACKLOG.aguardando])})), '[]') as backlog_aberto
    from ca_paciente p
    where ${nomeOuCpf(sql, q)}
    order by p.status, lower(ca_unaccent(p.nomecompleto)), p.pacienteid
    limit 20`;
}

/** How the portal names each status (spec "Histórico de Agendamentos"). */
const STATUS_PACIENTE: Record<string, string> = {
  Proposto: "Aguardando confirmação",
  Ativo: "Agendado",
  Confirmado: "Confirmado",
  Concluído: "Realizado",
  Cancelado: "Cancelado",
  "Não Compareceu": "Não Compareceu",
};

/**
 * The patient's own appointments (portal), newest consultation first. A proposal still open, or
 * refused, expired or withdrawn, is not an appointment: it shows in "Minhas solicitações".
 */
export async function meusAgendamentos(sql: Sql, pacienteid: number) {
  const rows = await sql<AgendamentoDetail & { futuro: boolean }>`
    select x.*, x.datainicio > now() as futuro from (${AGENDAMENTO_SELECT(sql)}
      where a.pacienteid = ${pacienteid} and a.status <> ${lit(AGENDAMENTO.proposto)}
        and not a.proposta_retirada) x
    order by x.datainicio desc, x.agendamentoid desc`;
  return {
    items: rows.map(({ futuro, paciente_cpf: _cpf, paciente_telefone: _tel, ...r }) => ({
      ...withEndereco(r as AgendamentoDetail),
      motivo_encaixe: null,
      status_exibicao: STATUS_PACIENTE[r.status] ?? r.status,
      pode_cancelar: futuro &&
        (r.status === AGENDAMENTO.ativo || r.status === AGENDAMENTO.confirmado),
      pode_exportar: futuro &&
        (r.status === AGENDAMENTO.ativo || r.status === AGENDAMENTO.confirmado),
    })),
  };
}
