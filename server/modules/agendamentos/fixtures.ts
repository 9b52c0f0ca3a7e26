/**
 * Test fixtures of the booking modules: a small clinic (unidade, especialidade, two médicos,
 * tipos de slot, grades) and slots written with plain SQL (slot generation belongs to the grade
 * module). Only imported by `*_test.ts` files.
 */
import type { Db } from "../../db/db.ts";
import { nextCpf } from "../../testing/harness.ts";

export const TZ = "America/Sao_Paulo";

export interface World {
  unidadeid: number;
  unidade2id: number;
  especialidadeid: number;
  especialidade2id: number;
  medicoid: number;
  medico2id: number;
  tipoNormal: number;
  tipoPrioritario: number;
  tipoBloqueado: number;
}

// deno-lint-ignore no-explicit-any
const one = async (_db: Db, q: PromiseLike<any[]>): Promise<number> => (await q)[0].id;

export async function world(db: Db, opts: { realocacao?: boolean } = {}): Promise<World> {
  const { sql } = db;
  const unidadeid = await one(
    db,
    sql`insert into ca_unidade (nome, logradouro, numero, bairro, cidade, uf, cep,
                                realocacao_automatica)
        values ('UBS Centro', 'Rua das Flores', '100', 'Centro', 'Barueri', 'SP', '06401000',
                ${opts.realocacao ?? false})
        returning unidadeid as id`,
  );
  const unidade2id = await one(
    db,
    sql`insert into ca_unidade (nome, cidade, uf) values ('UBS Jardim', 'Barueri', 'SP')
        returning unidadeid as id`,
  );
  const especialidadeid = await one(
    db,
    sql`insert into ca_especialidade (nome, limitevagas) values ('Cardiologia', 4)
        returning especialidadeid as id`,
  );
  const especialidade2id = await one(
    db,
    sql`insert into ca_especialidade (nome, limitevagas) values ('Pediatria', 4)
        returning especialidadeid as id`,
  );
  const medicoid = await one(
    db,
    sql`insert into ca_medico (nomecompleto, crm, crm_uf) values ('Dra. Ana Souza', '123456', 'SP')
        returning medicoid as id`,
  );
  const medico2id = await one(
    db,
    sql`insert into ca_medico (nomecompleto, crm, crm_uf) values ('Dr. Bruno Lima', '654321', 'SP')
        returning medicoid as id`,
  );
  await sql`insert into ca_medico_especialidade (medicoid, especialidadeid)
            values (${medicoid}, ${especialidadeid}), (${medico2id}, ${especialidadeid}),
                   (${medico2id}, ${especialidade2id})`;
  const tipoNormal = await one(
    db,
    sql`insert into ca_tiposlot (nome) values ('Normal') returning tiposlotid as id`,
  );
  const tipoPrioritario = await one(
    db,
    sql`insert into ca_tiposlot (nome) values ('Prioritário') returning tiposlotid as id`,
  );
  const tipoBloqueado = await one(
    db,
    sql`insert into ca_tiposlot (nome, agendavel) values ('Bloqueio', false)
        returning tiposlotid as id`,
  );
  return {
    unidadeid,
    unidade2id,
    especialidadeid,
    especialidade2id,
    medicoid,
    medico2id,
    tipoNormal,
    tipoPrioritario,
    tipoBloqueado,
  };
}

async function gradeOf(db: Db, medicoid: number, unidadeid: number, especialidadeid: number) {
  const [g] = await db.sql<{ id: number }>`
    select gradeagendaid as id from ca_gradeagenda
    where medicoid = ${medicoid} and unidadeid = ${unidadeid}
      and especialidadeid = ${especialidadeid} and status = 'Ativo'`;
  if (g) return g.id;
  return await one(
    db,
    db.sql`insert into ca_gradeagenda (medicoid, especialidadeid, unidadeid, vigencia_inicio,
                                       vigencia_fim)
           values (${medicoid}, ${especialidadeid}, ${unidadeid}, '2020-01-01', '2035-12-31')
           returning gradeagendaid as id`,
  );
}

export interface SlotOpts {
  /** Days from today (clinic time zone); negative for the past. */
  dias?: number;
  hora?: string;
  /** Exact start, overriding dias/hora. */
  inicio?: Date;
  duracao?: number;
  limitevagas?: number;
  vagasOcupadas?: number;
  medicoid?: number;
  unidadeid?: number;
  especialidadeid?: number;
  tiposlotid?: number;
  status?: "Livre" | "Ocupado" | "Cancelado";
}

let nextStart = 0;
/**
 * Default start times step by 30 min from 06:00 to 11:30 (all Manhã), so that slots made without
 * an explicit `hora` never collide on the grade's (grade, start, tipo) uniqueness.
 */
