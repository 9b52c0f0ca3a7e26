/**
 * Everything the generator needs besides the request, read and checked inside its transaction:
 * the unidade (time zone, hours, buffer), the clinic defaults, the especialidade's duration, the
 * médico and consultório, the distribution per tipo de slot and the current Ativo grade.
 * Every reference problem answers 422 with its own code; nothing has been written yet.
 */
import type { Sql } from "../../db/db.ts";
import { type Fragment, lit } from "../../db/sql.ts";
import { unprocessable } from "../../http/errors.ts";
import type { ClinicHoursSource, UnidadeHoursSource } from "../unidades/hours.ts";
import type { GenerateBulkInput } from "./schemas.ts";
import { isValidTimeZone, todayAt } from "./time.ts";
import { STATUS } from "../../shared/statuses.ts";

export interface GenerationContext {
  unidade: UnidadeHoursSource & { unidadeid: number; nome: string; timezone: string };
  clinica: ClinicHoursSource;
  duracaoMinutos: number;
  distribuicao: { tiposlotid: number; nome: string; quantidade: number }[];
  grade: { gradeagendaid: number } | null;
}

interface TipoRow {
  tiposlotid: number;
  nome: string;
  status: string;
  quantidade: number;
}

/** The especialidade's cotas with places, as the wizard's step 4 pre-fills them. */
export async function defaultDistribuicao(sql: Sql, especialidadeid: number) {
  return await sql<{ tiposlotid: number; nome: string; cor: string; quantidade: number }>`
    select t.tiposlotid, t.nome, t.cor, c.vagas::int as quantidade
    from ca_especialidade_cota c join ca_tiposlot t using (tiposlotid)
    where c.especialidadeid = ${especialidadeid} and c.vagas > 0 and t.status = ${lit(STATUS.ativo)}
    order by lower(ca_unaccent(t.nome))`;
}

export async function loadGenerationContext(
  sql: Sql,
  input: GenerateBulkInput,
  lock: boolean,
): Promise<GenerationContext> {
  // Shared row locks keep the referenced rows from being inactivated until we commit.
  const share = lock ? sql`for share` : sql``;
  const [u] = await sql<GenerationContext["unidade"] & { status: string }>`
    select unidadeid, nome, status, timezone, horario_abertura::text, horario_fechamento::text,
      dias_funcionamento, horarios_por_dia, buffer_minutes
    from ca_unidade where unidadeid = ${input.unidadeid} ${share}`;
  if (!u) invalid("unidade_invalida", "A unidade informada não existe.", input.unidadeid);
  if (u.status !== STATUS.ativo) {
    invalid("unidade_invalida", `A unidade ${u.nome} está inativa.`, u.unidadeid);
  }
  if (!isValidTimeZone(u.timezone)) {
    throw unprocessable(
      "fuso_horario_invalido",
      `O fuso horário da unidade (${u.timezone}) é inválido. Corrija o cadastro da unidade.`,
    );
  }
  if (input.data_inicio < todayAt(u.timezone)) {
    throw unprocessable(
      "data_passada",
      "A data inicial não pode ser anterior a hoje na unidade.",
      { hoje: todayAt(u.timezone) },
    );
  }

  const [e] = await sql<{ nome: string; status: string; duracao_minutos: number }>`
    select nome, status, duracao_minutos from ca_especialidade
    where especialidadeid = ${input.especialidadeid} ${share}`;
  if (!e) {
    invalid(
      "especialidade_invalida",
      "A especialidade informada não existe.",
      input.especialidadeid,
    );
  }
  if (e.status !== STATUS.ativo) {
    invalid(
      "especialidade_invalida",
      `A especialidade ${e.nome} está inativa.`,
      input.especialidadeid,
    );
  }

  const [m] = await sql<{ nomecompleto: string; status: string; atende: boolean }>`
    select nomecompleto, status, exists (
      select 1 from ca_medico_especialidade me
      where me.medicoid = m.medicoid and me.especialidadeid = ${input.especialidadeid}
    ) as atende
    from ca_medico m where medicoid = ${input.medicoid} ${share}`;
  if (!m) invalid("medico_invalido", "O médico informado não existe.", input.medicoid);
  if (m.status !== STATUS.ativo) {
    invalid("medico_invalido", `O médico ${m.nomecompleto} está inativo.`, input.medicoid);
  }
  if (!m.atende) {
    throw unprocessable(
      "medico_sem_especialidade",
      `O médico ${m.nomecompleto} não atende a especialidade ${e.nome}.`,
      { medicoid: input.medicoid, especialidadeid: input.especialidadeid },
    );
  }

  if (input.consultorioid !== null) {
    const [c] = await sql<{ nome: string; status: string; unidadeid: number }>`
      select nome, status, unidadeid from ca_consultorio
      where consultorioid = ${input.consultorioid} ${share}`;
    if (!c) {
      invalid("consultorio_invalido", "O consultório informado não existe.", input.consultorioid);
    }
    if (c.status !== STATUS.ativo) {
      invalid("consultorio_invalido", `O consultório ${c.nome} está inativo.`, input.consultorioid);
    }
    if (c.unidadeid !== input.unidadeid) {
      throw unprocessable(
        "consultorio_de_outra_unidade",
        `O consultório ${c.nome} não pertence à unidade ${u.nome}.`,
        { consultorioid: input.consultorioid, unidadeid: input.unidadeid },
      );
    }
  }

  const [clinica] = await sql<ClinicHoursSource>`
    select horario_abertura::text, horario_fechamento::text, buffer_minutes
    from ca_clinica_configuracao where id = 1`;
  const [grade] = await sql<{ gradeagendaid: number }>`
    select gradeagendaid from ca_gradeagenda
    where medicoid = ${input.medicoid} and unidadeid = ${input.unidadeid}
      and especialidadeid = ${input.especialidadeid} and status = ${lit(STATUS.ativo)}`;

  return {
    unidade: { ...u, dias_funcionamento: u.dias_funcionamento.map(Number) },
    clinica,
    duracaoMinutos: e.duracao_minutos,
    distribuicao: await resolveDistribuicao(sql, input, share),
    grade: grade ?? null,
  };
}

