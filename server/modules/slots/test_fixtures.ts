/**
 * Reference rows for the grade/slot tests, inserted with plain SQL (they belong to other modules):
 * a unidade open Monday–Saturday 07:00–19:00 in São Paulo, a second unidade, an especialidade of
 * 30 min with cotas Normal 2 + Prioritário 1, two médicos who practise it, consultórios.
 */
import { strict as assert } from "node:assert";
import type { TestCtx } from "../../testing/harness.ts";

export interface Refs {
  unidade: number;
  outraUnidade: number;
  especialidade: number;
  outraEspecialidade: number;
  medico: number;
  medico2: number;
  consultorio: number;
  consultorio2: number;
  consultorioOutraUnidade: number;
  normal: number;
  prioritario: number;
}

/** Monday 2027-03-01 and the days after it (always in the future for these tests). */
export const SEG = "2027-03-01";
export const TER = "2027-03-02";
export const QUA = "2027-03-03";
export const DOM = "2027-03-07";

let crm = 200000 + Math.floor(Math.random() * 700000);

export async function seedRefs(ctx: TestCtx, opts: { timezone?: string } = {}): Promise<Refs> {
  const { sql } = ctx.db;
  const one = async (q: PromiseLike<{ id: number }[]>) => (await q)[0].id;
  const unidade = await one(sql<{ id: number }>`
    insert into ca_unidade (nome, horario_abertura, horario_fechamento, dias_funcionamento, timezone)
    values ('UBS Centro', '07:00', '19:00', '{1,2,3,4,5,6}',
      ${opts.timezone ?? "America/Sao_Paulo"})
    returning unidadeid as id`);
  const outraUnidade = await one(sql<{ id: number }>`
    insert into ca_unidade (nome, horario_abertura, horario_fechamento, dias_funcionamento)
    values ('UBS Norte', '07:00', '19:00', '{1,2,3,4,5,6}') returning unidadeid as id`);
  const especialidade = await one(sql<{ id: number }>`
    insert into ca_especialidade (nome, limitevagas, duracao_minutos)
    values ('Cardiologia', 3, 30) returning especialidadeid as id`);
  const outraEspecialidade = await one(sql<{ id: number }>`
    insert into ca_especialidade (nome, limitevagas, duracao_minutos)
    values ('Clínica Geral', 1, 30) returning especialidadeid as id`);
  const normal = await one(sql<{ id: number }>`
    insert into ca_tiposlot (nome, cor) values ('Normal', '#22C55E') returning tiposlotid as id`);
  const prioritario = await one(sql<{ id: number }>`
    insert into ca_tiposlot (nome, cor) values ('Prioritário', '#EF4444')
    returning tiposlotid as id`);
  await sql`
    insert into ca_especialidade_cota (especialidadeid, tiposlotid, vagas)
    values (${especialidade}, ${normal}, 2), (${especialidade}, ${prioritario}, 1),
           (${outraEspecialidade}, ${normal}, 1)`;
  const medico = await insertMedico(ctx, "Ana Lúcia Prado", [especialidade, outraEspecialidade]);
  const medico2 = await insertMedico(ctx, "Bruno Teixeira", [especialidade]);
  const consultorio = await one(sql<{ id: number }>`
    insert into ca_consultorio (unidadeid, nome) values (${unidade}, 'Sala 1')
    returning consultorioid as id`);
  const consultorio2 = await one(sql<{ id: number }>`
    insert into ca_consultorio (unidadeid, nome) values (${unidade}, 'Sala 2')
    returning consultorioid as id`);
  const consultorioOutraUnidade = await one(sql<{ id: number }>`
    insert into ca_consultorio (unidadeid, nome) values (${outraUnidade}, 'Sala 1')
    returning consultorioid as id`);
  return {
    unidade,
    outraUnidade,
    especialidade,
    outraEspecialidade,
    medico,
    medico2,
    consultorio,
    consultorio2,
    consultorioOutraUnidade,
    normal,
    prioritario,
  };
}

export async function insertMedico(ctx: TestCtx, nome: string, especialidades: number[]) {
  const [m] = await ctx.db.sql<{ id: number }>`
    insert into ca_medico (nomecompleto, crm, crm_uf) values (${nome}, ${String(crm++)}, 'SP')
    returning medicoid as id`;
  for (const e of especialidades) {
    await ctx.db.sql`
      insert into ca_medico_especialidade (medicoid, especialidadeid) values (${m.id}, ${e})`;
  }
  return m.id;
}

