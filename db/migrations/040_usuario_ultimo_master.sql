-- The last active administrador_master can never be deactivated or demoted, whatever path the
-- update takes. The advisory lock (same key as the usuarios service) serializes concurrent
-- demotions, and the check runs after the lock with a fresh snapshot, so two masters removing
-- each other at once cannot both succeed.
create or replace function ca_usuario_admin_guarda_master() returns trigger
  language plpgsql as $$
begin
  if old.role = 'administrador_master' and old.ativo
     and not (new.role = 'administrador_master' and new.ativo) then
    perform pg_advisory_xact_lock(7263040);
    if not exists (
      select 1 from ca_usuario_admin
      where role = 'administrador_master' and ativo and usuarioid <> new.usuarioid
    ) then
      raise exception 'o último administrador master ativo não pode ser desativado nem rebaixado'
        using errcode = 'check_violation', constraint = 'ca_usuario_admin_ultimo_master';
    end if;
  end if;
  return new;
end
$$;

create trigger ca_usuario_admin_ultimo_master
  after update of role, ativo on ca_usuario_admin
  for each row execute function ca_usuario_admin_guarda_master();
