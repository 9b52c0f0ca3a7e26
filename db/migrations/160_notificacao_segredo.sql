-- Secrets of a notification (a phone code, a temporary password, a first-access token) live
-- here, never in ca_notificacao: the worker renders the real text at delivery time from
-- `corpo`, and deletes the row once the message is sent. ca_notificacao keeps a masked copy,
-- which is all the ADM API can read.
create table ca_notificacao_segredo (
  notificacaoid bigint primary key references ca_notificacao on delete cascade,
  corpo text not null,
  valores jsonb not null default '{}'
);

-- Rows written before this table: pending ones move their text here; every one is masked.
insert into ca_notificacao_segredo (notificacaoid, corpo, valores)
select notificacaoid, corpo,
       payload - array(select k from jsonb_object_keys(payload) k
                       where k not in ('codigo', 'senha_temporaria', 'token', 'link'))
from ca_notificacao
where template in ('codigo_validacao', 'primeiro_acesso') and status <> 'enviada';

update ca_notificacao
set corpo = '[conteúdo sigiloso omitido: entregue diretamente ao destinatário]',
    payload = payload - 'codigo' - 'senha_temporaria' - 'token' - 'link'
where template in ('codigo_validacao', 'primeiro_acesso');
