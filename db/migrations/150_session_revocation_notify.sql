-- Sockets of a session that ends (logout, revocation, user or paciente deactivation) are closed
-- at once on every instance: each such change NOTIFYs `ca_sessao` on commit, and every live hub
-- LISTENs and re-checks its sockets' sessions (server/live/hub.ts). Statement-level triggers on
-- the columns that end a session, so every code path is covered, however it writes.
create or replace function ca_sessao_notify() returns trigger language plpgsql as $$
begin
  perform pg_notify('ca_sessao', '');
  return null;
end $$;

create trigger ca_sessao_revogada after update of revoked_at on ca_sessao
  for each statement execute function ca_sessao_notify();
create trigger ca_sessao_paciente_revogada after update of revoked_at on ca_sessao_paciente
  for each statement execute function ca_sessao_notify();
create trigger ca_usuario_admin_ativo after update of ativo on ca_usuario_admin
  for each statement execute function ca_sessao_notify();
create trigger ca_paciente_status after update of status on ca_paciente
  for each statement execute function ca_sessao_notify();
