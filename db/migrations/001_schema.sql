-- Command Agenda: the whole data model of both seeds in one schema.
-- Enumerations are text with CHECK constraints, spelled as the spec spells them.

create extension if not exists btree_gist;
create extension if not exists pg_trgm;
create extension if not exists unaccent;

-- unaccent() is only STABLE; this wrapper lets indexes and searches ignore accents.
create or replace function ca_unaccent(text) returns text
  language sql immutable parallel safe strict
  as $$ select public.unaccent('public.unaccent'::regdictionary, $1) $$;

-- ---------------------------------------------------------------- parameters

create table ca_clinica_configuracao (
  id smallint primary key default 1 check (id = 1),
  horario_abertura time not null default '08:00',
  horario_fechamento time not null default '20:00',
  buffer_minutes smallint not null default 0 check (buffer_minutes between 0 and 10),
  proposta_validade_horas smallint not null default 24 check (proposta_validade_horas between 1 and 168),
  lembrete_horas_antes smallint not null default 24 check (lembrete_horas_antes between 1 and 168),
  timezone text not null default 'America/Sao_Paulo',
  updated_at timestamptz not null default now(),
  check (horario_abertura < horario_fechamento)
);
insert into ca_clinica_configuracao (id) values (1);

create table ca_unidade (
  unidadeid integer generated always as identity primary key,
  nome text not null check (length(trim(nome)) between 2 and 200),
  tipo text not null default 'Clínica' check (tipo in ('Clínica', 'Hospital', 'Consultório', 'Outro')),
  status text not null default 'Ativo' check (status in ('Ativo', 'Inativo')),
  logradouro text,
  numero text,
  complemento text,
  bairro text,
  cidade text,
  uf char(2) check (uf ~ '^[A-Z]{2}$'),
  cep char(8) check (cep ~ '^[0-9]{8}$'),
  telefone text,
  horario_abertura time,
  horario_fechamento time,
  -- ISO weekdays the unit opens (1 = Monday ... 7 = Sunday)
  dias_funcionamento smallint[] not null default '{1,2,3,4,5}',
  -- optional per-weekday hours: {"1": {"abertura": "08:00", "fechamento": "17:00"}, ...}
  horarios_por_dia jsonb,
  timezone text not null default 'America/Sao_Paulo',
  buffer_minutes smallint check (buffer_minutes between 0 and 10),
  -- beyond the spec: offer a freed place to the best matching Pendente backlog item
  realocacao_automatica boolean not null default false,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  check (horario_abertura is null or horario_fechamento is null or horario_abertura < horario_fechamento)
);
create unique index ca_unidade_nome_uq on ca_unidade (lower(ca_unaccent(nome)));
create index ca_unidade_status_idx on ca_unidade (status);

create table ca_consultorio (
  consultorioid integer generated always as identity primary key,
  unidadeid integer not null references ca_unidade,
  nome text not null check (length(trim(nome)) between 1 and 120),
  status text not null default 'Ativo' check (status in ('Ativo', 'Inativo')),
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now()
);
create unique index ca_consultorio_nome_uq on ca_consultorio (unidadeid, lower(ca_unaccent(nome)));
create index ca_consultorio_unidade_idx on ca_consultorio (unidadeid, status);

create table ca_tiposlot (
  tiposlotid integer generated always as identity primary key,
  nome text not null check (length(trim(nome)) between 2 and 80),
  finalidade text,
  status text not null default 'Ativo' check (status in ('Ativo', 'Inativo')),
  canalorigem text not null default 'Todos' check (canalorigem in ('Todos', 'ADM', 'Portal', 'Programa Municipal')),
  cor char(7) not null default '#3B82F6' check (cor ~ '^#[0-9A-Fa-f]{6}$'),
  agendavel boolean not null default true,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now()
);
create unique index ca_tiposlot_nome_uq on ca_tiposlot (lower(ca_unaccent(nome)));

create table ca_especialidade (
  especialidadeid integer generated always as identity primary key,
  nome text not null check (length(trim(nome)) between 2 and 120),
  limitevagas smallint not null default 1 check (limitevagas between 1 and 100),
  -- length of one consultation, in minutes
  duracao_minutos smallint not null default 30 check (duracao_minutos between 5 and 240),
  status text not null default 'Ativo' check (status in ('Ativo', 'Inativo')),
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now()
);
create unique index ca_especialidade_nome_uq on ca_especialidade (lower(ca_unaccent(nome)));

