// Turns the workers' raw observations into figures: percentiles of chat delivery and of walk
// intents seen, per observer and "at every observer" of the room (the slowest of them), and the
// small sums the load report is made of (per person, slope, ratio).
import type { ChatSend, WalkIntent, WalkSeen } from "./worker-protocol.ts";

export interface Percentiles { samples: number; p50: number | null; p95: number | null; p99: number | null; max: number | null }

/** Nearest-rank percentiles; null when there are no samples. */
export function percentiles(values: readonly number[]): Percentiles {
  if (values.length === 0) return { samples: 0, p50: null, p95: null, p99: null, max: null };
  const sorted = Float64Array.from(values).sort();
  const at = (p: number) => sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))];
  return { samples: sorted.length, p50: at(50), p95: at(95), p99: at(99), max: sorted[sorted.length - 1] };
}

/**
 * The median: the middle value, or the mean of the two middle ones for an even count; null when
 * there are none. (A percentile above is nearest-rank, always a sample; a median of a few rounds
 * or opens is this one.)
 */
export function median(values: readonly number[]): number | null {
  if (values.length === 0) return null;
  const sorted = Float64Array.from(values).sort();
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

/** How many observers sit in each room: what "seen by every observer" waits for. */
export type ObserversIn = (room: string) => number;

export interface ChatFigures {
  sent: number;
  /** Acknowledged (stored) by the server; null where the server does not acknowledge (bare Colyseus). */
  acked: number | null;
  /** Refused or unanswered requests. */
  notAcked: number;
  /** Send → one observer decodes it; one sample per (message, observer). */
  eachObserverMs: Percentiles;
  /** Send → the last observer of its room decodes it; one sample per message sent where observers sit. */
  allObserversMs: Percentiles;
  /** Messages sent where observers sit that not every one of them saw (acknowledged ones, where acks exist). */
  incomplete: number;
}

export function chatFigures(sends: readonly ChatSend[], deliveries: Map<string, number[]>, observersIn: ObserversIn): ChatFigures {
  const each: number[] = [];
  const all: number[] = [];
  let acked = 0, notAcked = 0, incomplete = 0, requests = 0;
  for (const send of sends) {
    if (send.acked !== null) requests++;
    if (send.acked === true) acked++;
    if (send.acked === false) { notAcked++; continue; }
    const delays = deliveries.get(send.nonce) ?? [];
    for (const d of delays) each.push(d);
    const expected = observersIn(send.room);
    if (expected === 0) continue;
    if (delays.length >= expected) all.push(Math.max(...delays));
    else incomplete++;
  }
  return {
    sent: sends.length, acked: requests > 0 ? acked : null, notAcked,
    eachObserverMs: percentiles(each), allObserversMs: percentiles(all), incomplete,
  };
}

export interface WalkFigures {
  /** Walk intents (a direction; the stop that follows each is not counted) sent where observers sit. */
  intents: number;
  /** Intent sent → one observer sees the avatar face the new way; one sample per (intent, observer). */
  eachObserverMs: Percentiles;
  /** Intent sent → the last observer of the room sees it; one sample per intent seen by all. */
  allObserversMs: Percentiles;
  /** Intents some observer never saw. */
  notSeenByAll: number;
  /** Turns seen that matched no intent, or a second one for the same intent. */
  unmatched: number;
}

/** Index of the last intent sent at or before `at` (intents sorted by time), or -1. */
function lastAtOrBefore(intents: readonly WalkIntent[], at: number): number {
  let lo = 0, hi = intents.length - 1, found = -1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    if (intents[mid].at <= at) { found = mid; lo = mid + 1; } else hi = mid - 1;
  }
  return found;
}

/**
 * Pairs each observation "observer saw mover turn to face dir at t" with the mover's latest intent
 * sent before t that faced the same way. Consecutive walks of one mover face different ways, so a
 * pairing is wrong only if an observation is later than two walk periods.
 */
export function walkFigures(intents: readonly WalkIntent[], seen: readonly WalkSeen[], observersIn: ObserversIn): WalkFigures {
  const byMover = new Map<string, WalkIntent[]>();
  for (const intent of intents) {
    const list = byMover.get(intent.sessionId) ?? [];
    list.push(intent);
    byMover.set(intent.sessionId, list);
  }
  for (const list of byMover.values()) list.sort((a, b) => a.at - b.at);
  const delaysOf = new Map<WalkIntent, number[]>();
  const paired = new Set<string>();
  const each: number[] = [];
  let unmatched = 0;
  for (const [receiver, mover, at, dir] of seen) {
    const list = byMover.get(mover) ?? [];
    const last = lastAtOrBefore(list, at);
    let i = last;
    while (i >= 0 && i > last - 2 && list[i].facing !== dir) i--;
    const key = `${receiver}|${mover}|${i}`;
    if (i < 0 || list[i].facing !== dir || paired.has(key)) { unmatched++; continue; }
    paired.add(key);
    const delay = at - list[i].at;
    each.push(delay);
    const delays = delaysOf.get(list[i]) ?? [];
    delays.push(delay);
    delaysOf.set(list[i], delays);
  }
  const all: number[] = [];
  let notSeenByAll = 0;
  let watched = 0;
  for (const intent of intents) {
    const expected = observersIn(intent.room);
    if (expected === 0) continue;
    watched++;
    const delays = delaysOf.get(intent) ?? [];
    if (delays.length >= expected) all.push(Math.max(...delays));
    else notSeenByAll++;
  }
  return { intents: watched, eachObserverMs: percentiles(each), allObserversMs: percentiles(all), notSeenByAll, unmatched };
}

