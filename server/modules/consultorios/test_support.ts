/** Plain-SQL fixtures for the unidades/consultórios tests (no other module's API involved). */
import type { Sql } from "../../db/db.ts";
import type { TestCtx } from "../../testing/harness.ts";

let seq = 0;

export async function insertUnidade(
  ctx: TestCtx,
  nome: string,
  status: "Ativo" | "Inativo" = "Ativo",
): Promise<number> {
  const [u] = await ctx.db.sql<{ unidadeid: number }>`
    insert into ca_unidade (nome, status, cidade, uf) values (${nome}, ${status}, 'Barueri', 'SP')
    returning unidadeid`;
  return u.unidadeid;
}

export async function insertConsultorio(
  ctx: TestCtx,
  unidadeid: number,
  nome: string,
  status: "Ativo" | "Inativo" = "Ativo",
): Promise<number> {
  const [c] = await ctx.db.sql<{ consultorioid: number }>`
    insert into ca_consultorio (unidadeid, nome, status) values (${unidadeid}, ${nome}, ${status})
    returning consultorioid`;
  return c.consultorioid;
}

/** A fresh médico and especialidade a grade can reference. */
export async function insertGradeDeps(ctx: TestCtx) {
  const n = ++seq;
  const [m] = await ctx.db.sql<{ medicoid: number }>`
    insert into ca_medico (nomecompleto, crm, crm_uf)
    values (${`Dra. Teste ${n}`}, ${String(100000 + n)}, 'SP')
    returning medicoid`;
  const [e] = await ctx.db.sql<{ especialidadeid: number }>`
    insert into ca_especialidade (nome) values (${`Especialidade ${n}`}) returning especialidadeid`;
  return { medicoid: m.medicoid, especialidadeid: e.especialidadeid };
}

/** Inserts an active grade with `sql` (autocommit or an open transaction's). */
export async function insertGradeWith(
  sql: Sql,
  deps: { medicoid: number; especialidadeid: number },
  unidadeid: number,
  consultorioid: number | null,
): Promise<number> {
  const [g] = await sql<{ gradeagendaid: number }>`
    insert into ca_gradeagenda (medicoid, especialidadeid, unidadeid, consultorioid,
                                vigencia_inicio, vigencia_fim)
    values (${deps.medicoid}, ${deps.especialidadeid}, ${unidadeid}, ${consultorioid},
            '2026-01-01', '2026-12-31')
    returning gradeagendaid`;
  return g.gradeagendaid;
}

/** An active grade (with its own médico and especialidade) at the unidade, optionally in a room. */
export async function insertActiveGrade(
  ctx: TestCtx,
  unidadeid: number,
  consultorioid: number | null = null,
): Promise<number> {
  return insertGradeWith(ctx.db.sql, await insertGradeDeps(ctx), unidadeid, consultorioid);
}

/** Every row of a table, in id order, to prove a refused write changed nothing. */
export async function tableRows(ctx: TestCtx, table: "ca_unidade" | "ca_consultorio") {
  return table === "ca_unidade"
    ? [...await ctx.db.sql`select * from ca_unidade order by unidadeid`]
    : [...await ctx.db.sql`select * from ca_consultorio order by consultorioid`];
}
