/**
 * `POST /api/slots/generate-bulk`: the grade generator. One transaction validates the references,
 * reuses (or creates) the médico's Ativo grade for the unidade/especialidade, inserts the slots
 * chunk by chunk with set-based SQL (`generate_sql.ts`), reporting its progress after each chunk
 * (`progress.ts`), and writes the events.
 */
import type { Db, Sql } from "../../db/db.ts";
import { type Actor, recordEvent } from "../../events/record.ts";
import { conflict, pgError } from "../../http/errors.ts";
import { effectiveBufferMinutes, openingHoursFor } from "../unidades/hours.ts";
import { type GenerationContext, loadGenerationContext } from "./generate_context.ts";
import { type ChunkResult, type GenParams, insertChunk, previewChunk } from "./generate_sql.ts";
import { MENSAGEM_CONFLITO, planWeekdays } from "./plan.ts";
import { type GradeRef, gradeTopics, Progress } from "./progress.ts";
import type { GenerateBulkInput, GenerateBulkResult } from "./schemas.ts";
import { chunkDays, daysInclusive } from "./time.ts";
import { lit } from "../../db/sql.ts";
import { STATUS } from "../../shared/statuses.ts";

/**
 * Most days per statement: a preview's chunk (it reports no progress), and a generation's on
 * PGlite (its progress is only delivered at commit, see `Progress.aoVivo`).
 */
export const CHUNK_DIAS = 31;
/**
 * Progress reports a generation aims at. On Postgres a generation writes its days in chunks of
 * `chunkDiasDe(dias)` (1–31 days), one statement and one `grade.geracao_avancada` each, so the
 * progress bar of any period longer than a day moves about this many times: a month by 2 days, a
 * quarter by 7, a year by 25. The cost, measured on a loaded 2-core machine (3 months, 20
 * consultations a day): 13 statements instead of 3, +12% (median 681 → 762 ms).
 */
export const RELATOS_ALVO = 15;

/** Days per chunk of a generation of `dias` days. */
export const chunkDiasDe = (dias: number) =>
  Math.min(CHUNK_DIAS, Math.max(1, Math.ceil(dias / RELATOS_ALVO)));
/** Conflicts listed in an answer (all are counted in `conflitos_total`). */
export const MAX_CONFLITOS_LISTADOS = 1000;

class ConflictsFound extends Error {
  constructor(readonly result: GenerateBulkResult) {
    super("conflitos_na_grade");
  }
}

export async function generateBulk(
  db: Db,
  actor: Actor,
  input: GenerateBulkInput,
): Promise<GenerateBulkResult> {
  const progress = new Progress(db, actor);
  let gradeRef: GradeRef | null = null;
  try {
    return await db.begin(async (sql) => {
      const ctx = await loadGenerationContext(sql, input, !input.preview);
      if (input.preview) {
        const params = paramsOf(input, ctx, ctx.grade?.gradeagendaid ?? null);
        return await runChunks(sql, input, ctx, params, null);
      }
      const { grade, before } = await upsertGrade(sql, actor, input, ctx);
      gradeRef = grade;
      const params = {
        ...paramsOf(input, ctx, grade.gradeagendaid),
        gradeagendaid: grade.gradeagendaid,
      };
      const result = await runChunks(sql, input, ctx, params, { progress, grade });
      result.grade_nova = before === null;
      if (result.conflitos_total > 0 && !input.ignorar_conflitos) throw new ConflictsFound(result);
      await recordEvent(sql, actor, {
        kind: "grade.gerada",
        entity: "gradeagenda",
        entityId: grade.gradeagendaid,
        topics: gradeTopics(grade),
        before,
        after: {
          ...grade,
          geracao: {
            id: progress.geracao,
            data_inicio: input.data_inicio,
            data_fim: input.data_fim,
            criados: result.criados,
            existentes: result.existentes,
            ignorados: result.ignorados,
            conflitos_ignorados: result.conflitos_total,
            distribuicao: result.distribuicao,
            horarios: input.horarios,
          },
        },
      });
      return result;
    });
  } catch (err) {
    await progress.interrupted(
      gradeRef,
      err instanceof ConflictsFound ? "conflitos_na_grade" : pgError(err).code ?? "erro",
    );
    if (err instanceof ConflictsFound) {
      throw conflict(
        "conflitos_na_grade",
        `A geração tem ${err.result.conflitos_total} conflito(s). Revise a prévia ou confirme ` +
          "ignorando os horários em conflito.",
        {
          conflitos: err.result.conflitos,
          conflitos_total: err.result.conflitos_total,
          conflitos_por_motivo: err.result.conflitos_por_motivo,
        },
      );
    }
    if (pgError(err).code === "23P01") {
      throw conflict(
        "conflito_horario",
        "Outro horário do médico ou do consultório foi gravado ao mesmo tempo. Gere a prévia de novo.",
        { constraint: pgError(err).constraint },
      );
    }
    throw err;
  }
}

function paramsOf(input: GenerateBulkInput, ctx: GenerationContext, gradeagendaid: number | null) {
  const buffer = effectiveBufferMinutes(ctx.unidade, ctx.clinica);
  const horas = planWeekdays(
    input.horarios as Record<string, string[]>,
    (dow) => openingHoursFor(ctx.unidade, ctx.clinica, dow),
    ctx.duracaoMinutos,
    buffer,
  );
  return {
    gradeagendaid,
    medicoid: input.medicoid,
    unidadeid: input.unidadeid,
    especialidadeid: input.especialidadeid,
    consultorioid: input.consultorioid,
    timezone: ctx.unidade.timezone,
    duracaoMinutos: ctx.duracaoMinutos,
    bufferMinutes: buffer,
    overbooking: input.overbooking,
    horas,
    distribuicao: ctx.distribuicao.map(({ tiposlotid, quantidade }) => ({
      tiposlotid,
      quantidade,
    })),
  } satisfies GenParams;
}

