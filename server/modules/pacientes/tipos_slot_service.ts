/** The slot types a patient is eligible for (ca_paciente_tiposlot, N:N). */
import type { Db, Sql } from "../../db/db.ts";
import { type Actor, recordEvent } from "../../events/record.ts";
import { notFound, unprocessable } from "../../http/errors.ts";
import { pacienteTopics } from "../../shared/paciente_shape.ts";
import { lit } from "../../db/sql.ts";
import { STATUS, type Status } from "../../shared/statuses.ts";

export interface TipoSlotResumo {
  tiposlotid: number;
  nome: string;
  cor: string;
  status: Status;
  agendavel: boolean;
}

export function tiposSlotOf(sql: Sql, pacienteid: number) {
  return sql<TipoSlotResumo>`
    select t.tiposlotid, t.nome, t.cor, t.status, t.agendavel
    from ca_paciente_tiposlot pt join ca_tiposlot t using (tiposlotid)
    where pt.pacienteid = ${pacienteid}
    order by lower(ca_unaccent(t.nome)), t.tiposlotid`;
}

/**
 * Replaces the eligible set with `ids` (already deduplicated). Every id must name an active
 * slot type; the rows are share-locked so a concurrent inactivation waits for this transaction.
 */
export async function replaceTiposSlot(sql: Sql, pacienteid: number, ids: number[]) {
  if (ids.length > 0) {
    const found = await sql<{ tiposlotid: number }>`
      select tiposlotid from ca_tiposlot
      where tiposlotid = any(${ids}::int[]) and status = ${lit(STATUS.ativo)}
      for share`;
    const ok = new Set(found.map((r) => r.tiposlotid));
    const invalidos = ids.filter((id) => !ok.has(id));
    if (invalidos.length > 0) {
      throw unprocessable(
        "tipo_slot_invalido",
        `Tipo(s) de slot inexistente(s) ou inativo(s): ${invalidos.join(", ")}.`,
        { tipos_slot_invalidos: invalidos },
      );
    }
  }
  await sql`
    delete from ca_paciente_tiposlot
    where pacienteid = ${pacienteid} and not (tiposlotid = any(${ids}::int[]))`;
  if (ids.length > 0) {
    await sql`
      insert into ca_paciente_tiposlot (pacienteid, tiposlotid)
      select ${pacienteid}, unnest(${ids}::int[])
      on conflict do nothing`;
  }
}

async function lockPaciente(sql: Sql, pacienteid: number) {
  const [p] = await sql<{ pacienteid: number }>`
    select pacienteid from ca_paciente where pacienteid = ${pacienteid} for update`;
  if (!p) throw notFound("Paciente");
}

export async function getTiposSlot(db: Db, pacienteid: number) {
  const [p] = await db.sql`select 1 from ca_paciente where pacienteid = ${pacienteid}`;
  if (!p) throw notFound("Paciente");
  return { pacienteid, tipos_slot: [...await tiposSlotOf(db.sql, pacienteid)] };
}

export function setTiposSlot(db: Db, actor: Actor, pacienteid: number, ids: number[]) {
  return db.begin(async (sql) => {
    await lockPaciente(sql, pacienteid);
    const before = await tiposSlotOf(sql, pacienteid);
    await replaceTiposSlot(sql, pacienteid, ids);
    const after = [...await tiposSlotOf(sql, pacienteid)];
    await recordEvent(sql, actor, {
      kind: "paciente.tipos_slot_atualizados",
      entity: "paciente",
      entityId: pacienteid,
      topics: pacienteTopics(pacienteid),
      before: { tipos_slot_elegiveis: before.map((t) => t.tiposlotid) },
      after: { tipos_slot_elegiveis: after.map((t) => t.tiposlotid) },
    });
    return { pacienteid, tipos_slot: after };
  });
}
