/** Agendamento writes: direct booking, cancellation and the attendance state machine. */
import type { Db, Sql } from "../../db/db.ts";
import { type Actor, recordEvent } from "../../events/record.ts";
import type { EventKind } from "../../events/kinds.ts";
import { notFound, unprocessable } from "../../http/errors.ts";
import { offerFreedPlace } from "../../booking/proposal.ts";
import { assertNotLeased, canSee, staffId, type Viewer } from "../../booking/access.ts";
import { bookDirect } from "../../booking/book.ts";
import { agendamentoDetail, slotDetail } from "../../booking/details.ts";
import { notifyPaciente } from "../../booking/messages.ts";
import {
  type AgendamentoRow,
  type AgendamentoStatus,
  releaseHold,
  slotTopics,
  transicaoInvalida,
} from "../../booking/places.ts";
import type { AgendamentoCreate } from "./schemas.ts";
import { tx } from "../../db/tx.ts";
import { fichaTopics } from "../fichas/service.ts";
import { type EventTopic, TOPIC } from "../../events/topics.ts";

/** Operator books a patient straight into a slot (no proposal): status Ativo. */
export async function createAgendamento(
  db: Db,
  actor: Actor,
  viewer: Viewer,
  input: AgendamentoCreate,
) {
  const { encaixe, motivo_encaixe, ...rest } = input;
  const booking = encaixe && motivo_encaixe
    ? { ...rest, encaixe: { motivo: motivo_encaixe } }
    : rest;
  return await tx(db, async (sql) => {
    // Another operator booking or dropping onto this slot holds its lease (the panel takes it).
    await assertNotLeased(sql, viewer, `slot:${input.slotagendaid}`);
    return await bookDirect(sql, actor, viewer, booking);
  });
}

type Locked = AgendamentoRow & {
  iniciado: boolean;
  unidadeid: number;
  especialidadeid: number;
  medicoid: number;
  data: string;
};

async function lockAgendamento(sql: Sql, id: number, viewer: Viewer): Promise<Locked> {
  const [a] = await sql<Locked>`
    select a.*, s.datainicio <= now() as iniciado, s.unidadeid, s.especialidadeid, s.medicoid,
           s.data
    from ca_agendamento a join ca_slotagenda s on s.slotagendaid = a.slotagendaid
    where a.agendamentoid = ${id}
    for update of a`;
  if (!a || !canSee(viewer, a.pacienteid)) throw notFound("Agendamento");
  return a;
}

const plain = (
  { iniciado: _i, unidadeid: _u, especialidadeid: _e, medicoid: _m, data: _d, ...a }: Locked,
) => a;

/** Staff, or the patient for their own future agendamento: frees the place and notifies. */
export async function cancelAgendamento(
  db: Db,
  actor: Actor,
  viewer: Viewer,
  id: number,
  motivo: string,
) {
  await tx(db, async (sql) => {
    const before = await lockAgendamento(sql, id, viewer);
    // Like every staff write: a slot another operator holds answers 423.
    await assertNotLeased(sql, viewer, `slot:${before.slotagendaid}`);
    if (before.status !== "Ativo" && before.status !== "Confirmado") {
      const err = transicaoInvalida(before.status, "Cancelado");
      if (before.status === "Proposto") {
        err.message = "Propostas são recusadas ou retiradas pela fila de espera.";
      }
      throw err;
    }
    if (before.iniciado) {
      throw unprocessable(
        "consulta_passada",
        "Não é possível cancelar uma consulta que já começou ou passou.",
      );
    }
    const released = await releaseHold(sql, id, motivo, staffId(viewer));
    const extra: EventTopic[] = [];
    if (before.backlogid) {
      const rows = await sql`
        update ca_backlog set status = 'Cancelado', updated_at = now()
        where backlogid = ${before.backlogid} and status = 'Agendado' returning backlogid`;
      if (rows.length) extra.push(TOPIC.backlog);
    }
    const detail = await slotDetail(sql, before.slotagendaid);
    await notifyPaciente(sql, before.pacienteid, "cancelamento", String(id), {
      slot: detail,
      protocolo: before.protocolo,
      motivo,
    });
    await recordEvent(sql, actor, {
      kind: "agendamento.cancelado",
      entity: "agendamento",
      entityId: id,
      topics: slotTopics(before, before.pacienteid, extra),
      before: plain(before),
      after: released?.agendamento,
    });
    await offerFreedPlace(sql, released?.slot ?? null, before.backlogid ? [before.backlogid] : []);
  });
  return await agendamentoDetail(db.sql, id);
}

interface Transition {
  to: AgendamentoStatus;
  from: AgendamentoStatus[];
  kind: EventKind;
  /** Only once the consultation time has come. */
  requiresStarted?: boolean;
  /** New status of the backlog item the agendamento came from. */
  backlog?: string;
}

export const TRANSITIONS = {
  confirmarPresenca: {
    to: "Confirmado",
    from: ["Ativo"],
    kind: "agendamento.presenca_confirmada",
  },
  naoCompareceu: {
    to: "Não Compareceu",
    from: ["Ativo", "Confirmado"],
    kind: "agendamento.falta_registrada",
    requiresStarted: true,
    backlog: "Não Compareceu",
  },
  concluir: {
    to: "Concluído",
    from: ["Ativo", "Confirmado"],
    kind: "agendamento.concluido",
    requiresStarted: true,
    backlog: "Compareceu",
  },
} satisfies Record<string, Transition>;

/** Attendance transitions (staff): the place stays taken, the slot's time is spent. */
export async function transition(db: Db, actor: Actor, viewer: Viewer, id: number, t: Transition) {
  await tx(db, async (sql) => {
    const before = await lockAgendamento(sql, id, viewer);
    if (!t.from.includes(before.status)) throw transicaoInvalida(before.status, t.to);
    if (t.requiresStarted && !before.iniciado) {
      throw unprocessable(
        "consulta_futura",
        "Esta consulta ainda não aconteceu; aguarde o horário para registrar.",
        { from: before.status, to: t.to },
      );
    }
    const [after] = await sql<AgendamentoRow>`
      update ca_agendamento set status = ${t.to}, updated_at = now()
      where agendamentoid = ${id} returning *`;
    const extra: EventTopic[] = [];
    if (t.backlog && before.backlogid) {
      await sql`update ca_backlog set status = ${t.backlog}, updated_at = now()
                where backlogid = ${before.backlogid} and status = 'Agendado'`;
      extra.push(TOPIC.backlog);
    }
    await recordEvent(sql, actor, {
      kind: t.kind,
      entity: "agendamento",
      entityId: id,
      topics: slotTopics(before, before.pacienteid, extra),
      before: plain(before),
      after,
    });
    if (t.to === "Concluído") await ensureFicha(sql, actor, before.pacienteid);
  });
  return await agendamentoDetail(db.sql, id);
}

/** Seed 000 #13: completing a consultation gives the patient an empty clinical record. */
async function ensureFicha(sql: Sql, actor: Actor, pacienteid: number) {
  const [ficha] = await sql`
    insert into ca_ficha_clinica (pacienteid) values (${pacienteid})
    on conflict (pacienteid) do nothing returning *`;
  if (!ficha) return;
  await recordEvent(sql, actor, {
    kind: "ficha.criada",
    entity: "ficha",
    entityId: ficha.fichaid as number,
    topics: fichaTopics(pacienteid),
    after: ficha,
  });
}
