/** Backlog writes: create, update, inactivate, reactivate and cancel a request. */
import type { Db, Sql } from "../../db/db.ts";
import { type Actor, recordEvent } from "../../events/record.ts";
import { conflict, HttpError, pgError, unprocessable } from "../../http/errors.ts";
import { assertNotLeased, staffId, type Viewer } from "../../booking/access.ts";
import { assertPacienteAtivo } from "../../booking/eligibility.ts";
import { slotTopics, transicaoInvalida } from "../../booking/places.ts";
import { computePrioridade, hojeClinica, validarDataPreferida } from "./priority.ts";
import {
  type BacklogRow,
  lockItem,
  offerFreedPlace,
  withdrawProposal,
} from "../../booking/proposal.ts";
import { getBacklogItem } from "./queries.ts";
import { type BacklogCreate, type BacklogUpdate, STAFF_ONLY_FIELDS } from "./schemas.ts";
import { tx } from "../../db/tx.ts";
import { type EventTopic, TOPIC, topic } from "../../events/topics.ts";
import { lit } from "../../db/sql.ts";
import { BACKLOG, STATUS } from "../../shared/statuses.ts";

function mapUnique(err: unknown): never {
  if (pgError(err).constraint === "ca_backlog_aberto_uq") {
    throw conflict(
      "solicitacao_duplicada",
      "Este paciente já tem uma solicitação em aberto para esta especialidade.",
    );
  }
  throw err;
}

function topics(b: { pacienteid: number; especialidadeid: number; unidadeid?: number | null }) {
  const t: EventTopic[] = [
    TOPIC.backlog,
    topic.paciente(b.pacienteid),
    topic.especialidade(b.especialidadeid),
  ];
  if (b.unidadeid) t.push(topic.unidade(b.unidadeid));
  return t;
}

/** Staff-only fields sent with a paciente token are refused, never silently dropped. */
function refuseStaffFields(viewer: Viewer, input: Record<string, unknown>) {
  if (viewer.kind !== "paciente") return;
  const campos = STAFF_ONLY_FIELDS.filter((k) => input[k] !== undefined);
  if (campos.length) {
    throw new HttpError(
      403,
      "campo_restrito",
      "Estes campos só podem ser definidos pela equipe da unidade.",
      { campos },
    );
  }
}

/** Referenced especialidade, unidade and médico must exist, be active and fit together. */
async function checkRefs(
  sql: Sql,
  r: { especialidadeid: number; unidadeid?: number | null; medicoid?: number | null },
  tipos?: number[],
) {
  const [e] = await sql`select 1 from ca_especialidade
    where especialidadeid = ${r.especialidadeid} and status = ${lit(STATUS.ativo)}`;
  if (!e) {
    throw unprocessable("especialidade_invalida", "Especialidade não encontrada ou inativa.");
  }
  if (r.unidadeid) {
    const [u] = await sql`select 1 from ca_unidade
      where unidadeid = ${r.unidadeid} and status = ${lit(STATUS.ativo)}`;
    if (!u) throw unprocessable("unidade_invalida", "Unidade não encontrada ou inativa.");
  }
  if (r.medicoid) {
    const [m] = await sql<{ atende: boolean }>`
      select exists (select 1 from ca_medico_especialidade me
                     where me.medicoid = m.medicoid
                       and me.especialidadeid = ${r.especialidadeid}) as atende
      from ca_medico m where m.medicoid = ${r.medicoid} and m.status = ${lit(STATUS.ativo)}`;
    if (!m) throw unprocessable("medico_invalido", "Médico não encontrado ou inativo.");
    if (!m.atende) {
      throw unprocessable(
        "medico_incompativel",
        "Este médico não atende a especialidade escolhida.",
      );
    }
  }
  if (tipos?.length) {
    const [{ n }] = await sql<{ n: number }>`
      select count(*)::int as n from ca_tiposlot where tiposlotid = any(${tipos}::int[])`;
    if (n !== new Set(tipos).size) {
      throw unprocessable("tiposlot_invalido", "Um dos tipos de slot informados não existe.");
    }
  }
}

