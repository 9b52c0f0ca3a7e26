/**
 * Proposals: a backlog item offered a slot (`Aguardando Confirmação`) holds the place through a
 * `Proposto` agendamento until the patient confirms, refuses, or the offer expires. Also the
 * automatic re-offer of a freed place (`ca_unidade.realocacao_automatica`).
 */
import type { Sql } from "../db/db.ts";
import type { EventKind } from "../events/kinds.ts";
import { type Actor, recordEvent, SYSTEM } from "../events/record.ts";
import { conflict, notFound, unprocessable } from "../http/errors.ts";
import { canSee, type Viewer } from "./access.ts";
import { SLOT_COLUMNS, SLOT_JOINS, type SlotDetail, splitSlot, withEndereco } from "./details.ts";
import { writeEffects } from "./effects.ts";
import { leasedByOther } from "./leases.ts";
import { elegivelSql, pacienteRefusal, tipoRefusal } from "./eligibility.ts";
import { contextSlot, readContext } from "./book.ts";
import { bookingMessages } from "./messages.ts";
import {
  type AgendamentoRow,
  diaAtivo,
  holdPlace,
  releaseHold,
  type SlotRow,
  slotTopics,
  transicaoInvalida,
} from "./places.ts";
import type { RowOf } from "../contract/define.ts";
import type { BacklogRow as BacklogRowSchema } from "../modules/backlog/schemas.ts";
import { TOPIC } from "../events/topics.ts";
import { lit } from "../db/sql.ts";
import { AGENDAMENTO, BACKLOG, SLOT, STATUS } from "../shared/statuses.ts";

/** A `ca_backlog` row (`returning *`). */
export type BacklogRow = RowOf<typeof BacklogRowSchema>;

/** Locks the item for this transaction; patients only reach their own (404 otherwise). */
export async function lockItem(
  sql: Sql,
  backlogid: number,
  viewer?: Viewer,
): Promise<BacklogRow & { expirada: boolean }> {
  const [item] = await sql<BacklogRow & { expirada: boolean }>`
    select *, coalesce(proposta_expira_em <= now(), false) as expirada
    from ca_backlog where backlogid = ${backlogid} for update`;
  if (!item || (viewer && !canSee(viewer, item.pacienteid))) throw notFound("Solicitação");
  return item;
}

const strip = ({ expirada: _, ...row }: BacklogRow & { expirada?: boolean }) => row;

/** The live `Proposto` agendamento of an item in `Aguardando Confirmação`. */
async function proposedAgendamento(sql: Sql, item: BacklogRow): Promise<AgendamentoRow | null> {
  const [a] = await sql<AgendamentoRow>`
    select * from ca_agendamento
    where backlogid = ${item.backlogid} and slotagendaid = ${item.slotagendaid_proposto}
      and status = ${lit(AGENDAMENTO.proposto)} for update`;
  return a ?? null;
}

export interface ProposeOptions {
  kind: EventKind;
  createdBy: number | null;
  /** A place already taken in this transaction (smart allocation tries several). */
  taken?: SlotRow;
  extra?: Record<string, unknown>;
}

/**
 * Offers `slotagendaid` to a Pendente item: holds the place and sends the `proposta` message.
 * Five statements: one read of the patient, the slot and its tipo and the patient's eligible
 * tipos (`readContext`); the place taken (unless `opts.taken`); the agendamento; the item's
 * update; the event and the messages (`writeEffects`).
 */
export async function propose(
  sql: Sql,
  actor: Actor,
  item: BacklogRow,
  slotagendaid: number,
  opts: ProposeOptions,
) {
  if (!item.ativo || item.status !== BACKLOG.pendente) {
    throw transicaoInvalida(item.status, BACKLOG.aguardando);
  }
  const ctx = await readContext(sql, { slotagendaid, pacienteid: item.pacienteid });
  const paciente = pacienteRefusal(ctx.p_id === null ? null : { status: ctx.p_status });
  if (paciente) throw paciente;
  if (ctx.slotagendaid === null) throw notFound("Horário");
  if (ctx.especialidadeid !== item.especialidadeid) {
    throw unprocessable(
      "slot_incompativel",
      "Este horário é de outra especialidade que a da solicitação.",
    );
  }
  const tipo = tipoRefusal(
    ctx.tipo_agendavel === null
      ? null
      : { nome: ctx.tiposlot_nome, agendavel: ctx.tipo_agendavel, status: ctx.tipo_status! },
    ctx.tiposlotid,
    item.tipos_slot_elegiveis.length ? item.tipos_slot_elegiveis : ctx.p_elegiveis.map(Number),
  );
  if (tipo) throw tipo;
  const { agendamento, slot } = await holdPlace(sql, {
    slotagendaid,
    pacienteid: item.pacienteid,
    proposta: true,
    backlogid: item.backlogid,
    createdBy: opts.createdBy,
  }, opts.taken);
  const [after] = await sql<BacklogRow>`
    update ca_backlog set status = ${lit(BACKLOG.aguardando)},
      slotagendaid_proposto = ${slotagendaid},
      proposta_expira_em = ${agendamento.expira_em}, updated_at = now()
    where backlogid = ${item.backlogid} returning *`;
  // The detail as the place was taken (the read came before the slot row's update).
  const detail = {
    ...contextSlot(ctx),
    slot_status: slot.status,
    limitevagas: slot.limitevagas,
    vagas_ocupadas: slot.vagas_ocupadas,
  };
  await writeEffects(sql, actor, {
    events: [{
      kind: opts.kind,
      entity: "backlog",
      entityId: item.backlogid,
      topics: slotTopics(slot, item.pacienteid, [TOPIC.backlog]),
      before: strip(item),
      after: { ...after, agendamento, ...opts.extra },
    }],
    messages: bookingMessages(
      {
        pacienteid: item.pacienteid,
        nomecompleto: ctx.p_nome,
        telefone: ctx.p_telefone,
        email: ctx.p_email,
      },
      "proposta",
      String(agendamento.agendamentoid),
      { slot: detail, protocolo: agendamento.protocolo, expiraEm: agendamento.expira_em },
    ),
  });
  return { backlog: after, agendamento, slot: detail };
}

