/**
 * RBAC of every scheduling route (slots, grade-agenda, grade-stats, agendamentos, backlog,
 * cancelamento-massa, notificacoes, planos, seguros, fichas), as one table.
 *
 * For each route: every role below its minimum gets 403 `sem_permissao`, a paciente token gets
 * 403 unless the route is open to patients, no token gets 401; the minimum role (and a patient,
 * where allowed) passes the guard and is stopped by validation instead (400), so that the table
 * also proves no route asks for more than it should. Nothing at all changes in the database.
 */
import { strict as assert } from "node:assert";
import type { Role } from "../../shared/schemas.ts";
import { dbTest, type TestCtx } from "../../testing/harness.ts";
import { backlogItem, diaMais, paciente, slot, world } from "./fixtures.ts";

const ROLES: Role[] = [
  "visualizador",
  "operador",
  "gerenciador",
  "administrador",
  "administrador_master",
];

interface Route {
  method: string;
  /** `:ag`, `:bk`, `:slot`, `:grade`, `:plano`, `:notif`, `:pac`, `:esp`, `:dia` are replaced. */
  path: string;
  body?: unknown;
  /** Minimum staff role; null: patients only. */
  min: Role | null;
  /** A paciente token passes the guard (it is then scoped to its own records). */
  paciente?: boolean;
  /** The same call made invalid (400) for the "passes the guard" check; default: `:id` → abc. */
  bad?: { path?: string; body?: unknown };
  /** Status of the "passes the guard" call when it differs from 400. */
  passes?: number;
}

