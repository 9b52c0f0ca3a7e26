/**
 * Which slot tipos a patient may be booked into.
 *
 * Decision (documented for the operators): a tipo must be `agendavel` and Ativo. The patient's
 * eligible set is the backlog item's `tipos_slot_elegiveis` when it lists any, otherwise the
 * patient's `ca_paciente_tiposlot`. An empty set means "no restriction configured": every
 * agendável tipo is open to that patient. A non-empty set restricts the patient to those tipos.
 */
import type { Sql } from "../db/db.ts";
import { type HttpError, notFound, unprocessable } from "../http/errors.ts";
import { lit } from "../db/sql.ts";
import { STATUS } from "../shared/statuses.ts";

/** SQL condition: slot `s` (with tipo `t`) is eligible for backlog row `alias`. */
export function elegivelSql(sql: Sql, alias: "b" | "bk") {
  const b = sql.raw(alias);
  return sql`t.agendavel and t.status = ${lit(STATUS.ativo)} and (
    case
      when cardinality(${b}.tipos_slot_elegiveis) > 0
        then s.tiposlotid = any(${b}.tipos_slot_elegiveis)
      when exists (select 1 from ca_paciente_tiposlot pt where pt.pacienteid = ${b}.pacienteid)
        then exists (select 1 from ca_paciente_tiposlot pt
                     where pt.pacienteid = ${b}.pacienteid and pt.tiposlotid = s.tiposlotid)
      else true
    end)`;
}

interface Tipo {
  nome: string;
  agendavel: boolean;
  status: string;
}

/**
 * The 422 when a slot of `tipo` is closed to a patient whose eligible set is `eligible` (the
 * backlog item's list, else the patient's); null when it is open.
 */
export function tipoRefusal(
  tipo: Tipo | null | undefined,
  tiposlotid: number,
  eligible: number[],
): HttpError | null {
  if (!tipo?.agendavel || tipo.status !== STATUS.ativo) {
    return unprocessable(
      "tiposlot_nao_agendavel",
      `Horários do tipo "${tipo?.nome ?? "?"}" não aceitam agendamento.`,
    );
  }
  if (eligible.length > 0 && !eligible.includes(tiposlotid)) {
    return unprocessable(
      "tiposlot_nao_elegivel",
      `O paciente não é elegível para horários do tipo "${tipo.nome}".`,
      { tiposlotid, elegiveis: eligible },
    );
  }
  return null;
}

/** The 404 for an unknown patient and the 422 for an inactive one; null when active. */
export function pacienteRefusal(p: { status: string } | null | undefined): HttpError | null {
  if (!p) return notFound("Paciente");
  if (p.status !== STATUS.ativo) {
    return unprocessable("paciente_inativo", "O cadastro deste paciente está inativo.");
  }
  return null;
}

/** Throws 404 for an unknown patient and 422 for an inactive one. */
export async function assertPacienteAtivo(sql: Sql, pacienteid: number) {
  const [p] = await sql<{ status: string; nomecompleto: string; telefone: string | null }>`
    select status, nomecompleto, telefone from ca_paciente where pacienteid = ${pacienteid}`;
  const refusal = pacienteRefusal(p);
  if (refusal) throw refusal;
  return p;
}
