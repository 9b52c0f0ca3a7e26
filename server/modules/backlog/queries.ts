/** Backlog reads: the queue (paginated, filtered, D-30 rule) and one item with its proposal. */
import type { Sql } from "../../db/db.ts";
import { notFound } from "../../http/errors.ts";
import { canSee, type Viewer } from "../../booking/access.ts";
import { slotDetail } from "../../booking/details.ts";
import type { RowOf } from "../../contract/define.ts";
import type { BacklogItem, BacklogListQuery, Diferenca as DiferencaSchema } from "./schemas.ts";
import type { z } from "zod";
import { lit } from "../../db/sql.ts";
import { BACKLOG } from "../../shared/statuses.ts";

/** Items whose story is over (`D30` shows them for 30 days). */
const ENCERRADOS = [BACKLOG.agendado, BACKLOG.compareceu, BACKLOG.naoCompareceu, BACKLOG.cancelado];

type Diferenca = z.output<typeof DiferencaSchema>;

/** One row of `SELECT`. */
type Item = RowOf<typeof BacklogItem, "agendamento_datainicio">;

const SELECT = (sql: Sql) =>
  sql`select b.backlogid, b.pacienteid, p.nomecompleto as paciente_nome, p.cpf as paciente_cpf,
        p.telefone as paciente_telefone, b.especialidadeid, e.nome as especialidade_nome,
        b.medicoid, m.nomecompleto as medico_nome, b.unidadeid, u.nome as unidade_nome,
        b.data_preferida, b.periodo_preferido, b.horario_preferido, b.urgente, b.prioridade,
        b.origem, b.status, b.tipos_slot_elegiveis, b.observacoes, b.ativo,
        b.slotagendaid_proposto, b.proposta_expira_em, b.motivo_recusa, b.created_by,
        b.created_at, b.updated_at,
        (now()::date - b.created_at::date) as dias_espera,
        ag.agendamentoid, ag.protocolo, ag.agendamento_status, ag.agendamento_datainicio
      from ca_backlog b
      join ca_paciente p on p.pacienteid = b.pacienteid
      join ca_especialidade e on e.especialidadeid = b.especialidadeid
      left join ca_medico m on m.medicoid = b.medicoid
      left join ca_unidade u on u.unidadeid = b.unidadeid
      left join lateral (
        select a.agendamentoid, a.protocolo, a.status as agendamento_status,
               s.datainicio as agendamento_datainicio
        from ca_agendamento a join ca_slotagenda s on s.slotagendaid = a.slotagendaid
        where a.backlogid = b.backlogid
        order by a.agendamentoid desc limit 1
      ) ag on true`;

/**
 * Regra D-30: finished items leave the list 30 days after their date: the consultation's (else
 * the last change); for a cancelled request, the later of its last consultation and the
 * cancellation (a place it refused long ago is not its date). `greatest` ignores nulls.
 */
const D30 = (sql: Sql) =>
  sql`(b.status not in (${lit(ENCERRADOS)})
       or case when b.status = ${lit(BACKLOG.cancelado)}
            then greatest(ag.agendamento_datainicio, b.updated_at)
            else coalesce(ag.agendamento_datainicio, b.updated_at)
          end >= now() - interval '30 days')`;

export async function listBacklog(sql: Sql, viewer: Viewer, q: BacklogListQuery) {
  const conds = [D30(sql)];
  if (viewer.kind === "paciente") conds.push(sql`b.pacienteid = ${viewer.pacienteid}`);
  else if (q.pacienteid) conds.push(sql`b.pacienteid = ${q.pacienteid}`);
  if (q.prioridade) conds.push(sql`b.prioridade = ${q.prioridade}`);
  if (q.especialidadeid) conds.push(sql`b.especialidadeid = ${q.especialidadeid}`);
  if (q.unidadeid) conds.push(sql`b.unidadeid = ${q.unidadeid}`);
  if (q.medicoid) conds.push(sql`b.medicoid = ${q.medicoid}`);
  if (!q.status) conds.push(sql`b.status <> ${lit(BACKLOG.inativo)}`);
  else if (q.status === "abertos") {
    conds.push(sql`b.ativo and b.status in (${lit([BACKLOG.pendente, BACKLOG.aguardando])})`);
  } else if (q.status !== "todos") conds.push(sql`b.status = ${q.status}`);
  const where = sql.join(conds, sql` and `);
  const [{ total }] = await sql<{ total: number }>`
    select count(*)::int as total from (${SELECT(sql)} where ${where}) x`;
  const items = await sql<Item>`
    ${SELECT(sql)} where ${where}
    order by case b.prioridade when 'Alta' then 1 when 'Média' then 2 else 3 end,
             b.created_at, b.backlogid
    limit ${q.limit} offset ${(q.page - 1) * q.limit}`;
  return { items: [...items], total, page: q.page, limit: q.limit };
}

export async function getBacklogItem(sql: Sql, backlogid: number, viewer?: Viewer) {
  const [item] = await sql<Item>`${SELECT(sql)} where b.backlogid = ${backlogid}`;
  if (!item || (viewer && !canSee(viewer, item.pacienteid))) throw notFound("Solicitação");
  if (item.status !== BACKLOG.aguardando || !item.slotagendaid_proposto) {
    return { ...item, proposta: null };
  }
  const slot = await slotDetail(sql, item.slotagendaid_proposto);
  return {
    ...item,
    proposta: {
      slot,
      protocolo: item.protocolo,
      agendamentoid: item.agendamentoid,
      expira_em: item.proposta_expira_em,
      diferencas: diferencas(item, slot),
    },
  };
}

const br = (d: string) => d.split("-").reverse().join("/");

/** What the proposal changes from the patient's preferences, for the portal's comparison. */
export function diferencas(
  pref: Record<string, unknown>,
  slot: {
    unidadeid: number;
    unidade_nome: string;
    medicoid: number;
    medico_nome: string;
    data: string;
    periodo: string;
    hora: string;
  },
) {
  const out: Diferenca[] = [];
  if (pref.unidadeid && pref.unidadeid !== slot.unidadeid) {
    out.push({
      campo: "unidade",
      preferido: String(pref.unidade_nome),
      proposto: slot.unidade_nome,
    });
  }
  if (pref.medicoid && pref.medicoid !== slot.medicoid) {
    out.push({ campo: "medico", preferido: String(pref.medico_nome), proposto: slot.medico_nome });
  }
  if (pref.data_preferida && pref.data_preferida !== slot.data) {
    out.push({
      campo: "data",
      preferido: br(String(pref.data_preferida)),
      proposto: br(slot.data),
    });
  }
  const periodo = pref.periodo_preferido as string | null;
  if (periodo && periodo !== "Qualquer" && periodo !== slot.periodo) {
    out.push({ campo: "periodo", preferido: periodo, proposto: slot.periodo });
  }
  const horario = (pref.horario_preferido as string | null)?.slice(0, 5);
  if (horario && horario !== slot.hora) {
    out.push({ campo: "horario", preferido: horario, proposto: slot.hora });
  }
  return out;
}