interface ConfirmRead extends BacklogRow {
  expirada: boolean;
  proposta_id: number | null;
  p_nome: string;
  p_telefone: string | null;
  p_email: string | null;
  lease_sessao: string | null;
  lease_nome: string;
  lease_expira: Date;
}

/**
 * Patient (or staff) accepts the offer: the agendamento becomes Ativo, the item Agendado. Four
 * statements: one read locking the item, with its live proposal, the patient's contacts and a
 * lease on the item; the agendamento's update answering its slot detail; the item's update; the
 * event and the `confirmacao` messages (`writeEffects`).
 */
export async function confirmProposal(
  sql: Sql,
  actor: Actor,
  viewer: Viewer,
  backlogid: number,
) {
  const [row] = await sql<ConfirmRead>`
    select b.*, coalesce(b.proposta_expira_em <= now(), false) as expirada,
      a.agendamentoid as proposta_id,
      p.nomecompleto as p_nome, p.telefone as p_telefone, p.email as p_email,
      l.holder_sessao as lease_sessao, l.holder_nome as lease_nome, l.expires_at as lease_expira
    from ca_backlog b
    join ca_paciente p on p.pacienteid = b.pacienteid
    left join ca_agendamento a on a.backlogid = b.backlogid
      and a.slotagendaid = b.slotagendaid_proposto and a.status = ${lit(AGENDAMENTO.proposto)}
    left join ca_lock l on l.resource = ${`backlog:${backlogid}`} and l.expires_at >= now()
    where b.backlogid = ${backlogid}
    for update of b`;
  if (!row || !canSee(viewer, row.pacienteid)) throw notFound("Solicitação");
  if (viewer.kind === "admin" && row.lease_sessao !== null) {
    const leased = leasedByOther({
      holder_sessao: row.lease_sessao,
      holder_nome: row.lease_nome,
      expires_at: row.lease_expira,
    }, viewer.auth);
    if (leased) throw leased;
  }
  const {
    expirada,
    proposta_id,
    p_nome,
    p_telefone,
    p_email,
    lease_sessao: _s,
    lease_nome: _n,
    lease_expira: _e,
    ...item
  } = row;
  if (item.status !== BACKLOG.aguardando) throw transicaoInvalida(item.status, BACKLOG.agendado);
  if (expirada) {
    throw unprocessable(
      "proposta_expirada",
      "O prazo para confirmar esta proposta terminou. Aguarde uma nova proposta.",
    );
  }
  const gone = () => conflict("proposta_inexistente", "Esta proposta não está mais disponível.");
  if (proposta_id === null) throw gone();
  // Conditional: a proposal withdrawn since the read (its slot's cancellation) is not revived.
  const [updated] = await sql<AgendamentoRow & SlotDetail>`
    with a as (
      update ca_agendamento set status = ${lit(AGENDAMENTO.ativo)}, expira_em = null,
        updated_at = now()
      where agendamentoid = ${proposta_id} and status = ${lit(AGENDAMENTO.proposto)} returning *)
    select a.*, ${SLOT_COLUMNS(sql)}
    from a join ca_slotagenda s on s.slotagendaid = a.slotagendaid ${SLOT_JOINS(sql)}`;
  if (!updated) throw gone();
  const { slot, rest: agendamento } = splitSlot(updated);
  const detail = withEndereco(slot);
  const [after] = await sql<BacklogRow>`
    update ca_backlog set status = ${lit(BACKLOG.agendado)}, slotagendaid_proposto = null,
      proposta_expira_em = null, updated_at = now()
    where backlogid = ${item.backlogid} returning *`;
  const paciente = {
    pacienteid: item.pacienteid,
    nomecompleto: p_nome,
    telefone: p_telefone,
    email: p_email,
  };
  await writeEffects(sql, actor, {
    events: [{
      kind: "backlog.confirmado",
      entity: "backlog",
      entityId: item.backlogid,
      topics: slotTopics(detail, item.pacienteid, [TOPIC.backlog]),
      before: item,
      after: { ...after, agendamento },
    }],
    messages: bookingMessages(paciente, "confirmacao", String(agendamento.agendamentoid), {
      slot: detail,
      protocolo: agendamento.protocolo,
    }),
  });
  return { backlog: after, agendamento, slot: detail };
}

