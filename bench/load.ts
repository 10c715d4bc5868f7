// The load part of `npm run bench`: the same workload against bare Colyseus and against Chill
// Lounge, one after the other in the same run. For each server: start it (pinned to its own core
// when taskset exists), grow through the sizes (people connected at once), and at each size
// measure the server's CPU and memory, frames per person, disconnects, and delivery as the
// observers see it, with the load generator's own CPU beside it. See bench/README.md.
import os from "node:os";
import { readFileSync } from "node:fs";
import { ServerProcess } from "./server-process.ts";
import { WorkerPool } from "./worker-pool.ts";
import { pinPostgres, planPinning, type Pinning } from "./pinning.ts";
import { planSeats, roomsFor, OBSERVERS_PER_ROOM } from "./seating.ts";
import { bucketPercentiles, busyShare, chatFigures, cpuList, cpusBusyShare, parseBuckets, parseCpuTimes, percentiles, slopePerPerson, walkFigures, GENERATOR_SATURATED, LOAD_CORES_FULL, type Buckets, type CpuTimes } from "./figures.ts";
import { chooseDatabase, loadTargets, type LoadDatabase, type LoadTarget } from "./load-targets.ts";
import { DEFAULT_PEOPLE, type BenchOptions } from "./options.ts";
import type { LoadFigures, ServerRun, SizeFigures } from "./load-report.ts";
import type { PhaseResults, Seat, ToWorker } from "./worker-protocol.ts";

const SERVER_START_TIMEOUT_MS = 90_000;
/** After the last send, how long observers keep watching for the last deliveries. */
const DRAIN_MS = 1500;
const PROGRESS_EVERY_MS = 5000;

const sleep = (ms: number) => new Promise((r) => setTimeout(r, Math.max(0, ms)));
const secondsSince = (ms: number) => ((Date.now() - ms) / 1000).toFixed(0).padStart(3);
const rampTimeoutMs = (people: number) => 60_000 + people * 60;

type Say = (line: string) => void;

/** Seats `from`..`to` on a running server, every worker taking its share; resolves when all are in (or time is up). */
async function grow(pool: WorkerPool, target: LoadTarget, url: string, rooms: string[], from: number, to: number, opts: BenchOptions, say: Say): Promise<number> {
  // Joins go round the rooms (seat 0 of every room, then seat 1…): joins to one lounge wait for each other.
  const plan = planSeats(from, to, { loungeSize: opts.loungeSize, walkersPercent: opts.walkersPercent, observers: opts.observers, workers: opts.workers })
    .sort((a, b) => (a.person % opts.loungeSize) - (b.person % opts.loungeSize) || a.room - b.room);
  const seatsOf = (worker: number): Seat[] => plan.filter((s) => s.worker === worker).map((s) => ({
    role: s.role, room: rooms[s.room], options: target.joinOptions(rooms[s.room], s.person), walkPhase: s.walkPhase, walkAt: s.walkAt,
  }));
  const started = Date.now();
  const failedBefore = pool.failed;
  pool.send((w) => ({ type: "join", worker: w, target: { url, ...target.messages }, seats: seatsOf(w), joinConcurrency: opts.joinConcurrency }));
  const line = () => say(`    ramp-up ${secondsSince(started)} s: ${pool.joined}/${to} joined, ${pool.failed - failedBefore} failed`);
  if (!await pool.waitFor("ready", rampTimeoutMs(to - from), line)) say(`    ramp-up did not finish within ${rampTimeoutMs(to - from) / 1000} s; measuring who is in`);
  line();
  return (Date.now() - started) / 1000;
}

/**
 * Each worker's share of the chat: the senders (everyone but the observers) sit in the first
 * `--workers` workers, evenly; the observers' own worker sends none.
 */
function startPhase(opts: BenchOptions, at: number, until: number): (worker: number) => ToWorker {
  return (worker) => ({
    type: "start", at, until, chatPerSecond: worker < opts.workers ? opts.chatRate / opts.workers : 0,
    walkEveryMs: opts.walkEveryMs, walkHoldMs: opts.walkHoldMs,
  });
}

/** Runs the workload for `--warmup` seconds and throws its figures away, all but who was disconnected. */
async function warmUp(pool: WorkerPool, opts: BenchOptions, say: Say): Promise<PhaseResults["disconnects"]> {
  if (opts.warmupSeconds <= 0) return [];
  say(`    warm-up ${opts.warmupSeconds} s (the workload, not measured)`);
  const at = Date.now() + 500;
  const until = at + opts.warmupSeconds * 1000;
  pool.send(startPhase(opts, at, until));
  await sleep(until - Date.now() + DRAIN_MS);
  pool.send({ type: "collect" });
  await pool.waitFor("results", 30_000);
  return pool.results().flatMap((r) => r.disconnects);
}

