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
import { slotDetail } from "./details.ts";
import { assertPacienteAtivo, assertTipoElegivel, elegivelSql } from "./eligibility.ts";
import { notifyPaciente } from "./messages.ts";
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
      and status = 'Proposto' for update`;
  return a ?? null;
}

export interface ProposeOptions {
  kind: EventKind;
  createdBy: number | null;
  /** A place already taken in this transaction (smart allocation tries several). */
  taken?: SlotRow;
  extra?: Record<string, unknown>;
}

/** Offers `slotagendaid` to a Pendente item: holds the place and sends the `proposta` message. */
export async function propose(
  sql: Sql,
  actor: Actor,
  item: BacklogRow,
  slotagendaid: number,
  opts: ProposeOptions,
) {
  if (!item.ativo || item.status !== "Pendente") {
    throw transicaoInvalida(item.status, "Aguardando Confirmação");
  }
  await assertPacienteAtivo(sql, item.pacienteid);
  const [s] = await sql<{ especialidadeid: number; tiposlotid: number }>`
    select especialidadeid, tiposlotid from ca_slotagenda where slotagendaid = ${slotagendaid}`;
  if (!s) throw notFound("Horário");
  if (s.especialidadeid !== item.especialidadeid) {
    throw unprocessable(
      "slot_incompativel",
      "Este horário é de outra especialidade que a da solicitação.",
    );
  }
  await assertTipoElegivel(sql, item.pacienteid, s.tiposlotid, item.tipos_slot_elegiveis);
  const { agendamento, slot } = await holdPlace(sql, {
    slotagendaid,
    pacienteid: item.pacienteid,
    proposta: true,
    backlogid: item.backlogid,
    createdBy: opts.createdBy,
  }, opts.taken);
  const [after] = await sql<BacklogRow>`
    update ca_backlog set status = 'Aguardando Confirmação', slotagendaid_proposto = ${slotagendaid},
      proposta_expira_em = ${agendamento.expira_em}, updated_at = now()
    where backlogid = ${item.backlogid} returning *`;
  const detail = await slotDetail(sql, slotagendaid);
  await notifyPaciente(sql, item.pacienteid, "proposta", String(agendamento.agendamentoid), {
    slot: detail,
    protocolo: agendamento.protocolo,
    expiraEm: agendamento.expira_em,
  });
  await recordEvent(sql, actor, {
    kind: opts.kind,
    entity: "backlog",
    entityId: item.backlogid,
    topics: slotTopics(slot, item.pacienteid, [TOPIC.backlog]),
    before: strip(item),
    after: { ...after, agendamento, ...opts.extra },
  });
  return { backlog: after, agendamento, slot: detail };
}

/** Patient (or staff) accepts the offer: the agendamento becomes Ativo, the item Agendado. */
export async function confirm(sql: Sql, actor: Actor, item: BacklogRow & { expirada: boolean }) {
  if (item.status !== "Aguardando Confirmação") throw transicaoInvalida(item.status, "Agendado");
  if (item.expirada) {
    throw unprocessable(
      "proposta_expirada",
      "O prazo para confirmar esta proposta terminou. Aguarde uma nova proposta.",
    );
  }
  const proposta = await proposedAgendamento(sql, item);
  if (!proposta) {
    throw conflict("proposta_inexistente", "Esta proposta não está mais disponível.");
  }
  const [agendamento] = await sql<AgendamentoRow>`
    update ca_agendamento set status = 'Ativo', expira_em = null, updated_at = now()
    where agendamentoid = ${proposta.agendamentoid} returning *`;
  const [after] = await sql<BacklogRow>`
    update ca_backlog set status = 'Agendado', slotagendaid_proposto = null,
      proposta_expira_em = null, updated_at = now()
    where backlogid = ${item.backlogid} returning *`;
  const detail = await slotDetail(sql, agendamento.slotagendaid);
  await notifyPaciente(sql, item.pacienteid, "confirmacao", String(agendamento.agendamentoid), {
    slot: detail,
    protocolo: agendamento.protocolo,
  });
  await recordEvent(sql, actor, {
    kind: "backlog.confirmado",
    entity: "backlog",
    entityId: item.backlogid,
    topics: slotTopics(detail, item.pacienteid, [TOPIC.backlog]),
    before: strip(item),
    after: { ...after, agendamento },
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
  if (item.status !== "Aguardando Confirmação") return null;
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
  if (item.status !== "Aguardando Confirmação") throw transicaoInvalida(item.status, "Pendente");
  const released = await withdrawProposal(sql, item, "Proposta recusada", canceladoPor);
  const [after] = await sql<BacklogRow>`
    update ca_backlog set status = 'Pendente', slotagendaid_proposto = null,
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
  slot: SlotRow | null,
  exclude: number[],
): Promise<{ backlogid: number; agendamentoid: number } | null> {
  if (!slot || slot.status !== "Livre" || slot.datainicio.getTime() <= Date.now()) return null;
  const [u] = await sql<{ realocacao_automatica: boolean }>`
    select realocacao_automatica from ca_unidade where unidadeid = ${slot.unidadeid}`;
  if (!u?.realocacao_automatica) return null;
  const excluded = exclude.length ? exclude : [0];
  const [candidate] = await sql<BacklogRow>`
    select b.* from ca_backlog b
    join ca_paciente p on p.pacienteid = b.pacienteid
    join ca_slotagenda s on s.slotagendaid = ${slot.slotagendaid}
    join ca_tiposlot t on t.tiposlotid = s.tiposlotid
    where b.ativo and b.status = 'Pendente' and p.status = 'Ativo'
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
