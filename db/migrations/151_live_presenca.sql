-- Which instance holds live sockets of which admin session (server/live/presence.ts). A lease
-- belongs to the session; when the session's last socket on one instance closes, the lease is
-- released only if no other instance has reported a socket of that session recently (each
-- instance refreshes `seen_at` on every heartbeat; a crashed instance's rows simply go stale).
create table ca_live_presenca (
  jti uuid not null,
  instance uuid not null,
  seen_at timestamptz not null default now(),
  primary key (jti, instance)
);
create index ca_live_presenca_instance on ca_live_presenca (instance);
