import type { Db } from "../db/db.ts";
import type { Storage } from "./storage.ts";

export function postgresStorage(db: Db): Storage {
  return {
    driver: "postgres",
    async put(key, bytes, contentType) {
      await db.sql`
        insert into ca_arquivo (chave, content_type, bytes, tamanho)
        values (${key}, ${contentType}, ${bytes}, ${bytes.byteLength})
        on conflict (chave) do update
          set content_type = excluded.content_type, bytes = excluded.bytes,
              tamanho = excluded.tamanho, created_at = now()`;
    },
    async get(key) {
      const [row] = await db.sql<{ bytes: Uint8Array; content_type: string }>`
        select bytes, content_type from ca_arquivo where chave = ${key}`;
      return row ? { bytes: new Uint8Array(row.bytes), contentType: row.content_type } : null;
    },
    async delete(key) {
      await db.sql`delete from ca_arquivo where chave = ${key}`;
    },
  };
}
