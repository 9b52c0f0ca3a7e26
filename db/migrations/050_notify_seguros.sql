-- Outbox worker: rows being sent are found by their lease expiry (proxima_tentativa_em).
create index ca_notificacao_lease_idx on ca_notificacao (proxima_tentativa_em)
  where status = 'enviando';

-- One insurance card per operadora and number, whatever the spelling of the operadora
-- ("Unimed", "UNIMED", "unimed"); the upsert of POST /api/seguros/credencial relies on it.
create unique index ca_seguro_credencial_norm_uq
  on ca_seguro_credencial (lower(ca_unaccent(operadora)), numero_carteirinha);
