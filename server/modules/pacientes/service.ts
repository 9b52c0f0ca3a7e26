/** Desk registration of patients: list, stats, details, create, update, inactivate, reactivate. */
import type { Db, Sql } from "../../db/db.ts";
import { type Fragment, lit } from "../../db/sql.ts";
import { type Actor, recordEvent } from "../../events/record.ts";
import { KIND } from "../../events/kinds.ts";
import { conflict, notFound, pgError } from "../../http/errors.ts";
import { changeStatus, type SoftDeletable } from "../../shared/soft_delete.ts";
import { STATUS } from "../../shared/statuses.ts";
import { forgetPhoneValidation } from "../auth/otp.ts";
import { revokePacienteSessions } from "../auth/sessions.ts";
import type {
  PacienteInput,
  PacienteListQuery,
  PacienteSearchQuery,
  PacienteUpdate,
} from "./schemas.ts";
import { PACIENTE_COLUMNS, pacienteTopics } from "../../shared/paciente_shape.ts";
import { replaceTiposSlot, type TipoSlotResumo, tiposSlotOf } from "./tipos_slot_service.ts";
import type { z } from "zod";
import type { RowOf } from "../../contract/define.ts";
import type { Paciente, PacienteSugestao } from "./schemas.ts";

/** What the API answers for a patient: the public columns and whether a portal login exists. */
const COLUMNS = (sql: Sql) => sql`${PACIENTE_COLUMNS(sql)}, senhahash is not null as acesso_portal`;

export type PacienteRow = RowOf<typeof Paciente>;

export type PacienteDetalhe = PacienteRow & { tipos_slot: TipoSlotResumo[] };

/** The patient with their eligible slot types; `forUpdate` locks the row for the transaction. */
export async function loadPaciente(
  sql: Sql,
  pacienteid: number,
  forUpdate = false,
): Promise<PacienteDetalhe> {
  const lock = forUpdate ? sql`for update` : sql``;
  const [p] = await sql<PacienteRow>`
    select ${COLUMNS(sql)} from ca_paciente where pacienteid = ${pacienteid} ${lock}`;
  if (!p) throw notFound("Paciente");
  return { ...p, tipos_slot: [...await tiposSlotOf(sql, pacienteid)] };
}

/**
 * Employee detection ("detecção automática de funcionário"): a patient is a funcionário when
 * their CPF belongs to an active staff user (`ca_usuario_admin.ativo`) or to an active médico
 * (`ca_medico.status` is `Ativo`). The flag is derived, never typed in: it is recomputed on every
 * create and update, so a former employee loses it on the next save of their record.
 */
async function isFuncionario(sql: Sql, cpf: string): Promise<boolean> {
  const [r] = await sql<{ funcionario: boolean }>`
    select exists (select 1 from ca_usuario_admin where cpf = ${cpf} and ativo)
        or exists (select 1 from ca_medico where cpf = ${cpf} and status = ${
    lit(STATUS.ativo)
  }) as funcionario`;
  return r.funcionario;
}

async function cpfDuplicado(sql: Sql, cpf: string) {
  const [other] = await sql<{ pacienteid: number }>`
    select pacienteid from ca_paciente where cpf = ${cpf}`;
  return conflict("cpf_duplicado", "Já existe um paciente cadastrado com este CPF.", {
    pacienteid: other?.pacienteid ?? null,
  });
}

const isCpfViolation = (err: unknown) => {
  const { code, constraint } = pgError(err);
  return code === "23505" && constraint === "ca_paciente_cpf_uq";
};

// ---------------------------------------------------------------- reads

const escapeLike = (s: string) => s.replace(/[\\%_]/g, "\\$&");

/**
 * `search` is a CPF prefix when it holds only digits and CPF punctuation, else words of the
 * name: every word must appear, accents and case ignored (trigram index on the same expression).
 */
function searchCondition(sql: Sql, search: string): Fragment {
  if (/^[\d.\-\s]+$/.test(search)) {
    return sql`cpf like ${escapeLike(search.replace(/\D/g, "")) + "%"}`;
  }
  const words = search.split(/\s+/).filter(Boolean).map((w) =>
    sql`lower(ca_unaccent(nomecompleto)) like lower(ca_unaccent(${`%${escapeLike(w)}%`}))`
  );
  return sql.join(words, sql` and `);
}

export async function listPacientes(db: Db, q: PacienteListQuery) {
  const { sql } = db;
  const conds: Fragment[] = [];
  if (q.status !== "todos") conds.push(sql`status = ${q.status}`);
  if (q.cpf) conds.push(q.cpf.length === 11 ? sql`cpf = ${q.cpf}` : sql`cpf like ${q.cpf + "%"}`);
  if (q.search) conds.push(searchCondition(sql, q.search));
  const where = conds.length > 0 ? sql`where ${sql.join(conds, sql` and `)}` : sql``;
  const [{ total }] = await sql<{ total: number }>`
    select count(*)::int as total from ca_paciente ${where}`;
  const items = await sql<PacienteRow>`
    select ${COLUMNS(sql)} from ca_paciente ${where}
    order by lower(ca_unaccent(nomecompleto)), pacienteid
    limit ${q.limit} offset ${(q.page - 1) * q.limit}`;
  return { items, total, page: q.page, limit: q.limit };
}

