-- GET /api/auditoria lists by time, newest first: order (at desc, id desc), keyset cursor on
-- (at, id). Every filter gets an index that starts with it and ends with (at, id), so a page,
-- a period (a range of `at`) included, is one backward index range scan at any depth of the log.
-- Only the audit read and the live listener (by primary key) query ca_evento, so these replace
-- the id-ordered indexes of 001 and 130.
create index if not exists ca_evento_at_id_idx on ca_evento (at, id);
create index if not exists ca_evento_entity_at_idx on ca_evento (entity, entity_id, at, id);
create index if not exists ca_evento_entity_only_at_idx on ca_evento (entity, at, id);
create index if not exists ca_evento_kind_at_idx on ca_evento (kind, at, id);
create index if not exists ca_evento_actor_at_idx on ca_evento (actor_tipo, actor_id, at, id);
drop index if exists ca_evento_at_idx;
drop index if exists ca_evento_entity_idx;
drop index if exists ca_evento_actor_idx;
drop index if exists ca_evento_kind_idx;
drop index if exists ca_evento_entity_only_idx;
