// The load part's figures (written to bench/results/latest.json) and its printed comparison: each
// figure for bare Colyseus and for the lounge side by side, with lounge ÷ bare where it means
// something, per size, then memory per person from the RSS slope across sizes.
import { median, ratio, GENERATOR_SATURATED, LOAD_CORES_FULL, type ChatFigures, type Percentiles, type WalkFigures } from "./figures.ts";
import type { BenchOptions, LoadServer } from "./options.ts";
import type { ServerLogSummary, Stalls } from "./server-process.ts";

export interface SizeFigures {
  people: number;
  connected: number;
  /** Joins that failed so far (this server, all sizes). */
  failed: number;
  joinErrors: Record<string, number>;
  rampUpSeconds: number;
  joinMs: Percentiles;
  measuredSeconds: number;
  server: {
    alive: boolean;
    /** (utime + stime) / wall over the measured phase, from /proc/<pid>/stat: 1 = one core busy. */
    cpuCores: number;
    /** CPU ms per second per connected person: cpuCores × 1000 / people. */
    cpuMsPerPersonPerSecond: number;
    /** VmRSS after ramp-up and a full garbage collection, before measuring. */
    rssMiB: number;
    /** V8 heap in use after that collection, as the server reported it (bench/gc-hook.ts). */
    heapUsedMiB: number;
    /** Memory outside the V8 heap held by JS objects (Buffers: socket frames, messages) after that collection. */
    externalMiB: number;
    /** The main thread runnable but waiting for a CPU (% of the phase): the machine starving the server. */
    mainThreadWaitingPercent: number;
    /** How late its event loop ran, and its GC pauses, over the measured phase (undefined: not reported). */
    stalls?: Stalls;
  };
  /** WebSocket frames each raw (receive-only) client received per second; KiB likewise. */
  framesPerPersonPerSecond: number;
  kibPerPersonPerSecond: number;
  /** The part of those that were state patches (the rest: messages such as chat and acks). */
  patches: { framesPerPersonPerSecond: number; kibPerPersonPerSecond: number };
  disconnects: number;
  disconnectReasons: Record<string, number>;
  chat: ChatFigures & { sentPerSecond: number; /** Send to committed INSERT, as the server measured it (bucket bounds); null without. */ storedMs: Percentiles | null };
  walk: WalkFigures;
  /** How long the server's due patch ticks waited behind other rooms' (its histogram, bucket bounds); null without. */
  patchWaitMs: Percentiles | null;
  /** All worker processes plus the runner, over the measured phase. */
  /** coresBusy: how busy its cores were with every process on them (null when not pinned or unknown). */
  generator: { cpuCores: number; cores: number; share: number; coresBusy: number | null; saturated: boolean };
  workerFailures: string[];
}

export interface ServerRun {
  server: LoadServer;
  /** Which round of `--rounds` (1 when the servers ran once each). */
  round: number;
  label: string;
  database: "postgres" | "pglite" | "none";
  overrides: Record<string, string>;
  sizes: SizeFigures[];
  log: ServerLogSummary;
  /** RSS slope across the sizes, KiB per connected person; null with one size. */
  memoryKiBPerPerson: number | null;
  /** The same slope of the V8 heap in use after a collection: steadier than RSS, which the allocator returns lazily. */
  heapKiBPerPerson: number | null;
  /** The slope of V8 heap + external memory (Buffers) after a collection: what a person keeps alive. */
  liveKiBPerPerson: number | null;
  problems: string[];
}

export interface LoadFigures {
  finishedAt: string;
  machine: { cpus: number; model: string; node: string; loadAverageBefore: number; loadAverageAfter: number };
  options: Omit<BenchOptions, "databaseUrl">;
  pinning: string;
  database: string;
  runs: ServerRun[];
}

/** Above this share of the phase spent runnable but waiting for a CPU, the server was starved by other processes. */
const BUSY_WAITING_PERCENT = 20;

const num = (v: number | null | undefined, digits = 0) => (v === null || v === undefined || !Number.isFinite(v) ? "–" : v.toLocaleString("en-US", { minimumFractionDigits: digits, maximumFractionDigits: digits }));
const ms = (v: number | null) => (v === null ? "–" : `${Math.round(v)}`);
const p50p99 = (p: Percentiles) => (p.samples === 0 ? "–" : `${ms(p.p50)} / ${ms(p.p99)} ms (${p.samples})`);
const times = (v: number | null) => (v === null ? "" : `${v.toFixed(2)}×`);

