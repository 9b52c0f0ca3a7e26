import { strict as assert } from "node:assert";
import { dbTest, nextCpf } from "../../testing/harness.ts";
import { Paciente, PacienteDetalhe } from "./schemas.ts";
import { criarPaciente, criarTipoSlot, snapshot } from "../../testing/fixtures/pacientes.ts";

const tomorrow = () => Temporal.Now.plainDateISO("America/Noronha").add({ days: 1 }).toString();

dbTest("[pacientes] POST /api/pacientes", async (t, ctx) => {
  const token = await ctx.login("operador");
  const normal = await criarTipoSlot(ctx, "Normal");
  const retorno = await criarTipoSlot(ctx, "Retorno");
  const inativo = await criarTipoSlot(ctx, "Antigo", "Inativo");

  await t.step("creates the patient with every field and answers 201 without hash", async () => {
    const cpf = nextCpf();
    const res = await ctx.req("POST", "/api/pacientes", {
      token,
      body: {
        nomecompleto: "  José   Antônio  Conceição ",
        cpf: `${cpf.slice(0, 3)}.${cpf.slice(3, 6)}.${cpf.slice(6, 9)}-${cpf.slice(9)}`,
        datanascimento: "1950-02-28",
        telefone: "(11) 98765-4321",
        email: "Jose@Exemplo.com.br",
        tipo: "Idoso",
        tipo_vinculo: "SUS",
        nome_mae: "Ana Conceição",
        contatos: [{ nome: "Filha", telefone: "11912345678", parentesco: "filha" }],
        tipos_slot_elegiveis: [retorno, normal, normal],
      },
    });
    assert.equal(res.status, 201);
    assert.match(res.contentType!, /application\/json/);
    const p = PacienteDetalhe.parse(res.body);
    assert.equal(p.nomecompleto, "José Antônio Conceição");
    assert.equal(p.cpf, cpf);
    assert.equal(p.telefone, "11987654321");
    assert.equal(p.email, "jose@exemplo.com.br");
    assert.equal(p.datanascimento, "1950-02-28");
    assert.equal(p.tipo, "Idoso");
    assert.equal(p.origem, "ADM");
    assert.equal(p.status, "Ativo");
    assert.equal(p.funcionario, false);
    assert.equal(p.telefone_validado, false);
    assert.equal(p.acesso_portal, false);
    assert.deepEqual(p.contatos, [{ nome: "Filha", telefone: "11912345678", parentesco: "filha" }]);
    assert.deepEqual(p.tipos_slot.map((x) => x.nome), ["Normal", "Retorno"]);
    assert.equal("senhahash" in res.body, false);

    const [row] = await ctx.db.sql`
      select senhahash, origem from ca_paciente where pacienteid = ${p.pacienteid}`;
    assert.equal(row.senhahash, null);
    const [ev] = await ctx.db.sql<{ actor_tipo: string; topics: string[]; after: { cpf: string } }>`
      select actor_tipo, topics, after from ca_evento
      where kind = 'paciente.criado' and entity_id = ${String(p.pacienteid)}`;
    assert.equal(ev.actor_tipo, "admin");
    assert.deepEqual(ev.topics, [`paciente:${p.pacienteid}`, "pacientes"]);
    assert.equal(ev.after.cpf, cpf);
  });

  await t.step("answers 409 cpf_duplicado with the existing id and changes nothing", async () => {
    const first = await criarPaciente(ctx);
    const before = await snapshot(ctx);
    const res = await ctx.req("POST", "/api/pacientes", {
      token,
      body: { nomecompleto: "Outra Pessoa", cpf: first.cpf },
    });
    assert.equal(res.status, 409);
    assert.match(res.contentType!, /application\/json/);
    assert.equal(res.body.error.code, "cpf_duplicado");
    assert.equal(res.body.error.details.pacienteid, first.pacienteid);
    assert.deepEqual(await snapshot(ctx), before);
  });

  const invalid: [string, Record<string, unknown>, string][] = [
    ["a CPF with wrong check digits", { cpf: "12345678900" }, "cpf"],
    ["a CPF with 10 digits", { cpf: "1234567890" }, "cpf"],
    ["a single-word name", { nomecompleto: "Maria" }, "nomecompleto"],
    ["a birth date in the future", { datanascimento: tomorrow() }, "datanascimento"],
    ["a birth date before 1900", { datanascimento: "1899-12-31" }, "datanascimento"],
    ["a day that does not exist", { datanascimento: "2001-02-29" }, "datanascimento"],
    ["a phone without DDD", { telefone: "987654321" }, "telefone"],
    ["a malformed e-mail", { email: "maria@" }, "email"],
    ["an unknown tipo", { tipo: "VIP" }, "tipo"],
    ["4 contacts", {
      contatos: Array.from({ length: 4 }, (_, i) => ({
        nome: `Contato ${i}`,
        telefone: "11912345678",
      })),
    }, "contatos"],
    ["a contact without phone", { contatos: [{ nome: "Pai" }] }, "contatos.0.telefone"],
    ["a non-numeric slot type id", { tipos_slot_elegiveis: ["x"] }, "tipos_slot_elegiveis.0"],
  ];
  for (const [what, patch, path] of invalid) {
    await t.step(`answers 400 for ${what} and changes nothing`, async () => {
      const before = await snapshot(ctx);
      const res = await ctx.req("POST", "/api/pacientes", {
        token,
        body: { nomecompleto: "Maria da Silva", cpf: nextCpf(), ...patch },
      });
      assert.equal(res.status, 400);
      assert.match(res.contentType!, /application\/json/);
      assert.equal(res.body.error.code, "entrada_invalida");
      const paths = res.body.error.details.map((d: { path: string }) => d.path);
      assert.ok(paths.includes(path), JSON.stringify(res.body.error.details));
      assert.deepEqual(await snapshot(ctx), before);
    });
  }

  await t.step("answers 400 naming every missing required field", async () => {
    const res = await ctx.req("POST", "/api/pacientes", { token, body: {} });
    assert.equal(res.status, 400);
    const paths = res.body.error.details.map((d: { path: string }) => d.path).sort();
    assert.deepEqual(paths, ["cpf", "nomecompleto"]);
  });

  await t.step("accepts empty strings as absent optional fields", async () => {
    const p = await criarPaciente(ctx, { telefone: "", email: " ", datanascimento: "" });
    assert.equal(p.telefone, null);
    assert.equal(p.email, null);
    assert.equal(p.datanascimento, null);
  });

  for (const [what, ids] of [["unknown", [999999]], ["inactive", [inativo]]] as const) {
    await t.step(`answers 422 tipo_slot_invalido for an ${what} slot type`, async () => {
      const before = await snapshot(ctx);
      const res = await ctx.req("POST", "/api/pacientes", {
        token,
        body: {
          nomecompleto: "Maria da Silva",
          cpf: nextCpf(),
          tipos_slot_elegiveis: [normal, ...ids],
        },
      });
      assert.equal(res.status, 422);
      assert.equal(res.body.error.code, "tipo_slot_invalido");
      assert.deepEqual(res.body.error.details.tipos_slot_invalidos, ids);
      assert.deepEqual(await snapshot(ctx), before);
    });
  }
});

