-- An agendamento that was only a proposal (held while the patient decided) and was then refused,
-- expired or withdrawn is marked, so the patient's "Minhas consultas" lists real appointments
-- only (the proposal's story is in "Minhas solicitações"). Older rows are recognised by the
-- reasons the kernel writes when it releases a proposal's hold.
alter table ca_agendamento add column proposta_retirada boolean not null default false;

update ca_agendamento set proposta_retirada = true
where status = 'Cancelado'
  and motivo_cancelamento in (
    'Proposta recusada', 'Proposta expirada sem resposta', 'Proposta retirada pelo operador',
    'Solicitação inativada', 'Solicitação cancelada'
  );
