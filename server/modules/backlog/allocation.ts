/**
 * Allocation of a backlog item: to a chosen slot (`alocar`), to the best slot of a day
 * (`alocar-dia`) or to the best slot for the patient's preferences (`alocar-inteligente`),
 * plus the patient's answer (`confirmar`, `recusar`). Each is one transaction.
 */
import type { Db, Sql } from "../../db/db.ts";
import type { Actor } from "../../events/record.ts";
import type { EventKind } from "../../events/kinds.ts";
import { unprocessable } from "../../http/errors.ts";
import { assertNotLeased, staffId, type Viewer } from "../../booking/access.ts";
import { slotIndisponivel, transicaoInvalida, tryTakePlace } from "../../booking/places.ts";
import { type Candidate, candidates } from "./candidates.ts";
import {
  type BacklogRow,
  confirmProposal,
  lockItem,
  propose,
  refuse,
} from "../../booking/proposal.ts";
import { tx } from "../../db/tx.ts";
import { BACKLOG } from "../../shared/statuses.ts";

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
    const out = await propose(sql, actor, item, slotagendaid, {
      kind: "backlog.alocado",
      createdBy: staffId(viewer),
    });
    return { preview: false as const, ...out };
  });
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
  opts: { preview: boolean; data?: string; unidadeid?: number; kind: EventKind },
) {
  return await tx(db, async (sql) => {
    const item = await lockItem(sql, backlogid);
    await assertNotLeased(sql, viewer, `backlog:${backlogid}`);
    if (!item.ativo || item.status !== BACKLOG.pendente) {
      throw transicaoInvalida(item.status, BACKLOG.aguardando);
    }
    // A preview shows only the best one; a proposal may skip a few taken meanwhile.
    const found = await candidates(sql, item, opts, opts.preview ? 1 : 10);
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
      return { preview: true as const, slot: best, motivos: motivos(item, best) };
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
      return { preview: false as const, ...out, motivos: why };
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
    return await confirmProposal(sql, actor, viewer, backlogid);
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
