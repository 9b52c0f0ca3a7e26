/**
 * Undo of an operator's proposal ("Desfazer" in the operator panel): the live proposal is
 * withdrawn, its place freed and the item goes back to Pendente as if it had never been offered.
 * Unlike a refusal, nothing is recorded as the patient's answer (`motivo_recusa` unchanged) and
 * the freed place is not re-offered automatically: the operator is putting things back.
 */
import type { Db } from "../../db/db.ts";
import { type Actor, recordEvent } from "../../events/record.ts";
import { unprocessable } from "../../http/errors.ts";
import { assertNotLeased, staffId, type Viewer } from "../../booking/access.ts";
import { slotTopics, transicaoInvalida } from "../../booking/places.ts";
import { type BacklogRow, lockItem, withdrawProposal } from "../../booking/proposal.ts";
import { tx } from "../../db/tx.ts";
import { TOPIC } from "../../events/topics.ts";
import { lit } from "../../db/sql.ts";
import { BACKLOG } from "../../shared/statuses.ts";

export const MOTIVO_RETIRADA = "Proposta retirada pelo operador";

export async function retirarProposta(db: Db, actor: Actor, viewer: Viewer, backlogid: number) {
  return await tx(db, async (sql) => {
    const { expirada: _, ...item } = await lockItem(sql, backlogid);
    await assertNotLeased(sql, viewer, `backlog:${backlogid}`);
    if (item.status !== BACKLOG.aguardando) {
      throw transicaoInvalida(item.status, BACKLOG.pendente);
    }
    const released = await withdrawProposal(sql, item, MOTIVO_RETIRADA, staffId(viewer));
    if (!released) {
      throw unprocessable("proposta_inexistente", "Esta proposta não está mais disponível.");
    }
    const [after] = await sql<BacklogRow>`
      update ca_backlog set status = ${lit(BACKLOG.pendente)}, slotagendaid_proposto = null,
        proposta_expira_em = null, updated_at = now()
      where backlogid = ${backlogid} returning *`;
    const slot = released.slot;
    await recordEvent(sql, actor, {
      kind: "backlog.proposta_retirada",
      entity: "backlog",
      entityId: backlogid,
      topics: slot ? slotTopics(slot, item.pacienteid, [TOPIC.backlog]) : [TOPIC.backlog],
      before: item,
      after: { ...after, agendamento: released.agendamento },
    });
    return { backlog: after, agendamento: released.agendamento };
  });
}
