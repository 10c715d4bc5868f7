// Runs the real server entry point (server/main.ts) as a child process, the way `npm start` does.
import { spawn, type ChildProcess } from "node:child_process";
import { fileURLToPath } from "node:url";
import { createScratchDatabase, freePort, requireService, TEST_REDIS_URL } from "./services.ts";

const root = fileURLToPath(new URL("../..", import.meta.url));

export interface ServerProcess {
  port: number;
  url: string;
  child: ChildProcess;
  /** Every log line so far (JSON from pino, or anything else the process printed). */
  lines: string[];
  /** Sends `signal` and resolves with the exit code. */
  stop(signal?: NodeJS.Signals): Promise<number | null>;
}

export async function startServerProcess(env: Record<string, string>, opts: { timeout?: number } = {}): Promise<ServerProcess> {
  const port = env.PORT ? Number(env.PORT) : await freePort();
  const child = spawn(process.execPath, ["--import", "tsx", "server/main.ts"], {
    cwd: root,
    // Every test client comes from 127.0.0.1: the limit on seats one address holds unconfirmed
    // (3 by default) is lifted unless a test sets it (the reservations test does).
    env: { PATH: process.env.PATH ?? "", HOST: "127.0.0.1", LOG_LEVEL: "info", MAX_OPEN_RESERVATIONS: "1000", ...env, PORT: String(port) },
    stdio: ["ignore", "pipe", "pipe"],
  });
  const lines: string[] = [];
  const exited = new Promise<number | null>((resolve) => child.once("exit", (code) => resolve(code)));
  const collect = (chunk: Buffer) => lines.push(...chunk.toString().split("\n").filter(Boolean));
  child.stdout?.on("data", collect);
  child.stderr?.on("data", collect);
  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => {
      // A server that hangs instead of starting must not outlive the test.
      child.kill("SIGKILL");
      reject(new Error(`server did not start within ${opts.timeout ?? 30000} ms:\n${lines.join("\n")}`));
    }, opts.timeout ?? 30000);
    const check = () => {
      if (lines.some((l) => l.includes("chill lounge listening"))) { clearTimeout(timer); resolve(); }
    };
    child.stdout?.on("data", check);
    child.once("exit", (code) => { clearTimeout(timer); reject(new Error(`server exited with ${code} before listening:\n${lines.join("\n")}`)); });
  });
  return {
    port, url: `http://127.0.0.1:${port}`, child, lines,
    async stop(signal: NodeJS.Signals = "SIGTERM") {
      if (child.exitCode === null) child.kill(signal);
      const timer = setTimeout(() => child.kill("SIGKILL"), 15000);
      const code = await exited;
      clearTimeout(timer);
      return code;
    },
  };
}

/**
 * A server process on a scratch Postgres database of its own, for the length of a `describe`:
 * started in `before` (the suite skips loudly without Postgres, and fails in CI), killed and its
 * database dropped in `after`. `current()` is the running server.
 */
export function serverOnScratchDatabase(name: string, env: Record<string, string> = {}): { current(): ServerProcess } {
  let db: Awaited<ReturnType<typeof createScratchDatabase>> | undefined;
  let server: ServerProcess | undefined;
  before(async function () {
    this.timeout(90_000);
    await requireService(this, "postgres");
    db = await createScratchDatabase(name);
    server = await startServerProcess({ DATABASE_URL: db.url, ...env });
  });
  after(async () => {
    await server?.stop("SIGKILL");
    await db?.drop();
  });
  return {
    current() {
      if (!server) throw new Error("the server process did not start");
      return server;
    },
  };
}

/**
 * Two server processes sharing a scratch Postgres and a Redis database of their own (so parallel
 * runs and other suites do not see their rooms), for the length of a `describe`. `servers` fills
 * in `before`; `after` kills both and drops the database. `env` may be a function of each
 * process's index and port, read in `before` (e.g. a PUBLIC_ADDRESS behind a proxy).
 */
export function twoProcesses(name: string, redisDb: number, env: Record<string, string> | ((index: number, port: number) => Record<string, string>) = {}): { servers: ServerProcess[]; shared: { databaseUrl: string; redisUrl: string } } {
  const servers: ServerProcess[] = [];
  /** What the two share, for a test that looks at it directly (filled in before the tests). */
  const shared = { databaseUrl: "", redisUrl: "" };
  let db: Awaited<ReturnType<typeof createScratchDatabase>> | undefined;
  before(async function () {
    this.timeout(120_000);
    await requireService(this, "postgres");
    await requireService(this, "redis");
    db = await createScratchDatabase(name);
    const redis = new URL(TEST_REDIS_URL);
    redis.pathname = `/${redisDb}`;
    Object.assign(shared, { databaseUrl: db.url, redisUrl: redis.toString() });
    for (let i = 0; i < 2; i++) {
      const port = await freePort();
      const own = typeof env === "function" ? env(i, port) : env;
      servers.push(await startServerProcess({ PORT: String(port), DATABASE_URL: db.url, REDIS_URL: redis.toString(), PUBLIC_ADDRESS: `127.0.0.1:${port}`, ...own }));
    }
  });
  after(async () => {
    await Promise.allSettled(servers.map((s) => s.stop("SIGKILL")));
    await db?.drop();
  });
  return { servers, shared };
}
