// Where to draw avatars: the state sends each avatar's walk as straight legs in server time
// (shared/movement.ts), so a page computes positions itself instead of waiting for patches. Legs
// are drawn a little in the past (RenderClock), just enough that the next leg has arrived when the
// drawing reaches it; a leg that passed between two patches unseen is bridged in a straight line,
// and only a jump faster than walking (a spawn, a reseat) snaps. Pure apart from the clock it is given.
import { AVATAR_SPEED, facingOf, isWalkingAt, motionOf, positionAt, type Facing, type Motion } from "../../shared/movement.ts";

export interface TimelinePose { x: number; y: number; moving: boolean; facing: Facing | undefined }

/** Legs kept per avatar: enough for a render delay's worth of short legs. */
const CAPACITY = 16;
/** A gap between two legs crossed faster than this is a jump, shown at once rather than walked. */
const BRIDGE_SPEED = AVATAR_SPEED * 1.1;

const same = (a: Motion, b: Motion) =>
  a.x === b.x && a.y === b.y && a.toX === b.toX && a.toY === b.toY && a.startedAt === b.startedAt && a.arrivesAt === b.arrivesAt && a.moving === b.moving;

export class MotionTimeline {
  private legs: Motion[];
  private lastFacing: Facing | undefined;

  constructor(first: Motion) {
    this.legs = [motionOf(first)];
  }

  /** The avatar's leg as the state now says; true when it is a new one. */
  push(m: Motion): boolean {
    const last = this.legs[this.legs.length - 1];
    if (same(last, m)) return false;
    // A leg that starts before the newest one rewrites history (a reseat): start over from it.
    if (m.startedAt < last.startedAt) this.legs = [motionOf(m)];
    else this.legs.push(motionOf(m));
    if (this.legs.length > CAPACITY) this.legs.splice(0, this.legs.length - CAPACITY);
    return true;
  }

  /** Where to draw the avatar at server time `t`. */
  at(t: number): TimelinePose {
    const legs = this.legs;
    // Forget legs entirely in the past, keeping the one in effect at `t` (and so its end).
    while (legs.length > 1 && legs[1].startedAt <= t) legs.shift();
    const cur = legs[0], next = legs[1];
    if (t < cur.startedAt) return this.pose(cur.x, cur.y, false, undefined);
    if (isWalkingAt(cur, t)) {
      const p = positionAt(cur, t);
      return this.pose(p.x, p.y, true, facingOf(cur.toX - cur.x, cur.toY - cur.y, this.lastFacing));
    }
    const end = positionAt(cur, t);
    if (next && cur.moving && (next.x !== end.x || next.y !== end.y)) {
      // A leg passed between two patches unseen: walk from this leg's end to the next one's start.
      const span = next.startedAt - cur.arrivesAt;
      const distance = Math.hypot(next.x - end.x, next.y - end.y);
      if (span > 0 && (distance / span) * 1000 <= BRIDGE_SPEED) {
        const k = (t - cur.arrivesAt) / span;
        return this.pose(end.x + (next.x - end.x) * k, end.y + (next.y - end.y) * k, true, facingOf(next.x - end.x, next.y - end.y, this.lastFacing));
      }
    }
    return this.pose(end.x, end.y, false, undefined);
  }

  private pose(x: number, y: number, moving: boolean, facing: Facing | undefined): TimelinePose {
    if (facing) this.lastFacing = facing;
    return { x, y, moving, facing: this.lastFacing };
  }

  /** The newest leg the server sent. */
  latest(): Motion {
    return motionOf(this.legs[this.legs.length - 1]);
  }
}

export interface RenderClockOptions {
  /** The delay before any leg has been seen arriving (ms). */
  initialMs: number;
  /** Never draw less than this far in the past (ms). */
  minMs: number;
  /** Nor more than this (ms): a leg later than that is drawn from where it has got to. */
  maxMs: number;
  /** Added to the latest arrival seen lately (ms). */
  marginMs: number;
  /** How many recent arrivals the delay covers. */
  window: number;
  /** How fast a shorter delay is taken up, as a share of elapsed time (drawing speeds up by this much). */
  catchUp: number;
}

export const defaultRenderClockOptions: RenderClockOptions = { initialMs: 100, minMs: 30, maxMs: 300, marginMs: 15, window: 24, catchUp: 0.05 };

/**
 * The server time avatars are drawn at: the server's clock now, less a delay that covers how late
 * legs arrive (a patch interval plus the network). The drawing never runs backwards: a longer delay
 * is taken by pausing a moment, a shorter one by running a few per cent fast until caught up.
 */
export class RenderClock {
  private delay: number;
  private target: number;
  private readonly lateness: number[] = [];
  private lastLocal: number | undefined;
  private lastDrawn = -Infinity;

  constructor(private readonly serverNow: () => number, private readonly localNow: () => number = () => performance.now(), private readonly opts: RenderClockOptions = defaultRenderClockOptions) {
    this.delay = opts.initialMs;
    this.target = opts.initialMs;
  }

  /** A leg that set off at server time `startedAt` has just arrived. */
  observe(startedAt: number): void {
    const late = this.serverNow() - startedAt;
    if (!(late >= 0) || late > this.opts.maxMs * 4) return;
    this.lateness.push(late);
    if (this.lateness.length > this.opts.window) this.lateness.shift();
    const { minMs, maxMs, marginMs } = this.opts;
    this.target = Math.min(maxMs, Math.max(minMs, Math.max(...this.lateness) + marginMs));
    if (this.target > this.delay) this.delay = this.target;
  }

  /** The server time to draw now. */
  now(): number {
    const local = this.localNow();
    const elapsed = this.lastLocal === undefined ? 0 : Math.max(0, local - this.lastLocal);
    this.lastLocal = local;
    if (this.delay > this.target) this.delay = Math.max(this.target, this.delay - elapsed * this.opts.catchUp);
    this.lastDrawn = Math.max(this.lastDrawn, this.serverNow() - this.delay);
    return this.lastDrawn;
  }

  /** The delay now (ms), for curious developers and tests. */
  get delayMs(): number { return this.delay; }
}