/**
 * Marginal memory per connected person: the least-squares slope of RSS against people over the
 * sizes measured (with two sizes, (RSS₂ − RSS₁) / (N₂ − N₁)). Null with fewer than two distinct sizes.
 */
export function slopePerPerson(points: ReadonlyArray<{ people: number; value: number }>): number | null {
  const usable = points.filter((p) => Number.isFinite(p.people) && Number.isFinite(p.value));
  if (new Set(usable.map((p) => p.people)).size < 2) return null;
  const meanX = usable.reduce((n, p) => n + p.people, 0) / usable.length;
  const meanY = usable.reduce((n, p) => n + p.value, 0) / usable.length;
  let num = 0, den = 0;
  for (const p of usable) { num += (p.people - meanX) * (p.value - meanY); den += (p.people - meanX) ** 2; }
  return num / den;
}

/** a ÷ b, or null when either is missing or b is not positive. */
export function ratio(a: number | null | undefined, b: number | null | undefined): number | null {
  if (a === null || a === undefined || b === null || b === undefined || !Number.isFinite(a) || !Number.isFinite(b) || b <= 0) return null;
  return a / b;
}

/** Share of `cores` that `cpuSeconds` over `wallSeconds` kept busy (1 = all of them, all the time). */
export function busyShare(cpuSeconds: number, wallSeconds: number, cores: number): number {
  return wallSeconds > 0 && cores > 0 ? cpuSeconds / wallSeconds / cores : NaN;
}

/** Above this share of its cores the load generator's own latencies are void: it, not the server, is the bottleneck. */
export const GENERATOR_SATURATED = 0.85;

/**
 * Above this share the load side's cores were full, whoever filled them (the generator, the
 * observers, Postgres moved there by --pin-postgres): the observers' timings wait for a CPU too.
 */
export const LOAD_CORES_FULL = 0.95;

/** Jiffies per CPU from /proc/stat's text: busy (all but idle and iowait) and total. */
export type CpuTimes = Map<number, { busy: number; total: number }>;

export function parseCpuTimes(stat: string): CpuTimes {
  const out: CpuTimes = new Map();
  for (const line of stat.split("\n")) {
    const m = /^cpu(\d+)\s+(.*)$/.exec(line);
    if (!m) continue;
    // user nice system idle iowait irq softirq steal (guest time is already inside user and nice)
    const [user, nice, system, idle, iowait = 0, irq = 0, softirq = 0, steal = 0] = m[2].trim().split(/\s+/).map(Number);
    const total = user + nice + system + idle + iowait + irq + softirq + steal;
    out.set(Number(m[1]), { busy: total - idle - iowait, total });
  }
  return out;
}

/** The CPUs of a taskset list such as "1", "1-3" or "0,2-3". */
export function cpuList(list: string): number[] {
  return list.split(",").flatMap((part) => {
    const [a, b = a] = part.split("-").map((x) => Number(x.trim()));
    return Number.isInteger(a) && Number.isInteger(b) && b >= a ? Array.from({ length: b - a + 1 }, (_, i) => a + i) : [];
  });
}

/** Share of the time `cpus` were busy between two readings of /proc/stat (every process); null when unknown. */
export function cpusBusyShare(before: CpuTimes, after: CpuTimes, cpus: number[]): number | null {
  let busy = 0;
  let total = 0;
  for (const cpu of cpus) {
    const a = before.get(cpu);
    const b = after.get(cpu);
    if (!a || !b) return null;
    busy += b.busy - a.busy;
    total += b.total - a.total;
  }
  return total > 0 ? busy / total : null;
}

/** A Prometheus histogram's cumulative bucket counts, by upper bound in seconds (`le`). */
export type Buckets = Map<number, number>;

/** The buckets of histogram `name` in a /metrics text (all label sets summed); empty when it is not there. */
export function parseBuckets(text: string, name: string): Buckets {
  const buckets: Buckets = new Map();
  const pattern = new RegExp(`^${name}_bucket\\{(?:[^}]*,)?le="([^"]+)"[^}]*\\} (\\S+)$`);
  for (const line of text.split("\n")) {
    const m = pattern.exec(line);
    if (!m) continue;
    const le = m[1] === "+Inf" ? Infinity : Number(m[1]);
    buckets.set(le, (buckets.get(le) ?? 0) + Number(m[2]));
  }
  return buckets;
}

/**
 * Percentiles of what a histogram counted between two scrapes, as the upper bound (ms) of the
 * bucket each falls in: "p99 ≤ 25 ms". Samples: observations in between.
 */
export function bucketPercentiles(before: Buckets, after: Buckets): Percentiles {
  const bounds = [...after.keys()].sort((a, b) => a - b);
  const counts = bounds.map((le) => (after.get(le) ?? 0) - (before.get(le) ?? 0));
  const samples = counts.length > 0 ? counts[counts.length - 1] : 0;
  const at = (q: number): number | null => {
    if (samples <= 0) return null;
    const rank = Math.ceil(q * samples);
    const i = counts.findIndex((c) => c >= rank);
    return i < 0 ? null : bounds[i] * 1000;
  };
  return { samples: Math.max(0, samples), p50: at(0.5), p95: at(0.95), p99: at(0.99), max: at(1) };
}
