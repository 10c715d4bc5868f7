// Opens the database: Postgres through postgres.js when DATABASE_URL is set, embedded PGlite under
// DATA_DIR otherwise; either way the same drizzle API and the same migrations, applied at open.
import { AsyncLocalStorage } from "node:async_hooks";
import { fileURLToPath } from "node:url";
import { sql } from "drizzle-orm";
import type { PgDatabase, PgQueryResultHKT } from "drizzle-orm/pg-core";
import type { Logger } from "pino";
import * as schema from "./schema.ts";
import { openPgliteClient, defaultPgliteSettings, type PgliteSettings } from "./pglite.ts";

export type Database = PgDatabase<PgQueryResultHKT, typeof schema>;
/** The handle `db.transaction(fn)` gives `fn`: inside a transaction, the only way to the database. */
export type Transaction = Parameters<Parameters<Database["transaction"]>[0]>[0];
/** What a repository function that may run inside a transaction takes: the database or a transaction. */
export type Queryable = Database | Transaction;

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

/** The database could not be reached or used at start; `message` says what to do about it. */
export class DatabaseUnavailableError extends Error {
  override name = "DatabaseUnavailableError";
}

/** Turns a driver error met while opening the database into words a person can act on. */
export function explainOpenError(err: unknown, kind: DatabaseHandle["kind"], where: string): Error {
  const code = (err as { code?: unknown })?.code;
  const detail = err instanceof Error ? err.message : String(err);
  if (kind === "pglite") {
    return new DatabaseUnavailableError(`Cannot open the embedded database in ${where} (${detail}). Check that the directory is writable and that no other lounge server is using it, or set DATA_DIR to another directory.`, { cause: err });
  }
  const hint = code === "ECONNREFUSED" || code === "ENOTFOUND" || code === "EAI_AGAIN" || code === "ETIMEDOUT" || code === "CONNECT_TIMEOUT"
    ? "Nothing answers there: start PostgreSQL (for example `docker compose up -d postgres`), fix DATABASE_URL, or unset it to use the embedded database."
    : code === "28P01" || code === "28000"
      ? "PostgreSQL refused the user or password in DATABASE_URL: fix them."
      : code === "3D000"
        ? "That database does not exist: create it (`createdb <name>`) or fix DATABASE_URL."
        : "Check DATABASE_URL, or unset it to use the embedded database.";
  return new DatabaseUnavailableError(`Cannot use the database at ${where} (${detail}). ${hint}`, { cause: err });
}

/**
 * Thrown when code inside `db.transaction(fn)` reaches for the outer database handle instead of the
 * transaction's. On PGlite (one connection) that query would wait for the transaction, which waits
 * for the query: the whole database would hang. On Postgres it would silently run outside the
 * transaction. Either way it is a bug, so it fails loudly, on both.
 */
export class OuterHandleInTransactionError extends Error {
  override name = "OuterHandleInTransactionError";
}

interface OpenTransaction { db: object; open: boolean }
const openTransactions = new AsyncLocalStorage<readonly OpenTransaction[]>();

/**
 * The drizzle handle, guarded: within a `transaction()` callback (and anything it starts), using
 * this outer handle throws OuterHandleInTransactionError; only the callback's `tx` reaches the
 * database there. Every handle openDatabase() returns is guarded.
 */
export function guardTransactions(db: Database): Database {
  return new Proxy(db, {
    get(target, prop) {
      const inside = openTransactions.getStore();
      // "then" is read by `await` and Promise.resolve on any object; reading it queries nothing.
      if (typeof prop === "string" && prop !== "then" && inside?.some((t) => t.db === target && t.open)) {
        throw new OuterHandleInTransactionError(`db.${prop} was used inside a transaction on the same database: use the transaction's handle (tx) there.`);
      }
      if (prop === "transaction") {
        const transaction: Database["transaction"] = (fn, config) => target.transaction((tx) => {
          const mark: OpenTransaction = { db: target, open: true };
          return openTransactions.run([...(inside ?? []), mark], () => fn(tx)).finally(() => { mark.open = false; });
        }, config);
        return transaction;
      }
      const value: unknown = Reflect.get(target, prop, target);
      return typeof value === "function" ? value.bind(target) : value;
    },
  });
}

export interface OpenDatabaseOptions {
  /** Postgres to use; unset → embedded PGlite in `pgliteDir` (":memory:" for a throwaway one). */
  url?: string;
  pgliteDir: string;
  pglite?: PgliteSettings;
  log: Logger;
}

export async function openDatabase(opts: OpenDatabaseOptions): Promise<DatabaseHandle> {
  let handle: DatabaseHandle & { migrate(): Promise<void> };
  try {
    handle = opts.url ? await openPostgres(opts.url) : await openPglite(opts.pgliteDir, opts.pglite ?? defaultPgliteSettings);
  } catch (err) {
    throw explainOpenError(err, opts.url ? "postgres" : "pglite", opts.url ? safeUrl(opts.url) : opts.pgliteDir);
  }
  const started = Date.now();
  opts.log.info({ database: handle.kind, where: handle.where }, "applying database migrations");
  try {
    await handle.migrate();
  } catch (err) {
    await handle.close().catch(() => {});
    throw explainOpenError(err, handle.kind, handle.where);
  }
  opts.log.info({ database: handle.kind, ms: Date.now() - started }, "database ready");
  return handle;
}

/** The URL with any password removed: safe to log and to show. */
function safeUrl(url: string): string {
  try {
    const safe = new URL(url);
    safe.password = "";
    return safe.toString();
  } catch {
    return "(an unparsable DATABASE_URL)";
  }
}

async function openPostgres(url: string): Promise<DatabaseHandle & { migrate(): Promise<void> }> {
  const { default: postgres } = await import("postgres");
  const { drizzle } = await import("drizzle-orm/postgres-js");
  const { migrate } = await import("drizzle-orm/postgres-js/migrator");
  const client = postgres(url, { max: 10, onnotice: () => {} });
  const db = guardTransactions(drizzle(client, { schema }));
  return {
    db, kind: "postgres", where: safeUrl(url),
    async migrate() {
      // Several processes may start at once against one database: migrate one at a time, on one
      // connection that holds a session advisory lock for the duration.
      const single = postgres(url, { max: 1, onnotice: () => {}, connect_timeout: 10 });
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

async function openPglite(dir: string, settings: PgliteSettings): Promise<DatabaseHandle & { migrate(): Promise<void> }> {
  const { drizzle } = await import("drizzle-orm/pglite");
  const { migrate } = await import("drizzle-orm/pglite/migrator");
  const client = await openPgliteClient(dir, settings);
  const raw = drizzle(client, { schema });
  const db = guardTransactions(raw);
  return {
    db, kind: "pglite", where: dir === ":memory:" ? "memory" : dir,
    async migrate() { await migrate(raw, { migrationsFolder }); },
    async ping() { await db.execute(sql`select 1`); },
    async close() { await client.close(); },
  };
}
