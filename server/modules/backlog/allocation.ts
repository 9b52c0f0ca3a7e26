/**
 * Allocation of a backlog item: to a chosen slot (`alocar`), to the best slot of a day
 * (`alocar-dia`) or to the best slot for the patient's preferences (`alocar-inteligente`),
 * plus the patient's answer (`confirmar`, `recusar`). Each is one transaction.
 */
import type { Db, Sql } from "../../db/db.ts";
import type { Actor } from "../../events/record.ts";
import { unprocessable } from "../../http/errors.ts";
import { assertNotLeased, staffId, type Viewer } from "../agendamentos/access.ts";
import { elegivelSql } from "../agendamentos/eligibility.ts";
import {
  diaAtivo,
  slotIndisponivel,
  transicaoInvalida,
  tryTakePlace,
} from "../agendamentos/places.ts";
import { type BacklogRow, confirm, lockItem, propose, refuse } from "./proposal.ts";
import { tx } from "../agendamentos/tx.ts";

export async function alocar(
  db: Db,
  actor: Actor,
  viewer: Viewer,
  backlogid: number,
  slotagendaid: number,
) {
  return await tx(db, async (sql) => {
    const item = await lockItem(sql, backlogid);
    await assertNotLeased(sql, viewer, `backlog:${backlogid}`, `slot:${slotagendaid}`);
    return await propose(sql, actor, item, slotagendaid, {
      kind: "backlog.alocado",
      createdBy: staffId(viewer),
    });
  });
}

export interface Candidate {
  slotagendaid: number;
  datainicio: Date;
  data: string;
  hora: string;
  periodo: string;
  medicoid: number;
  medico_nome: string;
  unidadeid: number;
  unidade_nome: string;
  especialidade_nome: string;
  tiposlot_nome: string;
  medico_ok: boolean;
  unidade_ok: boolean;
  dist_dias: number | null;
  periodo_ok: boolean;
  dist_minutos: number | null;
}

/**
 * Free slots the item may take, best first: preferred médico, preferred unidade, closest to the
 * preferred date, in the preferred period, closest to the preferred time, soonest.
 * Especialidade, eligible tipo, active médico/unidade and a future free place are hard rules.
 */
async function candidates(
  sql: Sql,
  item: BacklogRow,
  only: { data?: string; unidadeid?: number },
  limit = 10,
): Promise<Candidate[]> {
  const periodo = item.periodo_preferido === "Qualquer" ? null : item.periodo_preferido;
  const conds = [];
  if (only.data) conds.push(sql`and s.data = ${only.data}`);
  if (only.unidadeid) conds.push(sql`and s.unidadeid = ${only.unidadeid}`);
  return await sql<Candidate>`
    select s.slotagendaid, s.datainicio, s.data, s.periodo, s.medicoid, s.unidadeid,
      to_char(s.datainicio at time zone u.timezone, 'HH24:MI') as hora,
      m.nomecompleto as medico_nome, u.nome as unidade_nome, e.nome as especialidade_nome,
      t.nome as tiposlot_nome,
      coalesce(s.medicoid = bk.medicoid, false) as medico_ok,
      coalesce(s.unidadeid = bk.unidadeid, false) as unidade_ok,
      abs(s.data - bk.data_preferida) as dist_dias,
      (${periodo}::text is null or s.periodo = ${periodo}::text) as periodo_ok,
      (abs(extract(epoch from ((s.datainicio at time zone u.timezone)::time
                               - bk.horario_preferido))) / 60)::int as dist_minutos
    from ca_slotagenda s
    join ca_backlog bk on bk.backlogid = ${item.backlogid}
    join ca_medico m on m.medicoid = s.medicoid
    join ca_unidade u on u.unidadeid = s.unidadeid
    join ca_especialidade e on e.especialidadeid = s.especialidadeid
    join ca_tiposlot t on t.tiposlotid = s.tiposlotid
    where s.especialidadeid = bk.especialidadeid and s.status = 'Livre'
      and s.vagas_ocupadas < s.limitevagas
      and s.datainicio > now() and s.datainicio < now() + interval '180 days'
      and m.status = 'Ativo' and u.status = 'Ativo'
      and ${elegivelSql(sql, "bk")}
      and ${diaAtivo(sql, "s")}
      -- a slot the patient already held (and refused or cancelled) is not suggested again
      and not exists (select 1 from ca_agendamento a where a.slotagendaid = s.slotagendaid
                        and a.pacienteid = bk.pacienteid)
      ${sql.join(conds, sql` `)}
    order by medico_ok desc, unidade_ok desc, dist_dias asc nulls last, periodo_ok desc,
             dist_minutos asc nulls last, s.datainicio, s.slotagendaid
    limit ${limit}`;
}