dbTest("[pacientes] employee detection on POST and PUT /api/pacientes", async (t, ctx) => {
  const token = await ctx.login("operador");
  const cpfStaff = nextCpf();
  const cpfMedico = nextCpf();
  await ctx.db.sql`
    insert into ca_usuario_admin (nome, email, cpf, role, senhahash)
    values ('Recepção Um', 'recepcao@teste.local', ${cpfStaff}, 'operador', 'x')`;
  await ctx.db.sql`
    insert into ca_medico (nomecompleto, crm, crm_uf, cpf)
    values ('Dra. Helena Prado', '123456', 'SP', ${cpfMedico})`;

  await t.step("a CPF of an active staff user makes a funcionário", async () => {
    const p = await criarPaciente(ctx, { cpf: cpfStaff });
    assert.equal(p.funcionario, true);
    const [ev] = await ctx.db.sql<{ after: { funcionario: boolean } }>`
      select after from ca_evento where kind = 'paciente.criado' and entity_id = ${
      String(p.pacienteid)
    }`;
    assert.equal(ev.after.funcionario, true);
  });

  await t.step("a CPF of an active médico makes a funcionário", async () => {
    const p = await criarPaciente(ctx, { cpf: cpfMedico });
    assert.equal(p.funcionario, true);
  });

  await t.step("an inactive staff user's CPF does not", async () => {
    const cpf = nextCpf();
    await ctx.db.sql`
      insert into ca_usuario_admin (nome, email, cpf, role, senhahash, ativo)
      values ('Ex Funcionário', 'ex@teste.local', ${cpf}, 'operador', 'x', false)`;
    const p = await criarPaciente(ctx, { cpf });
    assert.equal(p.funcionario, false);
  });

  await t.step("PUT recomputes the flag from the CPF on file", async () => {
    const p = await criarPaciente(ctx);
    assert.equal(p.funcionario, false);
    const cpfNovo = nextCpf();
    await ctx.db.sql`
      insert into ca_medico (nomecompleto, crm, crm_uf, cpf)
      values ('Dr. Paulo Reis', '654321', 'RJ', ${cpfNovo})`;
    const res = await ctx.req("PUT", `/api/pacientes/${p.pacienteid}`, {
      token,
      body: { cpf: cpfNovo },
    });
    assert.equal(res.status, 200);
    assert.equal(res.body.funcionario, true);
    await ctx.db.sql`update ca_medico set status = 'Inativo' where cpf = ${cpfNovo}`;
    const again = await ctx.req("PUT", `/api/pacientes/${p.pacienteid}`, {
      token,
      body: { tipo: "Comum" },
    });
    assert.equal(again.body.funcionario, false);
    const [ev] = await ctx.db.sql<{ before: { funcionario: boolean } }>`
      select before from ca_evento where kind = 'paciente.atualizado'
      and entity_id = ${String(p.pacienteid)} order by id desc limit 1`;
    assert.equal(ev.before.funcionario, true);
  });
});

