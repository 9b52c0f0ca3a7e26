-- Booking (agendamentos, backlog): indexes the booking paths rely on.

-- One open request per patient and especialidade: a second one would only duplicate the queue.
create unique index ca_backlog_aberto_uq on ca_backlog (pacienteid, especialidadeid)
  where ativo and status in ('Pendente', 'Aguardando Confirmação');

-- Cancelling or completing an agendamento updates the backlog item it came from.
create index ca_agendamento_backlog_idx on ca_agendamento (backlogid) where backlogid is not null;

-- Proposal expiry scans the live proposals.
create index ca_agendamento_expira_idx on ca_agendamento (expira_em) where status = 'Proposto';
