-- Smart allocation (server/modules/backlog/candidates.ts) reads the preferred unidade's free
-- slots per period too (the period as a list: preferred, the other two, or all three), so the
-- unidade index of 090 gains the period before the start: a period without free slots there is
-- found empty in the index instead of by reading every slot of the unidade.
drop index ca_slotagenda_free_unidade_idx;
create index ca_slotagenda_free_unidade_idx
  on ca_slotagenda (especialidadeid, unidadeid, periodo, datainicio) where status = 'Livre';