dbTest("[pacientes] GET /api/pacientes and /api/pacientes/stats", async (t, ctx) => {
  const token = await ctx.login("visualizador");
  const jose = await criarPaciente(ctx, { nomecompleto: "José Conceição Araújo" });
  const joao = await criarPaciente(ctx, { nomecompleto: "João Pereira" });
  const ana = await criarPaciente(ctx, { nomecompleto: "Ana Beatriz Souza" });
  const inativa = await criarPaciente(ctx, { nomecompleto: "Josefa Lima" });
  await ctx.req("DELETE", `/api/pacientes/${inativa.pacienteid}`, {
    token: await ctx.login("operador"),
  });
  await ctx.db.sql`update ca_paciente set telefone_validado = true
                   where pacienteid = ${ana.pacienteid}`;
  const list = (query: string) => ctx.req("GET", `/api/pacientes${query}`, { token });
  const ids = (body: { items: { pacienteid: number }[] }) => body.items.map((p) => p.pacienteid);

  await t.step("lists active patients ordered by name", async () => {
    const res = await list("");
    assert.equal(res.status, 200);
    assert.match(res.contentType!, /application\/json/);
    assert.deepEqual(ids(res.body), [ana.pacienteid, joao.pacienteid, jose.pacienteid]);
    assert.equal(res.body.total, 3);
    assert.equal(res.body.limit, 50);
    for (const p of res.body.items) Paciente.parse(p);
  });

  await t.step("finds by name ignoring accents and case, every word must match", async () => {
    assert.deepEqual(ids((await list("?search=JOSE")).body), [jose.pacienteid]);
    assert.deepEqual(ids((await list("?search=conceicao")).body), [jose.pacienteid]);
    assert.deepEqual(ids((await list("?search=jos%C3%A9%20araujo")).body), [jose.pacienteid]);
    assert.deepEqual(ids((await list("?search=jose%20pereira")).body), []);
    assert.deepEqual(ids((await list("?search=jo")).body), [joao.pacienteid, jose.pacienteid]);
  });

  await t.step("treats LIKE wildcards in the search as plain text", async () => {
    assert.deepEqual(ids((await list("?search=%25")).body), []);
    assert.deepEqual(ids((await list("?search=_o")).body), []);
  });

  await t.step("finds by CPF prefix in search and in cpf, punctuation ignored", async () => {
    const prefix = `${joao.cpf.slice(0, 3)}.${joao.cpf.slice(3, 8)}`;
    const bySearch = await list(`?search=${encodeURIComponent(prefix)}`);
    assert.ok(ids(bySearch.body).includes(joao.pacienteid));
    assert.ok(
      bySearch.body.items.every((p: { cpf: string }) => p.cpf.startsWith(joao.cpf.slice(0, 8))),
    );
    const byCpf = await list(`?cpf=${joao.cpf.slice(0, 9)}`);
    assert.ok(ids(byCpf.body).includes(joao.pacienteid));
  });

  await t.step("a full CPF returns exactly that patient", async () => {
    const res = await list(`?cpf=${ana.cpf}`);
    assert.deepEqual(ids(res.body), [ana.pacienteid]);
    assert.equal(res.body.total, 1);
  });

  await t.step("filters by status", async () => {
    assert.deepEqual(ids((await list("?status=Inativo")).body), [inativa.pacienteid]);
    assert.equal((await list("?status=todos")).body.total, 4);
    assert.deepEqual(ids((await list("?status=todos&search=josefa")).body), [inativa.pacienteid]);
  });

  await t.step("answers 400 for bad filters", async () => {
    for (
      const q of ["?status=Excluido", "?cpf=12345678900", "?cpf=123456789012", "?limit=51"]
    ) {
      const res = await list(q);
      assert.equal(res.status, 400, q);
      assert.equal(res.body.error.code, "entrada_invalida");
    }
  });

  await t.step("answers at most 50 with the total of matches", async () => {
    await ctx.db.sql`
      insert into ca_paciente (nomecompleto, cpf)
      select 'Lote Paciente ' || lpad(i::text, 3, '0'), lpad(i::text, 11, '0')
      from generate_series(1, 55) as i`;
    const res = await list("?search=lote");
    assert.equal(res.body.items.length, 50);
    assert.equal(res.body.total, 55);
    assert.equal(res.body.items[0].nomecompleto, "Lote Paciente 001");
    assert.equal(res.body.items[49].nomecompleto, "Lote Paciente 050");
    const five = await list("?search=lote&limit=5");
    assert.equal(five.body.items.length, 5);
    assert.equal(five.body.total, 55);
  });

  await t.step("stats count total, active, inactive and validated phones", async () => {
    const res = await ctx.req("GET", "/api/pacientes/stats", { token });
    assert.equal(res.status, 200);
    assert.match(res.contentType!, /application\/json/);
    assert.deepEqual(res.body, { total: 59, ativos: 58, inativos: 1, telefone_validado: 1 });
  });
});

