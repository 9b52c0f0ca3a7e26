import { strict as assert } from "node:assert";
import type { Db } from "../../db/db.ts";
import { dbTest } from "../../testing/harness.ts";
import { backlogItem, diaMais, paciente, TZ, world } from "../../testing/fixtures/agendamentos.ts";
import { candidates } from "./candidates.ts";
import type { BacklogRow } from "../../booking/proposal.ts";

/** Deterministic pseudo-random numbers (mulberry32), so that a failure can be replayed. */
function prng(seed: number) {
  let a = seed;
  const next = () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(next() * xs.length)];
  return { next, pick };
}

// Start times at least 30 minutes apart (one grade per médico, so they never overlap), on and
// off the half hour, in the three periods.
const HORAS = ["06:10", "07:45", "08:30", "09:00", "10:15", "11:30", "12:00", "13:20", "14:00"]
  .concat(["15:40", "17:59", "18:30", "21:00"]);
const PREFERIDAS = ["06:00", "08:30", "09:10", "12:00", "13:20", "15:00", "19:00", "23:30"];

/**
 * A clinic whose free slots disagree on every key: four médicos (one inactive) in four unidades
 * (one inactive, two other time zones), slots of three tipos over 200 days at uneven times, some
 * full or cancelled, some already held by the patients of the items.
 */
async function messyClinic(db: Db, seed: number) {
  const r = prng(seed);
  const w = await world(db);
  const { sql } = db;
  const unidades = [w.unidadeid, w.unidade2id];
  for (
    const [nome, tz, status] of [["UBS Tóquio", "Asia/Tokyo", "Ativo"], [
      "UBS Nova York",
      "America/New_York",
      "Ativo",
    ], ["UBS Fechada", TZ, "Inativo"]]
  ) {
    const [u] = await sql<{ id: number }>`
      insert into ca_unidade (nome, timezone, status) values (${nome}, ${tz}, ${status})
      returning unidadeid as id`;
    unidades.push(u.id);
  }
  const medicos = [w.medicoid, w.medico2id];
  const outros = [["Dra. Carla Dias", "Ativo"], ["Dr. Davi Reis", "Inativo"], [
    "Dra. Eva Luz",
    "Ativo",
  ]];
  for (const [nome, status] of outros) {
    const [m] = await sql<{ id: number }>`
      insert into ca_medico (nomecompleto, crm, crm_uf, status)
      values (${nome}, ${String(100000 + medicos.length)}, 'SP', ${status})
      returning medicoid as id`;
    medicos.push(m.id);
  }
  const tipos = [w.tipoNormal, w.tipoPrioritario, w.tipoBloqueado];
  const slots: unknown[][] = [];
  // UBS Jardim has no slots; the inactive médico works in UBS Centro, Dra. Eva in the closed one.
  const lugar = [unidades[0], unidades[2], unidades[3], unidades[0], unidades[4]];
  for (const [i, medicoid] of medicos.entries()) {
    const unidadeid = lugar[i];
    const [g] = await sql<{ id: number }>`
      insert into ca_gradeagenda (medicoid, especialidadeid, unidadeid, vigencia_inicio,
                                  vigencia_fim)
      values (${medicoid}, ${w.especialidadeid}, ${unidadeid}, '2020-01-01', '2035-12-31')
      returning gradeagendaid as id`;
    for (let dia = 0; dia <= 200; dia++) {
      if (r.next() < 0.6) continue;
      for (const hora of HORAS) {
        if (r.next() < 0.6) continue;
        const limite = r.pick([1, 1, 2]);
        const vagas = r.pick([0, 0, 0, 1, limite]);
        const status = r.next() < 0.05 ? "Cancelado" : vagas === limite ? "Ocupado" : "Livre";
        slots.push([g.id, medicoid, r.pick(tipos), unidadeid, dia, hora, limite, vagas, status]);
      }
    }
  }
  await sql`
    insert into ca_slotagenda (gradeagendaid, medicoid, tiposlotid, unidadeid, especialidadeid,
      datainicio, datafim, data, periodo, limitevagas, vagas_ocupadas, status)
    select x.g, x.m, x.t, x.u, ${w.especialidadeid}::int, l.inicio, l.inicio + interval '30 min',
      l.data, case when x.h < '12:00' then 'Manhã' when x.h < '18:00' then 'Tarde' else 'Noite' end,
      x.limite, x.vagas, x.status
    from jsonb_to_recordset(${
    JSON.stringify(
      slots.map(([g, m, t, u, dia, h, limite, vagas, status]) => ({
        g,
        m,
        t,
        u,
        dia,
        h,
        limite,
        vagas,
        status,
      })),
    )
  }::text::jsonb)
      as x(g int, m int, t int, u int, dia int, h time, limite int, vagas int, status text)
    join ca_unidade un on un.unidadeid = x.u
    cross join lateral (
      select (now() at time zone un.timezone)::date + x.dia as data,
        (((now() at time zone un.timezone)::date + x.dia) + x.h) at time zone un.timezone as inicio
    ) l`;
  // Two days cancelled on a grade (one of them restored since).
  await sql`
    insert into ca_grade_dia_cancelado (gradeagendaid, data, motivo, restaurado, restaurado_em)
    select gradeagendaid, data, 'Congresso', n = 2, case when n = 2 then now() end
    from (select gradeagendaid, data, row_number() over (order by data) as n
          from (select distinct gradeagendaid, data from ca_slotagenda
                where medicoid = ${w.medicoid} and status = 'Livre' and data > current_date + 2) d
          limit 2) x`;
  return { w, r, medicos, unidades, tipos };
}

