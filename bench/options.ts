// The bench's knobs: command-line flags (`--clients 200` or `--clients=200`), else BENCH_* env
// variables, else defaults sized so each part finishes within about two minutes on a 2-core machine.
import { MAX_CAPACITY } from "../shared/api.ts";

/** The parts of `npm run bench`, in the order they run. */
export const benchParts = ["load", "playback", "tables", "widget", "voice", "crash"] as const;
export type BenchPart = (typeof benchParts)[number];

export interface BenchOptions {
  /** Which parts run (`--only playback`); all by default. */
  parts: BenchPart[];
  /** Load: the sizes measured, ascending (people connected at once); each server grows through them. */
  people: number[];
  /** Load: people per lounge (and per bare room). */
  loungeSize: number;
  /** Load: percentage of people who walk. */
  walkersPercent: number;
  /** Load: chat messages per second, all rooms together. */
  chatRate: number;
  /** Load: observers (decoding SDK clients that time delivery), two per room in the first rooms. */
  observers: number;
  /** Load: which servers run, in order. */
  servers: LoadServer[];
  /** Tables part: lounges (× 2.5). */
  lounges: number;
  workers: number;
  /** Length of each measured phase, after everyone has joined. */
  seconds: number;
  /** Load: the same workload run this long before each measured phase (JIT, pools and caches warm), not counted. */
  warmupSeconds: number;
  /** Load: how many times the servers run, alternating (a ratio per round, and their median). */
  rounds: number;
  /** Each walker starts a walk this often. */
  walkEveryMs: number;
  /** How long each walk holds its direction before stopping. */
  walkHoldMs: number;
  /** Joins each worker keeps in flight during ramp-up. */
  joinConcurrency: number;
  /** Playback part: Chromium pages listening in one lounge. */
  pages: number;
  /** Playback part: how long they listen, measured. */
  playbackSeconds: number;
  /** Playback part: ms between two rounds of samples from every page. */
  sampleEveryMs: number;
  /** Playback part: seconds per network profile of the clock-offset measurement. */
  clockSeconds: number;
  /** Postgres for the server (BENCH_DATABASE_URL); unset → a scratch database on the local Postgres when it answers (load part), else embedded PGlite. */
  databaseUrl: string | undefined;
  /** BENCH_DATABASE=pglite: never look for a local Postgres. */
  forcePglite: boolean;
  /** Load: move the local Postgres onto the load generator's CPUs for the run (--pin-postgres). */
  pinPostgres: boolean;
}

export const loadServers = ["bare", "lounge"] as const;
export type LoadServer = (typeof loadServers)[number];
/** Default sizes: small enough that both servers finish in a couple of minutes on 2 cores. */
export const DEFAULT_PEOPLE = [500, 1000];

interface Knob { key: keyof Omit<BenchOptions, "databaseUrl" | "parts" | "people" | "servers" | "forcePglite" | "pinPostgres">; flag: string; def: number; min: number; max: number; help: string }

const knobs: Knob[] = [
  { key: "loungeSize", flag: "lounge-size", def: 50, min: 2, max: MAX_CAPACITY, help: "load: people per lounge (and per bare room)" },
  { key: "walkersPercent", flag: "walkers", def: 20, min: 0, max: 100, help: "load: % of people who walk" },
  { key: "chatRate", flag: "chat-rate", def: 20, min: 0, max: 10_000, help: "load: chat messages per second, all rooms together" },
  { key: "observers", flag: "observers", def: 16, min: 2, max: 200, help: "load: decoding SDK clients timing delivery, 2 per room in the first rooms" },
  { key: "workers", flag: "workers", def: 2, min: 1, max: 64, help: "load: worker processes of the load generator" },
  { key: "seconds", flag: "seconds", def: 15, min: 1, max: 3600, help: "load: measured phase per size, after ramp-up" },
  { key: "warmupSeconds", flag: "warmup", def: 5, min: 0, max: 600, help: "load: the workload run before each measured phase, not counted" },
  { key: "rounds", flag: "rounds", def: 1, min: 1, max: 9, help: "load: rounds of the servers, alternating; prints the ratio per round and its median" },
  { key: "walkEveryMs", flag: "walk-every", def: 2000, min: 200, max: 600_000, help: "load: ms between two walks of a walker" },
  { key: "walkHoldMs", flag: "walk-hold", def: 1500, min: 60, max: 60_000, help: "load: ms a walk holds its direction before letting go" },
  { key: "joinConcurrency", flag: "join-concurrency", def: 10, min: 1, max: 500, help: "load: joins in flight per worker during ramp-up" },
  { key: "lounges", flag: "lounges", def: 10, min: 1, max: 1000, help: "tables: lounges × 2.5 with card tables" },
  { key: "pages", flag: "pages", def: 4, min: 1, max: 32, help: "playback: Chromium pages listening in one lounge" },
  { key: "playbackSeconds", flag: "playback-seconds", def: 60, min: 5, max: 3600, help: "playback: measured listening time" },
  { key: "sampleEveryMs", flag: "sample-every", def: 250, min: 50, max: 10_000, help: "playback: ms between two rounds of samples" },
  { key: "clockSeconds", flag: "clock-seconds", def: 8, min: 1, max: 600, help: "playback: seconds per network profile of the clock-offset measurement" },
];


