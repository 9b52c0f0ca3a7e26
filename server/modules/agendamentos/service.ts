/** Agendamento writes: direct booking, cancellation and the attendance state machine. */
import type { Db, Sql } from "../../db/db.ts";
import { type Actor, recordEvent } from "../../events/record.ts";
import type { EventKind } from "../../events/kinds.ts";
import { notFound, unprocessable } from "../../http/errors.ts";
import { canSee, type Viewer } from "../../booking/access.ts";
import { bookDirect } from "../../booking/book.ts";
import { cancelBooking } from "../../booking/cancel.ts";
import { agendamentoDetail } from "../../booking/details.ts";
import {
  type AgendamentoRow,
  type AgendamentoStatus,
  slotTopics,
  transicaoInvalida,
} from "../../booking/places.ts";
import type { AgendamentoCreate } from "./schemas.ts";
import { tx } from "../../db/tx.ts";
import { fichaTopics } from "../fichas/service.ts";
import { type EventTopic, TOPIC } from "../../events/topics.ts";
import { lit } from "../../db/sql.ts";
import { AGENDAMENTO, AGENDAMENTO_MARCADOS, BACKLOG } from "../../shared/statuses.ts";

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
  // A slot another operator holds a lease on (the panel takes it) answers 423: `bookDirect`
  // reads the lease with everything else it checks, in its one read.
  return await tx(db, (sql) => bookDirect(sql, actor, viewer, booking));
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
  return await tx(db, (sql) => cancelBooking(sql, actor, viewer, id, motivo));
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
    to: AGENDAMENTO.confirmado,
    from: [AGENDAMENTO.ativo],
    kind: "agendamento.presenca_confirmada",
  },
  naoCompareceu: {
    to: AGENDAMENTO.naoCompareceu,
    from: [...AGENDAMENTO_MARCADOS],
    kind: "agendamento.falta_registrada",
    requiresStarted: true,
    backlog: BACKLOG.naoCompareceu,
  },
  concluir: {
    to: AGENDAMENTO.concluido,
    from: [...AGENDAMENTO_MARCADOS],
    kind: "agendamento.concluido",
    requiresStarted: true,
    backlog: BACKLOG.compareceu,
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
                where backlogid = ${before.backlogid} and status = ${lit(BACKLOG.agendado)}`;
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
    if (t.to === AGENDAMENTO.concluido) await ensureFicha(sql, actor, before.pacienteid);
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