create table ca_especialidade_cota (
  especialidadeid integer not null references ca_especialidade on delete cascade,
  tiposlotid integer not null references ca_tiposlot,
  vagas smallint not null check (vagas between 0 and 100),
  primary key (especialidadeid, tiposlotid)
);

-- ---------------------------------------------------------------- people

create table ca_medico (
  medicoid integer generated always as identity primary key,
  nomecompleto text not null check (length(trim(nomecompleto)) between 3 and 200),
  crm text not null check (crm ~ '^[0-9]{4,7}$'),
  crm_uf char(2) not null check (crm_uf ~ '^[A-Z]{2}$'),
  cpf char(11) check (cpf ~ '^[0-9]{11}$'),
  datanascimento date,
  telefone text check (telefone ~ '^[0-9]{10,11}$'),
  email text,
  endereco text,
  unidadeid integer references ca_unidade,
  status text not null default 'Ativo' check (status in ('Ativo', 'Inativo')),
  limitevagas smallint check (limitevagas between 1 and 100),
  observacoes text,
  foto_url text,
  dadosbancarios jsonb,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now()
);
create unique index ca_medico_crm_uq on ca_medico (crm, crm_uf);
create unique index ca_medico_cpf_uq on ca_medico (cpf) where cpf is not null;
create index ca_medico_status_idx on ca_medico (status);
create index ca_medico_nome_idx on ca_medico using gin (lower(ca_unaccent(nomecompleto)) gin_trgm_ops);

create table ca_medico_especialidade (
  medicoid integer not null references ca_medico on delete cascade,
  especialidadeid integer not null references ca_especialidade,
  primary key (medicoid, especialidadeid)
);
create index ca_medico_especialidade_esp_idx on ca_medico_especialidade (especialidadeid);

