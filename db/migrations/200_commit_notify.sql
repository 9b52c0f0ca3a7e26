-- One NOTIFY per transaction. Every transaction that leaves work for a listener sends exactly one
-- notification on `ca_commit`, at commit, whose payload names that work in a fixed order
-- (server/db/commit.ts): `evento` (ca_evento rows: the live feeds read them), `notificacao`
-- (outbox rows due now: the delivery workers claim them), `sessao` (a session ended: the live
-- hubs re-check their sockets). Writers never call pg_notify; these triggers cover every path.
--
-- How: each written row calls `ca_commit_work(<work>)` from its trigger's WHEN, which records the
-- work in a transaction-local setting and answers true only for the transaction's first row, so
-- one deferred trigger is queued; at commit it sends the NOTIFY with everything recorded by then.
-- A savepoint rolled back takes its settings and its queued trigger with it.

create function ca_commit_work(work text) returns boolean language plpgsql as $$
declare
  first boolean := coalesce(current_setting('ca.commit', true), '') = '';
begin
  perform set_config('ca.commit_' || work, '1', true);
  if first then
    perform set_config('ca.commit', '1', true);
  end if;
  return first;
end $$;

create function ca_commit_notify() returns trigger language plpgsql as $$
begin
  perform pg_notify('ca_commit', concat_ws(' ',
    case when current_setting('ca.commit_evento', true) = '1' then 'evento' end,
    case when current_setting('ca.commit_notificacao', true) = '1' then 'notificacao' end,
    case when current_setting('ca.commit_sessao', true) = '1' then 'sessao' end));
  return null;
end $$;

create constraint trigger ca_evento_commit after insert on ca_evento
  deferrable initially deferred for each row
  when (ca_commit_work('evento')) execute function ca_commit_notify();

-- A message due now: a new row, or one put back to 'pendente' for now (a resend). A retry the
-- worker schedules for later wakes nobody; the worker's poll finds it.
create constraint trigger ca_notificacao_commit after insert on ca_notificacao
  deferrable initially deferred for each row
  when (ca_commit_work('notificacao')) execute function ca_commit_notify();
create constraint trigger ca_notificacao_pendente_commit after update of status on ca_notificacao
  deferrable initially deferred for each row
  when (case when new.status = 'pendente' and new.proxima_tentativa_em <= now()
             then ca_commit_work('notificacao') else false end)
  execute function ca_commit_notify();

-- Sessions (migration 150 notified `ca_sessao` per statement): the columns that end a session.
drop trigger ca_sessao_revogada on ca_sessao;
drop trigger ca_sessao_paciente_revogada on ca_sessao_paciente;
drop trigger ca_usuario_admin_ativo on ca_usuario_admin;
drop trigger ca_paciente_status on ca_paciente;
drop function ca_sessao_notify();

create constraint trigger ca_sessao_commit after update of revoked_at on ca_sessao
  deferrable initially deferred for each row
  when (case when new.revoked_at is distinct from old.revoked_at
             then ca_commit_work('sessao') else false end)
  execute function ca_commit_notify();
create constraint trigger ca_sessao_paciente_commit after update of revoked_at
  on ca_sessao_paciente deferrable initially deferred for each row
  when (case when new.revoked_at is distinct from old.revoked_at
             then ca_commit_work('sessao') else false end)
  execute function ca_commit_notify();
create constraint trigger ca_usuario_admin_commit after update of ativo on ca_usuario_admin
  deferrable initially deferred for each row
  when (case when new.ativo is distinct from old.ativo
             then ca_commit_work('sessao') else false end)
  execute function ca_commit_notify();
create constraint trigger ca_paciente_status_commit after update of status on ca_paciente
  deferrable initially deferred for each row
  when (case when new.status is distinct from old.status
             then ca_commit_work('sessao') else false end)
  execute function ca_commit_notify();
