/** Writes of médicos: create, full update, inactivate and reactivate, each one transaction. */
import type { Deps } from "../../app_env.ts";
import type { Sql } from "../../db/db.ts";
import { conflict, notFound, pgError, unprocessable } from "../../http/errors.ts";
import { type Actor, recordEvent } from "../../events/record.ts";
import { KIND } from "../../events/kinds.ts";
import { changeStatus, type SoftDeletable } from "../../shared/soft_delete.ts";
import { AGENDAMENTO_VIVOS, STATUS } from "../../shared/statuses.ts";
import { forEvent, getMedico, type MedicoRow } from "./query_service.ts";
import type { MedicoInput } from "./schemas.ts";
import { type EventTopic, TOPIC, topic } from "../../events/topics.ts";
import { lit } from "../../db/sql.ts";

export const topicsOf = (medicoid: number): EventTopic[] => [
  TOPIC.config,
  topic.medico(medicoid),
];

/** Unique violations raised by the insert/update, as the 409 the client can act on. */
function mapUnique(err: unknown, input: MedicoInput): never {
  const { code, constraint } = pgError(err);
  if (code === "23505" && constraint === "ca_medico_crm_uq") {
    throw conflict(
      "crm_duplicado",
      `Já existe um médico com o CRM ${input.crm}/${input.crm_uf}.`,
      { crm: input.crm, crm_uf: input.crm_uf },
    );
  }
  if (code === "23505" && constraint === "ca_medico_cpf_uq") {
    throw conflict("cpf_duplicado", "Já existe um médico com este CPF.");
  }
  throw err;
}

interface Current {
  unidadeid: number | null;
  especialidades: number[];
}

/**
 * The unidade and especialidades must exist and be Ativo. On update, a link the médico already
 * has may stay even when its target was inactivated meanwhile, so the rest of the record can
 * still be edited. Rows are locked `for share` so they cannot be inactivated under us.
 */
async function checkReferences(sql: Sql, input: MedicoInput, current?: Current) {
  if (input.unidadeid !== null) {
    const [u] = await sql<{ nome: string; status: string }>`
      select nome, status from ca_unidade where unidadeid = ${input.unidadeid} for share`;
    if (!u) {
      throw unprocessable("unidade_invalida", `A unidade ${input.unidadeid} não existe.`, {
        unidadeid: input.unidadeid,
      });
    }
    if (u.status !== STATUS.ativo && current?.unidadeid !== input.unidadeid) {
      throw unprocessable("unidade_invalida", `A unidade ${u.nome} está inativa.`, {
        unidadeid: input.unidadeid,
      });
    }
  }
  const found = await sql<{ especialidadeid: number; nome: string; status: string }>`
    select especialidadeid, nome, status from ca_especialidade
    where especialidadeid = any(${input.especialidades}::int[])
    order by especialidadeid
    for share`;
  const inexistentes = input.especialidades.filter((id) =>
    !found.some((e) => e.especialidadeid === id)
  );
  const inativas = found.filter((e) =>
    e.status !== STATUS.ativo && !current?.especialidades.includes(e.especialidadeid)
  );
  if (inexistentes.length || inativas.length) {
    const parts = [
      ...(inexistentes.length ? [`inexistente(s): ${inexistentes.join(", ")}`] : []),
      ...(inativas.length ? [`inativa(s): ${inativas.map((e) => e.nome).join(", ")}`] : []),
    ];
    throw unprocessable("especialidade_invalida", `Especialidade ${parts.join("; ")}.`, {
      inexistentes,
      inativas: inativas.map(({ especialidadeid, nome }) => ({ especialidadeid, nome })),
    });
  }
}

async function linkEspecialidades(sql: Sql, medicoid: number, ids: number[]) {
  await sql`
    delete from ca_medico_especialidade
    where medicoid = ${medicoid} and not (especialidadeid = any(${ids}::int[]))`;
  await sql`
    insert into ca_medico_especialidade (medicoid, especialidadeid)
    select ${medicoid}, unnest(${ids}::int[])
    on conflict do nothing`;
}

export async function createMedico(deps: Deps, actor: Actor, input: MedicoInput) {
  try {
    return await deps.db.begin(async (sql) => {
      await checkReferences(sql, input);
      const [{ medicoid }] = await sql<{ medicoid: number }>`
        insert into ca_medico (nomecompleto, crm, crm_uf, cpf, datanascimento, telefone, email,
                               endereco, unidadeid, limitevagas, observacoes, dadosbancarios)
        values (${input.nomecompleto}, ${input.crm}, ${input.crm_uf}, ${input.cpf},
                ${input.datanascimento}, ${input.telefone}, ${input.email}, ${input.endereco},
                ${input.unidadeid}, ${input.limitevagas}, ${input.observacoes},
                ${input.dadosbancarios ?? null})
        returning medicoid`;
      await linkEspecialidades(sql, medicoid, input.especialidades);
      const after = await getMedico(sql, medicoid);
      await recordEvent(sql, actor, {
        kind: "medico.criado",
        entity: "medico",
        entityId: medicoid,
        topics: topicsOf(medicoid),
        after: forEvent(after),
      });
      return after;
    });
  } catch (err) {
    mapUnique(err, input);
  }
}

