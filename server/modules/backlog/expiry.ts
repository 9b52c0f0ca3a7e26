/**
 * Proposal expiry, run by the jobs scheduler: every proposal past `proposta_expira_em` frees its
 * place and its item goes back to Pendente. One transaction per item, so one failure does not
 * hold back the others; idempotent (an item already handled is skipped).
 */
import type { Deps } from "../../app_env.ts";
import { recordEvent, SYSTEM } from "../../events/record.ts";
import { slotTopics } from "../../booking/places.ts";
import { type BacklogRow, offerFreedPlace, withdrawProposal } from "../../booking/proposal.ts";
import { tx } from "../../db/tx.ts";
import { TOPIC } from "../../events/topics.ts";
import { lit } from "../../db/sql.ts";
import { BACKLOG } from "../../shared/statuses.ts";

export async function expireProposals(
  deps: Pick<Deps, "db">,
  opts: { batch?: number } = {},
): Promise<{ expiradas: number; realocadas: number }> {
  const { db } = deps;
  const due = await db.sql<{ backlogid: number }>`
    select backlogid from ca_backlog
    where status = ${lit(BACKLOG.aguardando)} and proposta_expira_em <= now()
    order by proposta_expira_em limit ${opts.batch ?? 500}`;
  let expiradas = 0;
  let realocadas = 0;
  for (const { backlogid } of due) {
    const done = await tx(db, async (sql) => {
      const [item] = await sql<BacklogRow>`
        select * from ca_backlog
        where backlogid = ${backlogid} and status = ${lit(BACKLOG.aguardando)}
          and proposta_expira_em <= now()
        for update skip locked`;
      if (!item) return null;
      const released = await withdrawProposal(sql, item, "Proposta expirada sem resposta", null);
      const [after] = await sql<BacklogRow>`
        update ca_backlog set status = ${lit(BACKLOG.pendente)}, slotagendaid_proposto = null,
          proposta_expira_em = null, updated_at = now()
        where backlogid = ${backlogid} returning *`;
      const slot = released?.slot ?? null;
      await recordEvent(sql, SYSTEM, {
        kind: "backlog.proposta_expirada",
        entity: "backlog",
        entityId: backlogid,
        topics: slot ? slotTopics(slot, item.pacienteid, [TOPIC.backlog]) : [TOPIC.backlog],
        before: item,
        after: { ...after, agendamento: released?.agendamento ?? null },
      });
      return { realocacao: await offerFreedPlace(sql, slot, [backlogid]) };
    });
    if (done) expiradas++;
    if (done?.realocacao) realocadas++;
  }
  return { expiradas, realocadas };
}
