import { strict as assert } from "node:assert";
import { dbTest } from "../../testing/harness.ts";
import type { Role } from "../../shared/schemas.ts";
import { PacienteDetalhe } from "./schemas.ts";
import { criarPaciente, criarTipoSlot, snapshot } from "../../testing/fixtures/pacientes.ts";

dbTest("[pacientes] PUT /api/pacientes/:id", async (t, ctx) => {
  const token = await ctx.login("operador");
  const tipo = await criarTipoSlot(ctx, "Normal");
  const p = await criarPaciente(ctx, {
    telefone: "11987654321",
    email: "maria@exemplo.com",
    nome_mae: "Rita da Silva",
    tipos_slot_elegiveis: [tipo],
  });
  const put = (body: unknown, id = p.pacienteid) =>
    ctx.req("PUT", `/api/pacientes/${id}`, { token, body });

  await t.step("changes only the fields sent and writes paciente.atualizado", async () => {
    const res = await put({ tipo: "Gestante", nome_mae: null, contatos: [] });
    assert.equal(res.status, 200);
    assert.match(res.contentType!, /application\/json/);
    const body = PacienteDetalhe.parse(res.body);
    assert.equal(body.tipo, "Gestante");
    assert.equal(body.nome_mae, null);
    assert.equal(body.email, "maria@exemplo.com");
    assert.equal(body.telefone, "11987654321");
    assert.deepEqual(body.tipos_slot.map((x) => x.tiposlotid), [tipo]);
    const [ev] = await ctx.db.sql<{ before: { tipo: string }; after: { tipo: string } }>`
      select before, after from ca_evento
      where kind = 'paciente.atualizado' and entity_id = ${String(p.pacienteid)}`;
    assert.equal(ev.before.tipo, "Comum");
    assert.equal(ev.after.tipo, "Gestante");
  });

  await t.step("changing the phone clears its validation and kills open codes", async () => {
    await ctx.db.sql`update ca_paciente set telefone_validado = true, telefone_validado_em = now()
                     where pacienteid = ${p.pacienteid}`;
    await ctx.db.sql`
      insert into ca_paciente_validacao (pacienteid, canal, telefone, codigo_hash, expires_at)
      values (${p.pacienteid}, 'sms', '11987654321', 'x', now() + interval '5 minutes')`;
    const same = await put({ telefone: "(11) 98765-4321" });
    assert.equal(same.body.telefone_validado, true, "same number keeps the validation");
    const res = await put({ telefone: "21987654321" });
    assert.equal(res.status, 200);
    assert.equal(res.body.telefone, "21987654321");
    assert.equal(res.body.telefone_validado, false);
    assert.equal(res.body.telefone_validado_em, null);
    const [{ n }] = await ctx.db.sql<{ n: number }>`
      select count(*)::int as n from ca_paciente_validacao
      where pacienteid = ${p.pacienteid} and consumed_at is null`;
    assert.equal(n, 0);
  });

  await t.step("replaces eligible slot types when they are sent", async () => {
    const outro = await criarTipoSlot(ctx, "Encaixe");
    const res = await put({ tipos_slot_elegiveis: [outro] });
    assert.deepEqual(res.body.tipos_slot.map((x: { tiposlotid: number }) => x.tiposlotid), [
      outro,
    ]);
  });

  await t.step("a portal patient stays editable by staff", async () => {
    const portal = await ctx.paciente();
    const res = await put({ nomecompleto: "Nome Corrigido Pela Unidade" }, portal.pacienteid);
    assert.equal(res.status, 200);
    assert.equal(res.body.origem, "Portal");
    assert.equal(res.body.acesso_portal, true);
    const [row] = await ctx.db.sql`
      select senhahash from ca_paciente where pacienteid = ${portal.pacienteid}`;
    assert.ok(row.senhahash, "the portal password survives a staff edit");
  });

  await t.step(
    "answers 409 cpf_duplicado for another patient's CPF, changing nothing",
    async () => {
      const other = await criarPaciente(ctx);
      const before = await snapshot(ctx);
      const res = await put({ cpf: other.cpf, tipo: "PcD" });
      assert.equal(res.status, 409);
      assert.equal(res.body.error.code, "cpf_duplicado");
      assert.equal(res.body.error.details.pacienteid, other.pacienteid);
      assert.deepEqual(await snapshot(ctx), before);
    },
  );

  const invalid: [string, unknown][] = [
    ["an empty body", {}],
    ["a bad CPF", { cpf: "11111111111" }],
    ["4 contacts", { contatos: Array(4).fill({ nome: "Irmã", telefone: "11912345678" }) }],
    ["a future birth date", { datanascimento: "2999-01-01" }],
    ["an unknown tipo", { tipo: "Outro" }],
    ["a single-word name", { nomecompleto: "Maria" }],
  ];
  for (const [what, body] of invalid) {
    await t.step(`answers 400 for ${what} and changes nothing`, async () => {
      const before = await snapshot(ctx);
      const res = await put(body);
      assert.equal(res.status, 400);
      assert.equal(res.body.error.code, "entrada_invalida");
      assert.deepEqual(await snapshot(ctx), before);
    });
  }

  await t.step("answers 422 for an unknown slot type and changes nothing", async () => {
    const before = await snapshot(ctx);
    const res = await put({ tipo: "PcD", tipos_slot_elegiveis: [424242] });
    assert.equal(res.status, 422);
    assert.equal(res.body.error.code, "tipo_slot_invalido");
    assert.deepEqual(await snapshot(ctx), before);
  });

  await t.step("answers 404 for an unknown patient", async () => {
    const res = await put({ tipo: "PcD" }, 999999);
    assert.equal(res.status, 404);
    assert.equal(res.body.error.code, "nao_encontrado");
  });
});

