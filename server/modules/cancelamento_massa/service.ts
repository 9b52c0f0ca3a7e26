/**
 * Mass cancellation (spec "Cancelamento em Massa"): preview the future slots a filter hits, then
 * cancel them in one transaction with their agendamentos and proposals, optionally moving the
 * patients back to the queue (prioridade Alta, origem `cancelamento`), notifying each one.
 */
import type { Db, Sql } from "../../db/db.ts";
import { type Actor, type EventInput, recordEvents } from "../../events/record.ts";
import { unprocessable } from "../../http/errors.ts";
import { SLOT_COLUMNS, SLOT_JOINS, type SlotDetail, withEndereco } from "../../booking/details.ts";
import { bookingMessages, type Destinatario } from "../../booking/messages.ts";
import { enqueueBatch } from "../../notify/outbox.ts";
import { type AgendamentoRow, slotTopics } from "../../booking/places.ts";
import type { ExecutarInput, Filtros } from "./schemas.ts";
import { tx } from "../../db/tx.ts";
import { type EventTopic, TOPIC, topic } from "../../events/topics.ts";
import { lit } from "../../db/sql.ts";
import { AGENDAMENTO, AGENDAMENTO_VIVOS, BACKLOG, SLOT } from "../../shared/statuses.ts";

/** Future, not yet cancelled slots matching the filters (`s` joined as in SLOT_JOINS). */
function where(sql: Sql, f: Filtros) {
  const conds = [
    sql`s.data between ${f.data_inicio} and ${f.data_fim}`,
    sql`s.status <> ${lit(SLOT.cancelado)}`,
    sql`s.datainicio > now()`,
  ];
  if (f.periodo) conds.push(sql`s.periodo = ${f.periodo}`);
  if (f.medicoid) conds.push(sql`s.medicoid = ${f.medicoid}`);
  if (f.especialidadeid) conds.push(sql`s.especialidadeid = ${f.especialidadeid}`);
  if (f.unidadeid) conds.push(sql`s.unidadeid = ${f.unidadeid}`);
  if (f.tiposlotid) conds.push(sql`s.tiposlotid = ${f.tiposlotid}`);
  return sql.join(conds, sql` and `);
}

export async function preview(sql: Sql, f: Filtros) {
  const slots = await sql`
    select s.slotagendaid, s.datainicio, s.data, s.periodo, s.status, s.limitevagas,
      s.vagas_ocupadas, to_char(s.datainicio at time zone u.timezone, 'HH24:MI') as hora,
      m.nomecompleto as medico_nome, e.nome as especialidade_nome, u.nome as unidade_nome,
      t.nome as tiposlot_nome,
      (select count(*)::int from ca_agendamento a where a.slotagendaid = s.slotagendaid
         and a.status in (${lit([AGENDAMENTO.ativo, AGENDAMENTO.confirmado])})) as agendamentos,
      (select count(*)::int from ca_agendamento a where a.slotagendaid = s.slotagendaid
         and a.status = ${lit(AGENDAMENTO.proposto)}) as propostas
    from ca_slotagenda s
    join ca_medico m on m.medicoid = s.medicoid
    join ca_especialidade e on e.especialidadeid = s.especialidadeid
    join ca_unidade u on u.unidadeid = s.unidadeid
    join ca_tiposlot t on t.tiposlotid = s.tiposlotid
    where ${where(sql, f)}
    order by s.datainicio, s.slotagendaid`;
  const pacientes = await sql`
    select p.pacienteid, p.nomecompleto, p.cpf, p.telefone,
      count(*)::int as agendamentos,
      json_agg(json_build_object('agendamentoid', a.agendamentoid, 'protocolo', a.protocolo,
               'status', a.status, 'datainicio', s.datainicio) order by s.datainicio) as itens
    from ca_slotagenda s
    join ca_agendamento a on a.slotagendaid = s.slotagendaid
      and a.status in (${lit(AGENDAMENTO_VIVOS)})
    join ca_paciente p on p.pacienteid = a.pacienteid
    where ${where(sql, f)}
    group by p.pacienteid
    order by lower(ca_unaccent(p.nomecompleto)), p.pacienteid`;
  const sum = (k: string) => slots.reduce((n, s) => n + Number(s[k]), 0);
  return {
    slots,
    pacientes,
    totais: {
      slots: slots.length,
      agendamentos: sum("agendamentos"),
      propostas: sum("propostas"),
      pacientes: pacientes.length,
    },
  };
}

interface LockedSlot {
  slotagendaid: number;
  unidadeid: number;
  especialidadeid: number;
  medicoid: number;
  data: string;
  status: string;
  vagas_ocupadas: number;
}

