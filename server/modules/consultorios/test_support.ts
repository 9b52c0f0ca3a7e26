/** Plain-SQL fixtures for the unidades/consultórios tests (no other module's API involved). */
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

/** An active grade (with its own médico and especialidade) at the unidade, optionally in a room. */
export async function insertActiveGrade(
  ctx: TestCtx,
  unidadeid: number,
  consultorioid: number | null = null,
): Promise<number> {
  const n = ++seq;
  const [m] = await ctx.db.sql<{ medicoid: number }>`
    insert into ca_medico (nomecompleto, crm, crm_uf) values (${`Dra. Teste ${n}`}, ${
    String(100000 + n)
  }, 'SP')
    returning medicoid`;
  const [e] = await ctx.db.sql<{ especialidadeid: number }>`
    insert into ca_especialidade (nome) values (${`Especialidade ${n}`}) returning especialidadeid`;
  const [g] = await ctx.db.sql<{ gradeagendaid: number }>`
    insert into ca_gradeagenda (medicoid, especialidadeid, unidadeid, consultorioid,
                                vigencia_inicio, vigencia_fim)
    values (${m.medicoid}, ${e.especialidadeid}, ${unidadeid}, ${consultorioid},
            '2026-01-01', '2026-12-31')
    returning gradeagendaid`;
  return g.gradeagendaid;
}

/** Every row of a table, in id order, to prove a refused write changed nothing. */
export async function tableRows(ctx: TestCtx, table: "ca_unidade" | "ca_consultorio") {
  return table === "ca_unidade"
    ? [...await ctx.db.sql`select * from ca_unidade order by unidadeid`]
    : [...await ctx.db.sql`select * from ca_consultorio order by consultorioid`];
}
