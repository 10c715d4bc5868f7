// Keeps an estimate of the server's clock: a burst of clock:ping samples at start and after a
// reconnect, then one every few seconds. The estimate trusts the lowest round trip (shared/clock.ts).
import { ClockEstimator } from "../../shared/clock.ts";
import type { ClockPong } from "../../shared/protocol.ts";

export interface PingTransport {
  request(type: "clock:ping", payload: { t0: number }): Promise<ClockPong>;
}

/** This page's clock in epoch ms, monotonic (performance.now based). */
export const localNow = (): number => performance.timeOrigin + performance.now();

export class ClockSync {
  readonly estimator = new ClockEstimator(8);
  private timer: ReturnType<typeof setInterval> | undefined;
  private stopped = false;

  constructor(private readonly transport: PingTransport, private readonly now: () => number = localNow) {}

  /** One sample; false when the ping failed (disconnected) or was impossible. */
  async sample(): Promise<boolean> {
    const t0 = this.now();
    try {
      const pong = await this.transport.request("clock:ping", { t0 });
      return this.estimator.add({ t0, serverNow: pong.serverNow, t1: this.now() });
    } catch {
      return false;
    }
  }

  /** `count` samples one after another, a little apart, so one slow moment does not spoil them all. */
  async burst(count = 8, gapMs = 60): Promise<void> {
    for (let i = 0; i < count && !this.stopped; i++) {
      await this.sample();
      await new Promise((r) => setTimeout(r, gapMs));
    }
  }

  async start(intervalMs = 3000): Promise<void> {
    this.stopped = false;
    await this.burst();
    this.timer = setInterval(() => { void this.sample(); }, intervalMs);
  }

  /** After a reconnect the route may differ: forget old samples and measure again. */
  async resync(): Promise<void> {
    this.estimator.reset();
    await this.burst();
  }

  stop(): void {
    this.stopped = true;
    if (this.timer) clearInterval(this.timer);
  }

  /** The server's clock now, or undefined before the first sample. */
  serverNow(): number | undefined {
    return this.estimator.serverNow(this.now());
  }
}

function asPong(reply: unknown): ClockPong {
  if (typeof reply === "object" && reply !== null && "t0" in reply && "serverNow" in reply && typeof reply.t0 === "number" && typeof reply.serverNow === "number") {
    return { t0: reply.t0, serverNow: reply.serverNow };
  }
  throw new Error("not a clock reply");
}

/** What a clock needs of a lounge connection: a request and an answer. */
export interface AskingConnection {
  ask(type: "clock:ping", payload: { t0: number }): Promise<unknown>;
}

/** A clock kept over a lounge connection's `clock:ping` requests (start it once connected). */
export function clockOver(connection: AskingConnection): ClockSync {
  return new ClockSync({ request: (type, payload) => connection.ask(type, payload).then(asPong) });
}