const D = "2030-01-01";
const ROUTES: Route[] = [
  // slots
  {
    method: "POST",
    path: "/api/slots/generate-bulk",
    body: {
      unidadeid: 1,
      especialidadeid: 1,
      medicoid: 1,
      data_inicio: D,
      data_fim: D,
      horarios: { "2": ["09:00"] },
      preview: true,
    },
    min: "gerenciador",
    bad: { body: {} },
  },
  {
    method: "GET",
    path: "/api/slots/distribuicao-padrao?especialidadeid=:esp",
    min: "visualizador",
    bad: { path: "/api/slots/distribuicao-padrao?especialidadeid=x" },
  },
  {
    method: "GET",
    path: `/api/slots?data=:dia`,
    min: "visualizador",
    bad: { path: "/api/slots?data=x" },
  },
  {
    method: "GET",
    path: "/api/slots/semana?inicio=:dia",
    min: "visualizador",
    bad: { path: "/api/slots/semana?inicio=x" },
  },
  {
    method: "GET",
    path: "/api/slots/mes?ano=2030&mes=1",
    min: "visualizador",
    bad: { path: "/api/slots/mes?ano=2030&mes=13" },
  },
  { method: "GET", path: "/api/slots/:slot", min: "visualizador" },
  // grade-agenda
  {
    method: "GET",
    path: "/api/grade-agenda",
    min: "visualizador",
    bad: { path: "/api/grade-agenda?status=x" },
  },
  { method: "GET", path: "/api/grade-agenda/:grade", min: "visualizador" },
  { method: "GET", path: "/api/grade-agenda/:grade/cancelled-days", min: "visualizador" },
  {
    method: "GET",
    path: "/api/grade-agenda/:grade/cancelled-days/range?inicio=:dia&fim=:dia",
    min: "visualizador",
  },
  { method: "GET", path: "/api/grade-agenda/:grade/day-history/:dia", min: "visualizador" },
  {
    method: "POST",
    path: "/api/grade-agenda/:grade/cancel-day",
    body: { data: D, motivo: "Feriado municipal" },
    min: "gerenciador",
  },
  {
    method: "PUT",
    path: "/api/grade-agenda/:grade/restore-day",
    body: { data: D },
    min: "gerenciador",
  },
  // grade-stats
  {
    method: "GET",
    path: "/api/grade-stats/day/:dia",
    min: "visualizador",
    bad: { path: "/api/grade-stats/day/x" },
  },
  // agendamentos
  {
    method: "GET",
    path: "/api/agendamentos?data=:dia",
    min: "visualizador",
    bad: { path: "/api/agendamentos?data=x" },
  },
  {
    method: "GET",
    path: "/api/agendamentos/buscar-paciente?q=Jose",
    min: "visualizador",
    bad: { path: "/api/agendamentos/buscar-paciente?q=J" },
  },
  { method: "GET", path: "/api/agendamentos/meus", min: null, paciente: true, passes: 200 },
  {
    method: "POST",
    path: "/api/agendamentos",
    body: { slotagendaid: ":slot", pacienteid: ":pac" },
    min: "operador",
    bad: { body: { slotagendaid: "x" } },
  },
  { method: "GET", path: "/api/agendamentos/:ag", min: "visualizador", paciente: true },
  { method: "GET", path: "/api/agendamentos/:ag/ics", min: "visualizador", paciente: true },
  {
    method: "GET",
    path: "/api/agendamentos/:ag/google-calendar",
    min: "visualizador",
    paciente: true,
  },
  {
    method: "PUT",
    path: "/api/agendamentos/:ag/cancelar",
    body: { motivo: "Não poderei ir" },
    min: "operador",
    paciente: true,
  },
  { method: "PUT", path: "/api/agendamentos/:ag/confirmar-presenca", min: "operador" },
  { method: "PUT", path: "/api/agendamentos/:ag/nao-compareceu", min: "operador" },
  { method: "PUT", path: "/api/agendamentos/:ag/concluir", min: "operador" },
  // backlog
  {
    method: "GET",
    path: "/api/backlog",
    min: "visualizador",
    paciente: true,
    bad: { path: "/api/backlog?prioridade=Urgente" },
  },
  { method: "GET", path: "/api/backlog/:bk", min: "visualizador", paciente: true },
  {
    method: "POST",
    path: "/api/backlog",
    body: { pacienteid: ":pac", especialidadeid: ":esp" },
    min: "operador",
    paciente: true,
    bad: { body: { especialidadeid: "x" } },
  },
  {
    method: "PUT",
    path: "/api/backlog/:bk",
    body: { observacoes: "Prefere manhã" },
    min: "operador",
    paciente: true,
  },
  {
    method: "PATCH",
    path: "/api/backlog/:bk/alocar",
    body: { slotagendaid: ":slot" },
    min: "operador",
  },
  {
    method: "POST",
    path: "/api/backlog/:bk/alocar-dia",
    body: { data: ":dia" },
    min: "operador",
  },
  {
    method: "POST",
    path: "/api/backlog/:bk/alocar-inteligente",
    body: { preview: false },
    min: "operador",
  },
  { method: "PATCH", path: "/api/backlog/:bk/confirmar", min: "operador", paciente: true },
  {
    method: "PATCH",
    path: "/api/backlog/:bk/recusar",
    body: {},
    min: "operador",
    paciente: true,
  },
  { method: "PATCH", path: "/api/backlog/:bk/inativar", min: "operador" },
  { method: "PATCH", path: "/api/backlog/:bk/reativar", min: "operador" },
  { method: "DELETE", path: "/api/backlog/:bk", min: "operador", paciente: true },
  // cancelamento-massa
  {
    method: "POST",
    path: "/api/cancelamento-massa/preview",
    body: { data_inicio: ":dia", data_fim: ":dia" },
    min: "administrador",
    bad: { body: { data_inicio: "x" } },
  },
  {
    method: "POST",
    path: "/api/cancelamento-massa/executar",
    body: { data_inicio: ":dia", data_fim: ":dia", motivo: "Greve", mover_para_backlog: true },
    min: "administrador",
    bad: { body: { data_inicio: ":dia", data_fim: ":dia" } },
  },
  // notificacoes (the outbox console)
  {
    method: "GET",
    path: "/api/notificacoes",
    min: "administrador",
    bad: { path: "/api/notificacoes?page=0" },
  },
  { method: "GET", path: "/api/notificacoes/:notif", min: "administrador" },
  { method: "POST", path: "/api/notificacoes/:notif/reenviar", min: "administrador" },
  // planos, seguros, fichas (linked to the agenda)
  {
    method: "POST",
    path: "/api/planos",
    body: { pacienteid: ":pac", titulo: "Fisioterapia do joelho" },
    min: "operador",
    bad: { body: { titulo: 1 } },
  },
  {
    method: "POST",
    path: "/api/planos/:plano/add_consulta",
    body: { agendamentoid: ":ag" },
    min: "operador",
  },
  {
    method: "POST",
    path: "/api/seguros/credencial",
    body: {
      pacienteid: ":pac",
      operadora: "Unimed",
      numero_carteirinha: "0012345678",
      validade: "2031-12-31",
    },
    min: "operador",
    paciente: true,
    bad: { body: { operadora: 1 } },
  },
  { method: "GET", path: "/api/fichas/:pac", min: "operador" },
  { method: "PUT", path: "/api/fichas/:pac", body: { conteudo: {} }, min: "operador" },
];