/** The server's chat-store and patch-wait histograms now (empty when the server has none or does not answer). */
async function serverHistograms(server: ServerProcess, target: LoadTarget): Promise<{ chatStore: Buckets; patchWait: Buckets }> {
  const none = { chatStore: new Map(), patchWait: new Map() };
  if (!target.histograms) return none;
  try {
    const res = await fetch(`${server.url}/metrics`, { headers: { authorization: `Bearer ${target.histograms.token}` }, signal: AbortSignal.timeout(5000) });
    if (!res.ok) return none;
    const text = await res.text();
    return { chatStore: parseBuckets(text, target.histograms.chatStore), patchWait: parseBuckets(text, target.histograms.patchWait) };
  } catch {
    return none;
  }
}

/** Per-CPU times now, or undefined where there is no /proc/stat. */
function readCpuTimes(): CpuTimes | undefined {
  try {
    return parseCpuTimes(readFileSync("/proc/stat", "utf8"));
  } catch {
    return undefined;
  }
}

async function measureSize(server: ServerProcess, target: LoadTarget, pool: WorkerPool, pinning: Pinning, people: number, rampUpSeconds: number, opts: BenchOptions, say: Say): Promise<SizeFigures> {
  const joinMs = percentiles(pool.joinMs);
  pool.joinMs = [];
  await sleep(1000);
  const heap = await server.collectGarbage(700);
  const rss = await server.memory();
  // The same workload first, not counted: a server just started (or just grown) compiles its hot
  // paths, fills its pools and caches in the first seconds, and that is not its steady cost.
  const warmupDisconnects = await warmUp(pool, opts, say);
  const at = Date.now() + 500;
  const until = at + opts.seconds * 1000;
    pool.send(startPhase(opts, at, until));
  await sleep(at - Date.now());
  void server.stalls(0); // counts from here
  const histogramsBefore = await serverHistograms(server, target);
  const cpuStart = await server.cpuSeconds();
  const schedStart = await server.mainThreadSchedule();
  const runnerStart = process.cpuUsage();
  const coresStart = readCpuTimes();
  const wallStart = performance.now();
  let last = { wall: wallStart, cpu: cpuStart };
  while (Date.now() < until - 200 && !server.hasExited) {
    await sleep(Math.min(PROGRESS_EVERY_MS, until - Date.now()));
    if (server.hasExited) break;
    const now = { wall: performance.now(), cpu: await server.cpuSeconds() };
    say(`    measure ${secondsSince(at)}/${opts.seconds} s: server CPU ${(((now.cpu - last.cpu) / ((now.wall - last.wall) / 1000)) * 100).toFixed(0)} % of a core; ` +
      `chat ${pool.total("chatSent")} sent${pool.total("chatAcked") ? `, ${pool.total("chatAcked")} acked` : ""}; walks ${pool.total("walksSent")}; ${pool.total("disconnects")} disconnects`);
    last = now;
  }
  await sleep(until - Date.now());
  const alive = !server.hasExited;
  const wall = (performance.now() - wallStart) / 1000;
  const coresEnd = readCpuTimes(); // over the same span as `wall`
  const cpu = alive ? await server.cpuSeconds() - cpuStart : NaN;
  const sched = alive ? await server.mainThreadSchedule() : schedStart;
  const stalls = alive ? await server.stalls() : undefined;
  const histogramsAfter = alive ? await serverHistograms(server, target) : undefined;
  const runner = process.cpuUsage(runnerStart);
  await sleep(DRAIN_MS);
  pool.send({ type: "collect" });
  await pool.waitFor("results", 30_000);
  const results = pool.results();

  const deliveries = new Map<string, number[]>();
  for (const r of results) for (const [nonce, delays] of r.deliveries) deliveries.set(nonce, [...(deliveries.get(nonce) ?? []), ...delays]);
  const observersIn = (room: string) => pool.observersIn.get(room) ?? 0;
  const disconnects = [...warmupDisconnects, ...results.flatMap((r) => r.disconnects)];
  const disconnectReasons: Record<string, number> = {};
  for (const d of disconnects) { const key = `${d.code}${d.reason ? ` ${d.reason}` : ""}`; disconnectReasons[key] = (disconnectReasons[key] ?? 0) + 1; }
  const generatorCpu = results.reduce((n, r) => n + r.cpuMs, 0) / 1000 + (runner.user + runner.system) / 1e6;
  const generatorShare = busyShare(generatorCpu, wall, pinning.generatorCores);
  // Everything on the generator's cores, not only its own processes (Postgres with --pin-postgres).
  const loadCoresBusy = pinning.generator && coresStart && coresEnd ? cpusBusyShare(coresStart, coresEnd, cpuList(pinning.generator)) : null;
  const rawFrames = results.reduce((n, r) => n + r.rawFrames, 0);
  const rawBytes = results.reduce((n, r) => n + r.rawBytes, 0);
  const rawPatchFrames = results.reduce((n, r) => n + r.rawPatchFrames, 0);
  const rawPatchBytes = results.reduce((n, r) => n + r.rawPatchBytes, 0);
  const rawSeats = results.reduce((n, r) => n + r.rawClients, 0);
  const connected = pool.joined;
  const chat = chatFigures(results.flatMap((r) => r.chat), deliveries, observersIn);
  return {
    people, connected, failed: pool.failed, joinErrors: { ...pool.joinErrors }, rampUpSeconds, joinMs, measuredSeconds: wall,
    server: {
      alive, cpuCores: cpu / wall, cpuMsPerPersonPerSecond: (cpu / wall) * 1000 / Math.max(1, connected), rssMiB: rss.rssMiB,
      heapUsedMiB: heap?.heapUsedMiB ?? NaN, externalMiB: heap?.externalMiB ?? NaN,
      mainThreadWaitingPercent: ((sched.waitingSeconds - schedStart.waitingSeconds) / wall) * 100,
      stalls,
    },
    framesPerPersonPerSecond: rawFrames / Math.max(1, rawSeats) / wall,
    kibPerPersonPerSecond: rawBytes / 1024 / Math.max(1, rawSeats) / wall,
    patches: {
      framesPerPersonPerSecond: rawPatchFrames / Math.max(1, rawSeats) / wall,
      kibPerPersonPerSecond: rawPatchBytes / 1024 / Math.max(1, rawSeats) / wall,
    },
    disconnects: disconnects.length, disconnectReasons,
    chat: { ...chat, sentPerSecond: chat.sent / wall, storedMs: histogramsAfter && histogramsAfter.chatStore.size > 0 ? bucketPercentiles(histogramsBefore.chatStore, histogramsAfter.chatStore) : null },
    walk: walkFigures(results.flatMap((r) => r.walks), results.flatMap((r) => r.seen), observersIn),
    patchWaitMs: histogramsAfter && histogramsAfter.patchWait.size > 0 ? bucketPercentiles(histogramsBefore.patchWait, histogramsAfter.patchWait) : null,
    generator: {
      cpuCores: generatorCpu / wall, cores: pinning.generatorCores, share: generatorShare, coresBusy: loadCoresBusy,
      saturated: generatorShare > GENERATOR_SATURATED || (loadCoresBusy ?? 0) > LOAD_CORES_FULL,
    },
    workerFailures: pool.failures(),
  };
}

