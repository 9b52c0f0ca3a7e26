-- Booking kernel and audit read (issue 8).

-- The day view joins agendamentos by slot; the partial unique indexes on (slotagendaid, …) only
-- cover live rows, so the join scanned another index.
create index if not exists ca_agendamento_slot_idx on ca_agendamento (slotagendaid);

-- GET /api/auditoria walks each filter's index backwards from the cursor (`id < after`): every
-- filter needs an index that starts with it and ends with id. (entity, entity_id, id) and
-- (actor_tipo, actor_id, id) exist since 001.
create index if not exists ca_evento_kind_idx on ca_evento (kind, id);
create index if not exists ca_evento_entity_only_idx on ca_evento (entity, id);
-- Pruning expired sessions (server/jobs/limpeza.ts) reads by expiry.
create index if not exists ca_sessao_expires_idx on ca_sessao (expires_at);
create index if not exists ca_sessao_paciente_expires_idx on ca_sessao_paciente (expires_at);
create index if not exists ca_rate_limit_janela_idx on ca_rate_limit (janela);
create index if not exists ca_job_execucao_em_idx on ca_job_execucao (executado_em);
