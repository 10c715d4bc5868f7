// The embedded database: PGlite (Postgres compiled to WebAssembly) under DATA_DIR, opened lean.
// What it costs in memory, and why each choice here, is measured in the README ("Memory").
import { execFile } from "node:child_process";
import { access, mkdir } from "node:fs/promises";
import path from "node:path";
import type { PGlite, PGliteOptions } from "@electric-sql/pglite";

/** 8MB: below it idle memory does not shrink further (README, "Memory"). */
export const defaultPgliteSettings: PgliteSettings = { sharedBuffers: "8MB" };

export interface PgliteSettings {
  /** Postgres `shared_buffers` ("8MB"): its page cache, inside the WebAssembly heap. */
  sharedBuffers: string;
}

/**
 * Written to the data directory's postgresql.conf at every open. Postgres' default shared_buffers
 * (128MB) does not fit PGlite's 128 MB starting heap, so the heap grows and the cache fills as the
 * database is used; 8MB keeps the heap at its floor. The files themselves stay in the OS page cache.
 */
function postgresqlConf(settings: PgliteSettings): string {
  return `shared_buffers = ${settings.sharedBuffers}\n`;
}

/**
 * A new data directory is made by running initdb, which PGlite does with a second Postgres and an
 * initdb WebAssembly module in the same process: about 500 MB that V8 gives back only when it
 * collects them, which an idle server rarely does. So a new directory is created in a short-lived
 * child process, whose memory goes back to the system when it exits.
 */
async function createInChild(dir: string, conf: string): Promise<void> {
  const module = import.meta.resolve("@electric-sql/pglite");
  const script = `const { PGlite } = await import(${JSON.stringify(module)});
const pg = new PGlite(${JSON.stringify(dir)}, { postgresqlconf: ${JSON.stringify(conf)} });
await pg.waitReady;
await pg.close();`;
  await new Promise<void>((resolve, reject) => {
    execFile(process.execPath, ["--input-type=module", "--eval", script], { timeout: 300_000, maxBuffer: 1024 * 1024 }, (err, _stdout, stderr) => {
      if (!err) return resolve();
      const detail = stderr.trim().split("\n").slice(-5).join(" ");
      reject(new Error(`creating the embedded database failed${detail ? `: ${detail}` : ` (${err.message})`}`, { cause: err }));
    });
  });
}

const exists = (file: string) => access(file).then(() => true, () => false);

/** Opens PGlite in `dir` (":memory:" for a throwaway in-memory database, as tests use). */
export async function openPgliteClient(dir: string, settings: PgliteSettings): Promise<PGlite> {
  const { PGlite } = await import("@electric-sql/pglite");
  const conf = postgresqlConf(settings);
  const options: PGliteOptions = { postgresqlconf: conf };
  if (dir === ":memory:") return PGlite.create(options);
  await mkdir(dir, { recursive: true });
  // Postgres recognises a data directory by its PG_VERSION file, as PGlite does before running initdb.
  if (!(await exists(path.join(dir, "PG_VERSION")))) await createInChild(dir, conf);
  return PGlite.create(dir, options);
}
