// Clock math for listening together, pure so it is unit-tested and shared by server and browser.
// - Offset estimation (Cristian/NTP style): of the recent samples, trust the one with the smallest
//   round trip, because its one-way delays are bounded most tightly.
// - Playback position: the server stores what plays and since when, never a ticking position.
// - Drift correction: seek when far off, nudge the playback rate when close, so the ear hears no jump.

export interface ClockSample {
  /** Client clock when the ping left (ms). */
  t0: number;
  /** Server clock when it answered (ms). */
  serverNow: number;
  /** Client clock when the answer arrived (ms). */
  t1: number;
}

export class ClockEstimator {
  private samples: Array<{ rtt: number; offset: number }> = [];

  constructor(private readonly keep = 8) {}

  /** Adds a sample; returns false (and ignores it) when it is impossible (negative round trip). */
  add(sample: ClockSample): boolean {
    const rtt = sample.t1 - sample.t0;
    if (!(rtt >= 0) || !Number.isFinite(sample.serverNow)) return false;
    this.samples.push({ rtt, offset: sample.serverNow - (sample.t0 + rtt / 2) });
    if (this.samples.length > this.keep) this.samples.shift();
    return true;
  }

  /** Forget everything, e.g. after a reconnect (the route, and so the delays, may have changed). */
  reset(): void {
    this.samples = [];
  }

  get sampleCount(): number {
    return this.samples.length;
  }

  private best(): { rtt: number; offset: number } | undefined {
    let best: { rtt: number; offset: number } | undefined;
    for (const s of this.samples) if (!best || s.rtt < best.rtt) best = s;
    return best;
  }

  /** serverClock − clientClock in ms, or undefined before the first sample. */
  get offset(): number | undefined {
    return this.best()?.offset;
  }

  /** Half the best round trip: the worst error the chosen sample can have. */
  get uncertainty(): number | undefined {
    const best = this.best();
    return best ? best.rtt / 2 : undefined;
  }

  /** The server's clock now, from the client's. */
  serverNow(clientNow: number): number | undefined {
    const offset = this.offset;
    return offset === undefined ? undefined : clientNow + offset;
  }
}

export type PlaybackStatus = "idle" | "playing" | "paused";

export interface PlaybackClock {
  status: PlaybackStatus;
  /** Server ms when playback (re)started at `positionMs`. */
  startedAt: number;
  /** Position (ms into the track) at `startedAt`, or where it is paused. */
  positionMs: number;
  rate: number;
  durationMs: number;
}

/** Where in the current track playback is at server time `serverNow` (ms), clamped to the track. */
export function playbackPosition(p: PlaybackClock, serverNow: number): number {
  const raw = p.status === "playing" ? p.positionMs + (serverNow - p.startedAt) * p.rate : p.positionMs;
  return Math.min(Math.max(raw, 0), p.durationMs);
}

/** Server time at which the current track ends, if it is playing. */
export function playbackEndsAt(p: PlaybackClock): number | undefined {
  if (p.status !== "playing" || p.rate <= 0) return undefined;
  return p.startedAt + (p.durationMs - p.positionMs) / p.rate;
}

export interface DriftPolicy {
  /** Off by more than this (ms): seek. */
  seekThresholdMs: number;
  /** Within this (ms): play at the room's rate; finer than a page can read its own position. */
  deadbandMs: number;
  /** Largest rate change for a nudge (0.02 → 0.98–1.02). */
  maxRateNudge: number;
  /**
   * Time constant of the correction (ms): a gap of d ms plays d / correctionWindowMs faster or
   * slower, so the gap shrinks by a factor e every window and settles on zero, not on an edge.
   */
  correctionWindowMs: number;
}

// A proportional nudge all the way down to a fraction of a millisecond: with a wide dead band (it
// was 8 ms) every page came to rest just inside its edge, all on the same (late) side. Gaps past
// 50 ms come from the audio output missing its deadline (a dropout, already heard) or from a new
// clock estimate; at 2 % they would take seconds to close, so they are jumped over at once.
/**
 * How often a player compares what is heard with the room and steers (client/audio). With the
 * default 500 ms window a tick closes a fifth of the gap: an audio dropout is made up in about a
 * second, still without overshoot when a busy page applies a rate one tick late.
 */
export const STEER_EVERY_MS = 100;

export const defaultDriftPolicy: DriftPolicy = { seekThresholdMs: 50, deadbandMs: 0.25, maxRateNudge: 0.02, correctionWindowMs: 500 };

export type DriftCorrection =
  | { action: "none"; rate: number }
  | { action: "rate"; rate: number }
  | { action: "seek"; toMs: number; rate: number };

/**
 * What a player should do given where it is (`actualMs`) and where the room is (`expectedMs`).
 * Positive drift means the player is behind and must speed up: the rate is the room's plus a nudge
 * proportional to the drift, clamped to ± maxRateNudge. Called every tick, the gap then closes
 * geometrically (by tick / correctionWindowMs of itself each tick), so it never overshoots as long
 * as ticks are shorter than the window.
 */
export function correctDrift(expectedMs: number, actualMs: number, baseRate = 1, policy: DriftPolicy = defaultDriftPolicy): DriftCorrection {
  const drift = expectedMs - actualMs;
  if (Math.abs(drift) > policy.seekThresholdMs) return { action: "seek", toMs: expectedMs, rate: baseRate };
  if (Math.abs(drift) <= policy.deadbandMs) return { action: "none", rate: baseRate };
  const nudge = Math.max(-policy.maxRateNudge, Math.min(policy.maxRateNudge, drift / policy.correctionWindowMs));
  return { action: "rate", rate: baseRate * (1 + nudge) };
}