dbTest("[backlog] smart allocation candidates: segments give the full order", async (t, ctx) => {
  const { w, r, medicos, unidades, tipos } = await messyClinic(ctx.db, 20261123);
  const items: BacklogRow[] = [];
  for (let i = 0; i < 70; i++) {
    const pacienteid = await paciente(ctx.db);
    if (r.next() < 0.15) {
      await ctx.db.sql`insert into ca_paciente_tiposlot (pacienteid, tiposlotid)
                       values (${pacienteid}, ${w.tipoPrioritario})`;
    }
    const id = await backlogItem(ctx.db, w, {
      pacienteid,
      medicoid: r.pick([null, null, ...medicos]),
      unidadeid: r.pick([null, null, ...unidades]),
      data_preferida: r.next() < 0.5 ? diaMais(Math.floor(r.next() * 230) - 5) : null,
      periodo_preferido: r.pick([null, "Qualquer", "Manhã", "Tarde", "Noite"]),
      horario_preferido: r.next() < 0.6 ? r.pick(PREFERIDAS) : null,
      tipos: r.pick([[], [], [], [tipos[1]], [tipos[0], tipos[1]]]),
    });
    // The patient already held (and gave up) a few of the free slots.
    await ctx.db.sql`
      insert into ca_agendamento (slotagendaid, pacienteid, protocolo, ordem, status)
      select slotagendaid, ${pacienteid}::int, 'T-' || ${id}::int || '-' || slotagendaid, 1,
        'Cancelado'
      from ca_slotagenda
      where status = 'Livre' and ${r.next() < 0.3} and slotagendaid % 40 = ${i % 40}`;
    const [row] = await ctx.db.sql<BacklogRow>`select * from ca_backlog where backlogid = ${id}`;
    items.push(row);
  }

  const ids = (l: { slotagendaid: number }[]) => l.map((c) => c.slotagendaid);
  const each = (only: { unidadeid?: number }, limit: number) => async () => {
    for (const item of items) {
      const [segmented, all] = await ctx.db.begin(async (sql) => [
        await candidates(sql, item, only, limit),
        await candidates(sql, item, only, limit, true),
      ]);
      assert.deepEqual(ids(segmented), ids(all), `item ${JSON.stringify(item)}`);
      assert.deepEqual(segmented, all);
    }
  };

  await t.step("the ten best of every item are the ten best of the full sort", each({}, 10));
  await t.step("and the best one alone", each({}, 1));
  await t.step("and within one unidade", each({ unidadeid: w.unidadeid }, 10));
  await t.step("the full sort keeps exactly the slots the hard rules allow", async () => {
    const slots = await ctx.db.sql<{
      slotagendaid: number;
      livre: boolean;
      tiposlotid: number;
      tipo_ok: boolean;
      ativos: boolean;
      dia_ok: boolean;
    }>`
      select s.slotagendaid, s.tiposlotid,
        s.status = 'Livre' and s.vagas_ocupadas < s.limitevagas and s.datainicio > now()
          and s.datainicio < now() + interval '180 days' as livre,
        t.agendavel and t.status = 'Ativo' as tipo_ok,
        m.status = 'Ativo' and u.status = 'Ativo' as ativos,
        not exists (select 1 from ca_grade_dia_cancelado c where c.gradeagendaid = s.gradeagendaid
                      and c.data = s.data and not c.restaurado) as dia_ok
      from ca_slotagenda s join ca_tiposlot t using (tiposlotid) join ca_medico m using (medicoid)
      join ca_unidade u on u.unidadeid = s.unidadeid`;
    for (const item of items) {
      const proprios = await ctx.db.sql<{ tiposlotid: number }>`
        select tiposlotid from ca_paciente_tiposlot where pacienteid = ${item.pacienteid}`;
      const vistos = await ctx.db.sql<{ slotagendaid: number }>`
        select slotagendaid from ca_agendamento where pacienteid = ${item.pacienteid}`;
      const elegiveis = item.tipos_slot_elegiveis.length
        ? item.tipos_slot_elegiveis
        : proprios.map((p) => p.tiposlotid);
      const seen = new Set(vistos.map((v) => v.slotagendaid));
      const expected = slots.filter((s) =>
        s.livre && s.tipo_ok && s.ativos && s.dia_ok && !seen.has(s.slotagendaid) &&
        (elegiveis.length === 0 || elegiveis.includes(s.tiposlotid))
      ).map((s) => s.slotagendaid).sort((a, b) => a - b);
      const all = await ctx.db.begin((sql) => candidates(sql, item, {}, 100_000, true));
      assert.deepEqual(ids(all).sort((a, b) => a - b), expected);
    }
  });

  await t.step("the clinic does offer candidates (the comparison is not vacuous)", async () => {
    const found = await ctx.db.begin((sql) => candidates(sql, items[0], {}, 10, true));
    assert.ok(found.length > 0);
    const counts = await Promise.all(
      items.map((i) => ctx.db.begin((sql) => candidates(sql, i, {}, 10, true))),
    );
    assert.ok(counts.filter((c) => c.length === 10).length > items.length / 2);
  });
});
