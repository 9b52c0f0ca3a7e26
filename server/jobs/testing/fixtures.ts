/** Plain-SQL fixtures for job tests: one unidade, médico and grade; slots and agendamentos. */
import type { Db } from "../../db/db.ts";
import { nextCpf } from "../../testing/harness.ts";

export interface Base {
  unidadeid: number;
  medicoid: number;
  especialidadeid: number;
  tiposlotid: number;
  gradeagendaid: number;
}

let seq = 0;

export async function base(db: Db, timezone = "America/Sao_Paulo"): Promise<Base> {
  const [u] = await db.sql<{ unidadeid: number }>`
    insert into ca_unidade (nome, logradouro, numero, bairro, cidade, uf, timezone)
    values (${`UBS Teste ${++seq}`}, 'Rua Campos Sales', '100', 'Centro', 'Barueri', 'SP',
            ${timezone})
    returning unidadeid`;
  const [e] = await db.sql<{ especialidadeid: number }>`
    insert into ca_especialidade (nome) values (${`Pediatria ${seq}`}) returning especialidadeid`;
  const [m] = await db.sql<{ medicoid: number }>`
    insert into ca_medico (nomecompleto, crm, crm_uf, unidadeid)
    values ('Dr. João Pereira', ${String(100000 + seq)}, 'SP', ${u.unidadeid})
    returning medicoid`;
  const [t] = await db.sql<{ tiposlotid: number }>`
    insert into ca_tiposlot (nome) values (${`Normal ${seq}`}) returning tiposlotid`;
  const [g] = await db.sql<{ gradeagendaid: number }>`
    insert into ca_gradeagenda (medicoid, especialidadeid, unidadeid, vigencia_inicio, vigencia_fim)
    values (${m.medicoid}, ${e.especialidadeid}, ${u.unidadeid}, current_date - 30,
            current_date + 60)
    returning gradeagendaid`;
  return {
    unidadeid: u.unidadeid,
    medicoid: m.medicoid,
    especialidadeid: e.especialidadeid,
    tiposlotid: t.tiposlotid,
    gradeagendaid: g.gradeagendaid,
  };
}

export async function paciente(
  db: Db,
  opts: { telefone?: string | null; email?: string | null } = {},
): Promise<number> {
  const [p] = await db.sql<{ pacienteid: number }>`
    insert into ca_paciente (nomecompleto, cpf, telefone, email)
    values ('Maria Aparecida da Silva', ${nextCpf()},
            ${opts.telefone === undefined ? "11987654321" : opts.telefone},
            ${opts.email ?? null})
    returning pacienteid`;
  return p.pacienteid;
}

/** A one-place slot starting `horas` from now, taken by an agendamento of `pacienteid`. */
export async function agendamento(
  db: Db,
  b: Base,
  pacienteid: number,
  opts: { horas: number; status?: string; slotStatus?: "Ocupado" | "Cancelado" },
): Promise<{ agendamentoid: number; slotagendaid: number; data: string }> {
  const [s] = await db.sql<{ slotagendaid: number; data: string }>`
    with u as (select timezone from ca_unidade where unidadeid = ${b.unidadeid}),
    t as (select now() + make_interval(hours => ${opts.horas}) as inicio)
    insert into ca_slotagenda (gradeagendaid, medicoid, tiposlotid, unidadeid, especialidadeid,
                               datainicio, datafim, data, status, periodo, limitevagas,
                               vagas_ocupadas)
    select ${b.gradeagendaid}, ${b.medicoid}, ${b.tiposlotid}, ${b.unidadeid},
           ${b.especialidadeid}, t.inicio, t.inicio + interval '30 minutes',
           (t.inicio at time zone u.timezone)::date, ${opts.slotStatus ?? "Ocupado"}, 'Manhã', 1, 1
    from u, t
    returning slotagendaid, data`;
  const [a] = await db.sql<{ agendamentoid: number }>`
    insert into ca_agendamento (slotagendaid, pacienteid, protocolo, ordem, status)
    values (${s.slotagendaid}, ${pacienteid}, ${`AG-T-${++seq}`}, 1, ${opts.status ?? "Ativo"})
    returning agendamentoid`;
  return { agendamentoid: a.agendamentoid, slotagendaid: s.slotagendaid, data: s.data };
}

export async function credencial(
  db: Db,
  pacienteid: number,
  validade: string,
): Promise<number> {
  const [c] = await db.sql<{ credencialid: number }>`
    insert into ca_seguro_credencial (pacienteid, operadora, numero_carteirinha, validade)
    values (${pacienteid}, 'Unimed', ${`00123456${++seq}`}, ${validade})
    returning credencialid`;
  return c.credencialid;
}

/** Notifications of one template, per agendamento id from the payload. */
export async function notificacoes(db: Db, template: string) {
  return await db.sql<{ canal: string; destino: string; agendamentoid: number; corpo: string }>`
    select canal, destino, (payload->>'agendamentoid')::int as agendamentoid, corpo
    from ca_notificacao where template = ${template}
    order by agendamentoid, canal`;
}
