/** Clinical records (seed 000 #13): one per patient, JSON content, created empty on completion. */
import type { Db, Sql } from "../../db/db.ts";
import { type Actor, recordEvent } from "../../events/record.ts";
import { notFound } from "../../http/errors.ts";
import type { RowOf } from "../../contract/define.ts";
import type { Ficha } from "./schemas.ts";
import { type EventTopic, TOPIC, topic } from "../../events/topics.ts";

type FichaRow = RowOf<typeof Ficha>;

/**
 * Clinical content is staff-only (patients get 403 on the routes), so its events carry `admin`
 * and never reach a patient's live socket, even as a bare notice.
 */
export const fichaTopics = (pacienteid: number): EventTopic[] => [
  topic.paciente(pacienteid),
  TOPIC.admin,
];

export async function getFicha(sql: Sql, pacienteid: number) {
  const [ficha] = await sql<
    FichaRow
  >`select * from ca_ficha_clinica where pacienteid = ${pacienteid}`;
  if (ficha) return ficha;
  const [p] = await sql`select 1 from ca_paciente where pacienteid = ${pacienteid}`;
  throw notFound(p ? "Ficha clínica" : "Paciente");
}

/** Replaces the content, creating the record when the patient has none. */
export async function putFicha(
  db: Db,
  actor: Actor,
  pacienteid: number,
  conteudo: Record<string, unknown>,
) {
  return await db.begin(async (sql) => {
    const [p] = await sql`select 1 from ca_paciente where pacienteid = ${pacienteid}`;
    if (!p) throw notFound("Paciente");
    const [before] = await sql<FichaRow>`
      select * from ca_ficha_clinica where pacienteid = ${pacienteid} for update`;
    const [after] = await sql<FichaRow>`
      insert into ca_ficha_clinica (pacienteid, conteudo) values (${pacienteid}, ${conteudo})
      on conflict (pacienteid) do update set conteudo = excluded.conteudo, updated_at = now()
      returning *`;
    await recordEvent(sql, actor, {
      kind: before ? "ficha.atualizada" : "ficha.criada",
      entity: "ficha",
      entityId: after.fichaid,
      topics: fichaTopics(pacienteid),
      before,
      after,
    });
    return after;
  });
}