async function resolveDistribuicao(
  sql: Sql,
  input: GenerateBulkInput,
  share: Fragment,
): Promise<GenerationContext["distribuicao"]> {
  let out: { tiposlotid: number; nome: string; quantidade: number }[];
  if (input.distribuicao === undefined) {
    out = (await defaultDistribuicao(sql, input.especialidadeid)).map(
      ({ tiposlotid, nome, quantidade }) => ({ tiposlotid, nome, quantidade }),
    );
  } else {
    const wanted = input.distribuicao.filter((d) => d.quantidade > 0);
    const ids = wanted.map((d) => d.tiposlotid);
    const rows = await sql<Omit<TipoRow, "quantidade">>`
      select tiposlotid, nome, status from ca_tiposlot
      where tiposlotid = any(${ids}::int[]) order by tiposlotid ${share}`;
    const inexistentes = ids.filter((id) => !rows.some((r) => r.tiposlotid === id));
    const inativos = rows.filter((r) => r.status !== STATUS.ativo);
    if (inexistentes.length || inativos.length) {
      throw unprocessable(
        "tiposlot_invalido",
        "A distribuição tem tipo(s) de slot inexistente(s) ou inativo(s).",
        { inexistentes, inativos: inativos.map(({ tiposlotid, nome }) => ({ tiposlotid, nome })) },
      );
    }
    out = wanted.map((d) => ({
      tiposlotid: d.tiposlotid,
      nome: rows.find((r) => r.tiposlotid === d.tiposlotid)!.nome,
      quantidade: d.quantidade,
    }));
  }
  if (out.length === 0) {
    throw unprocessable(
      "distribuicao_vazia",
      "Informe ao menos um tipo de slot com quantidade maior que zero (ou cadastre as cotas da especialidade).",
    );
  }
  if (out.reduce((s, d) => s + d.quantidade, 0) > 100) {
    throw unprocessable(
      "distribuicao_excede_limite",
      "A soma das quantidades por horário deve ser no máximo 100.",
    );
  }
  return out;
}

function invalid(code: string, message: string, id: number): never {
  throw unprocessable(code, message, { id });
}
