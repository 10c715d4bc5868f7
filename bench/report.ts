// The bench's results: JSON-able objects (written to bench/results/) and the tables printed at the
// end of each part.
import { mkdir, writeFile } from "node:fs/promises";
import path from "node:path";
import type { BenchOptions } from "./options.ts";
import type { ChatFigures, Percentiles, WalkFigures } from "./figures.ts";
import type { ServerLogSummary } from "./server-process.ts";
import type { PlaybackFigures } from "./playback-sync.ts";

export interface BenchFigures {
  finishedAt: string;
  options: Omit<BenchOptions, "databaseUrl">;
  database: "pglite" | "postgres";
  /** Server settings the bench changed from their defaults, as passed in its environment. */
  serverOverrides: Record<string, string>;
  machine: { cpus: number; node: string; loadAverageBefore: number; loadAverageAfter: number };
  clients: { requested: number; connected: number; failed: number; joinErrors: Record<string, number>; joinMs: Percentiles; rampUpSeconds: number; disconnected: number; disconnectReasons: Record<string, number> };
  lounges: number;
  measuredSeconds: number;
  chat: ChatFigures;
  walk: WalkFigures;
  /** `error` messages the server sent to clients, by code. */
  serverErrorMessages: Record<string, number>;
  server: {
    /** Over the measured phase: (utime + stime) / wall time, from /proc/<pid>/stat. */
    cpuPercentOfOneCore: number;
    cpuPercentPerClient: number;
    /**
     * VmRSS from /proc/<pid>/status: idle (just started, lounges created, nobody joined; startup
     * garbage not yet collected, so it can be above later figures), after ramp-up, at the end; VmHWM as peak.
     */
    rssMiB: { idle: number; afterRampUp: number; end: number; peak: number };
    /** end / connected clients (the whole process, divided: an upper bound on the cost of a client). */
    rssKiBPerClient: number;
    /** The main thread (event loop) over the measured phase, from /proc/<pid>/schedstat: on a CPU, and runnable but waiting for one. */
    mainThread: { runningPercent: number; waitingForCpuPercent: number };
    /** Round trips of a tiny HTTP request sent every 100 ms during the measured phase (bench/http-probe.ts). */
    httpProbeMs: Percentiles;
    log: ServerLogSummary;
    alive: boolean;
  };
  /** CPU the client workers used over the measured phase, summed: they share the machine with the server. */
  workersCpuPercentOfOneCore: number;
  problems: string[];
}

const ms = (v: number | null) => (v === null ? "–" : `${Math.round(v)} ms`);
const pcts = (p: Percentiles) => `${ms(p.p50)} / ${ms(p.p95)} / ${ms(p.p99)}`;
const int = (v: number) => Math.round(v).toLocaleString("en-US");
const codes = (r: Record<string, number>) => Object.entries(r).map(([k, n]) => `${k} ×${n}`).join(", ");

function table(title: string, rows: Array<[string, string]>): string {
  const left = Math.max(...rows.map(([k]) => k.length));
  const right = Math.max(title.length - left - 3, ...rows.map(([, v]) => v.length));
  const rule = (l: string, m: string, r: string) => `${l}${"─".repeat(left + 2)}${m}${"─".repeat(right + 2)}${r}`;
  return [
    rule("┌", "─", "┐"),
    `│ ${title.padEnd(left + right + 3)} │`,
    rule("├", "┬", "┤"),
    ...rows.map(([k, v]) => `│ ${k.padEnd(left)} │ ${v.padEnd(right)} │`),
    rule("└", "┴", "┘"),
  ].join("\n");
}