/** A box table with a header row; the first column left-aligned, the others right-aligned. */
function grid(title: string, header: string[], rows: string[][]): string {
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? "").length)));
  const total = widths.reduce((n, w) => n + w + 3, -3);
  const line = (cells: string[]) => `│ ${cells.map((c, i) => (i === 0 ? c.padEnd(widths[i]) : c.padStart(widths[i]))).join(" │ ")} │`;
  const rule = (l: string, m: string, r: string) => `${l}${widths.map((w) => "─".repeat(w + 2)).join(m)}${r}`;
  return [
    `┌${"─".repeat(total + 2)}┐`, `│ ${title.padEnd(total)} │`,
    rule("├", "┬", "┤"), line(header), rule("├", "┼", "┤"), ...rows.map(line), rule("└", "┴", "┘"),
  ].join("\n");
}

/** One size: a row per figure, a column per server, and lounge ÷ bare when both ran. */
function sizeTable(people: number, runs: ServerRun[], titleSuffix = ""): string {
  const cells = runs.map((run) => run.sizes.find((s) => s.people === people));
  const bare = cells[runs.findIndex((r) => r.server === "bare")];
  const lounge = cells[runs.findIndex((r) => r.server === "lounge")];
  const both = bare !== undefined && lounge !== undefined;
  const row = (label: string, show: (s: SizeFigures) => string, r?: (s: SizeFigures) => number | null): string[] => [
    label, ...cells.map((s) => (s ? show(s) : "–")), ...(both ? [r ? times(ratio(r(lounge), r(bare))) : ""] : []),
  ];
  const rows = [
    row("people connected (failed joins)", (s) => `${num(s.connected)} (${s.failed})`),
    row("ramp-up", (s) => `${s.rampUpSeconds.toFixed(1)} s`),
    row("server CPU, cores", (s) => num(s.server.cpuCores, 3), (s) => s.server.cpuCores),
    row("server CPU per person, ms/s", (s) => num(s.server.cpuMsPerPersonPerSecond, 4), (s) => s.server.cpuMsPerPersonPerSecond),
    row("frames sent per person per second", (s) => num(s.framesPerPersonPerSecond, 1), (s) => s.framesPerPersonPerSecond),
    row("KiB sent per person per second", (s) => num(s.kibPerPersonPerSecond, 2), (s) => s.kibPerPersonPerSecond),
    row("… of which patches: frames · KiB", (s) => `${num(s.patches.framesPerPersonPerSecond, 1)} · ${num(s.patches.kibPerPersonPerSecond, 2)}`),
    row("chat sent per second (acked)", (s) => `${num(s.chat.sentPerSecond, 1)}${s.chat.acked === null ? "" : ` (${num(s.chat.acked)} of ${num(s.chat.sent)})`}`),
    row("chat send → seen by every observer p50/p99", (s) => (s.generator.saturated ? "VOID " : "") + p50p99(s.chat.allObserversMs)),
    row("… of which storing it (server), p50/p99", (s) => (s.chat.storedMs ? `≤ ${ms(s.chat.storedMs.p50)} / ≤ ${ms(s.chat.storedMs.p99)} ms (${s.chat.storedMs.samples})` : "–")),
    row("walk intent → seen by every observer p50/p99", (s) => (s.generator.saturated ? "VOID " : "") + p50p99(s.walk.allObserversMs)),
    row("… a due patch tick waiting (server), p50/p99", (s) => (s.patchWaitMs ? `≤ ${ms(s.patchWaitMs.p50)} / ≤ ${ms(s.patchWaitMs.p99)} ms (${num(s.patchWaitMs.samples)})` : "–")),
    row("not seen by every observer (chat · walks)", (s) => `${s.chat.incomplete} · ${s.walk.notSeenByAll}`),
    row("disconnects", (s) => num(s.disconnects)),
    row("server RSS · V8 heap after GC, MiB", (s) => `${num(s.server.rssMiB, 0)} · ${num(s.server.heapUsedMiB, 0)}`),
    row("server waiting for a CPU", (s) => `${num(s.server.mainThreadWaitingPercent, 1)} %`),
    row("server event-loop delay p99 / max", (s) => (s.server.stalls ? `${num(s.server.stalls.loopDelayMs.p99, 0)} / ${num(s.server.stalls.loopDelayMs.max, 0)} ms` : "–")),
    row("server GC pauses: count, total, longest", (s) => (s.server.stalls ? `${num(s.server.stalls.gc.pauses)}, ${num(s.server.stalls.gc.totalMs)} ms, ${num(s.server.stalls.gc.maxMs, 1)} ms` : "–")),
    row("load generator CPU (share of its cores)", (s) => `${num(s.generator.cpuCores, 2)} (${num(s.generator.share * 100, 0)} % of ${s.generator.cores})`),
    row("its cores busy, every process on them", (s) => (s.generator.coresBusy === null ? "–" : `${num(s.generator.coresBusy * 100, 0)} %`)),
  ];
  const header = ["", ...runs.map((r) => r.label + (r.database !== "none" ? ` (${r.database})` : "")), ...(both ? ["lounge ÷ bare"] : [])];
  return grid(`${num(people)} people${titleSuffix}`, header, rows);
}