/** A valid generation body: one week from Monday 2027-03-01, Monday 08:00/08:30, Wednesday 14:00. */
export function generationBody(refs: Refs, over: Record<string, unknown> = {}) {
  return {
    unidadeid: refs.unidade,
    especialidadeid: refs.especialidade,
    medicoid: refs.medico,
    consultorioid: refs.consultorio,
    data_inicio: SEG,
    data_fim: DOM,
    horarios: { "1": ["08:00", "08:30"], "3": ["14:00"] },
    ...over,
  };
}

/** Runs the generator as gerenciador and expects `status`. */
export async function generate(
  ctx: TestCtx,
  body: Record<string, unknown>,
  status = 201,
) {
  const token = await ctx.login("gerenciador");
  const res = await ctx.req("POST", "/api/slots/generate-bulk", { token, body });
  assert.equal(res.status, status, JSON.stringify(res.body));
  return res.body;
}

/** Everything a refused write must leave untouched. */
export async function snapshot(ctx: TestCtx) {
  const { sql } = ctx.db;
  const slots = await sql`
    select slotagendaid, status, vagas_ocupadas, updated_at from ca_slotagenda
    order by slotagendaid`;
  const grades = await sql`select * from ca_gradeagenda order by gradeagendaid`;
  const dias = await sql`select * from ca_grade_dia_cancelado order by cancelamentoid`;
  const [{ n }] = await sql<{ n: number }>`select count(*)::int as n from ca_evento`;
  return { slots: [...slots], grades: [...grades], dias: [...dias], events: n };
}

export async function countSlots(ctx: TestCtx, where = "true") {
  const [{ n }] = await ctx.db.sql<{ n: number }>`
    select count(*)::int as n from ca_slotagenda where ${ctx.db.sql.raw(where)}`;
  return n;
}

/** A row read back in a test, fields accessed freely. */
// deno-lint-ignore no-explicit-any
export type AnyRow = Record<string, any>;

/**
 * Monday 2027-03-01: médico 08:00 and 08:30 (Sala 1), médico2 08:15 and 09:00 (Sala 2), two tipos
 * each (Normal 2 places, Prioritário 1). Wednesday: médico 14:00. One Normal place taken at
 * médico 08:00, the Prioritário of médico 08:30 full, médico2's 09:00 Normal cancelled.
 */
export async function seedCalendar(ctx: TestCtx) {
  const refs = await seedRefs(ctx);
  await generate(ctx, generationBody(refs));
  await generate(
    ctx,
    generationBody(refs, {
      medicoid: refs.medico2,
      consultorioid: refs.consultorio2,
      horarios: { "1": ["08:15", "09:00"] },
    }),
  );
  const slotAt = async (medico: number, hora: string, tipo: number) => {
    const [s] = await ctx.db.sql<{ id: number }>`
      select slotagendaid as id from ca_slotagenda
      where medicoid = ${medico} and tiposlotid = ${tipo} and data = ${SEG}
        and to_char(datainicio at time zone 'America/Sao_Paulo', 'HH24:MI') = ${hora}`;
    return s.id;
  };
  const parcial = await slotAt(refs.medico, "08:00", refs.normal);
  const cheio = await slotAt(refs.medico, "08:30", refs.prioritario);
  const cancelado = await slotAt(refs.medico2, "09:00", refs.normal);
  await ctx.db.sql`update ca_slotagenda set vagas_ocupadas = 1 where slotagendaid = ${parcial}`;
  await ctx.db.sql`
    update ca_slotagenda set vagas_ocupadas = 1, status = 'Ocupado' where slotagendaid = ${cheio}`;
  await ctx.db.sql`update ca_slotagenda set status = 'Cancelado' where slotagendaid = ${cancelado}`;
  return { refs, parcial, cheio, cancelado };
}

export async function addAgendamento(ctx: TestCtx, slot: number, nome: string) {
  const [p] = await ctx.db.sql<{ id: number }>`
    insert into ca_paciente (nomecompleto, cpf, telefone)
    values (${nome}, ${String(Math.floor(Math.random() * 1e11)).padStart(11, "0")}, '11987654321')
    returning pacienteid as id`;
  const [a] = await ctx.db.sql<{ id: number }>`
    insert into ca_agendamento (slotagendaid, pacienteid, protocolo, ordem)
    values (${slot}, ${p.id}, ${"AG-" + slot + "-" + p.id}, 1) returning agendamentoid as id`;
  return { pacienteid: p.id, agendamentoid: a.id };
}
