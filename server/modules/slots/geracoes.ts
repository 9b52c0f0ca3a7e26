/**
 * `GET /api/slots/geracoes`: recent grade generations as their events tell them (see
 * `progress.ts`). A generation of more than one day writes `grade.geracao_avancada` events
 * visible while it runs (Postgres; about 15, see `RELATOS_ALVO`), all carrying its `geracao` id;
 * it ends with `grade.gerada` (its summary under `after.geracao`) or `grade.geracao_interrompida`.
 * The grade row of a new grade is not visible until commit, so names come from the events' topics.
 *
 * A generation whose server stopped (crash, restart, deploy) writes no end: its transaction rolled
 * back with the connection. One silent for `GERACAO_SILENCIO_S` without an end is therefore listed
 * as `interrompida` with the code `sem_progresso`. A chunk is at most 31 days of one médico (a
 * whole 3-month generation took 0.4–1.7 s on a loaded 2-core machine), so 3 minutes also cover
 * a chunk waiting for a slot that another transaction holds. Should it end after all, its end
 * event wins.
 */
import type { Sql } from "../../db/db.ts";
import type { Geracao } from "./schemas.ts";

/** How far back generations are listed; a generation silent this long is no longer shown. */
export const GERACOES_JANELA_MIN = 30;
/** Seconds without progress after which a generation with no end is listed as interrompida. */
export const GERACAO_SILENCIO_S = 180;

export async function listGeracoes(sql: Sql): Promise<{ items: Geracao[] }> {
  const items = await sql<Geracao>`
    with p as (
      select e.after->>'geracao' as geracao, e.entity_id,
        min(e.at) as iniciada_em, max(e.at) as atualizada_em,
        max((e.after->>'dias_processados')::int) as dias_processados,
        max((e.after->>'dias_total')::int) as dias_total,
        max((e.after->>'criados')::int) as criados,
        -- every progress event of one generation has the same actor and topics
        min(e.actor_nome) as usuario_nome, min(e.topics) as topics,
        min(e.actor_id) filter (where e.actor_tipo = 'admin') as usuarioid
      from ca_evento e
      where e.kind = 'grade.geracao_avancada'
        and e.at > now() - ${GERACOES_JANELA_MIN}::int * interval '1 minute'
      group by 1, 2
    ), r as (
      select p.*,
        (select split_part(t, ':', 2)::int from unnest(p.topics) t
          where t like 'unidade:%' limit 1) as unidadeid,
        (select split_part(t, ':', 2)::int from unnest(p.topics) t
          where t like 'especialidade:%' limit 1) as especialidadeid,
        (select split_part(t, ':', 2)::int from unnest(p.topics) t
          where t like 'medico:%' limit 1) as medicoid
      from p
    )
    select r.geracao, r.entity_id::int as gradeagendaid,
      case when fim.kind = 'grade.gerada' then 'concluida'
        when fim.kind = 'grade.geracao_interrompida' or calada then 'interrompida'
        else 'em_andamento' end as status,
      r.usuarioid, r.usuario_nome, r.iniciada_em, r.atualizada_em, r.dias_processados, r.dias_total, r.criados,
      jsonb_build_object('medicoid', m.medicoid, 'nome', m.nomecompleto) as medico,
      jsonb_build_object('especialidadeid', es.especialidadeid, 'nome', es.nome) as especialidade,
      jsonb_build_object('unidadeid', u.unidadeid, 'nome', u.nome) as unidade,
      case when fim.kind = 'grade.gerada' then jsonb_build_object(
        'data_inicio', fim.after->'geracao'->>'data_inicio',
        'data_fim', fim.after->'geracao'->>'data_fim',
        'criados', (fim.after->'geracao'->>'criados')::int,
        'existentes', (fim.after->'geracao'->>'existentes')::int,
        'ignorados', (fim.after->'geracao'->>'ignorados')::int,
        'conflitos_ignorados', (fim.after->'geracao'->>'conflitos_ignorados')::int) end as resumo,
      case when fim.kind = 'grade.geracao_interrompida' then fim.after->>'codigo'
        when fim.kind is null and calada then 'sem_progresso' end as codigo
    from r
    join ca_medico m on m.medicoid = r.medicoid
    join ca_especialidade es on es.especialidadeid = r.especialidadeid
    join ca_unidade u on u.unidadeid = r.unidadeid
    left join lateral (
      select f.kind, f.after from ca_evento f
      where f.entity = 'gradeagenda' and f.entity_id = r.entity_id
        and f.kind in ('grade.gerada', 'grade.geracao_interrompida')
        and coalesce(f.after->'geracao'->>'id', f.after->>'geracao') = r.geracao
      order by f.id limit 1
    ) fim on true
    cross join lateral (
      select r.atualizada_em < now() - ${GERACAO_SILENCIO_S}::int * interval '1 second' as calada
    ) s
    order by r.iniciada_em desc, r.geracao`;
  return { items: [...items] };
}
