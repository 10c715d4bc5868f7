// Smooth motion for avatars the server moves: positions arrive at the patch rate (every ~50 ms),
// and each avatar is drawn a little in the past, between the two positions around that moment.
// A long pause before a move is bridged so the avatar starts walking at once instead of drifting
// over the whole pause; only jumps far beyond walking speed (a spawn, a reseat) snap. Pure.
import { facingOf, type Facing } from "../../shared/movement.ts";

export interface TimelineOptions {
  /** How far in the past avatars are drawn (ms): about two patch intervals absorbs jitter. */
  delayMs: number;
  /** The server's patch interval (ms). */
  patchMs: number;
  /** Speed (px/s) beyond which a change of position is a jump to show at once, not a walk. */
  snapSpeed: number;
  /** Samples kept. */
  capacity: number;
}

export const defaultTimelineOptions: TimelineOptions = { delayMs: 100, patchMs: 50, snapSpeed: 160 * 4, capacity: 32 };

interface Sample { t: number; x: number; y: number }

export interface TimelinePose { x: number; y: number; moving: boolean; facing: Facing | undefined }

export class PositionTimeline {
  private samples: Sample[] = [];
  private lastFacing: Facing | undefined;

  constructor(x: number, y: number, t: number, private readonly opts: TimelineOptions = defaultTimelineOptions) {
    this.samples.push({ t, x, y });
  }

  /** A position the server sent, received at local time `receivedAt` (ms). */
  push(receivedAt: number, x: number, y: number): void {
    const { patchMs, snapSpeed, capacity } = this.opts;
    const last = this.samples[this.samples.length - 1];
    if (last.x === x && last.y === y) return;
    const dt = receivedAt - last.t;
    const distance = Math.hypot(x - last.x, y - last.y);
    // After a pause the first step took one patch interval, however long the pause was.
    const gap = dt > patchMs * 2.5;
    const allowed = (snapSpeed / 1000) * (gap ? patchMs : Math.max(dt, patchMs));
    if (distance > allowed) {
      this.samples = [{ t: receivedAt, x, y }];
      return;
    }
    if (gap) {
      // Stand still until one patch before this sample, then walk.
      this.samples.push({ t: receivedAt - patchMs, x: last.x, y: last.y }, { t: receivedAt, x, y });
    } else {
      // Patches that arrive bunched together are spread out again, so steps stay even.
      const t = Math.min(Math.max(receivedAt, last.t + patchMs / 2), receivedAt + patchMs);
      this.samples.push({ t, x, y });
    }
    if (this.samples.length > capacity) this.samples.splice(0, this.samples.length - capacity);
  }

  /** Where to draw the avatar at local time `now`. */
  at(now: number): TimelinePose {
    const t = now - this.opts.delayMs;
    const s = this.samples;
    // Forget samples that are entirely in the past, keeping the one just before `t`.
    while (s.length > 2 && s[1].t < t) s.shift();
    const first = s[0];
    if (t <= first.t || s.length === 1) return { x: first.x, y: first.y, moving: false, facing: this.lastFacing };
    for (let i = 1; i < s.length; i++) {
      const b = s[i];
      if (t > b.t) continue;
      const a = s[i - 1];
      const k = (t - a.t) / Math.max(1, b.t - a.t);
      const dx = b.x - a.x, dy = b.y - a.y;
      const moving = dx !== 0 || dy !== 0;
      if (moving) this.lastFacing = facingOf(dx, dy, this.lastFacing);
      return { x: a.x + dx * k, y: a.y + dy * k, moving, facing: this.lastFacing };
    }
    // Past the newest sample: stand there, facing the way the last step went.
    const last = s[s.length - 1], before = s[s.length - 2];
    this.lastFacing = facingOf(last.x - before.x, last.y - before.y, this.lastFacing);
    return { x: last.x, y: last.y, moving: false, facing: this.lastFacing };
  }

  /** The newest position the server sent. */
  latest(): { x: number; y: number } {
    const last = this.samples[this.samples.length - 1];
    return { x: last.x, y: last.y };
  }
}