/** Autocomplete: active patients whose name has every word of `q`, or whose CPF starts so. */
export async function searchPacientes(db: Db, q: PacienteSearchQuery) {
  const { sql } = db;
  const items = await sql<z.output<typeof PacienteSugestao>>`
    select pacienteid, nomecompleto, cpf, datanascimento, telefone, telefone_validado, tipo
    from ca_paciente
    where status = ${lit(STATUS.ativo)} and ${searchCondition(sql, q.q)}
    order by lower(ca_unaccent(nomecompleto)), pacienteid
    limit ${q.limit}`;
  return { items: [...items] };
}

export async function pacienteStats(db: Db) {
  const [s] = await db.sql<
    { total: number; ativos: number; inativos: number; telefone_validado: number }
  >`
    select count(*)::int as total,
           count(*) filter (where status = ${lit(STATUS.ativo)})::int as ativos,
           count(*) filter (where status = ${lit(STATUS.inativo)})::int as inativos,
           count(*) filter (where telefone_validado)::int as telefone_validado
    from ca_paciente`;
  return s;
}

export function getPaciente(db: Db, pacienteid: number) {
  return loadPaciente(db.sql, pacienteid);
}

// ---------------------------------------------------------------- writes

export function createPaciente(db: Db, actor: Actor, input: PacienteInput) {
  return db.begin(async (sql) => {
    const funcionario = await isFuncionario(sql, input.cpf);
    // The unique index decides; a concurrent create of the same CPF waits and lands here too.
    const [row] = await sql<{ pacienteid: number }>`
      insert into ca_paciente (nomecompleto, cpf, datanascimento, telefone, email, tipo,
                               tipo_vinculo, nome_mae, contatos, funcionario, origem)
      values (${input.nomecompleto}, ${input.cpf}, ${input.datanascimento ?? null},
              ${input.telefone ?? null}, ${input.email ?? null}, ${input.tipo},
              ${input.tipo_vinculo}, ${input.nome_mae}, ${input.contatos}, ${funcionario}, 'ADM')
      on conflict (cpf) do nothing
      returning pacienteid`;
    if (!row) throw await cpfDuplicado(sql, input.cpf);
    await replaceTiposSlot(sql, row.pacienteid, input.tipos_slot_elegiveis);
    const after = await loadPaciente(sql, row.pacienteid);
    await recordEvent(sql, actor, {
      kind: "paciente.criado",
      entity: "paciente",
      entityId: row.pacienteid,
      topics: pacienteTopics(row.pacienteid),
      after,
    });
    return after;
  });
}

const UPDATABLE = [
  "nomecompleto",
  "cpf",
  "datanascimento",
  "telefone",
  "email",
  "tipo",
  "tipo_vinculo",
  "nome_mae",
  "contatos",
] as const;

export async function updatePaciente(
  db: Db,
  actor: Actor,
  pacienteid: number,
  input: PacienteUpdate,
) {
  try {
    return await db.begin(async (sql) => {
      const before = await loadPaciente(sql, pacienteid, true);
      const sets = UPDATABLE.filter((col) => input[col] !== undefined)
        .map((col) => sql`${sql.ident(col)} = ${input[col]}`);
      sets.push(sql`funcionario = ${await isFuncionario(sql, input.cpf ?? before.cpf)}`);
      const telefoneMudou = input.telefone !== undefined && input.telefone !== before.telefone;
      if (telefoneMudou) await forgetPhoneValidation(sql, pacienteid);
      await sql`
        update ca_paciente set ${sql.join(sets, sql`, `)}, updated_at = now()
        where pacienteid = ${pacienteid}`;
      if (input.tipos_slot_elegiveis) {
        await replaceTiposSlot(sql, pacienteid, input.tipos_slot_elegiveis);
      }
      const after = await loadPaciente(sql, pacienteid);
      await recordEvent(sql, actor, {
        kind: "paciente.atualizado",
        entity: "paciente",
        entityId: pacienteid,
        topics: pacienteTopics(pacienteid),
        before,
        after,
      });
      return after;
    });
  } catch (err) {
    if (isCpfViolation(err) && input.cpf) throw await cpfDuplicado(db.sql, input.cpf);
    throw err;
  }
}

/** Soft delete: the record stays (history, agendamentos); portal sessions end at once. */
const PACIENTE: SoftDeletable<PacienteDetalhe> = {
  table: "ca_paciente",
  idColumn: "pacienteid",
  entity: "paciente",
  nome: "Paciente",
  read: (sql, id) => loadPaciente(sql, id),
  topics: (row) => pacienteTopics(row.pacienteid),
  kinds: { Inativo: KIND.paciente.inativado, Ativo: KIND.paciente.reativado },
  async after(sql, row, to) {
    if (to === STATUS.inativo) await revokePacienteSessions(sql, row.pacienteid);
  },
};

export function inactivatePaciente(db: Db, actor: Actor, pacienteid: number) {
  return db.begin((sql) => changeStatus(sql, actor, PACIENTE, pacienteid, STATUS.inativo));
}

export function reactivatePaciente(db: Db, actor: Actor, pacienteid: number) {
  return db.begin((sql) => changeStatus(sql, actor, PACIENTE, pacienteid, STATUS.ativo));
}
