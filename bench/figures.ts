// Turns the workers' raw observations into figures: percentiles of chat delivery and of avatar
// position age, per receiver and "at every other member" (the slowest member of the lounge).
import type { ChatSend, WalkIntent, WalkSeen } from "./worker-protocol.ts";

export interface Percentiles { samples: number; p50: number | null; p95: number | null; p99: number | null; max: number | null }

/** Nearest-rank percentiles; null when there are no samples. */
export function percentiles(values: readonly number[]): Percentiles {
  if (values.length === 0) return { samples: 0, p50: null, p95: null, p99: null, max: null };
  const sorted = Float64Array.from(values).sort();
  const at = (p: number) => sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))];
  return { samples: sorted.length, p50: at(50), p95: at(95), p99: at(99), max: sorted[sorted.length - 1] };
}

/** Who is where: session id → lounge id, for every connected client. */
export interface Membership {
  loungeOf: Map<string, string>;
  sizeOf: Map<string, number>;
}

/** Members other than `sessionId` that should see what it does. */
function othersOf(members: Membership, sessionId: string): number {
  const lounge = members.loungeOf.get(sessionId);
  return lounge === undefined ? 0 : (members.sizeOf.get(lounge) ?? 1) - 1;
}

export interface ChatFigures {
  sent: number;
  acked: number;
  /** Refusals and failures by error code or message. */
  refused: Record<string, number>;
  ackedPerSecond: number;
  /** Send → the sender's acknowledgement (the server stored the message). */
  ackMs: Percentiles;
  /** Send → one other member decodes it; one sample per (message, receiver). */
  eachMemberMs: Percentiles;
  /** Send → the last other member of the lounge decodes it; one sample per acknowledged message. */
  allMembersMs: Percentiles;
  /** Acknowledged messages that did not reach every other member before the run ended. */
  incomplete: number;
  /** Deliveries to receivers that are missing when summed over all messages. */
  missingDeliveries: number;
}

export function chatFigures(sends: readonly ChatSend[], deliveries: Map<string, number[]>, members: Membership, seconds: number): ChatFigures {
  const refused: Record<string, number> = {};
  const ack: number[] = [];
  const each: number[] = [];
  const all: number[] = [];
  let incomplete = 0, missingDeliveries = 0;
  for (const send of sends) {
    if (send.ackMs === null) {
      const why = send.error ?? "unknown";
      refused[why] = (refused[why] ?? 0) + 1;
      continue;
    }
    ack.push(send.ackMs);
    const delays = deliveries.get(send.nonce) ?? [];
    for (const d of delays) each.push(d);
    const expected = othersOf(members, send.sessionId);
    if (expected === 0) continue;
    if (delays.length >= expected) all.push(Math.max(...delays));
    else { incomplete++; missingDeliveries += expected - delays.length; }
  }
  return {
    sent: sends.length, acked: ack.length, refused, ackedPerSecond: ack.length / seconds,
    ackMs: percentiles(ack), eachMemberMs: percentiles(each), allMembersMs: percentiles(all), incomplete, missingDeliveries,
  };
}

export interface WalkFigures {
  intents: number;
  /** Intent sent → one other member sees the avatar's position change; one sample per (intent, receiver). */
  eachMemberMs: Percentiles;
  /** Intent sent → the last other member of the lounge sees it; one sample per intent seen by all. */
  allMembersMs: Percentiles;
  /** Intents some other member never saw move (e.g. a stop overtook the walk). */
  notSeenByAll: number;
  /**
   * "Started moving" observations that matched no intent, or a second one for the same intent: an
   * avatar that stopped and went on during one walk (e.g. stuttering against a wall it reached).
   */
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
 * Pairs each observation "receiver saw mover start moving, facing dir, at t" with the mover's
 * latest intent sent before t that faced the same way. Consecutive walks of one mover face
 * different ways, so a pairing is wrong only if an observation is later than two walk periods.
 */
export function walkFigures(intents: readonly WalkIntent[], seen: readonly WalkSeen[], members: Membership): WalkFigures {
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
  for (const intent of intents) {
    const expected = othersOf(members, intent.sessionId);
    if (expected === 0) continue;
    const delays = delaysOf.get(intent) ?? [];
    if (delays.length >= expected) all.push(Math.max(...delays));
    else notSeenByAll++;
  }
  return { intents: intents.length, eachMemberMs: percentiles(each), allMembersMs: percentiles(all), notSeenByAll, unmatched };
}
