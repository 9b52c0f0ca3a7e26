-- Live layer: Yjs updates too large for a NOTIFY payload travel through this table; the NOTIFY on
-- channel ca_yjs carries the row id. Rows are read within seconds and pruned after minutes.
create table ca_yjs_update (
  id bigint generated always as identity primary key,
  room text not null,
  instance text not null,
  kind text not null check (kind in ('u', 'a', 's')),
  data bytea not null,
  at timestamptz not null default now()
);
create index ca_yjs_update_at_idx on ca_yjs_update (at);

-- Catch-up reads "events after id N" and the reload check reads the first such row.
-- The primary key serves both; leases are swept by expiry and listed by prefix.
create index ca_lock_resource_prefix_idx on ca_lock (resource text_pattern_ops);
