/** Unidades de saúde: CRUD, soft delete refused while active grades use the unidade. */
import type { Deps } from "../../app_env.ts";
import type { Sql } from "../../db/db.ts";
import type { Fragment } from "../../db/sql.ts";
import { type Actor, recordEvent } from "../../events/record.ts";
import { KIND } from "../../events/kinds.ts";
import { badRequest, conflict, pgError } from "../../http/errors.ts";
import { changeStatus, type SoftDeletable } from "../../shared/soft_delete.ts";
import { STATUS } from "../../shared/statuses.ts";
import { readClinicConfig } from "../clinica/service.ts";
import { activeGradesOf, containsPattern } from "../consultorios/service.ts";
import type { HorariosPorDia } from "./hours.ts";
import { applyInlineConsultorios } from "./inline_consultorios.ts";
import {
  lockUnidade,
  plain,
  present,
  readUnidade,
  selectUnidades,
  topicsOf,
  type UnidadeRow,
} from "./queries.ts";
import {
  hoursIssues,
  type UnidadeCreateInput,
  type UnidadeListQuery,
  type UnidadeUpdateInput,
} from "./schemas.ts";

function duplicate(nome: string, existing?: { unidadeid: number; status: string }) {
  const inativa = existing?.status === STATUS.inativo
    ? " (inativa: reative-a em vez de criar outra)"
    : "";
  return conflict(
    "unidade_duplicada",
    `Já existe uma unidade chamada "${nome}"${inativa}.`,
    existing ? { unidadeid: existing.unidadeid, status: existing.status } : undefined,
  );
}

async function refuseDuplicate(sql: Sql, nome: string, exceptId = 0) {
  const [dup] = await sql<{ unidadeid: number; status: string }>`
    select unidadeid, status from ca_unidade
    where lower(ca_unaccent(nome)) = lower(ca_unaccent(${nome})) and unidadeid <> ${exceptId}`;
  if (dup) throw duplicate(nome, dup);
}

function onUniqueViolation(nome: string) {
  return (err: unknown): never => {
    const { code, constraint } = pgError(err);
    if (code === "23505" && constraint === "ca_unidade_nome_uq") throw duplicate(nome);
    throw err;
  };
}

interface Hours {
  horario_abertura: string | null;
  horario_fechamento: string | null;
  dias_funcionamento: number[];
  horarios_por_dia: HorariosPorDia | null;
}

/** Per-day mode stores no global pair and keeps dias_funcionamento equal to the open days. */
function perDay(horarios: HorariosPorDia): Hours {
  return {
    horario_abertura: null,
    horario_fechamento: null,
    dias_funcionamento: Object.keys(horarios).map(Number).sort((a, b) => a - b),
    horarios_por_dia: horarios,
  };
}

/** The hours after a PUT: a body in one mode switches the unidade to that mode. */
function mergeHours(before: UnidadeRow, input: UnidadeUpdateInput): Hours {
  if (input.horarios_por_dia) return perDay(input.horarios_por_dia);
  const touchesGlobal = input.horario_abertura !== undefined ||
    input.horario_fechamento !== undefined || input.dias_funcionamento !== undefined ||
    input.horarios_por_dia === null;
  if (!touchesGlobal) {
    return {
      horario_abertura: before.horario_abertura,
      horario_fechamento: before.horario_fechamento,
      dias_funcionamento: before.dias_funcionamento,
      horarios_por_dia: before.horarios_por_dia,
    };
  }
  return {
    horario_abertura: input.horario_abertura !== undefined
      ? input.horario_abertura
      : before.horario_abertura,
    horario_fechamento: input.horario_fechamento !== undefined
      ? input.horario_fechamento
      : before.horario_fechamento,
    // Leaving per-day mode without naming the days keeps the days that were open
    // (dias_funcionamento mirrors the per-day keys).
    dias_funcionamento: input.dias_funcionamento ?? before.dias_funcionamento,
    horarios_por_dia: null,
  };
}

