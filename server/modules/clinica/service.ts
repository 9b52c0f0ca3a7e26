/** The clinic configuration: one row (id = 1) every unidade inherits from. */
import type { Deps } from "../../app_env.ts";
import type { Sql } from "../../db/db.ts";
import { type Actor, recordEvent } from "../../events/record.ts";
import { badRequest } from "../../http/errors.ts";
import type { ClinicaConfiguracaoInput } from "./schemas.ts";
import { TOPIC } from "../../events/topics.ts";

export interface ClinicaConfiguracaoRow {
  horario_abertura: string;
  horario_fechamento: string;
  buffer_minutes: number;
  proposta_validade_horas: number;
  lembrete_horas_antes: number;
  timezone: string;
  updated_at: Date;
}

const COLUMNS = (sql: Sql) =>
  sql`to_char(horario_abertura, 'HH24:MI') as horario_abertura,
      to_char(horario_fechamento, 'HH24:MI') as horario_fechamento,
      buffer_minutes, proposta_validade_horas, lembrete_horas_antes, timezone, updated_at`;

/**
 * Reads the configuration with the given `sql` (autocommit or a transaction's). Pass
 * `forUpdate` inside a transaction that is about to change it.
 */
export async function readClinicConfig(
  sql: Sql,
  opts: { forUpdate?: boolean } = {},
): Promise<ClinicaConfiguracaoRow> {
  const lock = opts.forUpdate ? sql`for update` : sql``;
  const [row] = await sql<ClinicaConfiguracaoRow>`
    select ${COLUMNS(sql)} from ca_clinica_configuracao where id = 1 ${lock}`;
  // The row is inserted by the schema migration; its absence is a broken database.
  if (!row) throw new Error("ca_clinica_configuracao has no row id = 1");
  return row;
}

export function getClinicConfig(deps: Deps) {
  return readClinicConfig(deps.db.sql);
}

export function updateClinicConfig(deps: Deps, actor: Actor, input: ClinicaConfiguracaoInput) {
  return deps.db.begin(async (sql) => {
    const before = await readClinicConfig(sql, { forUpdate: true });
    const abertura = input.horario_abertura ?? before.horario_abertura;
    const fechamento = input.horario_fechamento ?? before.horario_fechamento;
    if (abertura >= fechamento) {
      throw badRequest("entrada_invalida", "Dados inválidos.", [{
        path: input.horario_abertura ? "horario_abertura" : "horario_fechamento",
        message: `O horário de abertura (${abertura}) deve ser anterior ao de fechamento ` +
          `(${fechamento}).`,
        code: "custom",
      }]);
    }
    const [after] = await sql<ClinicaConfiguracaoRow>`
      update ca_clinica_configuracao
      set horario_abertura = ${abertura}, horario_fechamento = ${fechamento},
          buffer_minutes = ${input.buffer_minutes ?? before.buffer_minutes},
          proposta_validade_horas = ${
      input.proposta_validade_horas ?? before.proposta_validade_horas
    },
          lembrete_horas_antes = ${input.lembrete_horas_antes ?? before.lembrete_horas_antes},
          timezone = ${input.timezone ?? before.timezone},
          updated_at = now()
      where id = 1
      returning ${COLUMNS(sql)}`;
    await recordEvent(sql, actor, {
      kind: "clinica.configuracao_atualizada",
      entity: "clinica_configuracao",
      entityId: 1,
      topics: [TOPIC.config],
      before,
      after,
    });
    return after;
  });
}
