/** Fixtures shared by the pacientes tests (not a test file itself). */
import { strict as assert } from "node:assert";
import { nextCpf, type TestCtx } from "../../testing/harness.ts";

/** Creates a patient through the API as `operador` and returns the answered row. */
export async function criarPaciente(ctx: TestCtx, body: Record<string, unknown> = {}) {
  const token = await ctx.login("operador");
  const res = await ctx.req("POST", "/api/pacientes", {
    token,
    body: { nomecompleto: "Maria da Silva", cpf: nextCpf(), ...body },
  });
  assert.equal(res.status, 201, JSON.stringify(res.body));
  return res.body;
}

/** Inserts an active (or inactive) slot type directly, as the tipos-slot module would. */
export async function criarTipoSlot(ctx: TestCtx, nome: string, status = "Ativo") {
  const [t] = await ctx.db.sql<{ tiposlotid: number }>`
    insert into ca_tiposlot (nome, status) values (${nome}, ${status}) returning tiposlotid`;
  return t.tiposlotid;
}

/**
 * A fingerprint of every table a pacientes write may touch; equal before and after a refused
 * request proves nothing changed.
 */
export async function snapshot(ctx: TestCtx) {
  const [s] = await ctx.db.sql<Record<string, string | number | null>>`
    select (select md5(coalesce(string_agg(p::text, '|' order by pacienteid), ''))
              from ca_paciente p) as pacientes,
           (select md5(coalesce(string_agg(t::text, '|' order by pacienteid, tiposlotid), ''))
              from ca_paciente_tiposlot t) as tipos,
           (select md5(coalesce(string_agg(v::text, '|' order by validacaoid), ''))
              from ca_paciente_validacao v) as validacoes,
           (select md5(coalesce(string_agg(s::text, '|' order by jti), ''))
              from ca_sessao_paciente s) as sessoes,
           (select count(*)::int from ca_notificacao) as notificacoes,
           (select count(*)::int from ca_evento where kind like 'paciente.%') as eventos`;
  return s;
}

/** The last SMS code sent to a patient, read from the outbox as the delivery worker would. */
export async function ultimoCodigo(ctx: TestCtx, pacienteid: number, canal = "sms") {
  const [n] = await ctx.db.sql<{ codigo: string }>`
    select (select s.valores from ca_notificacao_segredo s where s.notificacaoid = ca_notificacao.notificacaoid)->>'codigo' as codigo from ca_notificacao
    where pacienteid = ${pacienteid} and canal = ${canal}
    order by notificacaoid desc limit 1`;
  assert.ok(n, "no code in the outbox");
  return n.codigo;
}

/** Moves the open code's expiry into the past. */
export async function expirarCodigo(ctx: TestCtx, pacienteid: number) {
  await ctx.db.sql`
    update ca_paciente_validacao set expires_at = now() - interval '1 second'
    where pacienteid = ${pacienteid} and consumed_at is null`;
}

/** Moves the last code's creation out of the 60 s cooldown. */
export async function passarCooldown(ctx: TestCtx, pacienteid: number) {
  await ctx.db.sql`
    update ca_paciente_validacao set created_at = created_at - interval '61 seconds'
    where pacienteid = ${pacienteid}`;
}

/** A wrong code different from `codigo` with the same length. */
export const outroCodigo = (codigo: string) =>
  codigo.split("").map((d) => String((Number(d) + 1) % 10)).join("");