dbTest("[pacientes] DELETE /api/pacientes/:id and PATCH /:id/reativar", async (t, ctx) => {
  const token = await ctx.login("operador");
  const portal = await ctx.paciente();
  const id = portal.pacienteid;

  await t.step("inactivates, revokes portal sessions and writes paciente.inativado", async () => {
    assert.equal(
      (await ctx.req("GET", "/api/auth/paciente/me", { token: portal.token })).status,
      200,
    );
    const res = await ctx.req("DELETE", `/api/pacientes/${id}`, { token });
    assert.equal(res.status, 200);
    assert.match(res.contentType!, /application\/json/);
    assert.equal(res.body.status, "Inativo");
    const [{ abertas }] = await ctx.db.sql<{ abertas: number }>`
      select count(*)::int as abertas from ca_sessao_paciente
      where pacienteid = ${id} and revoked_at is null`;
    assert.equal(abertas, 0);
    const me = await ctx.req("GET", "/api/auth/paciente/me", { token: portal.token });
    assert.equal(me.status, 401);
    assert.equal(await ctx.events("paciente.inativado"), 1);
    const list = await ctx.req("GET", "/api/pacientes", { token });
    assert.equal(list.body.items.some((p: { pacienteid: number }) => p.pacienteid === id), false);
  });

  await t.step("an inactive patient cannot log in to the portal", async () => {
    const res = await ctx.req("POST", "/api/auth/paciente/login", {
      body: { cpf: portal.cpf, senha: "segredo1" },
    });
    assert.equal(res.status, 401);
    assert.equal(res.body.error.code, "paciente_inativo");
  });

  await t.step("answers 409 when already inactive, changing nothing", async () => {
    const before = await snapshot(ctx);
    const res = await ctx.req("DELETE", `/api/pacientes/${id}`, { token });
    assert.equal(res.status, 409);
    assert.equal(res.body.error.code, "ja_inativo");
    assert.deepEqual(await snapshot(ctx), before);
  });

  await t.step(
    "reactivates and writes paciente.reativado; the portal login works again",
    async () => {
      const res = await ctx.req("PATCH", `/api/pacientes/${id}/reativar`, { token });
      assert.equal(res.status, 200);
      assert.equal(res.body.status, "Ativo");
      assert.equal(await ctx.events("paciente.reativado"), 1);
      const login = await ctx.req("POST", "/api/auth/paciente/login", {
        body: { cpf: portal.cpf, senha: "segredo1" },
      });
      assert.equal(login.status, 200);
      const old = await ctx.req("GET", "/api/auth/paciente/me", { token: portal.token });
      assert.equal(old.status, 401, "revoked sessions stay revoked");
    },
  );

  await t.step("answers 409 when already active, changing nothing", async () => {
    const before = await snapshot(ctx);
    const res = await ctx.req("PATCH", `/api/pacientes/${id}/reativar`, { token });
    assert.equal(res.status, 409);
    assert.equal(res.body.error.code, "ja_ativo");
    assert.deepEqual(await snapshot(ctx), before);
  });

  await t.step("answers 404 for unknown ids", async () => {
    assert.equal((await ctx.req("DELETE", "/api/pacientes/999999", { token })).status, 404);
    assert.equal(
      (await ctx.req("PATCH", "/api/pacientes/999999/reativar", { token })).status,
      404,
    );
  });
});

dbTest("[pacientes] every staff role from operador up edits a paciente", async (t, ctx) => {
  const p = await criarPaciente(ctx, { telefone: "11987654321" });
  const base = `/api/pacientes/${p.pacienteid}`;
  for (const role of ["operador", "gerenciador", "administrador_master"] as Role[]) {
    await t.step(`${role} may write`, async () => {
      const token = await ctx.login(role);
      const res = await ctx.req("PUT", base, { token, body: { tipo_vinculo: role } });
      assert.equal(res.status, 200);
      assert.equal(res.body.tipo_vinculo, role);
    });
  }
});