type Cancelado = AgendamentoRow & { status_anterior: string };

/**
 * Cancels every matching slot with what it holds. The slots stay locked until commit, so every
 * write is one statement for all rows (agendamentos, slots, backlog items, outbox, events),
 * never a statement per row.
 */
export async function executar(db: Db, actor: Actor, usuarioid: number, input: ExecutarInput) {
  return await tx(db, async (sql) => {
    // Locks in id order: a concurrent booking waits, then finds the slot cancelled.
    const slots = await sql<LockedSlot>`
      select s.slotagendaid, s.unidadeid, s.especialidadeid, s.medicoid, s.data, s.status,
        s.vagas_ocupadas
      from ca_slotagenda s where ${where(sql, input)}
      order by s.slotagendaid for update`;
    if (slots.length === 0) {
      throw unprocessable("nenhum_slot", "Nenhum horário futuro encontrado com estes filtros.");
    }
    const ids = slots.map((s) => s.slotagendaid);
    const cancelados = await sql<Cancelado>`
      update ca_agendamento a set status = ${lit(AGENDAMENTO.cancelado)}, expira_em = null,
        motivo_cancelamento = ${input.motivo}, cancelado_em = now(), cancelado_por = ${usuarioid},
        updated_at = now()
      from ca_agendamento old
      where old.agendamentoid = a.agendamentoid and a.slotagendaid = any(${ids}::bigint[])
        and a.status in (${lit(AGENDAMENTO_VIVOS)})
      returning a.*, old.status as status_anterior`;
    await sql`update ca_slotagenda set status = ${lit(SLOT.cancelado)}, vagas_ocupadas = 0,
              updated_at = now()
              where slotagendaid = any(${ids}::bigint[])`;
    const propostas = cancelados.filter((a) => a.status_anterior === AGENDAMENTO.proposto);
    const agendados = cancelados.filter((a) => a.status_anterior !== AGENDAMENTO.proposto);
    // A withdrawn proposal puts its request back in the queue, now urgent.
    const propostaIds = propostas.map((a) => a.backlogid).filter((x): x is number => !!x);
    if (propostaIds.length) {
      await sql`update ca_backlog set status = ${lit(BACKLOG.pendente)}, prioridade = 'Alta',
                  slotagendaid_proposto = null, proposta_expira_em = null, updated_at = now()
                where backlogid = any(${propostaIds}::int[])
                  and status = ${lit(BACKLOG.aguardando)}`;
    }
    const agendadoIds = agendados.map((a) => a.backlogid).filter((x): x is number => !!x);
    if (agendadoIds.length) {
      await sql`update ca_backlog set status = ${lit(BACKLOG.cancelado)}, updated_at = now()
                where backlogid = any(${agendadoIds}::int[]) and status = ${lit(BACKLOG.agendado)}`;
    }
    const bySlot = new Map(slots.map((s) => [s.slotagendaid, s]));
    const criados = input.mover_para_backlog
      ? await backToQueue(sql, usuarioid, agendados, bySlot, input.motivo)
      : 0;
    const notificacoes = await notifyAll(sql, cancelados, input.motivo);
    const resumo = {
      slots_cancelados: slots.length,
      agendamentos_cancelados: agendados.length,
      propostas_retiradas: propostas.length,
      pacientes_afetados: new Set(cancelados.map((a) => a.pacienteid)).size,
      backlog_criados: criados,
      notificacoes,
    };
    await recordEvents(sql, actor, [
      ...batchEvents(slots, cancelados, input),
      {
        kind: "cancelamento_massa.executado",
        entity: "cancelamento_massa",
        entityId: `${input.data_inicio}_${input.data_fim}`,
        topics: [TOPIC.admin],
        after: { filtros: input, ...resumo },
      },
    ]);
    return resumo;
  });
}

/**
 * Puts each patient whose consultation was cancelled back in the queue (prioridade Alta),
 * or raises the priority of the open request they already have. One INSERT for all: a patient
 * with several cancelled consultations of one especialidade gets one request (the first's).
 * Answers how many requests are new.
 */
