/**
 * Every event kind written to `ca_evento`, in one grammatical form:
 * `<entity>.[<object>_]<past participle>`, the participle agreeing with what it describes — the
 * entity itself (`unidade.criada`, `medico.criado`) or the object named before it
 * (`medico.foto_atualizada`, `especialidade.cotas_atualizadas`). No nouns, no finite verbs.
 * Dependency-free: the live protocol (bundled into the clients) types its events with it.
 * Migration 140 renamed the kinds of older rows to this vocabulary.
 *
 * @example
 * await recordEvent(sql, actor, { kind: KIND.unidade.criada, entity: "unidade", ... });
 */
export const KIND = {
  agendamento: {
    criado: "agendamento.criado",
    /** Booked beyond a full slot (migration 190); `after.motivo_encaixe` keeps the reason. */
    encaixado: "agendamento.encaixado",
    cancelado: "agendamento.cancelado",
    concluido: "agendamento.concluido",
    falta_registrada: "agendamento.falta_registrada",
    presenca_confirmada: "agendamento.presenca_confirmada",
    seguro_validado: "agendamento.seguro_validado",
    seguro_invalidado: "agendamento.seguro_invalidado",
  },
  auth: {
    sessao_iniciada: "auth.sessao_iniciada",
    sessao_encerrada: "auth.sessao_encerrada",
    sessao_paciente_iniciada: "auth.sessao_paciente_iniciada",
    sessao_paciente_encerrada: "auth.sessao_paciente_encerrada",
  },
  backlog: {
    criado: "backlog.criado",
    atualizado: "backlog.atualizado",
    alocado: "backlog.alocado",
    alocado_inteligente: "backlog.alocado_inteligente",
    confirmado: "backlog.confirmado",
    recusado: "backlog.recusado",
    cancelado: "backlog.cancelado",
    inativado: "backlog.inativado",
    reativado: "backlog.reativado",
    proposta_expirada: "backlog.proposta_expirada",
    proposta_retirada: "backlog.proposta_retirada",
    realocado_automaticamente: "backlog.realocado_automaticamente",
  },
  cancelamento_massa: { executado: "cancelamento_massa.executado" },
  clinica: { configuracao_atualizada: "clinica.configuracao_atualizada" },
  consultorio: {
    criado: "consultorio.criado",
    atualizado: "consultorio.atualizado",
    inativado: "consultorio.inativado",
    reativado: "consultorio.reativado",
  },
  especialidade: {
    criada: "especialidade.criada",
    atualizada: "especialidade.atualizada",
    inativada: "especialidade.inativada",
    reativada: "especialidade.reativada",
    cotas_atualizadas: "especialidade.cotas_atualizadas",
  },
  ficha: { criada: "ficha.criada", atualizada: "ficha.atualizada" },
  grade: {
    gerada: "grade.gerada",
    geracao_avancada: "grade.geracao_avancada",
    geracao_interrompida: "grade.geracao_interrompida",
    dia_cancelado: "grade.dia_cancelado",
    dia_restaurado: "grade.dia_restaurado",
    /** Overbooking or its limit changed (`PATCH /api/grade-agenda/:id`). */
    atualizada: "grade.atualizada",
  },
  lock: {
    adquirido: "lock.adquirido",
    liberado: "lock.liberado",
    expirado: "lock.expirado",
  },
  medico: {
    criado: "medico.criado",
    atualizado: "medico.atualizado",
    inativado: "medico.inativado",
    reativado: "medico.reativado",
    foto_atualizada: "medico.foto_atualizada",
    foto_removida: "medico.foto_removida",
  },
  notificacao: { falhada: "notificacao.falhada", reenviada: "notificacao.reenviada" },
  paciente: {
    criado: "paciente.criado",
    cadastrado: "paciente.cadastrado",
    atualizado: "paciente.atualizado",
    inativado: "paciente.inativado",
    reativado: "paciente.reativado",
    acesso_portal_ativado: "paciente.acesso_portal_ativado",
    codigo_enviado: "paciente.codigo_enviado",
    senha_alterada: "paciente.senha_alterada",
    /** "Esqueci minha senha": a code went to the validated phone. */
    senha_codigo_enviado: "paciente.senha_codigo_enviado",
    senha_redefinida: "paciente.senha_redefinida",
    telefone_codigo_enviado: "paciente.telefone_codigo_enviado",
    telefone_validado: "paciente.telefone_validado",
    telefone_validacao_removida: "paciente.telefone_validacao_removida",
    tipos_slot_atualizados: "paciente.tipos_slot_atualizados",
  },
  plano: { criado: "plano.criado", consulta_adicionada: "plano.consulta_adicionada" },
  seguro: {
    credencial_registrada: "seguro.credencial_registrada",
    credencial_atualizada: "seguro.credencial_atualizada",
  },
  slot: { cancelado_massa: "slot.cancelado_massa" },
  tiposlot: {
    criado: "tiposlot.criado",
    atualizado: "tiposlot.atualizado",
    inativado: "tiposlot.inativado",
    reativado: "tiposlot.reativado",
  },
  unidade: {
    criada: "unidade.criada",
    atualizada: "unidade.atualizada",
    inativada: "unidade.inativada",
    reativada: "unidade.reativada",
  },
  usuario: {
    criado: "usuario.criado",
    atualizado: "usuario.atualizado",
    inativado: "usuario.inativado",
    reativado: "usuario.reativado",
    senha_redefinida: "usuario.senha_redefinida",
    primeiro_acesso_concluido: "usuario.primeiro_acesso_concluido",
    primeiro_acesso_reenviado: "usuario.primeiro_acesso_reenviado",
  },
} as const;

type Kinds = typeof KIND;
export type EventEntity = keyof Kinds;
export type EventKind = { [E in EventEntity]: Kinds[E][keyof Kinds[E]] }[EventEntity];

/** Every kind, e.g. for `z.enum(EVENT_KINDS)` in the live protocol and the audit filters. */
export const EVENT_KINDS = Object.values(KIND).flatMap((byVerb) => Object.values(byVerb)) as [
  EventKind,
  ...EventKind[],
];

/** Renamed kinds (old → new), applied to older `ca_evento` rows by migration 140. */
export const RENAMED_KINDS: Readonly<Record<string, EventKind>> = {
  "agendamento.nao_compareceu": KIND.agendamento.falta_registrada,
  "agendamento.seguro_valido": KIND.agendamento.seguro_validado,
  "agendamento.seguro_invalido": KIND.agendamento.seguro_invalidado,
  "auth.login": KIND.auth.sessao_iniciada,
  "auth.logout": KIND.auth.sessao_encerrada,
  "auth.paciente_login": KIND.auth.sessao_paciente_iniciada,
  "auth.paciente_logout": KIND.auth.sessao_paciente_encerrada,
  "backlog.realocacao_automatica": KIND.backlog.realocado_automaticamente,
  "especialidade.criado": KIND.especialidade.criada,
  "especialidade.atualizado": KIND.especialidade.atualizada,
  "especialidade.inativado": KIND.especialidade.inativada,
  "especialidade.reativado": KIND.especialidade.reativada,
  "grade.progresso": KIND.grade.geracao_avancada,
  "notificacao.falhou": KIND.notificacao.falhada,
  "usuario.desativado": KIND.usuario.inativado,
  "usuario.primeiro_acesso": KIND.usuario.primeiro_acesso_concluido,
};
