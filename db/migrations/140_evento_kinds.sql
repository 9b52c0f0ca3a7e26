-- One grammatical form for event kinds (server/events/kinds.ts, RENAMED_KINDS): older rows take
-- the new names so audit filters by kind find the whole history.
update ca_evento set kind = r.novo
from (values
  ('agendamento.nao_compareceu', 'agendamento.falta_registrada'),
  ('agendamento.seguro_valido', 'agendamento.seguro_validado'),
  ('agendamento.seguro_invalido', 'agendamento.seguro_invalidado'),
  ('auth.login', 'auth.sessao_iniciada'),
  ('auth.logout', 'auth.sessao_encerrada'),
  ('auth.paciente_login', 'auth.sessao_paciente_iniciada'),
  ('auth.paciente_logout', 'auth.sessao_paciente_encerrada'),
  ('backlog.realocacao_automatica', 'backlog.realocado_automaticamente'),
  ('especialidade.criado', 'especialidade.criada'),
  ('especialidade.atualizado', 'especialidade.atualizada'),
  ('especialidade.inativado', 'especialidade.inativada'),
  ('especialidade.reativado', 'especialidade.reativada'),
  ('grade.progresso', 'grade.geracao_avancada'),
  ('notificacao.falhou', 'notificacao.falhada'),
  ('usuario.desativado', 'usuario.inativado'),
  ('usuario.primeiro_acesso', 'usuario.primeiro_acesso_concluido')
) as r(antigo, novo)
where ca_evento.kind = r.antigo;