export async function createBacklog(db: Db, actor: Actor, viewer: Viewer, input: BacklogCreate) {
  refuseStaffFields(viewer, input);
  let pacienteid = input.pacienteid;
  if (viewer.kind === "paciente") {
    if (pacienteid && pacienteid !== viewer.pacienteid) {
      throw new HttpError(403, "sem_permissao", "Você só pode criar solicitações para si.");
    }
    pacienteid = viewer.pacienteid;
  }
  if (!pacienteid) {
    throw new HttpError(400, "entrada_invalida", "Dados inválidos.", [
      { path: "pacienteid", message: "Paciente é obrigatório.", code: "invalid_type" },
    ]);
  }
  const id = await tx(db, async (sql) => {
    const p = await assertPacienteAtivo(sql, pacienteid);
    await checkRefs(sql, input, input.tipos_slot_elegiveis);
    const hoje = await hojeClinica(sql);
    validarDataPreferida(input.data_preferida ?? null, hoje, viewer.kind);
    const urgente = input.urgente ?? false;
    const prioridade = input.prioridade ??
      computePrioridade(urgente, input.data_preferida ?? null, hoje);
    const origem = viewer.kind === "paciente" ? "Portal" : input.origem ?? "ADM";
    const [cpf] = await sql<{ cpf: string }>`
      select cpf from ca_paciente where pacienteid = ${pacienteid}`;
    const [after] = await sql<BacklogRow>`
      insert into ca_backlog (pacienteid, especialidadeid, medicoid, unidadeid, data_preferida,
        periodo_preferido, horario_preferido, urgente, prioridade, origem, tipos_slot_elegiveis,
        cpf, telefone, observacoes, created_by)
      values (${pacienteid}, ${input.especialidadeid}, ${input.medicoid ?? null},
        ${input.unidadeid ?? null}, ${input.data_preferida ?? null},
        ${input.periodo_preferido ?? null}, ${input.horario_preferido ?? null}, ${urgente},
        ${prioridade}, ${origem}, ${input.tipos_slot_elegiveis ?? []}::int[], ${cpf.cpf},
        ${p.telefone}, ${input.observacoes ?? null}, ${staffId(viewer)})
      returning *`;
    await recordEvent(sql, actor, {
      kind: "backlog.criado",
      entity: "backlog",
      entityId: after.backlogid,
      topics: topics(after),
      after,
    });
    return after.backlogid;
  }).catch(mapUnique);
  return await getBacklogItem(db.sql, id);
}

export async function updateBacklog(
  db: Db,
  actor: Actor,
  viewer: Viewer,
  backlogid: number,
  input: BacklogUpdate,
) {
  refuseStaffFields(viewer, input);
  await tx(db, async (sql) => {
    const before = await lockItem(sql, backlogid, viewer);
    await assertNotLeased(sql, viewer, `backlog:${backlogid}`);
    if (before.status !== BACKLOG.pendente || !before.ativo) {
      throw unprocessable(
        "solicitacao_nao_editavel",
        "Só é possível alterar solicitações pendentes.",
        { status: before.status },
      );
    }
    const merged = {
      especialidadeid: input.especialidadeid ?? before.especialidadeid,
      unidadeid: input.unidadeid === undefined ? before.unidadeid : input.unidadeid,
      medicoid: input.medicoid === undefined ? before.medicoid : input.medicoid,
      data_preferida: input.data_preferida === undefined
        ? before.data_preferida
        : input.data_preferida,
      urgente: input.urgente ?? before.urgente,
    };
    await checkRefs(sql, merged, input.tipos_slot_elegiveis);
    const hoje = await hojeClinica(sql);
    if (input.data_preferida) validarDataPreferida(input.data_preferida, hoje, viewer.kind);
    const prioridade = input.prioridade ??
      computePrioridade(merged.urgente, merged.data_preferida, hoje);
    const keep = (v: unknown, col: string) => v === undefined ? sql`${sql.ident(col)}` : sql`${v}`;
    const [after] = await sql<BacklogRow>`
      update ca_backlog set
        especialidadeid = ${merged.especialidadeid}, unidadeid = ${merged.unidadeid},
        medicoid = ${merged.medicoid}, data_preferida = ${merged.data_preferida},
        periodo_preferido = ${keep(input.periodo_preferido, "periodo_preferido")},
        horario_preferido = ${keep(input.horario_preferido, "horario_preferido")},
        observacoes = ${keep(input.observacoes, "observacoes")},
        urgente = ${merged.urgente}, prioridade = ${prioridade},
        tipos_slot_elegiveis = coalesce(${input.tipos_slot_elegiveis ?? null}::int[],
                                        tipos_slot_elegiveis),
        updated_at = now()
      where backlogid = ${backlogid} returning *`;
    await recordEvent(sql, actor, {
      kind: "backlog.atualizado",
      entity: "backlog",
      entityId: backlogid,
      topics: topics(after),
      before,
      after,
    });
  }).catch(mapUnique);
  return await getBacklogItem(db.sql, backlogid);
}

