/**
 * Read shapes shared by the booking modules: an agendamento with its slot, médico,
 * especialidade, unidade (address and time zone) and patient; and a slot described the same way
 * (proposals, messages, calendar export).
 */
import type { Sql } from "../db/db.ts";
import { notFound } from "../http/errors.ts";
import type { RowOf } from "../contract/define.ts";
import type {
  AgendamentoDetail as AgendamentoDetailSchema,
  SlotResumo,
} from "../modules/agendamentos/schemas.ts";
import type { AgendamentoRow, SlotRow } from "./places.ts";

/** Columns describing a slot `s` joined with médico `m`, especialidade `e`, unidade `u`, tipo `t`. */
export const SLOT_COLUMNS = (sql: Sql) =>
  sql`s.slotagendaid, s.datainicio, s.datafim, s.data, s.periodo, s.status as slot_status,
      to_char(s.datainicio at time zone u.timezone, 'HH24:MI') as hora,
      to_char(s.datainicio at time zone u.timezone, 'DD/MM/YYYY') as data_br,
      s.medicoid, m.nomecompleto as medico_nome, s.especialidadeid, e.nome as especialidade_nome,
      s.unidadeid, u.nome as unidade_nome, u.logradouro, u.numero, u.complemento, u.bairro,
      u.cidade, u.uf, u.cep, u.timezone, s.tiposlotid, t.nome as tiposlot_nome,
      t.cor as tiposlot_cor, s.limitevagas, s.vagas_ocupadas`;

/** The names `SLOT_COLUMNS` answers, to split them from other columns of the same row. */
export const SLOT_KEYS = [
  "slotagendaid",
  "datainicio",
  "datafim",
  "data",
  "periodo",
  "slot_status",
  "hora",
  "data_br",
  "medicoid",
  "medico_nome",
  "especialidadeid",
  "especialidade_nome",
  "unidadeid",
  "unidade_nome",
  "logradouro",
  "numero",
  "complemento",
  "bairro",
  "cidade",
  "uf",
  "cep",
  "timezone",
  "tiposlotid",
  "tiposlot_nome",
  "tiposlot_cor",
  "limitevagas",
  "vagas_ocupadas",
] as const satisfies readonly (keyof SlotDetail)[];

const SLOT_KEY_SET = new Set<string>(SLOT_KEYS);

/**
 * Splits a row that carries `SLOT_COLUMNS` beside another table's columns: the slot detail, and
 * the rest (`slotagendaid` belongs to both).
 */
export function splitSlot<R extends object>(row: R): { slot: SlotDetail; rest: R } {
  const entries = Object.entries(row);
  return {
    slot: Object.fromEntries(entries.filter(([k]) => SLOT_KEY_SET.has(k))) as SlotDetail,
    rest: Object.fromEntries(
      entries.filter(([k]) => k === "slotagendaid" || !SLOT_KEY_SET.has(k)),
    ) as R,
  };
}

export const SLOT_JOINS = (sql: Sql) =>
  sql`join ca_medico m on m.medicoid = s.medicoid
      join ca_especialidade e on e.especialidadeid = s.especialidadeid
      join ca_unidade u on u.unidadeid = s.unidadeid
      join ca_tiposlot t on t.tiposlotid = s.tiposlotid`;

export const AGENDAMENTO_SELECT = (sql: Sql) =>
  sql`select a.agendamentoid, a.pacienteid, a.backlogid, a.planoid, a.protocolo, a.ordem,
        a.status, a.seguro_status, a.datasolicitacao, a.expira_em, a.motivo_cancelamento,
        a.cancelado_em, a.created_at, a.updated_at, a.encaixe, a.motivo_encaixe,
        ${SLOT_COLUMNS(sql)},
        p.nomecompleto as paciente_nome, p.cpf as paciente_cpf, p.telefone as paciente_telefone
      from ca_agendamento a
      join ca_slotagenda s on s.slotagendaid = a.slotagendaid
      ${SLOT_JOINS(sql)}
      join ca_paciente p on p.pacienteid = a.pacienteid`;

/** A slot with its médico, especialidade, unidade and tipo (`SLOT_COLUMNS`). */
export type SlotDetail = Omit<RowOf<typeof SlotResumo, "datainicio" | "datafim">, "endereco">;

/** An agendamento with its slot and patient (`AGENDAMENTO_SELECT`). */
export type AgendamentoDetail = Omit<
  RowOf<typeof AgendamentoDetailSchema, "datainicio" | "datafim" | "datasolicitacao">,
  "endereco"
>;

/** One line address of the unidade: "Rua X, 10 - Centro, Barueri/SP". */
export function endereco(u: {
  logradouro: string | null;
  numero: string | null;
  complemento?: string | null;
  bairro: string | null;
  cidade: string | null;
  uf: string | null;
}): string {
  const rua = [u.logradouro, u.numero].filter(Boolean).join(", ");
  const compl = u.complemento ? ` (${u.complemento})` : "";
  const cidade = [u.cidade, u.uf].filter(Boolean).join("/");
  return [rua + compl, u.bairro, cidade].filter(Boolean).join(" - ");
}

export function withEndereco<T extends SlotDetail>(row: T): T & { endereco: string } {
  return { ...row, endereco: endereco(row) };
}

export async function slotDetail(
  sql: Sql,
  slotagendaid: number,
): Promise<SlotDetail & { endereco: string }> {
  const [row] = await sql<SlotDetail>`
    select ${SLOT_COLUMNS(sql)} from ca_slotagenda s ${SLOT_JOINS(sql)}
    where s.slotagendaid = ${slotagendaid}`;
  if (!row) throw notFound("Horário");
  return withEndereco(row);
}

export async function agendamentoDetail(
  sql: Sql,
  agendamentoid: number,
): Promise<AgendamentoDetail & { endereco: string }> {
  const [row] = await sql<AgendamentoDetail>`
    ${AGENDAMENTO_SELECT(sql)} where a.agendamentoid = ${agendamentoid}`;
  if (!row) throw notFound("Agendamento");
  return withEndereco(row);
}

/**
 * The `agendamentoDetail` of a row just written, from what the writer already holds (the slot
 * detail read before, the slot row its update returned, the patient), without reading it back.
 * `details_test.ts` checks it equals the read.
 */
export function agendamentoDetailOf(
  a: AgendamentoRow,
  slot: SlotDetail,
  took: Pick<SlotRow, "status" | "limitevagas" | "vagas_ocupadas">,
  p: { nomecompleto: string; cpf: string; telefone: string | null },
): AgendamentoDetail & { endereco: string } {
  const { endereco: _, ...columns } = slot as SlotDetail & { endereco?: string };
  return withEndereco({
    agendamentoid: a.agendamentoid,
    pacienteid: a.pacienteid,
    backlogid: a.backlogid,
    planoid: a.planoid,
    protocolo: a.protocolo,
    ordem: a.ordem,
    status: a.status,
    seguro_status: a.seguro_status,
    datasolicitacao: a.datasolicitacao,
    expira_em: a.expira_em,
    motivo_cancelamento: a.motivo_cancelamento,
    cancelado_em: a.cancelado_em,
    created_at: a.created_at,
    updated_at: a.updated_at,
    encaixe: a.encaixe,
    motivo_encaixe: a.motivo_encaixe,
    ...columns,
    slot_status: took.status,
    limitevagas: took.limitevagas,
    vagas_ocupadas: took.vagas_ocupadas,
    paciente_nome: p.nomecompleto,
    paciente_cpf: p.cpf,
    paciente_telefone: p.telefone,
  });
}
