/**
 * Builds dist/ once per test run for the browser tests, and only when a client source is newer
 * than the last build (a clean clone always builds). Runs `deno install` first so Vite finds every
 * package of deno.json in node_modules/.
 */
const ROOT = new URL("../", import.meta.url);
const SOURCES = ["client-adm", "client-paciente", "client-shared", "vite.config.ts", "deno.json"];
const MARK = new URL("dist/client-adm/index.html", ROOT);

async function newest(path: URL): Promise<number> {
  const info = await Deno.stat(path).catch(() => null);
  if (!info) return 0;
  if (!info.isDirectory) return info.mtime?.getTime() ?? 0;
  // A directory URL must end in "/" for its entries to resolve inside it.
  if (!path.pathname.endsWith("/")) path = new URL(path.pathname + "/", path);
  let max = 0;
  for await (const e of Deno.readDir(path)) {
    const child = new URL(e.name + (e.isDirectory ? "/" : ""), path);
    max = Math.max(max, await newest(child));
  }
  return max;
}

async function run(args: string[]) {
  const out = await new Deno.Command(Deno.execPath(), {
    args,
    cwd: ROOT,
    stdout: "piped",
    stderr: "piped",
  }).output();
  if (!out.success) {
    const text = new TextDecoder().decode(out.stdout) + new TextDecoder().decode(out.stderr);
    throw new Error(`deno ${args.join(" ")} failed:\n${text.slice(-4000)}`);
  }
}

let built: Promise<void> | undefined;

/**
 * Resolves when dist/ holds a build of the current client sources. Test files run in parallel
 * (`deno test --parallel`) take an exclusive lock on a file first, so one builds and the others
 * find the build fresh.
 */
export function ensureDist(): Promise<void> {
  built ??= (async () => {
    await Deno.mkdir(new URL(".data/", ROOT), { recursive: true });
    using lock = await Deno.open(new URL(".data/e2e-build.lock", ROOT), {
      create: true,
      write: true,
    });
    await lock.lock(true);
    const mark = (await Deno.stat(MARK).catch(() => null))?.mtime?.getTime() ?? 0;
    let src = 0;
    for (const s of SOURCES) src = Math.max(src, await newest(new URL(s, ROOT)));
    // Every package of deno.json in node_modules/: Vite and the axe-core scan read them there.
    await run(["install"]);
    if (mark && mark >= src) return;
    await run(["run", "-A", "npm:vite@7.3.8", "build", "--logLevel", "error"]);
  })();
  return built;
}