export function usage(): string {
  const lines = knobs.map((k) => `  --${k.flag.padEnd(18)} ${k.help} (default ${k.def}; env BENCH_${envName(k.flag)})`);
  return [
    "npm run bench -- [flags]",
    `  ${"--only".padEnd(18)} comma-separated parts to run: ${benchParts.join(", ")} (default all; env BENCH_ONLY)`,
    `  ${"--people".padEnd(18)} load: comma-separated sizes, people connected at once (default ${DEFAULT_PEOPLE.join(",")}; env BENCH_PEOPLE)`,
    `  ${"--servers".padEnd(18)} load: ${loadServers.join(", ")} (default both; env BENCH_SERVERS)`,
    `  ${"--pin-postgres".padEnd(18)} load: move the local Postgres onto the load generator's CPUs for the run, so the server has its core to itself (needs root; env BENCH_PIN_POSTGRES=1)`,
    ...lines,
    `  ${"BENCH_DATABASE_URL".padEnd(20)} postgres://… for the lounge server (default: a scratch database on the local`,
    `  ${"".padEnd(20)} Postgres, TEST_DATABASE_URL or postgres://postgres@127.0.0.1:5432/test, when it answers; else PGlite)`,
    `  ${"BENCH_DATABASE=pglite".padEnd(20)} embedded PGlite even when Postgres answers`,
  ].join("\n");
}

function envName(flag: string): string {
  return flag.toUpperCase().replaceAll("-", "_");
}

function flagValue(argv: readonly string[], flag: string): string | undefined {
  for (let i = 0; i < argv.length; i++) {
    if (argv[i] === `--${flag}`) return argv[i + 1];
    if (argv[i].startsWith(`--${flag}=`)) return argv[i].slice(flag.length + 3);
  }
  return undefined;
}

/** Parses flags and env; throws an Error whose message says what to fix. */
export function parseOptions(argv: readonly string[], env: Record<string, string | undefined>): BenchOptions {
  const known = new Set([...knobs.map((k) => `--${k.flag}`), "--only", "--people", "--servers", "--pin-postgres"]);
  for (const a of argv) {
    if (a.startsWith("--") && !known.has(a.split("=")[0])) throw new Error(`unknown flag ${a}\n${usage()}`);
  }
  const values = new Map<Knob["key"], number>();
  for (const k of knobs) {
    const raw = flagValue(argv, k.flag) ?? env[`BENCH_${envName(k.flag)}`];
    const value = raw === undefined || raw === "" ? k.def : Number(raw);
    if (!Number.isInteger(value) || value < k.min || value > k.max) {
      throw new Error(`--${k.flag} must be a whole number from ${k.min} to ${k.max}, got "${raw}"`);
    }
    values.set(k.key, value);
  }
  const get = (key: Knob["key"]) => values.get(key) ?? NaN;
  const only = (flagValue(argv, "only") ?? env.BENCH_ONLY ?? "").split(",").map((p) => p.trim()).filter(Boolean);
  for (const part of only) {
    if (!(benchParts as readonly string[]).includes(part)) throw new Error(`--only takes ${benchParts.join(", ")}; got "${part}"`);
  }
  const opts: BenchOptions = {
    parts: benchParts.filter((p) => only.length === 0 || only.includes(p)),
    pages: get("pages"), playbackSeconds: get("playbackSeconds"), sampleEveryMs: get("sampleEveryMs"), clockSeconds: get("clockSeconds"),
    people: parsePeople(flagValue(argv, "people") ?? env.BENCH_PEOPLE),
    servers: parseServers(flagValue(argv, "servers") ?? env.BENCH_SERVERS),
    loungeSize: get("loungeSize"), walkersPercent: get("walkersPercent"), chatRate: get("chatRate"), observers: get("observers"),
    lounges: get("lounges"), workers: get("workers"),
    seconds: get("seconds"), warmupSeconds: get("warmupSeconds"), rounds: get("rounds"), walkEveryMs: get("walkEveryMs"),
    walkHoldMs: get("walkHoldMs"), joinConcurrency: get("joinConcurrency"),
    databaseUrl: env.BENCH_DATABASE_URL || undefined,
    forcePglite: env.BENCH_DATABASE === "pglite",
    pinPostgres: argv.includes("--pin-postgres") || env.BENCH_PIN_POSTGRES === "1",
  };
  if (opts.walkHoldMs >= opts.walkEveryMs) throw new Error("--walk-hold must be shorter than --walk-every");
  return opts;
}

/** `--people 1000,3000`: whole numbers from 2 to 20,000, at most 6 of them; sorted ascending. */
function parsePeople(raw: string | undefined): number[] {
  if (raw === undefined || raw.trim() === "") return [...DEFAULT_PEOPLE];
  const sizes = raw.split(",").map((v) => v.trim()).filter(Boolean).map(Number);
  if (sizes.length === 0 || sizes.length > 6 || sizes.some((n) => !Number.isInteger(n) || n < 2 || n > 20_000)) {
    throw new Error(`--people takes up to 6 comma-separated whole numbers from 2 to 20000 (e.g. 1000,3000); got "${raw}"`);
  }
  return [...new Set(sizes)].sort((a, b) => a - b);
}

function parseServers(raw: string | undefined): LoadServer[] {
  const names = (raw ?? "").split(",").map((v) => v.trim()).filter(Boolean);
  for (const name of names) {
    if (!(loadServers as readonly string[]).includes(name)) throw new Error(`--servers takes ${loadServers.join(", ")}; got "${name}"`);
  }
  return loadServers.filter((s) => names.length === 0 || names.includes(s));
}
