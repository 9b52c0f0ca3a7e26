/**
 * The deploy settings follow the current `deno deploy` CLI, which keeps only `org` and `app` in
 * `deno.json` (it rewrites the whole `deploy` object on its first run) and takes the build
 * settings when the app is created; the README's commands run without a terminal.
 */
import { strict as assert } from "node:assert";

const ROOT = new URL("../", import.meta.url);
const denoJson = JSON.parse(await Deno.readTextFile(new URL("deno.json", ROOT)));
const readme = await Deno.readTextFile(new URL("README.md", ROOT));

/** Flags `deno deploy create` requires to run without questions (deploy-cli create/mod.ts). */
const CREATE_FLAGS = [
  "org",
  "app",
  "source",
  "install-command",
  "build-command",
  "pre-deploy-command",
  "runtime-mode",
  "entrypoint",
  "build-timeout",
  "build-memory-limit",
  "region",
];

Deno.test("[deploy] deno.json holds no deployctl settings", () => {
  const deploy = denoJson.deploy ?? {};
  const extra = Object.keys(deploy).filter((k) => k !== "org" && k !== "app");
  assert.deepEqual(extra, [], "the deploy CLI rewrites `deploy` to {org, app}");
  assert.match(denoJson.tasks.deploy, /^deno deploy\b/);
  assert.ok(!/deployctl/.test(JSON.stringify(denoJson)));
});

Deno.test("[deploy] the README's create command is complete and points at real files", async () => {
  const section = readme.slice(readme.indexOf("## Deploy (Deno Deploy)"));
  const create = section.match(/deno deploy create[^`]*?(?=\n\s*```)/s)?.[0];
  assert.ok(create, "a `deno deploy create` command in the Deploy section");
  const flat = create.replace(/\\\n\s*/g, " ");
  for (const flag of CREATE_FLAGS) assert.match(flat, new RegExp(`--${flag} `), `--${flag}`);
  const entry = flat.match(/--entrypoint (\S+)/)![1];
  assert.ok((await Deno.stat(new URL(entry, ROOT))).isFile, `${entry} exists`);
  const build = flat.match(/--build-command "deno task (\w+)"/)![1];
  assert.ok(denoJson.tasks[build], `task ${build} exists`);
  assert.match(flat, /--runtime-mode dynamic /);
});

Deno.test("[deploy] the README's set-up commands run without a terminal (npx -y)", () => {
  const setup = readme.slice(readme.indexOf("## Set-up"), readme.indexOf("## Configuration"));
  const commands = setup.split("\n").filter((l) => /^npx /.test(l));
  assert.equal(commands.length, 2);
  for (const c of commands) assert.match(c, /^npx -y deno task (start|test)\b/);
});