/**
 * Slots keep their local calendar day (`ca_slotagenda.data`) in the unidade's zone: moving the
 * zone under active grades would shift every generated slot's day and hour.
 */
async function refuseTimezoneChange(sql: Sql, before: UnidadeRow) {
  const grades = await activeGradesOf(sql, { unidadeid: before.unidadeid });
  if (grades.length > 0) {
    throw conflict(
      "unidade_em_uso",
      `Não é possível alterar o fuso horário da unidade "${before.nome}": ${grades.length} ` +
        `grade(s) ativa(s) já geraram horários neste fuso. Inative essas grades antes.`,
      { grades },
    );
  }
}

// ------------------------------------------------------------------ verbs

export async function listUnidades(deps: Deps, q: UnidadeListQuery) {
  const { sql } = deps.db;
  const conds: Fragment[] = [sql`true`];
  if (q.status !== "todos") conds.push(sql`u.status = ${q.status}`);
  if (q.tipo) conds.push(sql`u.tipo = ${q.tipo}`);
  if (q.cidade) conds.push(sql`lower(ca_unaccent(u.cidade)) = lower(ca_unaccent(${q.cidade}))`);
  if (q.search) {
    conds.push(
      sql`lower(ca_unaccent(u.nome)) like lower(ca_unaccent(${containsPattern(q.search)}))`,
    );
  }
  const clinic = await readClinicConfig(sql);
  const rows = await selectUnidades(sql, sql.join(conds, sql` and `));
  return rows.map((r) => present(r, clinic));
}

export async function getUnidade(deps: Deps, id: number) {
  const row = await readUnidade(deps.db.sql, id);
  return present(row, await readClinicConfig(deps.db.sql));
}

export function createUnidade(deps: Deps, actor: Actor, input: UnidadeCreateInput) {
  return deps.db.begin(async (sql) => {
    const clinic = await readClinicConfig(sql);
    await refuseDuplicate(sql, input.nome);
    const hours = input.horarios_por_dia ? perDay(input.horarios_por_dia) : {
      horario_abertura: input.horario_abertura ?? null,
      horario_fechamento: input.horario_fechamento ?? null,
      dias_funcionamento: input.dias_funcionamento ?? [1, 2, 3, 4, 5],
      horarios_por_dia: null,
    };
    const [{ unidadeid }] = await sql<{ unidadeid: number }>`
      insert into ca_unidade (nome, tipo, logradouro, numero, complemento, bairro, cidade, uf, cep,
                              telefone, horario_abertura, horario_fechamento, dias_funcionamento,
                              horarios_por_dia, timezone, buffer_minutes, realocacao_automatica)
      values (${input.nome}, ${input.tipo ?? "Clínica"}, ${input.logradouro ?? null},
              ${input.numero ?? null}, ${input.complemento ?? null}, ${input.bairro ?? null},
              ${input.cidade ?? null}, ${input.uf ?? null}, ${input.cep ?? null},
              ${input.telefone ?? null}, ${hours.horario_abertura}, ${hours.horario_fechamento},
              ${hours.dias_funcionamento}, ${hours.horarios_por_dia},
              ${input.timezone ?? clinic.timezone}, ${input.buffer_minutes ?? null},
              ${input.realocacao_automatica ?? false})
      returning unidadeid`.catch(onUniqueViolation(input.nome));
    await recordEvent(sql, actor, {
      kind: "unidade.criada",
      entity: "unidade",
      entityId: unidadeid,
      topics: topicsOf(unidadeid),
      after: plain(await readUnidade(sql, unidadeid)),
    });
    await applyInlineConsultorios(sql, actor, unidadeid, input.consultorios ?? []);
    return present(await readUnidade(sql, unidadeid), clinic);
  });
}