async function backToQueue(
  sql: Sql,
  usuarioid: number,
  agendados: Cancelado[],
  bySlot: Map<number, LockedSlot>,
  motivo: string,
): Promise<number> {
  const seen = new Set<string>();
  const rows = [];
  for (const a of agendados) {
    const s = bySlot.get(a.slotagendaid)!;
    const key = `${a.pacienteid}-${s.especialidadeid}`;
    if (seen.has(key)) continue;
    seen.add(key);
    rows.push(sql`(${rows.length}::int, ${a.pacienteid}::bigint, ${s.especialidadeid}::bigint,
      ${s.medicoid}::bigint, ${s.unidadeid}::bigint,
      ${`Consulta ${a.protocolo} cancelada em massa: ${motivo}`}::text)`);
  }
  if (rows.length === 0) return 0;
  const out = await sql<{ inserido: boolean }>`
    insert into ca_backlog (pacienteid, especialidadeid, medicoid, unidadeid, urgente,
      prioridade, origem, cpf, telefone, observacoes, created_by)
    select p.pacienteid, v.especialidadeid, v.medicoid, v.unidadeid, false, 'Alta',
      'cancelamento', p.cpf, p.telefone, v.obs, ${usuarioid}
    from (values ${sql.join(rows, sql`, `)})
      as v(n, pacienteid, especialidadeid, medicoid, unidadeid, obs)
    join ca_paciente p on p.pacienteid = v.pacienteid
    order by v.n
    on conflict (pacienteid, especialidadeid)
      where ativo and status in (${lit([BACKLOG.pendente, BACKLOG.aguardando])})
      do update set prioridade = 'Alta', updated_at = now()
    returning (xmax = 0) as inserido`;
  return out.filter((r) => r.inserido).length;
}

/**
 * The `cancelamento` message to every patient concerned, read and written in three statements.
 * Answers how many cancelled agendamentos got at least one new message.
 */
async function notifyAll(sql: Sql, cancelados: Cancelado[], motivo: string): Promise<number> {
  if (cancelados.length === 0) return 0;
  const slotIds = [...new Set(cancelados.map((a) => a.slotagendaid))];
  const pacienteIds = [...new Set(cancelados.map((a) => a.pacienteid))];
  const details = new Map(
    (await sql<SlotDetail>`
      select ${SLOT_COLUMNS(sql)} from ca_slotagenda s ${SLOT_JOINS(sql)}
      where s.slotagendaid = any(${slotIds}::bigint[])`).map((d) => [d.slotagendaid, d]),
  );
  const pacientes = new Map(
    (await sql<Destinatario>`
      select pacienteid, nomecompleto, telefone, email from ca_paciente
      where pacienteid = any(${pacienteIds}::bigint[])`).map((p) => [p.pacienteid, p]),
  );
  const messages = cancelados.flatMap((a) => {
    const p = pacientes.get(a.pacienteid);
    const slot = details.get(a.slotagendaid);
    if (!p || !slot) return [];
    return bookingMessages(p, "cancelamento", String(a.agendamentoid), {
      slot: withEndereco(slot),
      protocolo: a.protocolo,
      motivo,
    });
  });
  const created = await enqueueBatch(sql, messages);
  // Keys are `cancelamento:<agendamentoid>:<canal>`.
  return new Set(created.map((r) => r.idempotency_key.split(":")[1])).size;
}

/** One event per batch of slots sharing unidade, especialidade, médico and day. */
function batchEvents(
  slots: LockedSlot[],
  cancelados: Cancelado[],
  input: ExecutarInput,
): EventInput[] {
  const batches = new Map<string, LockedSlot[]>();
  for (const s of slots) {
    const key = `${s.unidadeid}-${s.especialidadeid}-${s.medicoid}-${s.data}`;
    batches.set(key, [...(batches.get(key) ?? []), s]);
  }
  return [...batches].map(([key, group]) => {
    const ids = new Set(group.map((s) => s.slotagendaid));
    const ags = cancelados.filter((a) => ids.has(a.slotagendaid));
    const pacientes = [...new Set(ags.map((a) => topic.paciente(a.pacienteid)))];
    const extra: EventTopic[] = ags.some((a) => a.backlogid) ||
        (input.mover_para_backlog && ags.length)
      ? [TOPIC.backlog]
      : [];
    return {
      kind: "slot.cancelado_massa",
      entity: "cancelamento_massa",
      entityId: key,
      topics: [...slotTopics(group[0]), ...pacientes, ...extra],
      // What the batch was: each slot's status and places, each agendamento's status.
      before: {
        slots: group.map((s) => ({
          slotagendaid: s.slotagendaid,
          status: s.status,
          vagas_ocupadas: s.vagas_ocupadas,
        })),
        agendamentos: ags.map((a) => ({
          agendamentoid: a.agendamentoid,
          pacienteid: a.pacienteid,
          status: a.status_anterior,
        })),
      },
      after: {
        motivo: input.motivo,
        slots: [...ids],
        agendamentos: ags.map((a) => a.agendamentoid),
        mover_para_backlog: input.mover_para_backlog,
      },
    };
  });
}
