/**
 * The clients' typed API layer: it stays browser-safe (its module graph holds zod, the CPF
 * checker and the server's schema files, nothing of Deno, Hono or the database), and it calls the
 * real app with typed results and typed errors.
 */
import { strict as assert } from "node:assert";
import { dbTest } from "../../server/testing/harness.ts";
import { ApiError, createApi, urlOf } from "./contract.ts";

/** npm packages a browser bundle of the contract may contain. */
const ALLOWED_NPM = /^npm:\/?(zod|@brazilian-utils\/brazilian-utils)@/;
/** Server code a browser cannot run: the runtime's API, the database, the HTTP server. */
const SERVER_ONLY =
  /\bDeno\.|from "(hono|postgres|@electric-sql\/pglite|jose|@node-rs\/bcrypt)[/"]/;

Deno.test("[contract] client-shared/api/contract.ts imports only browser-safe modules", async () => {
  const root = new URL("../../", import.meta.url);
  const out = await new Deno.Command(Deno.execPath(), {
    args: ["info", "--json", "client-shared/api/contract.ts"],
    cwd: root,
    stdout: "piped",
    stderr: "piped",
  }).output();
  assert.equal(out.code, 0, new TextDecoder().decode(out.stderr));
  const graph = JSON.parse(new TextDecoder().decode(out.stdout)) as {
    modules: { specifier: string; kind: string }[];
  };
  const bad: string[] = [];
  for (const m of graph.modules) {
    if (m.specifier.startsWith("file://")) {
      const text = await Deno.readTextFile(new URL(m.specifier));
      if (SERVER_ONLY.test(text)) bad.push(m.specifier.slice(root.href.length));
    } else if (m.kind === "npm" || m.specifier.startsWith("npm:")) {
      if (!ALLOWED_NPM.test(m.specifier)) bad.push(m.specifier);
    } else bad.push(m.specifier);
  }
  assert.deepEqual(bad, []);
});

Deno.test("[contract] urlOf fills path parameters and the query string", () => {
  assert.equal(urlOf("/api/x/:id/y", { id: 7 }), "/api/x/7/y");
  assert.equal(
    urlOf("/api/arquivos/:key{.+}", { key: "medicos/1/a b.png" }),
    "/api/arquivos/medicos/1/a%20b.png",
  );
  assert.equal(urlOf("/api/x", {}, { a: 1, b: undefined, c: ["p", "q"] }), "/api/x?a=1&c=p&c=q");
  assert.throws(() => urlOf("/api/x/:id", {}));
});

dbTest("[contract] the typed client calls the app and types its answers", async (t, ctx) => {
  const token = await ctx.login("gerenciador");
  const api = createApi(
    async (method, url, init) =>
      await ctx.app.request(url, {
        ...init,
        method,
        headers: { ...init.headers as Record<string, string>, authorization: `Bearer ${token}` },
      }),
    { validate: true },
  );

  await t.step("a create answers the typed row", async () => {
    const esp = await api.call("POST /api/especialidades", {
      body: { nome: "Cardiologia", limitevagas: 4 },
    });
    assert.equal(esp.nome, "Cardiologia");
    const one = await api.call("GET /api/especialidades/:id", {
      params: { id: esp.especialidadeid },
    });
    assert.equal(one.especialidadeid, esp.especialidadeid);
  });

  await t.step("an error rejects with ApiError carrying the server's code", async () => {
    await assert.rejects(
      api.call("GET /api/especialidades/:id", { params: { id: 999999 } }),
      (e) => e instanceof ApiError && e.status === 404 && e.code === "nao_encontrado",
    );
  });
});
