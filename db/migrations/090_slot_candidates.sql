-- Smart allocation (server/modules/backlog/candidates.ts) reads an especialidade's free slots
-- per preferred unidade and per preferred period, in start order, a few days at a time. With
-- only (especialidadeid, datainicio) a unidade or period without free slots is found empty by
-- reading every free slot of the especialidade in the 180-day horizon.
create index ca_slotagenda_free_unidade_idx
  on ca_slotagenda (especialidadeid, unidadeid, datainicio) where status = 'Livre';
create index ca_slotagenda_free_periodo_idx
  on ca_slotagenda (especialidadeid, periodo, datainicio) where status = 'Livre';
