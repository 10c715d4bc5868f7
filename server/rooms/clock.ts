// The one clock a lounge and its features read: server time in ms since the epoch, and timers on
// it. Rooms use the real one; tests hand a feature a ManualClock and advance it instead of sleeping.

export interface Timer { clear(): void }

export interface HostClock {
  /** Milliseconds since the epoch, sub-millisecond and monotonic on the real clock. */
  now(): number;
  setTimeout(fn: () => void, ms: number): Timer;
  setInterval(fn: () => void, ms: number): Timer;
}

/** Milliseconds since the epoch from the monotonic high-resolution clock: never steps backwards. */
export function serverNow(): number {
  return performance.timeOrigin + performance.now();
}

/** What a Colyseus room's `clock` offers for timers (its timers stop with the room). */
interface RoomTimers {
  setTimeout(fn: () => void, ms: number): Timer;
  setInterval(fn: () => void, ms: number): Timer;
}

/** The real clock: server time, with timers on the room's clock so they end with the room. */
export function roomClock(timers: RoomTimers): HostClock {
  return {
    now: serverNow,
    setTimeout: (fn, ms) => timers.setTimeout(fn, ms),
    setInterval: (fn, ms) => timers.setInterval(fn, ms),
  };
}

interface Scheduled { at: number; every: number | null; fn: () => void; live: boolean; seq: number }

/** A clock that moves only when told: `advance(ms)` runs every timer that falls due, in order. */
export class ManualClock implements HostClock {
  private current: number;
  private seq = 0;
  private readonly pending: Scheduled[] = [];

  constructor(start = Date.UTC(2026, 0, 1)) {
    this.current = start;
  }

  now(): number {
    return this.current;
  }

  setTimeout(fn: () => void, ms: number): Timer {
    return this.schedule(fn, ms, null);
  }

  setInterval(fn: () => void, ms: number): Timer {
    return this.schedule(fn, ms, Math.max(1, ms));
  }

  /** Moves time forward by `ms`, running due timers at their own moments (now() reads theirs). */
  advance(ms: number): void {
    const end = this.current + ms;
    for (;;) {
      const due = this.pending
        .filter((t) => t.live && t.at <= end)
        .sort((a, b) => a.at - b.at || a.seq - b.seq)[0];
      if (!due) break;
      this.current = Math.max(this.current, due.at);
      if (due.every === null) due.live = false;
      else due.at += due.every;
      due.fn();
    }
    this.current = end;
    for (let i = this.pending.length - 1; i >= 0; i--) if (!this.pending[i].live) this.pending.splice(i, 1);
  }

  /** Timers still waiting. */
  get timers(): number {
    return this.pending.filter((t) => t.live).length;
  }

  private schedule(fn: () => void, ms: number, every: number | null): Timer {
    const entry: Scheduled = { at: this.current + Math.max(0, ms), every, fn, live: true, seq: this.seq++ };
    this.pending.push(entry);
    return { clear: () => { entry.live = false; } };
  }
}
