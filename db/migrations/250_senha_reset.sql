-- "Esqueci minha senha" of the patient portal (POST /api/auth/paciente/senha/esqueci and
-- /redefinir). A row per request, keyed by a hash of the CPF asked, whether or not a patient has
-- that CPF: an unknown CPF, or a patient without a validated phone, gets a row without a code,
-- so the cooldown, the tries and every answer look the same (no sign of who is registered).
-- Only a hash of the code is stored; codes live 5 minutes with 3 tries, 60 s between requests.
create table ca_senha_reset (
  resetid bigint generated always as identity primary key,
  cpf_hash text not null,
  pacienteid integer references ca_paciente on delete cascade,
  codigo_hash text,
  tentativas smallint not null default 0 check (tentativas between 0 and 3),
  expires_at timestamptz not null,
  consumed_at timestamptz,
  created_at timestamptz not null default now()
);
create index ca_senha_reset_cpf_idx on ca_senha_reset (cpf_hash, created_at desc);
