// Which real services the tests can reach. In CI a missing service is a failure; on a laptop the
// suites that need one skip with a loud message.
import net from "node:net";
import postgres from "postgres";

export const inCI = process.env.CI === "true" || process.env.CI === "1";
export const ADMIN_DATABASE_URL = process.env.TEST_DATABASE_URL ?? "postgres://postgres@127.0.0.1:5432/test";
/** Which database the shared test server uses: "postgres" (the default) or "pglite" (embedded, in memory). */
export const testDatabase: "postgres" | "pglite" = process.env.TEST_DATABASE === "pglite" ? "pglite" : "postgres";
export const TEST_REDIS_URL = process.env.TEST_REDIS_URL ?? "redis://127.0.0.1:6379";

function canConnect(url: string): Promise<boolean> {
  const { hostname, port } = new URL(url);
  return new Promise((resolve) => {
    const socket = net.connect({ host: hostname, port: Number(port) }, () => { socket.end(); resolve(true); });
    socket.setTimeout(1000, () => { socket.destroy(); resolve(false); });
    socket.on("error", () => resolve(false));
  });
}

const cache = new Map<string, Promise<boolean>>();
export function serviceUp(name: "postgres" | "redis"): Promise<boolean> {
  if (!cache.has(name)) cache.set(name, canConnect(name === "postgres" ? ADMIN_DATABASE_URL : TEST_REDIS_URL));
  return cache.get(name) as Promise<boolean>;
}

/** Call in a `before` hook: fails in CI, skips the suite loudly elsewhere, when `name` is down. */
export async function requireService(ctx: Mocha.Context, name: "postgres" | "redis"): Promise<void> {
  if (await serviceUp(name)) return;
  const where = name === "postgres" ? ADMIN_DATABASE_URL : TEST_REDIS_URL;
  if (inCI) throw new Error(`${name} is not reachable at ${where}; CI needs it (start it, see .ci/run).`);
  console.warn(`\n  !!! SKIPPING "${ctx.test?.parent?.title}": ${name} is not reachable at ${where}. Start ${name} to run it. !!!\n`);
  ctx.skip();
}

/** Creates an empty database on the test Postgres server and returns its URL and a drop(). */
export async function createScratchDatabase(prefix = "chill_test"): Promise<{ url: string; drop(): Promise<void> }> {
  const name = `${prefix}_${process.pid}_${Math.random().toString(36).slice(2, 8)}`;
  const admin = postgres(ADMIN_DATABASE_URL, { max: 1, onnotice: () => {} });
  await admin.unsafe(`create database "${name}"`);
  await admin.end();
  const url = new URL(ADMIN_DATABASE_URL);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    async drop() {
      const a = postgres(ADMIN_DATABASE_URL, { max: 1, onnotice: () => {} });
      await a.unsafe(`drop database if exists "${name}" with (force)`);
      await a.end();
    },
  };
}

/** A free TCP port on loopback. */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.listen(0, "127.0.0.1", () => {
      const { port } = srv.address() as net.AddressInfo;
      srv.close(() => resolve(port));
    });
    srv.on("error", reject);
  });
}
