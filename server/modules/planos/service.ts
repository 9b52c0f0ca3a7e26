/** Treatment plans (seed 000 #14): a plan per patient and the consultations linked to it. */
import type { Db, Sql } from "../../db/db.ts";
import { type Actor, recordEvent } from "../../events/record.ts";
import { conflict, notFound, unprocessable } from "../../http/errors.ts";
import { canSee, type Viewer } from "../../booking/access.ts";
import { AGENDAMENTO_SELECT, type AgendamentoDetail, withEndereco } from "../../booking/details.ts";
import { assertPacienteAtivo } from "../../booking/eligibility.ts";
import type { RowOf } from "../../contract/define.ts";
import type { Plano, PlanoCreate } from "./schemas.ts";
import { type EventTopic, topic } from "../../events/topics.ts";
import { PLANO } from "../../shared/statuses.ts";

type PlanoRow = RowOf<typeof Plano>;

const topics = (pacienteid: number): EventTopic[] => [topic.paciente(pacienteid)];

export async function createPlano(db: Db, actor: Actor, usuarioid: number, input: PlanoCreate) {
  return await db.begin(async (sql) => {
    await assertPacienteAtivo(sql, input.pacienteid);
    const [plano] = await sql<PlanoRow>`
      insert into ca_plano_tratamento (pacienteid, titulo, descricao, created_by)
      values (${input.pacienteid}, ${input.titulo}, ${input.descricao}, ${usuarioid})
      returning *`;
    await recordEvent(sql, actor, {
      kind: "plano.criado",
      entity: "plano",
      entityId: plano.planoid,
      topics: topics(input.pacienteid),
      after: plano,
    });
    return plano;
  });
}

export async function listPlanos(sql: Sql, viewer: Viewer, pacienteid?: number) {
  const pid = viewer.kind === "paciente" ? viewer.pacienteid : pacienteid;
  const filter = pid ? sql`where pl.pacienteid = ${pid}` : sql``;
  const items = await sql<PlanoRow & { paciente_nome: string; consultas: number }>`
    select pl.*, p.nomecompleto as paciente_nome,
      (select count(*)::int from ca_agendamento a where a.planoid = pl.planoid) as consultas
    from ca_plano_tratamento pl join ca_paciente p on p.pacienteid = pl.pacienteid
    ${filter}
    order by pl.created_at desc, pl.planoid desc
    limit 200`;
  return { items: [...items] };
}

export async function getPlano(sql: Sql, viewer: Viewer | null, planoid: number) {
  const [plano] = await sql<PlanoRow & { paciente_nome: string }>`
    select pl.*, p.nomecompleto as paciente_nome
    from ca_plano_tratamento pl join ca_paciente p on p.pacienteid = pl.pacienteid
    where pl.planoid = ${planoid}`;
  if (!plano || (viewer && !canSee(viewer, plano.pacienteid))) {
    throw notFound("Plano de tratamento");
  }
  const agendamentos = await sql<AgendamentoDetail>`
    ${AGENDAMENTO_SELECT(sql)} where a.planoid = ${planoid} order by s.datainicio`;
  return { ...plano, agendamentos: agendamentos.map(withEndereco) };
}

/** Links an agendamento of the same patient to the plan. */
export async function addConsulta(db: Db, actor: Actor, planoid: number, agendamentoid: number) {
  await db.begin(async (sql) => {
    const [plano] = await sql<{ pacienteid: number; status: string }>`
      select pacienteid, status from ca_plano_tratamento where planoid = ${planoid} for update`;
    if (!plano) throw notFound("Plano de tratamento");
    if (plano.status !== PLANO.ativo) {
      throw unprocessable("plano_inativo", "Este plano de tratamento não está ativo.");
    }
    const [before] = await sql<{ pacienteid: number; planoid: number | null; status: string }>`
      select * from ca_agendamento where agendamentoid = ${agendamentoid} for update`;
    if (!before) throw notFound("Agendamento");
    if (before.pacienteid !== plano.pacienteid) {
      throw unprocessable(
        "paciente_diferente",
        "A consulta pertence a outro paciente; só consultas do paciente do plano podem ser vinculadas.",
      );
    }
    if (before.status === PLANO.cancelado) {
      throw unprocessable("consulta_cancelada", "Consultas canceladas não entram em planos.");
    }
    if (before.planoid === planoid) {
      throw conflict("ja_vinculada", "Esta consulta já faz parte deste plano.");
    }
    if (before.planoid) {
      throw conflict("vinculada_outro_plano", "Esta consulta já faz parte de outro plano.", {
        planoid: before.planoid,
      });
    }
    const [after] = await sql`
      update ca_agendamento set planoid = ${planoid}, updated_at = now()
      where agendamentoid = ${agendamentoid} returning *`;
    await recordEvent(sql, actor, {
      kind: "plano.consulta_adicionada",
      entity: "plano",
      entityId: planoid,
      topics: topics(plano.pacienteid),
      before,
      after,
    });
  });
  return await getPlano(db.sql, null, planoid);
}