export function formatReport(f: BenchFigures): string {
  const c = f.clients, s = f.server;
  const rows: Array<[string, string]> = [
    ["clients connected", `${c.connected} of ${c.requested} (${c.failed} failed${c.failed ? `: ${codes(c.joinErrors)}` : ""}), ramp-up ${c.rampUpSeconds.toFixed(1)} s`],
    ["join time p50 / p95 / p99", pcts(c.joinMs)],
    ["lounges · workers", `${f.lounges} lounges (~${Math.round(c.connected / f.lounges)} people each) · ${f.options.workers} worker processes`],
    ["disconnected during the run", c.disconnected ? `${c.disconnected} (${codes(c.disconnectReasons)})` : "0"],
    ["chat acknowledged", `${f.chat.ackedPerSecond.toFixed(1)} msg/s (${int(f.chat.acked)} of ${int(f.chat.sent)} sent; ${Object.keys(f.chat.refused).length ? `refused/failed: ${codes(f.chat.refused)}` : "none refused or failed"})`],
    ["chat send → ack p50 / p95 / p99", pcts(f.chat.ackMs)],
    ["chat send → ALL other members p50/p95/p99", `${pcts(f.chat.allMembersMs)} (${int(f.chat.allMembersMs.samples)} messages, max ${ms(f.chat.allMembersMs.max)})`],
    ["chat send → each other member p50/p95/p99", `${pcts(f.chat.eachMemberMs)} (${int(f.chat.eachMemberMs.samples)} deliveries)`],
    ["chat not delivered to every member", `${f.chat.incomplete} messages (${f.chat.missingDeliveries} deliveries missing)`],
    ["walk → position seen, ALL members p50/p95/p99", `${pcts(f.walk.allMembersMs)} (${int(f.walk.allMembersMs.samples)} walks, max ${ms(f.walk.allMembersMs.max)})`],
    ["walk → position seen, each member p50/p95/p99", `${pcts(f.walk.eachMemberMs)} (${int(f.walk.eachMemberMs.samples)} observations)`],
    ["walks not seen moving by every member", `${f.walk.notSeenByAll} of ${int(f.walk.intents)} (${f.walk.unmatched} extra starts seen, e.g. stutter at a wall)`],
    ["server CPU (measured phase)", `${s.cpuPercentOfOneCore.toFixed(1)} % of one core · ${s.cpuPercentPerClient.toFixed(3)} % per client`],
    ["server RSS (end of measured phase)", `${s.rssMiB.end.toFixed(0)} MiB · ${int(s.rssKiBPerClient)} KiB per client (idle at start ${s.rssMiB.idle.toFixed(0)}, peak ${s.rssMiB.peak.toFixed(0)})`],
    ["server main thread (event loop)", `on a CPU ${s.mainThread.runningPercent.toFixed(1)} % of the time, runnable but waiting for a CPU ${s.mainThread.waitingForCpuPercent.toFixed(1)} %`],
    ["server event-loop probe p50/p95/p99", `${pcts(s.httpProbeMs)} (max ${ms(s.httpProbeMs.max)}; a 404 every 100 ms)`],
    ["client workers CPU (same machine)", `${f.workersCpuPercentOfOneCore.toFixed(1)} % of one core`],
    ["server warnings / errors logged", `${s.log.counts.warn ?? 0} / ${(s.log.counts.error ?? 0) + (s.log.counts.fatal ?? 0)}${s.log.counts.output ? ` (+${s.log.counts.output} other lines)` : ""}`],
    ["error messages sent to clients", Object.keys(f.serverErrorMessages).length ? codes(f.serverErrorMessages) : "none"],
  ];
  const title = `Chill Lounge bench · ${f.options.clients} clients · ${f.lounges} lounges · ${f.measuredSeconds.toFixed(1)} s measured · ${f.database}`;
  const notes = [
    "Chat latency: from the sender's Date.now() (carried in the nonce) to a receiver decoding the message from a state patch;",
    "  \"ALL\" is the slowest other member of the lounge, per message. Ack: the sender's request resolving (message stored).",
    `Walk latency: from a mover sending avatar:walk (standing still before, held ${f.options.walkHoldMs} ms) to a receiver decoding`,
    "  the patch where the avatar first moved (its `moving` turns true in the same server tick that changes x/y).",
    "Every client runs on this machine and shares its CPUs with the server: tails include clients waiting for CPU.",
  ];
  const extra = s.log.samples.length ? ["Server log (warn and above):", ...s.log.samples.map((l) => `  ${l}`)] : [];
  const problems = f.problems.length ? ["PROBLEMS:", ...f.problems.map((p) => `  ${p}`)] : [];
  return [table(title, rows), ...notes, ...extra, ...problems].join("\n");
}

const ms1 = (v: number | null) => (v === null ? "–" : `${v.toFixed(1)} ms`);
const pcts1 = (p: Percentiles) => `${ms1(p.p50)} / ${ms1(p.p95)} / ${ms1(p.max)}`;

export function formatPlaybackReport(f: PlaybackFigures, inStepMs: number): string {
  const r = f.rounds;
  const rows: Array<[string, string]> = [
    ["rounds of samples", `${r.total} (every ${f.sampleEveryMs} ms): ${r.steady} steady, ${r.settling} settling, ${r.paused} with nothing playing`],
    ["between pages (latest − earliest) p50 / p95 / max", `${pcts1(f.interClientMs)} (${f.interClientMs.samples} steady rounds)`],
    ["|page − room| p50 / p95 / max, all pages", pcts1(f.errorMs)],
    [`steady rounds with a page > ${inStepMs} ms off`, `${f.roundsOutOfStep} of ${r.steady}`],
    ...f.perPage.map((p): [string, string] => [`  ${p.name}: |error| p50 / p95 / max`, `${pcts1(p.errorMs)} (mean ${p.meanErrorMs >= 0 ? "+" : ""}${p.meanErrorMs.toFixed(1)} ms)`]),
    ...f.trackStarts.map((t): [string, string] => [`track start → all within ${inStepMs} ms`, `${t.allInStepAfterMs === null ? "not within the run" : `${Math.round(t.allInStepAfterMs)} ms`} (${t.title})`]),
    ["rounds with a page not on the room's track", String(f.notOnTrack)],
    ["pages' server clock error p50 / p95 / max", `${pcts1(f.clockErrorMs)} (${f.clockErrorMs.samples} of ${f.clockBracketMs.samples} probes read within ± ${f.tightProbeMs} ms)`],
  ];
  const jitterRows: Array<[string, string]> = f.clockJitter.map((c) => [c.profile, `rtt p50 ${c.rttP50Ms.toFixed(1)} ms · error p50 ${c.errorP50Ms.toFixed(2)} / p95 ${c.errorP95Ms.toFixed(2)} / max ${c.errorMaxMs.toFixed(2)} ms (${c.samples})`]);
  const notes = [
    "Each round asks every page at once for its howler sound's position less the output delay (what is heard) and its estimate",
    "  of the server's clock; the error is that position − the room's position at that server time (startedAt/positionMs/rate).",
    `  Rounds in the first ${f.settlingMs / 1000} s of a track (fetch, decode, first steering) or with a page still loading it count as settling.`,
    "Clock offset: an SDK client through a proxy that delays every chunk; the server is in-process, so the true offset is 0.",
  ];
  return [
    table(`Listen-together bench · ${f.pages} Chromium pages · ${f.measuredSeconds.toFixed(1)} s measured`, rows),
    table("Clock-offset error under injected jitter (ping every 250 ms, best of the last 8)", jitterRows),
    ...notes,
  ].join("\n");
}

export async function writeResults(dir: string, figures: BenchFigures | PlaybackFigures, name = "latest.json"): Promise<string> {
  await mkdir(dir, { recursive: true });
  const file = path.join(dir, name);
  await writeFile(file, `${JSON.stringify(figures, null, 2)}\n`);
  return file;
}