dbTest("[pacientes] GET /api/pacientes/:id", async (t, ctx) => {
  const token = await ctx.login("visualizador");
  const tipo = await criarTipoSlot(ctx, "Prioritário");
  const p = await criarPaciente(ctx, { tipos_slot_elegiveis: [tipo] });

  await t.step("answers the patient with eligible slot types", async () => {
    const res = await ctx.req("GET", `/api/pacientes/${p.pacienteid}`, { token });
    assert.equal(res.status, 200);
    assert.match(res.contentType!, /application\/json/);
    const body = PacienteDetalhe.parse(res.body);
    assert.equal(body.cpf, p.cpf);
    assert.deepEqual(body.tipos_slot.map((x) => x.tiposlotid), [tipo]);
  });

  await t.step("answers 404 for an unknown id and 400 for a malformed one", async () => {
    const missing = await ctx.req("GET", "/api/pacientes/999999", { token });
    assert.equal(missing.status, 404);
    assert.equal(missing.body.error.code, "nao_encontrado");
    for (const bad of ["abc", "0", "-1", "1.5", "99999999999"]) {
      const res = await ctx.req("GET", `/api/pacientes/${bad}`, { token });
      assert.equal(res.status, 400, bad);
      assert.equal(res.body.error.code, "entrada_invalida");
    }
  });

  await t.step("a portal patient shows acesso_portal and never the hash", async () => {
    const portal = await ctx.paciente();
    const res = await ctx.req("GET", `/api/pacientes/${portal.pacienteid}`, { token });
    assert.equal(res.status, 200);
    assert.equal(res.body.origem, "Portal");
    assert.equal(res.body.acesso_portal, true);
    assert.equal(JSON.stringify(res.body).includes("$2"), false);
  });
});