const br = (d: string) => d.split("-").reverse().join("/");

/** Why this slot was chosen, in the operator's words. */
export function motivos(item: BacklogRow, c: Candidate): string[] {
  const out = [`Especialidade ${c.especialidade_nome}.`];
  if (!item.medicoid) out.push(`Médico: ${c.medico_nome} (sem preferência de médico).`);
  else if (c.medico_ok) out.push(`Médico preferido: ${c.medico_nome}.`);
  else out.push(`O médico preferido não tem vaga compatível; escolhido ${c.medico_nome}.`);
  if (!item.unidadeid) out.push(`Unidade: ${c.unidade_nome} (sem preferência de unidade).`);
  else if (c.unidade_ok) out.push(`Unidade preferida: ${c.unidade_nome}.`);
  else out.push(`A unidade preferida não tem vaga compatível; escolhida ${c.unidade_nome}.`);
  if (!item.data_preferida) out.push(`Primeira data disponível: ${br(c.data)}.`);
  else if (c.dist_dias === 0) out.push(`Na data preferida (${br(c.data)}).`);
  else {
    out.push(
      `Data mais próxima da preferida (${br(item.data_preferida)}): ${br(c.data)}, ` +
        `${c.dist_dias} dia(s) de diferença.`,
    );
  }
  const periodo = item.periodo_preferido;
  if (periodo && periodo !== "Qualquer") {
    out.push(
      c.periodo_ok
        ? `No período preferido (${periodo}).`
        : `Sem vaga no período preferido (${periodo}); período ${c.periodo}.`,
    );
  }
  if (item.horario_preferido) {
    const pref = item.horario_preferido.slice(0, 5);
    out.push(
      c.dist_minutos === 0
        ? `No horário preferido (${pref}).`
        : `Horário ${c.hora}, o mais próximo do preferido (${pref}).`,
    );
  }
  out.push(`Tipo de slot elegível: ${c.tiposlot_nome}.`);
  return out;
}

/**
 * Proposes the best candidate; a candidate taken meanwhile by another operator is skipped.
 * `preview` only answers the suggestion and writes nothing.
 */
export async function alocarMelhor(
  db: Db,
  actor: Actor,
  viewer: Viewer,
  backlogid: number,
  opts: { preview: boolean; data?: string; unidadeid?: number; kind: string },
) {
  return await tx(db, async (sql) => {
    const item = await lockItem(sql, backlogid);
    await assertNotLeased(sql, viewer, `backlog:${backlogid}`);
    if (!item.ativo || item.status !== "Pendente") {
      throw transicaoInvalida(item.status, "Aguardando Confirmação");
    }
    const found = await candidates(sql, item, opts);
    if (found.length === 0) {
      throw unprocessable(
        "sem_vaga",
        opts.data
          ? "Nenhum horário livre compatível com a solicitação nesta data."
          : "Nenhum horário livre compatível com a solicitação nos próximos 180 dias.",
      );
    }
    if (opts.preview) {
      const best = found[0];
      return { preview: true, slot: best, motivos: motivos(item, best) };
    }
    for (const c of found) {
      if (await leasedByOther(sql, viewer, c.slotagendaid)) continue;
      const taken = await tryTakePlace(sql, c.slotagendaid);
      if (!taken) continue;
      const why = motivos(item, c);
      const out = await propose(sql, actor, item, c.slotagendaid, {
        kind: opts.kind,
        createdBy: staffId(viewer),
        taken,
        extra: { motivos: why },
      });
      return { preview: false, ...out, motivos: why };
    }
    throw slotIndisponivel();
  });
}

/** A slot another operator is handling is skipped by the automatic choice. */
async function leasedByOther(sql: Sql, viewer: Viewer, slotagendaid: number) {
  try {
    await assertNotLeased(sql, viewer, `slot:${slotagendaid}`);
    return false;
  } catch {
    return true;
  }
}

export async function confirmar(db: Db, actor: Actor, viewer: Viewer, backlogid: number) {
  return await tx(db, async (sql) => {
    const item = await lockItem(sql, backlogid, viewer);
    await assertNotLeased(sql, viewer, `backlog:${backlogid}`);
    return await confirm(sql, actor, item);
  });
}

export async function recusar(
  db: Db,
  actor: Actor,
  viewer: Viewer,
  backlogid: number,
  motivo: string | null,
) {
  return await tx(db, async (sql) => {
    const item = await lockItem(sql, backlogid, viewer);
    await assertNotLeased(sql, viewer, `backlog:${backlogid}`);
    return await refuse(sql, actor, item, motivo, staffId(viewer));
  });
}