/** Everything a refused call must leave as it was. */
async function snapshot(ctx: TestCtx) {
  const { sql } = ctx.db;
  const [row] = await sql`
    select
      (select count(*) from ca_evento)::int as eventos,
      (select count(*) from ca_notificacao)::int as notificacoes,
      (select string_agg(agendamentoid || status, ',' order by agendamentoid)
         from ca_agendamento) as agendamentos,
      (select string_agg(backlogid || status || ativo, ',' order by backlogid)
         from ca_backlog) as backlog,
      (select string_agg(slotagendaid || status || vagas_ocupadas, ',' order by slotagendaid)
         from ca_slotagenda) as slots,
      (select count(*) from ca_grade_dia_cancelado)::int as dias,
      (select count(*) from ca_plano_tratamento)::int as planos,
      (select count(*) from ca_agendamento where planoid is not null)::int as vinculos,
      (select count(*) from ca_seguro_credencial)::int as credenciais,
      (select count(*) from ca_ficha_clinica)::int as fichas`;
  return { ...row };
}

dbTest("[agenda] RBAC of every scheduling route", async (t, ctx) => {
  const w = await world(ctx.db);
  const tokens = Object.fromEntries(
    await Promise.all(ROLES.map(async (r) => [r, await ctx.login(r)] as const)),
  ) as Record<Role, string>;
  const me = await ctx.paciente();
  const s = await slot(ctx.db, w, { dias: 2, limitevagas: 2 });
  const booked = await ctx.req("POST", "/api/agendamentos", {
    token: tokens.operador,
    body: { slotagendaid: s, pacienteid: me.pacienteid },
  });
  assert.equal(booked.status, 201);
  const [{ grade }] = await ctx.db.sql<{ grade: number }>`
    select gradeagendaid as grade from ca_slotagenda where slotagendaid = ${s}`;
  const [{ plano }] = await ctx.db.sql<{ plano: number }>`
    insert into ca_plano_tratamento (pacienteid, titulo) values (${me.pacienteid}, 'Plano')
    returning planoid as plano`;
  const [{ notif }] = await ctx.db.sql<{ notif: number }>`
    insert into ca_notificacao (canal, destino, template, corpo, idempotency_key, status)
    values ('whatsapp', '5511999999999', 'lembrete', 'Olá', 'rbac-teste', 'falhou')
    returning notificacaoid as notif`;
  const ids: Record<string, string> = {
    ":ag": String(booked.body.agendamentoid),
    ":bk": String(await backlogItem(ctx.db, w, { pacienteid: await paciente(ctx.db) })),
    ":slot": String(s),
    ":grade": String(grade),
    ":plano": String(plano),
    ":notif": String(notif),
    ":pac": String(me.pacienteid),
    ":esp": String(w.especialidadeid),
    ":dia": diaMais(2),
  };
  const fill = (text: string) => text.replace(/:[a-z]+/g, (k) => ids[k] ?? k);
  // A body value that is exactly a placeholder becomes the id (a number) or the day.
  const fillBody = (b: unknown): unknown => {
    if (typeof b === "string" && b in ids) return b === ":dia" ? ids[b] : Number(ids[b]);
    if (Array.isArray(b)) return b.map(fillBody);
    if (b && typeof b === "object") {
      return Object.fromEntries(Object.entries(b).map(([k, v]) => [k, fillBody(v)]));
    }
    return b;
  };
  const call = (r: Route, token?: string) =>
    ctx.req(r.method, fill(r.path), { token, body: fillBody(r.body) });
  const before = await snapshot(ctx);

  for (const r of ROUTES) {
    const below = r.min === null ? ROLES : ROLES.slice(0, ROLES.indexOf(r.min));
    const denied = [...below.map((role) => [role, tokens[role]])];
    if (!r.paciente) denied.push(["paciente", me.token]);
    const who = denied.length ? `403 for ${denied.map((d) => d[0]).join(", ")}, ` : "";
    await t.step(
      `${r.method} ${r.path}: ${who}401 without a token`,
      async () => {
        for (const [who, token] of denied) {
          const res = await call(r, token);
          assert.equal(res.status, 403, `${who}: ${JSON.stringify(res.body)}`);
          assert.match(res.contentType!, /application\/json/);
          assert.equal(res.body.error.code, "sem_permissao", who);
        }
        const anon = await call(r);
        assert.equal(anon.status, 401);
      },
    );
  }

  await t.step("the minimum role (and a patient where allowed) passes the guard", async () => {
    for (const r of ROUTES) {
      const path = r.bad?.path ?? r.path.replace(/:(ag|bk|slot|grade|plano|notif|pac)\b/, "abc");
      const body = r.bad && "body" in r.bad ? r.bad.body : r.body;
      const allowed = [r.min ? tokens[r.min] : undefined, r.paciente ? me.token : undefined];
      for (const token of allowed.filter(Boolean)) {
        const res = await ctx.req(r.method, fill(path), { token, body: fillBody(body) });
        const expected = r.passes ?? 400;
        assert.equal(res.status, expected, `${r.method} ${path}: ${JSON.stringify(res.body)}`);
      }
    }
  });

  await t.step("nothing changed in the database", async () => {
    assert.deepEqual(await snapshot(ctx), before);
  });
});
