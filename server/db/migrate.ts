/** Applies the numbered SQL files of `db/migrations/` once each, in order, at start. */
import type { Db } from "./db.ts";

const MIGRATIONS_DIR = new URL("../../db/migrations/", import.meta.url);

export async function listMigrations(): Promise<{ name: string; text: string }[]> {
  const names: string[] = [];
  for await (const entry of Deno.readDir(MIGRATIONS_DIR)) {
    if (entry.isFile && /^\d{3}_.+\.sql$/.test(entry.name)) names.push(entry.name);
  }
  names.sort();
  return Promise.all(
    names.map(async (name) => ({
      name,
      text: await Deno.readTextFile(new URL(name, MIGRATIONS_DIR)),
    })),
  );
}

export async function migrate(db: Db): Promise<string[]> {
  // Under the same advisory lock as the files: two instances starting on an empty database would
  // otherwise race on `create table if not exists` (a duplicate pg_type row).
  await db.begin(async (sql, script) => {
    await sql`select pg_advisory_xact_lock(7263001)`;
    await script(`
      create table if not exists ca_migration (
        name text primary key,
        applied_at timestamptz not null default now()
      )`);
  });
  const applied: string[] = [];
  for (const m of await listMigrations()) {
    // One transaction per file, under an advisory lock: two instances starting together
    // never apply the same file twice, and a failing file leaves no trace.
    const done = await db.begin(async (sql, script) => {
      await sql`select pg_advisory_xact_lock(7263001)`;
      const [row] = await sql`select 1 from ca_migration where name = ${m.name}`;
      if (row) return false;
      await script(m.text);
      await sql`insert into ca_migration (name) values (${m.name})`;
      return true;
    }).catch((err) => {
      throw new Error(`migration ${m.name} failed: ${(err as Error).message}`);
    });
    if (done) applied.push(m.name);
  }
  return applied;
}