async function runServer(target: LoadTarget, opts: BenchOptions, pinning: Pinning, db: LoadDatabase, root: string, say: Say): Promise<Omit<ServerRun, "round">> {
  const server = await ServerProcess.prepare(target.overrides, target.name === "lounge" ? db.url : undefined, { script: target.script, cpus: pinning.server });
  const sizes: SizeFigures[] = [];
  const problems: string[] = [];
  let pool: WorkerPool | undefined;
  const stopOnSignal = () => { pool?.killAll(); server.killNow(); };
  process.once("exit", stopOnSignal);
  try {
    say(`  ${target.label}: starting ${target.script}${target.name === "lounge" ? ` on ${db.kind}` : ""}…`);
    const bootAt = Date.now();
    // The workers load their code while the server starts.
    // One more worker than --workers: the observers' own process.
    pool = new WorkerPool(opts.workers + 1, pinning.generator);
    await server.start(root, SERVER_START_TIMEOUT_MS);
    say(`    up in ${((Date.now() - bootAt) / 1000).toFixed(1)} s (pid ${server.pid})`);
    const rooms = await target.makeRooms(server.url, roomsFor(Math.max(...opts.people), opts.loungeSize));
    let seated = 0;
    for (const people of opts.people) {
      say(`  ${target.label} at ${people.toLocaleString("en-US")} people (${roomsFor(people, opts.loungeSize)} rooms):`);
      const rampUpSeconds = await grow(pool, target, server.url, rooms, seated, people, opts, say);
      seated = people;
      const size = await measureSize(server, target, pool, pinning, people, rampUpSeconds, opts, say);
      sizes.push(size);
      if (!size.server.alive) { problems.push(`the server ${server.exitDescription} at ${people} people`); break; }
    }
  } catch (err) {
    problems.push(`${target.label}: ${err instanceof Error ? err.message : String(err)}`);
  } finally {
    await pool?.close();
    await server.stop();
    process.off("exit", stopOnSignal);
  }
  const log = server.logSummary();
  const errors = (log.counts.error ?? 0) + (log.counts.fatal ?? 0);
  if (errors) problems.push(`${target.label} logged ${errors} errors: ${log.samples.slice(0, 3).join("; ")}`);
  return {
    server: target.name, label: target.label, database: target.name === "lounge" ? db.kind : "none",
    overrides: target.overrides, sizes, log,
    memoryKiBPerPerson: slopePerPerson(sizes.map((s) => ({ people: s.connected, value: s.server.rssMiB * 1024 }))),
    heapKiBPerPerson: slopePerPerson(sizes.map((s) => ({ people: s.connected, value: s.server.heapUsedMiB * 1024 }))),
    liveKiBPerPerson: slopePerPerson(sizes.map((s) => ({ people: s.connected, value: (s.server.heapUsedMiB + s.server.externalMiB) * 1024 }))),
    problems,
  };
}

