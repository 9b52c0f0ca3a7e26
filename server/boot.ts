/** Opens the database, applies migrations and builds the dependencies the app needs. */
import type { Deps } from "./app_env.ts";
import type { Config } from "./config.ts";
import { type Db, openDb } from "./db/db.ts";
import { migrate } from "./db/migrate.ts";
import { loadJwtKey } from "./auth/jwt.ts";
import { hashPassword } from "./auth/passwords.ts";
import { postgresStorage } from "./storage/postgres_storage.ts";
import type { Storage } from "./storage/storage.ts";

export async function openStorage(config: Config, db: Db): Promise<Storage> {
  if (config.storageDriver === "s3") {
    const { s3Storage } = await import("./storage/s3_storage.ts");
    return s3Storage(config);
  }
  return postgresStorage(db);
}

export async function buildDeps(config: Config, db?: Db): Promise<Deps> {
  db ??= await openDb({
    url: config.databaseUrl,
    dataDir: config.databaseUrl ? undefined : `${config.dataDir}/pglite`,
  });
  await migrate(db);
  const jwtKey = await loadJwtKey(db, config.jwtSecret);
  return { db, config, jwtKey, storage: await openStorage(config, db) };
}

/** Creates the first administrador_master from ADMIN_EMAIL/ADMIN_PASSWORD when none exists. */
export async function ensureMasterAdmin(deps: Deps): Promise<"created" | "exists" | "missing"> {
  const { db, config } = deps;
  const [row] = await db
    .sql`select 1 from ca_usuario_admin where role = 'administrador_master' limit 1`;
  if (row) return "exists";
  if (!config.adminEmail || !config.adminPassword) return "missing";
  const hash = await hashPassword(config.adminPassword, config.bcryptCost);
  await db.sql`
    insert into ca_usuario_admin (nome, email, role, senhahash, senha_temporaria, primeiro_acesso)
    values ('Administrador', ${config.adminEmail.toLowerCase()}, 'administrador_master', ${hash}, false, false)
    on conflict do nothing`;
  return "created";
}
