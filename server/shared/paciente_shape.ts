import type { Sql } from "../db/db.ts";
import { type EventTopic, TOPIC, topic } from "../events/topics.ts";

/** Columns of ca_paciente that may leave the server (never the password hash). */
export const PACIENTE_COLUMNS = (sql: Sql) =>
  sql`pacienteid, nomecompleto, cpf, datanascimento, telefone, email, tipo, tipo_vinculo, nome_mae,
      status, telefone_validado, telefone_validado_em, funcionario, origem, contatos,
      created_at, updated_at`;

/** Topics a paciente's events are routed on: their own channel, never another's. */
export const pacienteTopics = (pacienteid: number): EventTopic[] => [
  topic.paciente(pacienteid),
  TOPIC.pacientes,
];
