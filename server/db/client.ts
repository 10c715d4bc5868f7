// Opens the database: Postgres through postgres.js when DATABASE_URL is set, embedded PGlite under
// DATA_DIR otherwise; either way the same drizzle API and the same migrations, applied at open.
import { fileURLToPath } from "node:url";
import { mkdir } from "node:fs/promises";
import { sql } from "drizzle-orm";
import type { PgDatabase, PgQueryResultHKT } from "drizzle-orm/pg-core";
import type { Logger } from "pino";
import * as schema from "./schema.ts";

export type Database = PgDatabase<PgQueryResultHKT, typeof schema>;

export interface DatabaseHandle {
  db: Database;
  kind: "postgres" | "pglite";
  /** Where it lives, with any password removed: safe to log. */
  where: string;
  ping(): Promise<void>;
  close(): Promise<void>;
}

export const migrationsFolder = fileURLToPath(new URL("../../drizzle", import.meta.url));
// Any constant works; it only has to be the same in every process that migrates this database.
const MIGRATION_LOCK = 7_301_991;

export async function openDatabase(opts: { url?: string; pgliteDir: string; log: Logger }): Promise<DatabaseHandle> {
  const handle = opts.url ? await openPostgres(opts.url) : await openPglite(opts.pgliteDir);
  const started = Date.now();
  opts.log.info({ database: handle.kind, where: handle.where }, "applying database migrations");
  await handle.migrate();
  opts.log.info({ database: handle.kind, ms: Date.now() - started }, "database ready");
  return handle;
}

async function openPostgres(url: string): Promise<DatabaseHandle & { migrate(): Promise<void> }> {
  const { default: postgres } = await import("postgres");
  const { drizzle } = await import("drizzle-orm/postgres-js");
  const { migrate } = await import("drizzle-orm/postgres-js/migrator");
  const client = postgres(url, { max: 10, onnotice: () => {} });
  const db = drizzle(client, { schema });
  const safe = new URL(url);
  safe.password = "";
  return {
    db, kind: "postgres", where: safe.toString(),
    async migrate() {
      // Several processes may start at once against one database: migrate one at a time, on one
      // connection that holds a session advisory lock for the duration.
      const single = postgres(url, { max: 1, onnotice: () => {} });
      try {
        await single`select pg_advisory_lock(${MIGRATION_LOCK})`;
        await migrate(drizzle(single, { schema }), { migrationsFolder });
        await single`select pg_advisory_unlock(${MIGRATION_LOCK})`;
      } finally {
        await single.end({ timeout: 5 });
      }
    },
    async ping() { await db.execute(sql`select 1`); },
    async close() { await client.end({ timeout: 5 }); },
  };
}

async function openPglite(dir: string): Promise<DatabaseHandle & { migrate(): Promise<void> }> {
  const { PGlite } = await import("@electric-sql/pglite");
  const { drizzle } = await import("drizzle-orm/pglite");
  const { migrate } = await import("drizzle-orm/pglite/migrator");
  const memory = dir === ":memory:";
  if (!memory) await mkdir(dir, { recursive: true });
  const client = memory ? new PGlite() : new PGlite(dir);
  const db = drizzle(client, { schema });
  return {
    db, kind: "pglite", where: memory ? "memory" : dir,
    async migrate() { await migrate(db, { migrationsFolder }); },
    async ping() { await db.execute(sql`select 1`); },
    async close() { await client.close(); },
  };
}