-- Files kept in Postgres by the default storage driver (doctors' photos).
create table ca_arquivo (
  chave text primary key,
  content_type text not null,
  bytes bytea not null,
  tamanho integer not null,
  created_at timestamptz not null default now()
);

create table ca_paciente (
  pacienteid integer generated always as identity primary key,
  nomecompleto text not null check (length(trim(nomecompleto)) between 3 and 200),
  cpf char(11) not null check (cpf ~ '^[0-9]{11}$'),
  datanascimento date,
  telefone text check (telefone ~ '^[0-9]{10,11}$'),
  email text,
  senhahash text,
  tipo text not null default 'Comum' check (tipo in ('Comum', 'Prioritário', 'Gestante', 'Idoso', 'PcD')),
  tipo_vinculo text,
  nome_mae text,
  status text not null default 'Ativo' check (status in ('Ativo', 'Inativo')),
  telefone_validado boolean not null default false,
  telefone_validado_em timestamptz,
  funcionario boolean not null default false,
  origem text not null default 'ADM' check (origem in ('ADM', 'Portal', 'Importação')),
  -- up to three extra contacts: [{"nome", "telefone", "parentesco"}]
  contatos jsonb not null default '[]' check (jsonb_typeof(contatos) = 'array' and jsonb_array_length(contatos) <= 3),
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now()
);
create unique index ca_paciente_cpf_uq on ca_paciente (cpf);
create index ca_paciente_nome_idx on ca_paciente using gin (lower(ca_unaccent(nomecompleto)) gin_trgm_ops);
create index ca_paciente_status_idx on ca_paciente (status);

create table ca_paciente_tiposlot (
  pacienteid integer not null references ca_paciente on delete cascade,
  tiposlotid integer not null references ca_tiposlot,
  primary key (pacienteid, tiposlotid)
);

-- Phone validation codes: WhatsApp OTP (4 digits, portal) and SMS (6 digits, ADM).
create table ca_paciente_validacao (
  validacaoid integer generated always as identity primary key,
  pacienteid integer not null references ca_paciente on delete cascade,
  canal text not null check (canal in ('whatsapp', 'sms')),
  telefone text not null,
  codigo_hash text not null,
  tentativas smallint not null default 0 check (tentativas between 0 and 3),
  expires_at timestamptz not null,
  consumed_at timestamptz,
  created_at timestamptz not null default now()
);
create index ca_paciente_validacao_pac_idx on ca_paciente_validacao (pacienteid, created_at desc);

create table ca_usuario_admin (
  usuarioid integer generated always as identity primary key,
  nome text not null check (length(trim(nome)) between 3 and 200),
  email text not null check (email ~ '^[^@\s]+@[^@\s]+\.[^@\s]+$'),
  cpf char(11) check (cpf ~ '^[0-9]{11}$'),
  cargo text,
  role text not null check (role in ('visualizador', 'operador', 'gerenciador', 'administrador', 'administrador_master')),
  ativo boolean not null default true,
  senhahash text not null,
  senha_temporaria boolean not null default true,
  -- sha-256 of the single-use first-access token; null once used
  token_primeiro_acesso text,
  token_primeiro_acesso_expira timestamptz,
  primeiro_acesso boolean not null default true,
  ultimo_login timestamptz,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now()
);
create unique index ca_usuario_admin_email_uq on ca_usuario_admin (lower(email));
create unique index ca_usuario_admin_cpf_uq on ca_usuario_admin (cpf) where cpf is not null;
create index ca_usuario_admin_role_idx on ca_usuario_admin (role, ativo);

create table ca_sessao (
  jti uuid primary key,
  usuarioid integer not null references ca_usuario_admin,
  created_at timestamptz not null default now(),
  expires_at timestamptz not null,
  revoked_at timestamptz,
  ip text,
  user_agent text
);
create index ca_sessao_usuario_idx on ca_sessao (usuarioid) where revoked_at is null;

create table ca_sessao_paciente (
  jti uuid primary key,
  pacienteid integer not null references ca_paciente,
  created_at timestamptz not null default now(),
  expires_at timestamptz not null,
  revoked_at timestamptz,
  ip text,
  user_agent text
);
create index ca_sessao_paciente_pac_idx on ca_sessao_paciente (pacienteid) where revoked_at is null;

-- ---------------------------------------------------------------- schedule

create table ca_gradeagenda (
  gradeagendaid integer generated always as identity primary key,
  medicoid integer not null references ca_medico,
  especialidadeid integer not null references ca_especialidade,
  unidadeid integer not null references ca_unidade,
  consultorioid integer references ca_consultorio,
  vigencia_inicio date not null,
  vigencia_fim date not null,
  overbooking boolean not null default false,
  limitevagas smallint not null default 1 check (limitevagas between 1 and 100),
  status text not null default 'Ativo' check (status in ('Ativo', 'Inativo')),
  created_by integer references ca_usuario_admin,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  check (vigencia_inicio <= vigencia_fim)
);
-- The generator reuses the active grade of the same médico/unidade/especialidade.
create unique index ca_gradeagenda_reuse_uq on ca_gradeagenda (medicoid, unidadeid, especialidadeid)
  where status = 'Ativo';
create index ca_gradeagenda_consultorio_idx on ca_gradeagenda (consultorioid) where status = 'Ativo';

create table ca_slotagenda (
  slotagendaid bigint generated always as identity primary key,
  gradeagendaid integer not null references ca_gradeagenda,
  medicoid integer not null references ca_medico,
  tiposlotid integer not null references ca_tiposlot,
  -- copied from the grade so that list filters need no join
  unidadeid integer not null references ca_unidade,
  especialidadeid integer not null references ca_especialidade,
  consultorioid integer references ca_consultorio,
  datainicio timestamptz not null,
  datafim timestamptz not null,
  -- local calendar day at the unidade, for day/month views
  data date not null,
  status text not null default 'Livre' check (status in ('Livre', 'Ocupado', 'Cancelado')),
  isoverbooking boolean not null default false,
  periodo text not null check (periodo in ('Manhã', 'Tarde', 'Noite')),
  limitevagas smallint not null default 1 check (limitevagas between 1 and 100),
  -- places held by proposals and agendamentos; the CHECK makes double booking impossible
  vagas_ocupadas smallint not null default 0,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  check (datainicio < datafim),
  check (vagas_ocupadas between 0 and limitevagas),
  check ((status = 'Ocupado') = (vagas_ocupadas = limitevagas) or status = 'Cancelado')
);
create index ca_slotagenda_day_idx on ca_slotagenda (data, unidadeid, especialidadeid, medicoid);
create index ca_slotagenda_grade_idx on ca_slotagenda (gradeagendaid, data);
create index ca_slotagenda_medico_idx on ca_slotagenda (medicoid, datainicio);
create index ca_slotagenda_free_idx on ca_slotagenda (especialidadeid, datainicio)
  where status = 'Livre';
create index ca_slotagenda_consultorio_idx on ca_slotagenda (consultorioid, datainicio)
  where consultorioid is not null;

create table ca_grade_dia_cancelado (
  cancelamentoid integer generated always as identity primary key,
  gradeagendaid integer not null references ca_gradeagenda,
  data date not null,
  motivo text not null check (length(trim(motivo)) >= 3),
  cancelado_por integer references ca_usuario_admin,
  cancelado_em timestamptz not null default now(),
  restaurado boolean not null default false,
  restaurado_por integer references ca_usuario_admin,
  restaurado_em timestamptz,
  motivo_restauracao text,
  check (restaurado = (restaurado_em is not null))
);
-- at most one standing cancellation per grade and day; restored ones stay as history
create unique index ca_grade_dia_cancelado_uq on ca_grade_dia_cancelado (gradeagendaid, data)
  where not restaurado;

-- ---------------------------------------------------------------- care

create table ca_plano_tratamento (
  planoid integer generated always as identity primary key,
  pacienteid integer not null references ca_paciente,
  titulo text not null check (length(trim(titulo)) >= 3),
  descricao text,
  status text not null default 'Ativo' check (status in ('Ativo', 'Concluído', 'Cancelado')),
  created_by integer references ca_usuario_admin,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now()
);
create index ca_plano_tratamento_pac_idx on ca_plano_tratamento (pacienteid);

create table ca_ficha_clinica (
  fichaid integer generated always as identity primary key,
  pacienteid integer not null references ca_paciente,
  conteudo jsonb not null default '{}',
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now()
);
create unique index ca_ficha_clinica_pac_uq on ca_ficha_clinica (pacienteid);

create table ca_seguro_credencial (
  credencialid integer generated always as identity primary key,
  pacienteid integer not null references ca_paciente,
  operadora text not null,
  numero_carteirinha text not null,
  validade date not null,
  status text not null default 'Pendente' check (status in ('Pendente', 'Válida', 'Inválida')),
  verificado_em timestamptz,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now()
);
create unique index ca_seguro_credencial_uq on ca_seguro_credencial (operadora, numero_carteirinha);
create index ca_seguro_credencial_pac_idx on ca_seguro_credencial (pacienteid);

create table ca_backlog (
  backlogid integer generated always as identity primary key,
  pacienteid integer not null references ca_paciente,
  especialidadeid integer not null references ca_especialidade,
  medicoid integer references ca_medico,
  unidadeid integer references ca_unidade,
  data_preferida date,
  periodo_preferido text check (periodo_preferido in ('Manhã', 'Tarde', 'Noite', 'Qualquer')),
  horario_preferido time,
  urgente boolean not null default false,
  prioridade text not null default 'Baixa' check (prioridade in ('Alta', 'Média', 'Baixa')),
  origem text not null default 'ADM' check (origem in ('ADM', 'Portal', 'cancelamento', 'Realocação', 'Programa Municipal')),
  status text not null default 'Pendente' check (status in (
    'Pendente', 'Aguardando Confirmação', 'Agendado', 'Recusado', 'Cancelado',
    'Compareceu', 'Não Compareceu', 'Inativo')),
  tipos_slot_elegiveis integer[] not null default '{}',
  cpf char(11),
  telefone text,
  observacoes text,
  ativo boolean not null default true,
  -- the place offered while status = 'Aguardando Confirmação'
  slotagendaid_proposto bigint references ca_slotagenda,
  proposta_expira_em timestamptz,
  motivo_recusa text,
  created_by integer references ca_usuario_admin,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  check ((status = 'Aguardando Confirmação') = (slotagendaid_proposto is not null))
);
create index ca_backlog_queue_idx on ca_backlog (status, prioridade, created_at) where ativo;
create index ca_backlog_paciente_idx on ca_backlog (pacienteid, status);
create index ca_backlog_esp_idx on ca_backlog (especialidadeid, unidadeid, medicoid) where ativo;
create index ca_backlog_expiry_idx on ca_backlog (proposta_expira_em)
  where status = 'Aguardando Confirmação';

create sequence ca_agendamento_protocolo_seq;

create table ca_agendamento (
  agendamentoid integer generated always as identity primary key,
  slotagendaid bigint not null references ca_slotagenda,
  pacienteid integer not null references ca_paciente,
  backlogid integer references ca_backlog,
  planoid integer references ca_plano_tratamento,
  protocolo text not null,
  -- position of this patient inside the slot (1..limitevagas)
  ordem smallint not null check (ordem >= 1),
  status text not null default 'Ativo' check (status in (
    'Proposto', 'Ativo', 'Confirmado', 'Concluído', 'Cancelado', 'Não Compareceu')),
  seguro_status text not null default 'Não se aplica' check (seguro_status in (
    'Não se aplica', 'Pendente', 'Válido', 'Inválido')),
  datasolicitacao timestamptz not null default now(),
  expira_em timestamptz,
  motivo_cancelamento text,
  cancelado_em timestamptz,
  cancelado_por integer references ca_usuario_admin,
  created_by integer references ca_usuario_admin,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  check ((status = 'Proposto') = (expira_em is not null))
);
create unique index ca_agendamento_protocolo_uq on ca_agendamento (protocolo);
-- a patient holds one place per slot at most, and one live order number per place
create unique index ca_agendamento_slot_paciente_uq on ca_agendamento (slotagendaid, pacienteid)
  where status <> 'Cancelado';
create unique index ca_agendamento_slot_ordem_uq on ca_agendamento (slotagendaid, ordem)
  where status <> 'Cancelado';
create index ca_agendamento_paciente_idx on ca_agendamento (pacienteid, datasolicitacao desc);
create index ca_agendamento_status_idx on ca_agendamento (status, slotagendaid);
create index ca_agendamento_plano_idx on ca_agendamento (planoid) where planoid is not null;

-- ---------------------------------------------------------------- infrastructure

-- The event log: audit trail of every state change and the feed of the live layer.
create table ca_evento (
  id bigint generated always as identity primary key,
  at timestamptz not null default now(),
  actor_tipo text not null check (actor_tipo in ('admin', 'paciente', 'sistema')),
  actor_id integer,
  actor_nome text,
  kind text not null,
  entity text not null,
  entity_id text not null,
  -- routing keys for subscriptions: 'unidade:3', 'especialidade:2', 'medico:7', 'data:2026-11-23',
  -- 'backlog', 'paciente:12', 'admin'
  topics text[] not null default '{}',
  before jsonb,
  after jsonb
);
create index ca_evento_entity_idx on ca_evento (entity, entity_id, id);
create index ca_evento_actor_idx on ca_evento (actor_tipo, actor_id, id);
create index ca_evento_at_idx on ca_evento (at);

create table ca_lock (
  resource text primary key check (resource ~ '^[a-z_]+:[0-9A-Za-z_-]+$'),
  holder_sessao uuid not null,
  holder_usuarioid integer references ca_usuario_admin,
  holder_nome text not null,
  acquired_at timestamptz not null default now(),
  expires_at timestamptz not null
);
create index ca_lock_expiry_idx on ca_lock (expires_at);
create index ca_lock_holder_idx on ca_lock (holder_sessao);

-- Transactional outbox: written with the state change, delivered by the worker.
create table ca_notificacao (
  notificacaoid bigint generated always as identity primary key,
  canal text not null check (canal in ('whatsapp', 'email', 'sms')),
  destino text not null,
  template text not null,
  assunto text,
  corpo text not null,
  payload jsonb not null default '{}',
  idempotency_key text not null,
  status text not null default 'pendente' check (status in ('pendente', 'enviando', 'enviada', 'falhou')),
  tentativas smallint not null default 0,
  proxima_tentativa_em timestamptz not null default now(),
  ultimo_erro text,
  provider_id text,
  pacienteid integer references ca_paciente,
  usuarioid integer references ca_usuario_admin,
  created_at timestamptz not null default now(),
  sent_at timestamptz
);
create unique index ca_notificacao_idem_uq on ca_notificacao (idempotency_key);
create index ca_notificacao_due_idx on ca_notificacao (proxima_tentativa_em) where status = 'pendente';
create index ca_notificacao_created_idx on ca_notificacao (created_at desc);

-- Fixed-window counters for login and OTP rate limits, shared by every instance.
create table ca_rate_limit (
  chave text not null,
  janela timestamptz not null,
  contagem integer not null default 0,
  primary key (chave, janela)
);

-- Idempotency of scheduled jobs: one row per job and key (e.g. reminder per agendamento).
create table ca_job_execucao (
  job text not null,
  chave text not null,
  executado_em timestamptz not null default now(),
  primary key (job, chave)
);

-- Secrets generated on first start and shared by every instance (e.g. the JWT key when
-- JWT_SECRET is not set).
create table ca_segredo (
  nome text primary key,
  valor text not null,
  created_at timestamptz not null default now()
);