/** Removing an especialidade that still has an active grade would orphan its agenda. */
async function checkRemovable(sql: Sql, medicoid: number, removed: number[]) {
  if (!removed.length) return;
  const busy = await sql<{ especialidadeid: number; nome: string }>`
    select distinct e.especialidadeid, e.nome
    from ca_gradeagenda g join ca_especialidade e using (especialidadeid)
    where g.medicoid = ${medicoid} and g.status = ${lit(STATUS.ativo)}
      and g.especialidadeid = any(${removed}::int[])
    order by e.nome`;
  if (busy.length) {
    throw conflict(
      "especialidade_com_grade_ativa",
      `O médico tem grade ativa em ${
        busy.map((e) => e.nome).join(", ")
      }: inative a grade antes de remover a especialidade.`,
      { especialidades: busy },
    );
  }
}

export async function updateMedico(
  deps: Deps,
  actor: Actor,
  medicoid: number,
  input: MedicoInput,
) {
  try {
    return await deps.db.begin(async (sql) => {
      const [locked] = await sql`select 1 from ca_medico where medicoid = ${medicoid} for update`;
      if (!locked) throw notFound("Médico");
      const before = await getMedico(sql, medicoid);
      const current = before.especialidades.map((e) => e.especialidadeid);
      await checkReferences(sql, input, { unidadeid: before.unidadeid, especialidades: current });
      await checkRemovable(
        sql,
        medicoid,
        current.filter((id) => !input.especialidades.includes(id)),
      );
      // Left out, the bank details stay: roles that only see them masked cannot send them back.
      const dados = input.dadosbancarios === undefined
        ? before.dadosbancarios
        : input.dadosbancarios;
      await sql`
        update ca_medico
        set nomecompleto = ${input.nomecompleto}, crm = ${input.crm}, crm_uf = ${input.crm_uf},
            cpf = ${input.cpf}, datanascimento = ${input.datanascimento},
            telefone = ${input.telefone}, email = ${input.email}, endereco = ${input.endereco},
            unidadeid = ${input.unidadeid}, limitevagas = ${input.limitevagas},
            observacoes = ${input.observacoes}, dadosbancarios = ${dados}, updated_at = now()
        where medicoid = ${medicoid}`;
      await linkEspecialidades(sql, medicoid, input.especialidades);
      const after = await getMedico(sql, medicoid);
      await recordEvent(sql, actor, {
        kind: "medico.atualizado",
        entity: "medico",
        entityId: medicoid,
        topics: topicsOf(medicoid),
        before: forEvent(before),
        after: forEvent(after),
      });
      return after;
    });
  } catch (err) {
    mapUnique(err, input);
  }
}

/** Places still promised to patients: they must be cancelled or moved before the doctor leaves. */
async function futureBookings(sql: Sql, medicoid: number): Promise<number> {
  const [{ n }] = await sql<{ n: number }>`
    select count(*)::int as n
    from ca_agendamento a join ca_slotagenda s using (slotagendaid)
    where s.medicoid = ${medicoid} and s.datainicio > now()
      and a.status in (${lit(AGENDAMENTO_VIVOS)})`;
  return n;
}

/** Inactivation is refused while the médico has future bookings. */
const MEDICO: SoftDeletable<MedicoRow> = {
  table: "ca_medico",
  idColumn: "medicoid",
  entity: "medico",
  nome: "Médico",
  read: getMedico,
  topics: (row) => topicsOf(row.medicoid),
  kinds: { Inativo: KIND.medico.inativado, Ativo: KIND.medico.reativado },
  snapshot: forEvent,
  async check(sql, before, to) {
    if (to !== STATUS.inativo) return;
    const n = await futureBookings(sql, before.medicoid);
    if (n > 0) {
      throw conflict(
        "medico_com_agendamentos",
        `O médico tem ${n} agendamento(s) futuro(s). Cancele ou realoque antes de inativar.`,
        { agendamentos_futuros: n },
      );
    }
  },
};

export const inactivateMedico = (deps: Deps, actor: Actor, medicoid: number) =>
  deps.db.begin((sql) => changeStatus(sql, actor, MEDICO, medicoid, STATUS.inativo));

export const reactivateMedico = (deps: Deps, actor: Actor, medicoid: number) =>
  deps.db.begin((sql) => changeStatus(sql, actor, MEDICO, medicoid, STATUS.ativo));