export async function runLoadBench(opts: BenchOptions, root: string, say: Say): Promise<LoadFigures> {
  const pinning = planPinning();
  const needsDb = opts.servers.includes("lounge");
  const db = needsDb ? await chooseDatabase(opts.databaseUrl, opts.forcePglite) : { kind: "pglite" as const, url: undefined, description: "none", drop: async () => {} };
  const loadBefore = os.loadavg()[0];
  const observedRooms = Math.ceil(opts.observers / OBSERVERS_PER_ROOM);
  say(`Load: ${opts.servers.map((s) => loadTargets[s].label).join(" and ")} with the same workload, at ${opts.people.map((n) => n.toLocaleString("en-US")).join(" and ")} people`);
  say(`  rooms of ${opts.loungeSize}; ${opts.walkersPercent} % walk (a ${opts.walkHoldMs} ms walk every ${opts.walkEveryMs} ms, round a square); ${opts.chatRate} chat messages/s in all`);
  say(`  ${opts.observers} observers (SDK clients that decode, ${OBSERVERS_PER_ROOM} in each of the first ${observedRooms} rooms); everyone else a raw WebSocket that counts frames`);
  say(`  ${opts.workers} load-generator worker processes, and one for the observers; ${opts.seconds} s measured per size; ${pinning.description}`);
  if (needsDb) say(`  lounge database: ${db.description}`);
  const postgresPin = opts.pinPostgres && needsDb && db.kind === "postgres" && pinning.generator
    ? pinPostgres(pinning.generator)
    : { restore: () => undefined, description: opts.pinPostgres ? "--pin-postgres: nothing to pin (no local Postgres in use, or no taskset)" : "" };
  if (postgresPin.description) say(`  ${postgresPin.description}`);
  process.once("exit", postgresPin.restore);
  if (opts.people.join() === DEFAULT_PEOPLE.join()) {
    say(`  (default sizes; the goals are stated at 1,000–5,000 people: e.g. --people 1000,3000 --seconds 20, which takes several minutes)`);
  }
  const runs: ServerRun[] = [];
  try {
    // Round by round, the servers one after the other (bare, lounge, bare, lounge…): the machine's
    // drift over a long run falls on both alike, and each round gives one ratio.
    for (let round = 1; round <= opts.rounds; round++) {
      if (opts.rounds > 1) say(`  round ${round} of ${opts.rounds}`);
      for (const name of opts.servers) runs.push({ ...await runServer(loadTargets[name], opts, pinning, db, root, say), round });
    }
  } finally {
    postgresPin.restore();
    await db.drop().catch((err: unknown) => say(`  could not drop the scratch database: ${err instanceof Error ? err.message : String(err)}`));
  }
  const { databaseUrl: _omitted, ...shownOptions } = opts;
  return {
    finishedAt: new Date().toISOString(),
    machine: { cpus: os.cpus().length, model: os.cpus()[0]?.model ?? "unknown", node: process.version, loadAverageBefore: loadBefore, loadAverageAfter: os.loadavg()[0] },
    options: shownOptions, pinning: [pinning.description, postgresPin.description].filter(Boolean).join("; "), database: db.description, runs,
  };
}
