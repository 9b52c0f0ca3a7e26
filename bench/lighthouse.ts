/**
 * Lighthouse on the patient portal (`deno task bench lighthouse`): the login page and "Minhas
 * solicitações" (signed in, one request with an open proposal), mobile emulation with simulated
 * throttling, against a real server on a fresh Postgres database and the production build.
 * Prints performance and accessibility scores (targets ≥ 90 and ≥ 95) and the main metrics.
 *
 * Lighthouse runs under Node: `npm install` of the pinned version into `.bench/lighthouse/`
 * (once), then `bench/lighthouse_run.mjs` beside it. Chromium: CHROME_PATH (default
 * /usr/bin/chromium).
 */
import { freshPostgres, nextCpf } from "../server/testing/harness.ts";
import { ensureDist } from "../e2e/build.ts";
import { api, seedClinic } from "../e2e/seed.ts";
import { startServer } from "../e2e/server.ts";
import { slotsDoDia } from "../e2e/painel/fila.ts";

export const LIGHTHOUSE_VERSION = "12.8.2";
const DIR = new URL("../.bench/lighthouse/", import.meta.url);
const CHROME = Deno.env.get("CHROME_PATH") ?? "/usr/bin/chromium";

async function exec(cmd: string, args: string[], cwd: URL, env: Record<string, string> = {}) {
  const out = await new Deno.Command(cmd, { args, cwd, env, stdout: "piped", stderr: "piped" })
    .output();
  const text = new TextDecoder().decode(out.stdout);
  if (!out.success) {
    throw new Error(
      `${cmd} ${args[0]} failed:\n${new TextDecoder().decode(out.stderr).slice(-3000)}`,
    );
  }
  return text;
}

async function ensureLighthouse() {
  await Deno.mkdir(DIR, { recursive: true });
  const pkg = { private: true, type: "module", dependencies: { lighthouse: LIGHTHOUSE_VERSION } };
  const pkgPath = new URL("package.json", DIR);
  const before = await Deno.readTextFile(pkgPath).catch(() => "");
  const installed = await Deno.stat(new URL("node_modules/lighthouse/package.json", DIR))
    .then(() => true, () => false);
  if (!installed || before !== JSON.stringify(pkg)) {
    await Deno.writeTextFile(pkgPath, JSON.stringify(pkg));
    await exec("npm", ["install", "--no-audit", "--no-fund", "--loglevel=error"], DIR);
  }
  await Deno.copyFile(new URL("./lighthouse_run.mjs", import.meta.url), new URL("run.mjs", DIR));
}

interface Result {
  name: string;
  finalUrl: string;
  performance: number;
  accessibility: number;
  metrics: Record<string, number>;
  a11yFailures: string[];
  /** Lighthouse's reason when a metric could not be computed (the run then scores 0). */
  errors?: string[];
  lcpElement: string | null;
  bootup: string[];
}

export async function run(): Promise<void> {
  await Promise.all([ensureDist(), ensureLighthouse()]);
  const pg = await freshPostgres(4);
  const server = await startServer({ databaseUrl: pg.url });
  try {
    const c = await seedClinic(server.url);
    const cpf = nextCpf();
    await api(server.url, "POST", "/api/auth/paciente/register", {
      body: { cpf, nomecompleto: "Ana Beatriz Lima", senha: "segredo1" },
    });
    const { token } = await api(server.url, "POST", "/api/auth/paciente/login", {
      body: { cpf, senha: "segredo1" },
    });
    // One request in the queue and one with an open proposal: the page as a patient sees it.
    await api(server.url, "POST", "/api/backlog", {
      token,
      body: { especialidadeid: c.especialidade2id },
    });
    const b = await api(server.url, "POST", "/api/backlog", {
      token,
      body: { especialidadeid: c.especialidadeid, periodo_preferido: "Tarde" },
    });
    const slot = (await slotsDoDia(server.url, c))["09:00 Normal"].slotagendaid;
    await api(server.url, "PATCH", `/api/backlog/${b.backlogid}/alocar`, {
      token: c.master,
      body: { slotagendaid: slot },
    });
    const input = {
      chrome: CHROME,
      pages: [
        { name: "login", url: `${server.url}/login` },
        {
          name: "solicitacoes",
          url: `${server.url}/solicitacoes`,
          token,
        },
      ],
    };
    const text = await exec("node", ["run.mjs", JSON.stringify(input)], DIR, {
      CHROME_PATH: CHROME,
    });
    const results = JSON.parse(text.trim().split("\n").at(-1)!) as Result[];
    for (const r of results) {
      const m = Object.entries(r.metrics).map(([k, v]) => `${k}=${v}`).join(" ");
      console.log(
        `lighthouse: page=${r.name} lcp_element=${r.lcpElement} bootup=${r.bootup.join(",")}`,
      );
      console.log(
        `lighthouse: page=${r.name} lighthouse=${LIGHTHOUSE_VERSION} performance=${r.performance} ` +
          `(target ≥ 90) accessibility=${r.accessibility} (target ≥ 95) ${m}` +
          (r.a11yFailures.length ? ` a11y_failed=${r.a11yFailures.join(",")}` : "") +
          (r.errors?.length ? ` errors=${JSON.stringify(r.errors)}` : ""),
      );
      if (!r.finalUrl.includes(r.name === "login" ? "/login" : "/solicitacoes")) {
        throw new Error(`${r.name}: Lighthouse ended on ${r.finalUrl}`);
      }
    }
  } finally {
    await server.stop().catch(() => {});
    await pg.drop().catch(() => {});
  }
}
