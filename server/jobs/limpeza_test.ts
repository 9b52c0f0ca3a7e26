import { strict as assert } from "node:assert";
import { dbTest } from "../testing/harness.ts";
import { runJobOnce } from "./all.ts";

dbTest(
  "[jobs] limpeza: prunes stale rate-limit windows, sessions, password resets and job runs",
  async (t, ctx) => {
    await t.step("deletes only what nothing reads any more", async () => {
      await ctx.login("operador"); // a live session
      const [{ usuarioid }] = await ctx.db.sql<{ usuarioid: number }>`
      select usuarioid from ca_usuario_admin limit 1`;
      const { pacienteid } = await ctx.paciente(); // a live paciente session
      await ctx.db.sql`
      insert into ca_rate_limit (chave, janela, contagem) values
        ('velho', now() - interval '2 days', 3), ('atual', now() - interval '5 minutes', 1)`;
      await ctx.db.sql`
      insert into ca_sessao (jti, usuarioid, expires_at, revoked_at) values
        (gen_random_uuid(), ${usuarioid}, now() - interval '2 days', null),
        (gen_random_uuid(), ${usuarioid}, now() - interval '3 days', now() - interval '4 days'),
        (gen_random_uuid(), ${usuarioid}, now() - interval '1 hour', null)`;
      await ctx.db.sql`
      insert into ca_sessao_paciente (jti, pacienteid, expires_at) values
        (gen_random_uuid(), ${pacienteid}, now() - interval '2 days')`;
      await ctx.db.sql`
      insert into ca_senha_reset (cpf_hash, expires_at) values
        ('velho', now() - interval '2 days'), ('recente', now() + interval '4 minutes')`;
      await ctx.db.sql`
      insert into ca_job_execucao (job, chave, executado_em) values
        ('lembrete', 'velho', now() - interval '31 days'),
        ('lembrete', 'recente', now() - interval '29 days')`;
      const r = await runJobOnce(ctx.deps, "limpeza");
      assert.deepEqual(r, {
        rate_limit: 1,
        sessoes: 2,
        sessoes_paciente: 1,
        senha_reset: 1,
        job_execucao: 1,
      });
      const left = await ctx.db.sql<{ t: string; n: number }>`
      select 'rate' as t, count(*)::int as n from ca_rate_limit where chave in ('velho', 'atual')
      union all select 'sessao', count(*)::int from ca_sessao
      union all select 'sessao_recente', count(*)::int from ca_sessao
        where expires_at > now() - interval '1 day'
      union all select 'paciente', count(*)::int from ca_sessao_paciente
      union all select 'paciente_recente', count(*)::int from ca_sessao_paciente
        where expires_at > now() - interval '1 day'
      union all select 'job', count(*)::int from ca_job_execucao where job = 'lembrete'
      union all select 'reset', count(*)::int from ca_senha_reset`;
      const n = Object.fromEntries(left.map((x) => [x.t, x.n]));
      assert.equal(n.rate, 1, "the current window stays");
      assert.equal(n.sessao, n.sessao_recente, "sessions expired less than a day ago stay");
      assert.ok(n.sessao >= 2, "the live login and the one just expired stay");
      assert.equal(n.paciente, n.paciente_recente, "only the expired paciente session went");
      assert.ok(n.paciente >= 1, "the live paciente session stays");
      assert.equal(n.job, 1);
      assert.equal(n.reset, 1, "a live reset request stays");
      assert.deepEqual(await runJobOnce(ctx.deps, "limpeza"), {
        rate_limit: 0,
        sessoes: 0,
        sessoes_paciente: 0,
        senha_reset: 0,
        job_execucao: 0,
      });
    });
  },
);