function defaultHora(): string {
  const minutes = 6 * 60 + 30 * (nextStart++ % 12);
  return `${String(Math.floor(minutes / 60)).padStart(2, "0")}:${
    String(minutes % 60).padStart(2, "0")
  }`;
}

/**
 * A slot written with plain SQL; answers its id. Slots of the same médico in another grade
 * (other unidade or especialidade) must not overlap in time: give them another médico or hora.
 */
export async function slot(db: Db, w: World, o: SlotOpts = {}): Promise<number> {
  const medicoid = o.medicoid ?? w.medicoid;
  const unidadeid = o.unidadeid ?? w.unidadeid;
  const especialidadeid = o.especialidadeid ?? w.especialidadeid;
  const start = o.inicio
    ? Temporal.Instant.fromEpochMilliseconds(o.inicio.getTime()).toZonedDateTimeISO(TZ)
    : Temporal.Now.plainDateISO(TZ).add({ days: o.dias ?? 1 })
      .toZonedDateTime({
        timeZone: TZ,
        plainTime: Temporal.PlainTime.from(o.hora ?? defaultHora()),
      });
  const end = start.add({ minutes: o.duracao ?? 30 });
  const periodo = start.hour < 12 ? "Manhã" : start.hour < 18 ? "Tarde" : "Noite";
  const limitevagas = o.limitevagas ?? 1;
  const vagas = o.vagasOcupadas ?? 0;
  const status = o.status ?? (vagas === limitevagas ? "Ocupado" : "Livre");
  const grade = await gradeOf(db, medicoid, unidadeid, especialidadeid);
  return await one(
    db,
    db.sql`insert into ca_slotagenda (gradeagendaid, medicoid, tiposlotid, unidadeid,
             especialidadeid, datainicio, datafim, data, status, periodo, limitevagas,
             vagas_ocupadas)
           values (${grade}, ${medicoid}, ${o.tiposlotid ?? w.tipoNormal}, ${unidadeid},
             ${especialidadeid}, ${new Date(start.epochMilliseconds)},
             ${new Date(end.epochMilliseconds)}, ${start.toPlainDate().toString()}, ${status},
             ${periodo}, ${limitevagas}, ${vagas})
           returning slotagendaid as id`,
  );
}

/** A patient registered at the desk (no portal password). */
export async function paciente(
  db: Db,
  o: { nome?: string; telefone?: string | null; status?: string; cpf?: string } = {},
): Promise<number> {
  return await one(
    db,
    db.sql`insert into ca_paciente (nomecompleto, cpf, telefone, status)
           values (${o.nome ?? "José da Silva"}, ${o.cpf ?? nextCpf()},
                   ${o.telefone === undefined ? "11987654321" : o.telefone},
                   ${o.status ?? "Ativo"})
           returning pacienteid as id`,
  );
}

/** Gives a portal patient (from `ctx.paciente()`) a phone for WhatsApp messages. */
export async function comTelefone(db: Db, pacienteid: number, telefone = "11912345678") {
  await db.sql`update ca_paciente set telefone = ${telefone} where pacienteid = ${pacienteid}`;
}

export async function slotState(db: Db, slotagendaid: number) {
  const [s] = await db.sql<{ status: string; vagas_ocupadas: number }>`
    select status, vagas_ocupadas from ca_slotagenda where slotagendaid = ${slotagendaid}`;
  return s;
}

export async function count(db: Db, table: string, where = "true"): Promise<number> {
  const [r] = await db.sql<{ n: number }>`
    select count(*)::int as n from ${db.sql.ident(table)} where ${db.sql.raw(where)}`;
  return r.n;
}

/** A backlog item written with plain SQL (Pendente unless told). */
export async function backlogItem(
  db: Db,
  w: World,
  o: {
    pacienteid: number;
    especialidadeid?: number;
    medicoid?: number | null;
    unidadeid?: number | null;
    data_preferida?: string | null;
    periodo_preferido?: string | null;
    horario_preferido?: string | null;
    prioridade?: string;
    tipos?: number[];
    createdAt?: Date;
  },
): Promise<number> {
  return await one(
    db,
    db.sql`insert into ca_backlog (pacienteid, especialidadeid, medicoid, unidadeid,
             data_preferida, periodo_preferido, horario_preferido, prioridade,
             tipos_slot_elegiveis, created_at)
           values (${o.pacienteid}, ${o.especialidadeid ?? w.especialidadeid},
             ${o.medicoid ?? null}, ${o.unidadeid ?? null}, ${o.data_preferida ?? null},
             ${o.periodo_preferido ?? null}, ${o.horario_preferido ?? null},
             ${o.prioridade ?? "Baixa"}, ${o.tipos ?? []}::int[], ${o.createdAt ?? new Date()})
           returning backlogid as id`,
  );
}

/** Today + `dias` at the clinic, as YYYY-MM-DD. */
export const diaMais = (dias: number) =>
  Temporal.Now.plainDateISO(TZ).add({ days: dias }).toString();
