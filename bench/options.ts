// The bench's knobs: command-line flags (`--clients 200` or `--clients=200`), else BENCH_* env
// variables, else defaults sized so each part finishes within about two minutes on a 2-core machine.
import { MAX_CAPACITY } from "../shared/api.ts";

/** The parts of `npm run bench`, in the order they run. */
export const benchParts = ["load", "playback", "tables", "widget", "voice", "crash"] as const;
export type BenchPart = (typeof benchParts)[number];

export interface BenchOptions {
  /** Which parts run (`--only playback`); all by default. */
  parts: BenchPart[];
  clients: number;
  lounges: number;
  workers: number;
  /** Length of the measured phase, after every client has joined. */
  seconds: number;
  /** Each client sends one chat message this often. */
  chatEveryMs: number;
  /** Each client starts a short walk this often. */
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
  /** Postgres for the server; unset → embedded PGlite in a temp dir. */
  databaseUrl: string | undefined;
}

interface Knob { key: keyof Omit<BenchOptions, "databaseUrl" | "parts">; flag: string; def: number; min: number; max: number; help: string }

const knobs: Knob[] = [
  { key: "clients", flag: "clients", def: 200, min: 1, max: 5000, help: "headless SDK clients" },
  { key: "lounges", flag: "lounges", def: 10, min: 1, max: 1000, help: "lounges the clients are spread over (round robin)" },
  { key: "workers", flag: "workers", def: 4, min: 1, max: 64, help: "worker processes the clients are spread over" },
  { key: "seconds", flag: "seconds", def: 30, min: 1, max: 3600, help: "measured phase, after ramp-up" },
  { key: "chatEveryMs", flag: "chat-every", def: 1000, min: 50, max: 600_000, help: "ms between two chat messages of one client" },
  { key: "walkEveryMs", flag: "walk-every", def: 2000, min: 500, max: 600_000, help: "ms between two walks of one client" },
  { key: "walkHoldMs", flag: "walk-hold", def: 250, min: 60, max: 5000, help: "ms a walk holds its direction before stopping" },
  { key: "joinConcurrency", flag: "join-concurrency", def: 5, min: 1, max: 1000, help: "joins in flight per worker during ramp-up" },
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
    ...lines,
    `  ${"BENCH_DATABASE_URL".padEnd(20)} postgres://… for the server (default: embedded PGlite in a temp dir)`,
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
  const known = new Set([...knobs.map((k) => `--${k.flag}`), "--only"]);
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
    clients: get("clients"), lounges: get("lounges"), workers: Math.min(get("workers"), get("clients")),
    seconds: get("seconds"), chatEveryMs: get("chatEveryMs"), walkEveryMs: get("walkEveryMs"),
    walkHoldMs: get("walkHoldMs"), joinConcurrency: get("joinConcurrency"),
    databaseUrl: env.BENCH_DATABASE_URL || undefined,
  };
  if (opts.walkHoldMs >= opts.walkEveryMs) throw new Error("--walk-hold must be shorter than --walk-every");
  const perLounge = Math.ceil(opts.clients / opts.lounges);
  if (perLounge > MAX_CAPACITY) {
    throw new Error(`${opts.clients} clients in ${opts.lounges} lounges is ${perLounge} per lounge; a lounge holds at most ${MAX_CAPACITY}: add lounges`);
  }
  return opts;
}
