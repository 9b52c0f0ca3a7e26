/** The vagas distribution of an especialidade per tipo de slot (ca_especialidade_cota). */
import type { Db, Sql } from "../../db/db.ts";
import { type Actor, recordEvent } from "../../events/record.ts";
import { unprocessable } from "../../http/errors.ts";
import type { CotaInput } from "./schemas.ts";
import { type EspecialidadeRow, getEspecialidade, lockEspecialidade, topicsOf } from "./queries.ts";
import { STATUS } from "../../shared/statuses.ts";

export const sumOf = (cotas: { vagas: number }[]) => cotas.reduce((s, c) => s + c.vagas, 0);

export function vagasMismatch(soma: number, limitevagas: number, limiteAlterado = false) {
  const hint = limiteAlterado ? " Envie a nova distribuição de cotas junto com o novo limite." : "";
  return unprocessable(
    "cotas_soma_invalida",
    `A soma das cotas (${soma}) deve ser igual ao limite de vagas da especialidade (${limitevagas}).${hint}`,
    { soma, limitevagas },
  );
}

/**
 * Replaces the whole distribution inside the caller's transaction. Every tipo must exist; a tipo
 * that receives vagas must be Ativo (an inactive one may only stay at 0). The share lock keeps a
 * tipo from being inactivated while this distribution is being saved.
 */
export async function replaceCotas(
  sql: Sql,
  especialidadeid: number,
  limitevagas: number,
  cotas: CotaInput[],
) {
  if (cotas.length > 0) {
    const ids = cotas.map((c) => c.tiposlotid);
    const found = await sql<{ tiposlotid: number; status: string }>`
      select tiposlotid, status from ca_tiposlot where tiposlotid = any(${ids}::int[])
      order by tiposlotid for share`;
    const status = new Map(found.map((t) => [t.tiposlotid, t.status]));
    const inexistentes = ids.filter((id) => !status.has(id));
    const inativos = cotas.filter((c) => c.vagas > 0 && status.get(c.tiposlotid) === STATUS.inativo)
      .map((c) => c.tiposlotid);
    if (inexistentes.length > 0 || inativos.length > 0) {
      throw unprocessable(
        "tiposlot_invalido",
        "As cotas só podem usar tipos de slot existentes e ativos.",
        { inexistentes, inativos },
      );
    }
    const soma = sumOf(cotas);
    if (soma !== limitevagas) throw vagasMismatch(soma, limitevagas);
  }
  await sql`delete from ca_especialidade_cota where especialidadeid = ${especialidadeid}`;
  if (cotas.length > 0) {
    await sql`
      insert into ca_especialidade_cota (especialidadeid, tiposlotid, vagas)
      select ${especialidadeid}, t.tiposlotid, t.vagas
      from unnest(${cotas.map((c) => c.tiposlotid)}::int[], ${
      cotas.map((c) => c.vagas)
    }::int[]) as t(tiposlotid, vagas)`;
  }
}

/** The audit row of a change to an especialidade's quotas (from PUT or POST /:id/cotas). */
export async function recordCotasChange(
  sql: Sql,
  actor: Actor,
  id: number,
  before: unknown,
  after: unknown,
) {
  await recordEvent(sql, actor, {
    kind: "especialidade.cotas_atualizadas",
    entity: "especialidade",
    entityId: id,
    topics: topicsOf(id),
    before: { cotas: before },
    after: { cotas: after },
  });
}

export async function cotasOf(sql: Sql, especialidadeid: number) {
  return shape(await getEspecialidade(sql, especialidadeid));
}

function shape(e: EspecialidadeRow) {
  return {
    especialidadeid: e.especialidadeid,
    limitevagas: e.limitevagas,
    soma: sumOf(e.cotas),
    cotas: e.cotas,
  };
}

export async function saveCotas(db: Db, actor: Actor, id: number, cotas: CotaInput[]) {
  return await db.begin(async (sql) => {
    const before = await lockEspecialidade(sql, id);
    await replaceCotas(sql, id, before.limitevagas, cotas);
    const after = shape(await lockEspecialidade(sql, id));
    await recordCotasChange(sql, actor, id, before.cotas, after.cotas);
    return after;
  });
}
