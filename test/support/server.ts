// One lounge server per test run (Colyseus' matchmaker is a process-wide singleton), on a free
// port, backed by a fresh Postgres database, or by in-memory PGlite with TEST_DATABASE=pglite
// (or when Postgres is down locally).
import { pino } from "pino";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { ColyseusTestServer } from "@colyseus/testing";
import { loadConfig } from "../../server/config.ts";
import { createLoungeServer, type LoungeServer } from "../../server/app.ts";
import { createScratchDatabase, freePort, inCI, serviceUp, testDatabase, ADMIN_DATABASE_URL } from "./services.ts";

export interface TestServer {
  lounge: LoungeServer;
  colyseus: ColyseusTestServer;
  port: number;
  baseUrl: string;
  databaseUrl: string | undefined;
}

let booting: Promise<TestServer> | undefined;
let dropDatabase: (() => Promise<void>) | undefined;
let tracksDir: string | undefined;

export function testServer(): Promise<TestServer> {
  booting ??= boot();
  return booting;
}

async function boot(): Promise<TestServer> {
  let databaseUrl: string | undefined;
  if (testDatabase === "pglite") {
    console.warn("\n  TEST_DATABASE=pglite: room and HTTP tests run on in-memory PGlite.\n");
  } else if (await serviceUp("postgres")) {
    const scratch = await createScratchDatabase();
    databaseUrl = scratch.url;
    dropDatabase = scratch.drop;
  } else if (inCI) {
    throw new Error(`Postgres is not reachable at ${ADMIN_DATABASE_URL}; CI needs it.`);
  } else {
    console.warn(`\n  !!! Postgres is not reachable at ${ADMIN_DATABASE_URL}: room and HTTP tests run on in-memory PGlite instead. !!!\n`);
  }
  const port = await freePort();
  tracksDir = await mkdtemp(path.join(tmpdir(), "chill-test-tracks-"));
  const config = loadConfig({
    PORT: String(port), HOST: "127.0.0.1", DATABASE_URL: databaseUrl, DATA_DIR: ":memory:",
    RECONNECT_SECONDS: "3", TYPING_TIMEOUT_SECONDS: "1", LOG_LEVEL: "silent",
    // Tests add tracks by URL from this same server, on loopback.
    TRACKS_DIR: tracksDir, TRACK_URL_ALLOW_PRIVATE: "true", TRACK_ADD_BURST: "1000",
    // The fuzz suite sends thousands of messages quickly; the production default would (rightly)
    // disconnect it as abusive before the handlers under test ever saw them.
    ABUSE_MESSAGES_PER_SECOND: "10000",
    // Tests stand behind a "proxy" on loopback: X-Forwarded-For gives each test its own client
    // address, so sign-in limits are tested per address without one test starving the next.
    TRUST_PROXY: "loopback", REGISTER_IP_BURST: "10000",
    // The example mod's Room type, registered as a modder would: one line naming the module.
    LOUNGE_MODS: "./examples/quiz-night/mod.ts",
    // Bots at card tables move at once, so games with bots finish quickly.
    TABLE_BOT_DELAY_MS: "10",
    // Every test client joins from loopback; test/process/reservations tests the limit itself.
    MAX_OPEN_RESERVATIONS: "1000",
    // Suites count the lounges they create; the first-start lounge is tested in test/process.
    DEFAULT_LOUNGE: "false",
    METRICS_TOKEN: "test-metrics-token-0123456789",
    // The operator's view (test/http/operator, test/e2e/operator) is for this account only.
    OPERATORS: "test_operator",
    // Room for every lounge the suites create over HTTP from loopback; test/http/lounge-limits
    // reaches these limits from addresses and accounts of its own.
    LOUNGE_CREATE_IP_BURST: "100", LOUNGE_CREATE_USER_BURST: "20",
    // Short enough for the slow-client test to see the server hang up.
    HTTP_HEADERS_TIMEOUT_SECONDS: "2",
    // A second site the CORS and origin tests treat as allowed.
    ALLOWED_ORIGINS: "https://friend.example",
  });
  if (!databaseUrl) config.pgliteDir = ":memory:";
  const lounge = await createLoungeServer({ config, log: pino({ level: process.env.TEST_LOG_LEVEL ?? "silent" }) });
  await lounge.listen();
  return { lounge, colyseus: new ColyseusTestServer(lounge.server), port, baseUrl: `http://127.0.0.1:${port}`, databaseUrl };
}

export async function stopTestServer(): Promise<void> {
  if (!booting) return;
  const ts = await booting.catch(() => undefined);
  booting = undefined;
  await ts?.lounge.close();
  await dropDatabase?.();
  if (tracksDir) await rm(tracksDir, { recursive: true, force: true });
}
