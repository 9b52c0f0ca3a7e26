/**
 * The consoles' HTTP client against a real local server: Bearer token, error bodies as ApiError,
 * 401 handed to the session, 423 naming the holder, 503 retried with backoff.
 */
import { strict as assert } from "node:assert";
import { ApiError, createHttp } from "./http.ts";

type Handler = (req: Request, hits: number) => Response | Promise<Response>;

async function withServer(handler: Handler, fn: (base: string) => Promise<void>) {
  let hits = 0;
  const server = Deno.serve(
    { hostname: "127.0.0.1", port: 0, onListen() {} },
    (req) => handler(req, ++hits),
  );
  try {
    await fn(`http://127.0.0.1:${server.addr.port}`);
  } finally {
    await server.shutdown();
  }
}

/** The ApiError a call rejects with (a call that succeeds fails the test). */
const failure = (p: Promise<unknown>): Promise<ApiError> =>
  p.then(() => assert.fail("expected an error"), (e) => e as ApiError);

const json = (status: number, body: unknown, headers: Record<string, string> = {}) =>
  new Response(JSON.stringify(body), {
    status,
    headers: { "content-type": "application/json", ...headers },
  });

Deno.test("[client-shared] http client", async (t) => {
  await t.step("sends the Bearer token and the JSON body, answers the JSON", async () => {
    await withServer(async (req) =>
      json(200, {
        auth: req.headers.get("authorization"),
        body: await req.json(),
        q: new URL(req.url).search,
      }), async (base) => {
      const http = createHttp({ baseUrl: base, token: () => "tok" });
      const r = await http.request<{ auth: string; body: unknown; q: string }>("POST", "/x", {
        body: { a: 1 },
        query: { b: "2", vazio: "", nada: undefined },
      });
      assert.equal(r.auth, "Bearer tok");
      assert.deepEqual(r.body, { a: 1 });
      assert.equal(r.q, "?b=2");
    });
  });

  await t.step("turns an error body into ApiError with field errors", async () => {
    await withServer(
      () =>
        json(400, {
          error: {
            code: "entrada_invalida",
            message: "Dados inválidos.",
            details: [{ path: "email", message: "E-mail inválido.", code: "custom" }],
          },
        }),
      async (base) => {
        const http = createHttp({ baseUrl: base });
        const err = await failure(http.get("/x"));
        assert.ok(err instanceof ApiError);
        assert.equal(err.status, 400);
        assert.equal(err.code, "entrada_invalida");
        assert.equal(err.message, "Dados inválidos.");
        assert.deepEqual(err.fieldErrors, { email: "E-mail inválido." });
      },
    );
  });

  await t.step(
    "a 401 of an authenticated call ends the session; an anonymous one does not",
    async () => {
      await withServer(
        () => json(401, { error: { code: "sessao_expirada", message: "Sessão expirada." } }),
        async (base) => {
          const ended: string[] = [];
          const http = createHttp({
            baseUrl: base,
            token: () => "tok",
            onUnauthorized: (e) => ended.push(e.message),
          });
          await assert.rejects(http.get("/x"), (e) => e instanceof ApiError && e.status === 401);
          assert.deepEqual(ended, ["Sessão expirada."]);
          await assert.rejects(http.post("/login", {}, { anonymous: true }));
          assert.equal(ended.length, 1);
        },
      );
    },
  );

  await t.step("a 423 names who holds the resource", async () => {
    await withServer(
      () =>
        json(423, {
          error: {
            code: "recurso_bloqueado",
            message: "Registro em uso.",
            details: { holder_nome: "Olívia Operadora" },
          },
        }),
      async (base) => {
        const err = await failure(createHttp({ baseUrl: base }).put("/x"));
        assert.equal(err.status, 423);
        assert.equal(err.holderName, "Olívia Operadora");
        assert.match(err.message, /Olívia Operadora/);
      },
    );
  });

  await t.step("retries a 503 with backoff until the server is back", async () => {
    await withServer(
      (_req, hits) =>
        hits < 3
          ? json(503, { error: { code: "banco_indisponivel", message: "Indisponível." } })
          : json(200, { ok: true, hits }),
      async (base) => {
        const http = createHttp({ baseUrl: base, retries: 3, retryBaseMs: 5 });
        assert.deepEqual(await http.get("/x"), { ok: true, hits: 3 });
      },
    );
  });

  await t.step("gives up after the retries with the 503 as ApiError", async () => {
    await withServer(
      () => json(503, { error: { code: "banco_indisponivel", message: "Indisponível." } }),
      async (base) => {
        const http = createHttp({ baseUrl: base, retries: 2, retryBaseMs: 5 });
        const err = await failure(http.get("/x"));
        assert.equal(err.status, 503);
        assert.equal(err.code, "banco_indisponivel");
      },
    );
  });

  await t.step("no server at all: ApiError sem_conexao", async () => {
    const l = Deno.listen({ hostname: "127.0.0.1", port: 0 });
    const port = (l.addr as Deno.NetAddr).port;
    l.close();
    const http = createHttp({ baseUrl: `http://127.0.0.1:${port}`, retries: 1, retryBaseMs: 5 });
    const err = await failure(http.get("/x"));
    assert.ok(err instanceof ApiError);
    assert.equal(err.status, 0);
    assert.equal(err.code, "sem_conexao");
  });
});