interface GradeRow {
  gradeagendaid: number;
  medicoid: number;
  especialidadeid: number;
  unidadeid: number;
  consultorioid: number | null;
  vigencia_inicio: string;
  vigencia_fim: string;
  overbooking: boolean;
  limitevagas: number;
  status: string;
  [k: string]: unknown;
}

/**
 * Reuses the Ativo grade of the médico/unidade/especialidade, extending its vigência and taking
 * the new consultório/overbooking/limit, or creates it. The row stays locked until commit, so two
 * generations of the same grade run one after the other.
 */
async function upsertGrade(
  sql: Sql,
  actor: Actor,
  input: GenerateBulkInput,
  ctx: GenerationContext,
) {
  const limite = ctx.distribuicao.reduce((s, d) => s + d.quantidade, 0);
  const created = await sql<{ gradeagendaid: number }>`
    insert into ca_gradeagenda (medicoid, especialidadeid, unidadeid, consultorioid,
      vigencia_inicio, vigencia_fim, overbooking, limite_encaixe, limitevagas, created_by)
    values (${input.medicoid}, ${input.especialidadeid}, ${input.unidadeid}, ${input.consultorioid},
      ${input.data_inicio}, ${input.data_fim}, ${input.overbooking}, ${input.limite_encaixe ?? 1},
      ${limite},
      ${actor.tipo === "admin" ? actor.id : null})
    on conflict (medicoid, unidadeid, especialidadeid) where status = ${
    lit(STATUS.ativo)
  } do nothing
    returning gradeagendaid`;
  const [current] = await sql<GradeRow>`
    select * from ca_gradeagenda
    where medicoid = ${input.medicoid} and unidadeid = ${input.unidadeid}
      and especialidadeid = ${input.especialidadeid} and status = ${lit(STATUS.ativo)}
    for update`;
  const before = created.length > 0 ? null : current;
  const [grade] = await sql<GradeRow>`
    update ca_gradeagenda set
      vigencia_inicio = least(vigencia_inicio, ${input.data_inicio}::date),
      vigencia_fim = greatest(vigencia_fim, ${input.data_fim}::date),
      consultorioid = ${input.consultorioid}::int,
      overbooking = ${input.overbooking}::boolean,
      limite_encaixe = coalesce(${input.limite_encaixe ?? null}::smallint, limite_encaixe),
      limitevagas = ${limite}::int,
      updated_at = now()
    where gradeagendaid = ${current.gradeagendaid}
    returning *`;
  return { grade, before };
}

async function runChunks(
  sql: Sql,
  input: GenerateBulkInput,
  ctx: GenerationContext,
  params: GenParams,
  write: { progress: Progress; grade: GradeRow } | null,
): Promise<GenerateBulkResult> {
  const dias = daysInclusive(input.data_inicio, input.data_fim);
  const chunks = chunkDays(
    input.data_inicio,
    input.data_fim,
    write?.progress.aoVivo ? chunkDiasDe(dias) : CHUNK_DIAS,
  );
  const total: ChunkResult = {
    livres: 0,
    existentes: 0,
    criados: 0,
    conflitos_total: 0,
    por_motivo: {},
    conflitos: [],
  };
  let feitos = 0;
  for (const [a, b] of chunks) {
    const room = MAX_CONFLITOS_LISTADOS - total.conflitos.length;
    const r = write
      ? await insertChunk(sql, { ...params, gradeagendaid: write.grade.gradeagendaid }, a, b, room)
      : await previewChunk(sql, params, a, b, room);
    total.livres += r.livres;
    total.existentes += r.existentes;
    total.criados += write ? r.criados : r.livres * params.distribuicao.length - r.existentes;
    total.conflitos_total += r.conflitos_total;
    for (const [k, n] of Object.entries(r.por_motivo)) {
      total.por_motivo[k] = (total.por_motivo[k] ?? 0) + n;
    }
    total.conflitos.push(...r.conflitos);
    feitos += daysInclusive(a, b);
    if (write && chunks.length > 1) {
      await write.progress.report(sql, write.grade, {
        data_inicio: a,
        data_fim: b,
        dias_processados: feitos,
        dias_total: dias,
        criados: total.criados,
      });
    }
  }
  // the last progress lands before the end of the generation (grade.gerada, or a refusal)
  await write?.progress.settle();
  return {
    preview: write === null,
    gradeagendaid: write?.grade.gradeagendaid ?? ctx.grade?.gradeagendaid ?? null,
    grade_nova: write === null ? ctx.grade === null : false,
    criados: total.criados,
    existentes: total.existentes,
    ignorados: total.existentes + total.conflitos_total * params.distribuicao.length,
    conflitos: total.conflitos.map((c) => ({ ...c, mensagem: MENSAGEM_CONFLITO[c.motivo] })),
    conflitos_total: total.conflitos_total,
    conflitos_por_motivo: total.por_motivo,
    periodo: { data_inicio: input.data_inicio, data_fim: input.data_fim, dias },
    distribuicao: ctx.distribuicao,
  };
}