export function updateUnidade(deps: Deps, actor: Actor, id: number, input: UnidadeUpdateInput) {
  return deps.db.begin(async (sql) => {
    const clinic = await readClinicConfig(sql);
    const before = await lockUnidade(sql, id);
    const { consultorios, ...fields } = input;
    if (Object.values(fields).some((v) => v !== undefined)) {
      const hours = mergeHours(before, input);
      // dias_funcionamento mirrors the per-day keys: only the pair can clash with per-day hours.
      const { dias_funcionamento: _, ...pair } = hours;
      const issues = hoursIssues(pair, true);
      if (issues.length > 0) {
        throw badRequest(
          "entrada_invalida",
          "Dados inválidos.",
          issues.map((i) => ({ path: i.path.join("."), message: i.message, code: "custom" })),
        );
      }
      if (input.timezone !== undefined && input.timezone !== before.timezone) {
        await refuseTimezoneChange(sql, before);
      }
      const nome = input.nome ?? before.nome;
      if (nome !== before.nome) await refuseDuplicate(sql, nome, id);
      const pick = <K extends keyof typeof fields & keyof UnidadeRow>(k: K) =>
        fields[k] !== undefined ? fields[k] : before[k];
      await sql`
        update ca_unidade
        set nome = ${nome}, tipo = ${pick("tipo")}, logradouro = ${pick("logradouro")},
            numero = ${pick("numero")}, complemento = ${pick("complemento")},
            bairro = ${pick("bairro")}, cidade = ${pick("cidade")}, uf = ${pick("uf")},
            cep = ${pick("cep")}, telefone = ${pick("telefone")},
            horario_abertura = ${hours.horario_abertura},
            horario_fechamento = ${hours.horario_fechamento},
            dias_funcionamento = ${hours.dias_funcionamento},
            horarios_por_dia = ${hours.horarios_por_dia}, timezone = ${pick("timezone")},
            buffer_minutes = ${pick("buffer_minutes")},
            realocacao_automatica = ${pick("realocacao_automatica")}, updated_at = now()
        where unidadeid = ${id}`.catch(onUniqueViolation(nome));
      await recordEvent(sql, actor, {
        kind: "unidade.atualizada",
        entity: "unidade",
        entityId: id,
        topics: topicsOf(id),
        before: plain(before),
        after: plain(await readUnidade(sql, id)),
      });
    }
    await applyInlineConsultorios(sql, actor, id, consultorios ?? []);
    return present(await readUnidade(sql, id), clinic);
  });
}

/** Soft delete is refused while active grades use the unidade. */
const UNIDADE: SoftDeletable<UnidadeRow> = {
  table: "ca_unidade",
  idColumn: "unidadeid",
  entity: "unidade",
  nome: "Unidade",
  feminino: true,
  read: readUnidade,
  topics: (row) => topicsOf(row.unidadeid),
  kinds: { Inativo: KIND.unidade.inativada, Ativo: KIND.unidade.reativada },
  snapshot: plain,
  async check(sql, before, to) {
    if (to !== STATUS.inativo) return;
    const grades = await activeGradesOf(sql, { unidadeid: before.unidadeid });
    if (grades.length > 0) {
      throw conflict(
        "unidade_em_uso",
        `Não é possível inativar a unidade "${before.nome}": ${grades.length} grade(s) ativa(s) ` +
          `a utilizam. Inative ou transfira essas grades antes.`,
        { grades },
      );
    }
  },
};

export function deleteUnidade(deps: Deps, actor: Actor, id: number) {
  return deps.db.begin(async (sql) => {
    const clinic = await readClinicConfig(sql);
    return present(await changeStatus(sql, actor, UNIDADE, id, STATUS.inativo), clinic);
  });
}

export function reactivateUnidade(deps: Deps, actor: Actor, id: number) {
  return deps.db.begin(async (sql) => {
    const clinic = await readClinicConfig(sql);
    return present(await changeStatus(sql, actor, UNIDADE, id, STATUS.ativo), clinic);
  });
}
