// When to try reconnecting after a dropped connection: exponential backoff with jitter, so a
// server that comes back is not hit by every page at the same instant. Pure; the clock is passed in.

export interface BackoffPolicy {
  /** Delay before the first retry (ms). */
  baseMs: number;
  /** Longest delay between two retries (ms). */
  maxMs: number;
  /** Share of each delay that is random, 0–1: 0.5 spreads a delay d over [d/2, d]. */
  jitter: number;
  /** Stop trying after this long since the drop (ms); the server holds a seat about this long. */
  giveUpAfterMs: number;
}

export const defaultBackoff: BackoffPolicy = { baseMs: 400, maxMs: 6000, jitter: 0.5, giveUpAfterMs: 45_000 };

/** The delay before retry number `attempt` (1 = first retry). */
export function backoffDelay(attempt: number, policy: BackoffPolicy, random: () => number = Math.random): number {
  const exp = policy.baseMs * 2 ** Math.max(0, attempt - 1);
  const ceiling = Math.min(policy.maxMs, exp);
  const r = Math.min(1, Math.max(0, random()));
  return Math.round(ceiling * (1 - policy.jitter + policy.jitter * r));
}

/** One drop's sequence of retries: which attempt comes next and when, until the policy gives up. */
export class RetrySchedule {
  private attempt = 0;

  constructor(
    private readonly policy: BackoffPolicy,
    private readonly droppedAt: number,
    private readonly random: () => number = Math.random,
  ) {}

  get attempts(): number { return this.attempt; }

  /** The next retry (its number and the time to make it), or undefined when it is time to give up. */
  next(now: number): { attempt: number; at: number } | undefined {
    const delay = backoffDelay(this.attempt + 1, this.policy, this.random);
    if (now + delay - this.droppedAt > this.policy.giveUpAfterMs) return undefined;
    this.attempt++;
    return { attempt: this.attempt, at: now + delay };
  }
}
