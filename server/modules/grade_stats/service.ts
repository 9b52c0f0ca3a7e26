/** "Estatísticas da Grade": one day's totals, by especialidade, médico and tipo de slot. */
import type { Db } from "../../db/db.ts";
import { diaAtivo } from "../../booking/places.ts";
import { slotFilters } from "../slots/query_service.ts";
import type { DayStats, DayStatsQuery } from "./schemas.ts";
import { lit } from "../../db/sql.ts";
import { SLOT } from "../../shared/statuses.ts";

interface StatsRow {
  nivel: "total" | "especialidade" | "medico" | "tiposlot";
  id: number | null;
  nome: string | null;
  cor: string | null;
  slots: number;
  vagas: number;
  ocupadas: number;
  livres: number;
  canceladas: number;
  medicos: number;
  especialidades: number;
}

/** One aggregate over the day (ca_slotagenda_day_idx) with grouping sets for the four levels. */
export async function dayStats(db: Db, data: string, q: DayStatsQuery): Promise<DayStats> {
  const { sql } = db;
  const rows = await sql<StatsRow>`
    with agg as (
      select
        case
          when grouping(s.especialidadeid) = 0 then 'especialidade'
          when grouping(s.medicoid) = 0 then 'medico'
          when grouping(s.tiposlotid) = 0 then 'tiposlot'
          else 'total' end as nivel,
        coalesce(s.especialidadeid, s.medicoid, s.tiposlotid) as id,
        count(*) filter (where s.status <> ${lit(SLOT.cancelado)})::int as slots,
        coalesce(sum(s.limitevagas) filter (where s.status <> ${
    lit(SLOT.cancelado)
  }), 0)::int as vagas,
        coalesce(sum(s.vagas_ocupadas) filter (where s.status <> ${
    lit(SLOT.cancelado)
  }), 0)::int as ocupadas,
        -- a cancelled grade day keeps its booked slots, but their free places cannot be taken
        coalesce(sum(s.limitevagas - s.vagas_ocupadas)
                   filter (where s.status <> ${lit(SLOT.cancelado)} and ${
    diaAtivo(sql, "s")
  }), 0)::int
          as livres,
        count(*) filter (where s.status = ${lit(SLOT.cancelado)})::int as canceladas,
        count(distinct s.medicoid) filter (where s.status <> ${
    lit(SLOT.cancelado)
  })::int as medicos,
        count(distinct s.especialidadeid) filter (where s.status <> ${lit(SLOT.cancelado)})::int
          as especialidades
      from ca_slotagenda s
      where s.data = ${data} ${slotFilters(sql, q)}
      group by grouping sets ((), (s.especialidadeid), (s.medicoid), (s.tiposlotid))
    )
    select agg.*,
      case agg.nivel when 'especialidade' then e.nome when 'medico' then m.nomecompleto
        when 'tiposlot' then t.nome end as nome,
      case when agg.nivel = 'tiposlot' then t.cor end as cor
    from agg
    left join ca_especialidade e on agg.nivel = 'especialidade' and e.especialidadeid = agg.id
    left join ca_medico m on agg.nivel = 'medico' and m.medicoid = agg.id
    left join ca_tiposlot t on agg.nivel = 'tiposlot' and t.tiposlotid = agg.id
    order by agg.nivel, lower(coalesce(e.nome, m.nomecompleto, t.nome)), agg.id`;
  const counts = (r: StatsRow) => ({
    slots: r.slots,
    vagas: r.vagas,
    ocupadas: r.ocupadas,
    livres: r.livres,
    canceladas: r.canceladas,
    medicos: r.medicos,
    especialidades: r.especialidades,
  });
  const of = (nivel: StatsRow["nivel"]) => rows.filter((r) => r.nivel === nivel);
  const total = of("total")[0];
  return {
    data,
    totais: total ? counts(total) : {
      slots: 0,
      vagas: 0,
      ocupadas: 0,
      livres: 0,
      canceladas: 0,
      medicos: 0,
      especialidades: 0,
    },
    por_especialidade: of("especialidade").map((r) => ({
      especialidadeid: r.id!,
      nome: r.nome!,
      ...counts(r),
    })),
    por_medico: of("medico").map((r) => ({ medicoid: r.id!, nome: r.nome!, ...counts(r) })),
    por_tiposlot: of("tiposlot").map((r) => ({
      tiposlotid: r.id!,
      nome: r.nome!,
      cor: r.cor!,
      ...counts(r),
    })),
  };
}