/**
 * Ends a request: `Inativo` (soft delete, staff) or `Cancelado` (patient or staff). A proposal
 * in progress is withdrawn and its place freed (and re-offered where the unidade allows).
 */
export async function closeBacklog(
  db: Db,
  actor: Actor,
  viewer: Viewer,
  backlogid: number,
  to: typeof BACKLOG.inativo | typeof BACKLOG.cancelado,
) {
  await tx(db, async (sql) => {
    const before = await lockItem(sql, backlogid, viewer);
    await assertNotLeased(sql, viewer, `backlog:${backlogid}`);
    if (to === BACKLOG.inativo && before.status === BACKLOG.inativo) {
      throw conflict("ja_inativo", "Esta solicitação já está inativa.");
    }
    const encerravel: string[] = [BACKLOG.pendente, BACKLOG.aguardando, BACKLOG.recusado];
    if (!encerravel.includes(before.status)) {
      throw transicaoInvalida(before.status, to);
    }
    const motivo = to === BACKLOG.inativo ? "Solicitação inativada" : "Solicitação cancelada";
    const released = await withdrawProposal(sql, before, motivo, staffId(viewer));
    const [after] = await sql<BacklogRow>`
      update ca_backlog set status = ${to}, ativo = ${to !== BACKLOG.inativo},
        slotagendaid_proposto = null, proposta_expira_em = null, updated_at = now()
      where backlogid = ${backlogid} returning *`;
    const slot = released?.slot ?? null;
    await recordEvent(sql, actor, {
      kind: to === BACKLOG.inativo ? "backlog.inativado" : "backlog.cancelado",
      entity: "backlog",
      entityId: backlogid,
      topics: slot ? slotTopics(slot, before.pacienteid, [TOPIC.backlog]) : topics(before),
      before,
      after: { ...after, agendamento: released?.agendamento ?? null },
    });
    await offerFreedPlace(sql, slot, [backlogid]);
  });
  return await getBacklogItem(db.sql, backlogid);
}

export async function reactivateBacklog(db: Db, actor: Actor, backlogid: number) {
  await tx(db, async (sql) => {
    const before = await lockItem(sql, backlogid);
    if (before.status !== BACKLOG.inativo) {
      throw conflict("ja_ativo", "Esta solicitação não está inativa.");
    }
    const [after] = await sql<BacklogRow>`
      update ca_backlog set status = ${lit(BACKLOG.pendente)}, ativo = true, updated_at = now()
      where backlogid = ${backlogid} returning *`;
    await recordEvent(sql, actor, {
      kind: "backlog.reativado",
      entity: "backlog",
      entityId: backlogid,
      topics: topics(after),
      before,
      after,
    });
  }).catch(mapUnique);
  return await getBacklogItem(db.sql, backlogid);
}
