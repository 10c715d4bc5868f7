// `npm run bench`, in two parts. Load: starts a lounge server, creates L lounges, drives N headless
// @colyseus/sdk clients from W worker processes, and reports chat throughput and latency, avatar
// position age, and the server's CPU and memory. Playback: Chromium pages listening together, and
// the clock offset under injected jitter (playback-sync.ts). Tables, and the embeddable widget's
// time to interactive (widget-open.ts), and the outage after kill -9 of a process (crash.ts).
// See bench/README.md.
//   npm run bench -- --clients 200 --lounges 10 --workers 4 --seconds 30
//   npm run bench -- --only playback --pages 6 --playback-seconds 120
import { rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { MAX_CAPACITY } from "../shared/api.ts";
import { parseOptions, usage, type BenchOptions } from "./options.ts";
import { ServerProcess } from "./server-process.ts";
import { WorkerPool } from "./worker-pool.ts";
import { startHttpProbe } from "./http-probe.ts";
import { chatFigures, percentiles, walkFigures } from "./figures.ts";
import { formatPlaybackReport, formatReport, writeResults, type BenchFigures } from "./report.ts";
import { runPlaybackBench, IN_STEP_MS } from "./playback-sync.ts";
import { runTableBench } from "./tables.ts";
import { runWidgetBench } from "./widget-open.ts";
import { runVoiceBench } from "./voice.ts";
import { runCrashBench } from "./crash.ts";

const root = fileURLToPath(new URL("..", import.meta.url));
const SERVER_START_TIMEOUT_MS = 90_000;
const RAMP_UP_TIMEOUT_MS = 90_000;
/** After the last send, how long receivers keep watching for the last deliveries. */
const DRAIN_MS = 2000;
const PROGRESS_EVERY_MS = 5000;
const PROBE_EVERY_MS = 100;

const sleep = (ms: number) => new Promise((r) => setTimeout(r, Math.max(0, ms)));
const say = (line: string) => console.log(line);
const seconds = (sinceMs: number) => ((Date.now() - sinceMs) / 1000).toFixed(0).padStart(3);

/**
 * Bench clients chat on a fixed schedule right at the default limit (burst 5, then 1/s); timer
 * jitter would get some refused and measure the limiter, not the server. So the limit is raised.
 */
function serverOverrides(opts: BenchOptions): Record<string, string> {
  const chatPerSecond = 1000 / opts.chatEveryMs;
  const overrides: Record<string, string> = {
    CHAT_BURST: "20",
    // Every bench client joins from loopback, many at once.
    MAX_OPEN_RESERVATIONS: "100000",
    CHAT_PER_SECOND: String(Math.min(1000, Math.max(2, Math.ceil(chatPerSecond * 2)))),
  };
  const messagesPerSecond = chatPerSecond + 2000 / opts.walkEveryMs; // a walk is a start and a stop
  if (messagesPerSecond * 3 > 60) overrides.ABUSE_MESSAGES_PER_SECOND = String(Math.min(10_000, Math.ceil(messagesPerSecond * 3)));
  return overrides;
}

async function createLounges(url: string, count: number): Promise<string[]> {
  const ids: string[] = [];
  for (let i = 0; i < count; i++) {
    const res = await fetch(`${url}/api/lounges`, {
      method: "POST", headers: { "content-type": "application/json" },
      body: JSON.stringify({ name: `Bench lounge ${i + 1}`, capacity: MAX_CAPACITY }),
    });
    const body: unknown = await res.json().catch(() => undefined);
    const id = typeof body === "object" && body !== null && "id" in body && typeof body.id === "string" ? body.id : undefined;
    if (!res.ok || !id) throw new Error(`POST /api/lounges answered ${res.status}: ${JSON.stringify(body)}`);
    ids.push(id);
  }
  return ids;
}

async function main(opts: BenchOptions, server: ServerProcess, pool: WorkerPool): Promise<number> {
  const loadAverageBefore = os.loadavg()[0];
  const overrides = serverOverrides(opts);
  say(`Chill Lounge bench: ${opts.clients} clients in ${opts.lounges} lounges from ${opts.workers} worker processes, ${opts.seconds} s measured`);
  say(`  each client: a chat message every ${opts.chatEveryMs} ms, a ${opts.walkHoldMs} ms walk every ${opts.walkEveryMs} ms`);
  say(`  server: ${server.url}, ${opts.databaseUrl ? "Postgres from BENCH_DATABASE_URL" : "embedded PGlite in a temp DATA_DIR"}, LOG_LEVEL=warn`);
  say(`  server settings raised for the bench: ${Object.entries(overrides).map(([k, v]) => `${k}=${v}`).join(" ")}` +
    " (defaults: CHAT_BURST=5 CHAT_PER_SECOND=1 ABUSE_MESSAGES_PER_SECOND=60)");

  const bootAt = Date.now();
  try {
    await server.start(root, SERVER_START_TIMEOUT_MS);
  } catch (err) {
    console.error(`\nbench: the server failed to start: ${err instanceof Error ? err.message : String(err)}`);
    return 1;
  }
  say(`  server up in ${((Date.now() - bootAt) / 1000).toFixed(1)} s (pid ${server.pid})`);
  const loungeIds = await createLounges(server.url, opts.lounges);
  const idle = await server.memory();

  // Client k joins lounge k mod L and runs in worker k mod W: every lounge spans every worker.
  for (let w = 0; w < opts.workers; w++) {
    const clients = Array.from({ length: opts.clients }, (_, k) => k).filter((k) => k % opts.workers === w);
    pool.spawn({
      worker: w, workers: opts.workers, url: server.url, loungeIds: clients.map((k) => loungeIds[k % opts.lounges]),
      joinConcurrency: opts.joinConcurrency, chatEveryMs: opts.chatEveryMs, walkEveryMs: opts.walkEveryMs, walkHoldMs: opts.walkHoldMs,
    });
  }
  const rampAt = Date.now();
  const rampLine = () => say(`  ramp-up ${seconds(rampAt)} s: ${pool.joined}/${opts.clients} joined, ${pool.failed} failed`);
  const rampedUp = await pool.waitFor("ready", RAMP_UP_TIMEOUT_MS, rampLine);
  const rampUpSeconds = (Date.now() - rampAt) / 1000;
  rampLine();
  if (!rampedUp) { console.error(`bench: ramp-up did not finish within ${RAMP_UP_TIMEOUT_MS / 1000} s`); return 1; }
  if (server.hasExited) { console.error(`bench: the server ${server.exitDescription} during ramp-up`); return 1; }
  if (pool.joined === 0) { console.error(`bench: no client could join: ${JSON.stringify(pool.joinErrors)}`); return 1; }
  const afterRampUp = await server.memory();

  // Measured phase: every worker starts its schedules at the same moment.
  const at = Date.now() + 300;
  const until = at + opts.seconds * 1000;
  pool.send({ type: "start", at, until });
  await sleep(at - Date.now());
  const cpuStart = await server.cpuSeconds();
  const scheduleStart = await server.mainThreadSchedule();
  const wallStart = performance.now();
  const probe = startHttpProbe(server.url, PROBE_EVERY_MS);
  let last = { wall: wallStart, cpu: cpuStart, acked: 0 };
  while (Date.now() < until - 200 && !server.hasExited) {
    await sleep(Math.min(PROGRESS_EVERY_MS, until - Date.now()));
    if (server.hasExited) break;
    const now = { wall: performance.now(), cpu: await server.cpuSeconds(), acked: pool.total("chatAcked") };
    const secs = (now.wall - last.wall) / 1000;
    const { rssMiB } = await server.memory();
    say(`  measure ${seconds(at)}/${opts.seconds} s: chat ${pool.total("chatSent")} sent, ${now.acked} acked ` +
      `(${((now.acked - last.acked) / secs).toFixed(0)}/s), ${pool.total("chatRefused")} refused; walks ${pool.total("walksSent")}; ` +
      `server CPU ${(((now.cpu - last.cpu) / secs) * 100).toFixed(0)} %, RSS ${rssMiB.toFixed(0)} MiB; ${pool.total("disconnects")} disconnects`);
    last = now;
  }
  await sleep(until - Date.now());
  const alive = !server.hasExited;
  const measuredSeconds = (performance.now() - wallStart) / 1000;
  const cpuEnd = alive ? await server.cpuSeconds() : cpuStart;
  const scheduleEnd = alive ? await server.mainThreadSchedule() : scheduleStart;
  const end = alive ? await server.memory() : { rssMiB: NaN, peakMiB: NaN };
  const probeMs = probe.stop();

  say(`  collecting (waiting ${DRAIN_MS} ms for the last deliveries)…`);
  await sleep(DRAIN_MS);
  pool.send({ type: "collect" });
  await pool.waitFor("results", 30_000);
  const results = pool.results();

  const deliveries = new Map<string, number[]>();
  for (const r of results) for (const [nonce, delays] of r.deliveries) deliveries.set(nonce, [...(deliveries.get(nonce) ?? []), ...delays]);
  const disconnects = results.flatMap((r) => r.disconnects);
  const disconnectReasons: Record<string, number> = {};
  for (const d of disconnects) { const key = `${d.code}${d.reason ? ` ${d.reason}` : ""}`; disconnectReasons[key] = (disconnectReasons[key] ?? 0) + 1; }
  const serverErrorMessages: Record<string, number> = {};
  for (const r of results) for (const [code, n] of Object.entries(r.serverErrors)) serverErrorMessages[code] = (serverErrorMessages[code] ?? 0) + n;
  const connected = pool.joined;
  const cpuPercent = ((cpuEnd - cpuStart) / measuredSeconds) * 100;
  const { databaseUrl: _omitted, ...shownOptions } = opts;

  const figures: BenchFigures = {
    finishedAt: new Date().toISOString(),
    options: shownOptions,
    database: opts.databaseUrl ? "postgres" : "pglite",
    serverOverrides: overrides,
    machine: { cpus: os.cpus().length, node: process.version, loadAverageBefore, loadAverageAfter: os.loadavg()[0] },
    clients: {
      requested: opts.clients, connected, failed: pool.failed, joinErrors: pool.joinErrors, joinMs: percentiles(pool.joinMs),
      rampUpSeconds, disconnected: disconnects.length, disconnectReasons,
    },
    lounges: opts.lounges,
    measuredSeconds,
    chat: chatFigures(results.flatMap((r) => r.chat), deliveries, pool.membership, measuredSeconds),
    walk: walkFigures(results.flatMap((r) => r.walks), results.flatMap((r) => r.seen), pool.membership),
    serverErrorMessages,
    server: {
      cpuPercentOfOneCore: cpuPercent, cpuPercentPerClient: cpuPercent / Math.max(1, connected),
      rssMiB: { idle: idle.rssMiB, afterRampUp: afterRampUp.rssMiB, end: end.rssMiB, peak: end.peakMiB },
      rssKiBPerClient: (end.rssMiB * 1024) / Math.max(1, connected),
      mainThread: {
        runningPercent: ((scheduleEnd.runningSeconds - scheduleStart.runningSeconds) / measuredSeconds) * 100,
        waitingForCpuPercent: ((scheduleEnd.waitingSeconds - scheduleStart.waitingSeconds) / measuredSeconds) * 100,
      },
      httpProbeMs: percentiles(probeMs),
      log: server.logSummary(), alive,
    },
    workersCpuPercentOfOneCore: (results.reduce((n, r) => n + r.cpuMs, 0) / 1000 / measuredSeconds) * 100,
    problems: [],
  };
  const problems = figures.problems;
  if (!alive) problems.push(`the server ${server.exitDescription} during the measured phase`);
  problems.push(...pool.failures());
  if (figures.clients.failed) problems.push(`${figures.clients.failed} clients could not join`);
  if (disconnects.length) problems.push(`${disconnects.length} clients were disconnected during the run`);
  if (figures.chat.incomplete) problems.push(`${figures.chat.incomplete} acknowledged chat messages did not reach every other member`);
  if (Object.keys(figures.chat.refused).length) problems.push(`chat messages refused or failed: ${JSON.stringify(figures.chat.refused)}`);
  const errorsLogged = (figures.server.log.counts.error ?? 0) + (figures.server.log.counts.fatal ?? 0);
  if (errorsLogged) problems.push(`the server logged ${errorsLogged} errors`);

  say("");
  say(formatReport(figures));
  const file = await writeResults(path.join(root, "bench", "results"), figures);
  say(`Figures written to ${path.relative(root, file)}`);
  return alive && pool.failures().length === 0 ? 0 : 1;
}

if (process.argv.includes("--help") || process.argv.includes("-h")) {
  say(usage());
  process.exit(0);
}
let opts: BenchOptions;
try {
  opts = parseOptions(process.argv.slice(2), process.env);
} catch (err) {
  console.error(`bench: ${err instanceof Error ? err.message : String(err)}`);
  process.exit(2);
}

/** The load part: a server process, worker processes of SDK clients, figures. */
async function loadPart(opts: BenchOptions): Promise<number> {
  const server = await ServerProcess.prepare(serverOverrides(opts), opts.databaseUrl);
  const pool = new WorkerPool();
  let cleaning: Promise<void> | undefined;
  const cleanup = () => (cleaning ??= (async () => {
    pool.killAll();
    await server.stop();
  })());
  // Ctrl-C reaches the whole process group; whatever survives it is ended here, then the temp dir goes.
  const onSignal = (signal: NodeJS.Signals, code: number) => () => {
    console.error(`\nbench: ${signal}: stopping the workers and the server`);
    void cleanup().finally(() => process.exit(code));
  };
  const onInt = onSignal("SIGINT", 130), onTerm = onSignal("SIGTERM", 143);
  process.once("SIGINT", onInt);
  process.once("SIGTERM", onTerm);
  const onExit = () => {
    pool.killAll();
    server.killNow();
    rmSync(server.dataDir, { recursive: true, force: true });
  };
  process.once("exit", onExit);
  try {
    return await main(opts, server, pool);
  } catch (err) {
    console.error(`bench: ${err instanceof Error ? err.stack ?? err.message : String(err)}`);
    return 1;
  } finally {
    await cleanup();
    rmSync(server.dataDir, { recursive: true, force: true });
    process.off("SIGINT", onInt);
    process.off("SIGTERM", onTerm);
    process.off("exit", onExit);
  }
}

/** The playback part: Chromium pages listening together, then the clock offset under jitter. */
async function playbackPart(opts: BenchOptions): Promise<number> {
  try {
    const figures = await runPlaybackBench(opts, say);
    say("");
    say(formatPlaybackReport(figures, IN_STEP_MS));
    const file = await writeResults(path.join(root, "bench", "results"), figures, "playback-latest.json");
    say(`Figures written to ${path.relative(root, file)}`);
    return 0;
  } catch (err) {
    console.error(`bench (playback): ${err instanceof Error ? err.stack ?? err.message : String(err)}`);
    return 1;
  }
}

let code = 0;
if (opts.parts.includes("tables")) {
  code = Math.max(code, await runTableBench({ lounges: Math.max(1, Math.ceil(opts.lounges * 2.5)), seconds: Math.min(opts.seconds, 20), databaseUrl: opts.databaseUrl }, root, say)
    .catch((err: unknown) => { console.error(`bench (tables): ${err instanceof Error ? err.stack ?? err.message : String(err)}`); return 1; }));
  say("");
}
if (opts.parts.includes("load")) code = Math.max(code, await loadPart(opts));
if (opts.parts.includes("playback")) {
  if (opts.parts.includes("load")) say("");
  code = Math.max(code, await playbackPart(opts));
}
if (opts.parts.includes("widget")) {
  say("");
  code = Math.max(code, await runWidgetBench(5, say)
    .catch((err: unknown) => { console.error(`bench (widget): ${err instanceof Error ? err.stack ?? err.message : String(err)}`); return 1; }));
}
if (opts.parts.includes("voice")) {
  say("");
  code = Math.max(code, await runVoiceBench({ pages: Math.max(2, opts.pages), seconds: Math.min(opts.playbackSeconds, 20) }, say)
    .catch((err: unknown) => { console.error(`bench (voice): ${err instanceof Error ? err.stack ?? err.message : String(err)}`); return 1; }));
}
if (opts.parts.includes("crash")) {
  say("");
  code = Math.max(code, await runCrashBench(5, say)
    .catch((err: unknown) => { console.error(`bench (crash): ${err instanceof Error ? err.stack ?? err.message : String(err)}`); return 1; }));
}
process.exit(code);