/**
 * Withdraws the item's live proposal (refusal, expiry, cancellation, inactivation): the
 * agendamento is cancelled and its place freed. Returns the freed slot, if any.
 */
export async function withdrawProposal(
  sql: Sql,
  item: BacklogRow,
  motivo: string,
  canceladoPor: number | null,
): Promise<{ agendamento: AgendamentoRow; slot: SlotRow | null } | null> {
  if (item.status !== BACKLOG.aguardando) return null;
  const proposta = await proposedAgendamento(sql, item);
  if (!proposta) return null;
  return await releaseHold(sql, proposta.agendamentoid, motivo, canceladoPor);
}

/** Patient (or staff) declines: the place is freed and the item goes back to Pendente. */
export async function refuse(
  sql: Sql,
  actor: Actor,
  item: BacklogRow,
  motivo: string | null,
  canceladoPor: number | null,
) {
  if (item.status !== BACKLOG.aguardando) throw transicaoInvalida(item.status, BACKLOG.pendente);
  const released = await withdrawProposal(sql, item, "Proposta recusada", canceladoPor);
  const [after] = await sql<BacklogRow>`
    update ca_backlog set status = ${lit(BACKLOG.pendente)}, slotagendaid_proposto = null,
      proposta_expira_em = null, motivo_recusa = ${motivo ?? "Proposta recusada"},
      updated_at = now()
    where backlogid = ${item.backlogid} returning *`;
  const slot = released?.slot ?? null;
  await recordEvent(sql, actor, {
    kind: "backlog.recusado",
    entity: "backlog",
    entityId: item.backlogid,
    topics: slot ? slotTopics(slot, item.pacienteid, [TOPIC.backlog]) : [TOPIC.backlog],
    before: strip(item),
    after: { ...after, agendamento: released?.agendamento ?? null },
  });
  const realocado = await offerFreedPlace(sql, slot, [item.backlogid]);
  return { backlog: after, realocacao: realocado };
}

/**
 * Beyond the spec: when a place is freed in a unidade with `realocacao_automatica`, offer it at
 * once, as a proposal, to the best matching Pendente item (priority, then waiting time).
 * Runs in the caller's transaction; the slot row is already locked by the freeing update.
 */
export async function offerFreedPlace(
  sql: Sql,
  slot: Pick<SlotRow, "slotagendaid" | "status" | "datainicio" | "unidadeid"> | null,
  exclude: number[],
  /** The unidade's `realocacao_automatica`, when the caller read it already. */
  known: { realocacao?: boolean } = {},
): Promise<{ backlogid: number; agendamentoid: number } | null> {
  if (!slot || slot.status !== SLOT.livre || slot.datainicio.getTime() <= Date.now()) return null;
  if (known.realocacao === undefined) {
    const [u] = await sql<{ realocacao_automatica: boolean }>`
      select realocacao_automatica from ca_unidade where unidadeid = ${slot.unidadeid}`;
    if (!u?.realocacao_automatica) return null;
  } else if (!known.realocacao) return null;
  const excluded = exclude.length ? exclude : [0];
  const [candidate] = await sql<BacklogRow>`
    select b.* from ca_backlog b
    join ca_paciente p on p.pacienteid = b.pacienteid
    join ca_slotagenda s on s.slotagendaid = ${slot.slotagendaid}
    join ca_tiposlot t on t.tiposlotid = s.tiposlotid
    where b.ativo and b.status = ${lit(BACKLOG.pendente)} and p.status = ${lit(STATUS.ativo)}
      and b.especialidadeid = s.especialidadeid
      and (b.unidadeid is null or b.unidadeid = s.unidadeid)
      and (b.medicoid is null or b.medicoid = s.medicoid)
      and not (b.backlogid = any(${excluded}::int[]))
      and ${elegivelSql(sql, "b")}
      and ${diaAtivo(sql, "s")}
      -- never re-offer a place to a patient who already held it (and refused or cancelled)
      and not exists (select 1 from ca_agendamento a where a.slotagendaid = s.slotagendaid
                        and a.pacienteid = b.pacienteid)
    order by case b.prioridade when 'Alta' then 1 when 'Média' then 2 else 3 end,
             b.created_at, b.backlogid
    limit 1
    for update of b skip locked`;
  if (!candidate) return null;
  const { agendamento } = await propose(sql, SYSTEM, candidate, slot.slotagendaid, {
    kind: "backlog.realocado_automaticamente",
    createdBy: null,
    extra: { motivo: "Vaga liberada oferecida automaticamente (realocação automática)." },
  });
  return { backlogid: candidate.backlogid, agendamentoid: agendamento.agendamentoid };
}