/**
 * Lounge ÷ bare CPU per person at each size, round by round (bare and lounge ran one after the
 * other in each round), and the median: one round is one sample of a figure that varies.
 */
export function ratioByRound(runs: ServerRun[]): Array<{ people: number; ratios: number[]; median: number | null }> {
  const sizes = [...new Set(runs.flatMap((r) => r.sizes.map((s) => s.people)))].sort((a, b) => a - b);
  const rounds = [...new Set(runs.map((r) => r.round))].sort((a, b) => a - b);
  return sizes.map((people) => {
    const ratios = rounds.flatMap((round) => {
      const cpu = (server: LoadServer) => runs.find((r) => r.round === round && r.server === server)?.sizes.find((s) => s.people === people)?.server.cpuMsPerPersonPerSecond ?? null;
      const r = ratio(cpu("lounge"), cpu("bare"));
      return r === null ? [] : [r];
    });
    return { people, ratios, median: median(ratios) };
  });
}

export function formatLoadReport(f: LoadFigures): string {
  const sizes = [...new Set(f.runs.flatMap((r) => r.sizes.map((s) => s.people)))].sort((a, b) => a - b);
  const rounds = [...new Set(f.runs.map((r) => r.round))].sort((a, b) => a - b);
  const out: string[] = [];
  for (const round of rounds) {
    for (const people of sizes) out.push(sizeTable(people, f.runs.filter((r) => r.round === round), rounds.length > 1 ? ` · round ${round} of ${rounds.length}` : ""));
  }
  if (rounds.length > 1) {
    for (const { people, ratios, median } of ratioByRound(f.runs)) {
      out.push(`Server CPU per person, lounge ÷ bare at ${num(people)} people, round by round: ${ratios.map((r) => times(r)).join(", ") || "–"}; median ${median === null ? "–" : times(median)}`);
    }
  }
  for (const run of f.runs) {
    const slope = (v: number | null) => (v === null ? "–" : `${num(v, 1)} KiB`);
    out.push(`Memory per connected person, ${run.label}${rounds.length > 1 ? ` (round ${run.round})` : ""}: ${run.memoryKiBPerPerson === null ? "– (needs two sizes)" : `${slope(run.memoryKiBPerPerson)} RSS, ${slope(run.heapKiBPerPerson)} V8 heap, ${slope(run.liveKiBPerPerson)} heap + buffers`} (slope across ${run.sizes.map((s) => num(s.connected)).join(" → ")} people)`);
  }
  out.push(
    "Server CPU from /proc/<pid>/stat over the measured phase; per person = cores × 1000 / people connected (ms of CPU per second).",
    "Frames and KiB: what each receive-only raw WebSocket received, per second. Delivery: from the sender's Date.now() to the",
    "  slowest observer of the room decoding it (a chat message in state or broadcast; an avatar turning to the walk's new facing).",
  );
  const saturated = f.runs.flatMap((r) => r.sizes.filter((s) => s.generator.saturated).map((s) => `${r.label} at ${num(s.people)}`));
  if (saturated.length) out.push(`VOID: load generator saturated (above ${GENERATOR_SATURATED * 100} % of its cores, or its cores above ${LOAD_CORES_FULL * 100} % busy with everything on them) for ${saturated.join(", ")}: its latencies are void there; add cores or fewer observers.`);
  const starved = f.runs.flatMap((r) => r.sizes.filter((s) => s.server.mainThreadWaitingPercent > BUSY_WAITING_PERCENT).map((s) => `${r.label} at ${num(s.people)} (${num(s.server.mainThreadWaitingPercent, 0)} %)`));
  if (starved.length) {
    out.push(`MACHINE BUSY: the server waited for a CPU more than ${BUSY_WAITING_PERCENT} % of the time for ${starved.join(", ")}: other processes had its core;`,
      "  its latencies (and CPU, if it fell behind) measure the machine, not the server. Run again on a quiet machine.");
  }
  const problems = f.runs.flatMap((r) => [
    ...r.problems,
    ...r.sizes.flatMap((s) => [
      ...(s.disconnects ? [`${r.label} at ${num(s.people)}: ${s.disconnects} disconnects (${Object.entries(s.disconnectReasons).map(([k, n]) => `${k} ×${n}`).join(", ")})`] : []),
      ...(s.connected < s.people ? [`${r.label} at ${num(s.people)}: only ${num(s.connected)} joined (${Object.entries(s.joinErrors).map(([k, n]) => `${k} ×${n}`).join(", ")})`] : []),
      ...(s.chat.notAcked ? [`${r.label} at ${num(s.people)}: ${s.chat.notAcked} chat messages refused or unanswered`] : []),
      ...s.workerFailures,
    ]),
  ]);
  if (problems.length) out.push("PROBLEMS:", ...problems.map((p) => `  ${p}`));
  return out.join("\n");
}
