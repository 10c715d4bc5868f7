// Limits on sign-in and registration attempts: per client address and per username, so neither
// one address trying many accounts nor many addresses trying one account get far.
import type { Config } from "../config.ts";
import { RateLimiter, type RateDecision } from "../features/rate-limit.ts";

export type ThrottleDecision = { ok: true } | { ok: false; retryInMs: number; scope: "address" | "username" };

const SWEEP_EVERY_MS = 60_000;

export class LoginThrottle {
  private readonly byAddress: RateLimiter;
  private readonly byUsername: RateLimiter;
  private readonly registrations: RateLimiter;
  private readonly sweeper: NodeJS.Timeout;

  constructor(config: Config, now: () => number = Date.now) {
    this.byAddress = new RateLimiter({ burst: config.LOGIN_IP_BURST, perSecond: config.LOGIN_IP_PER_MINUTE / 60 }, now);
    this.byUsername = new RateLimiter({ burst: config.LOGIN_USER_BURST, perSecond: config.LOGIN_USER_PER_MINUTE / 60 }, now);
    this.registrations = new RateLimiter({ burst: config.REGISTER_IP_BURST, perSecond: config.REGISTER_IP_PER_HOUR / 3600 }, now);
    this.sweeper = setInterval(() => this.sweep(), SWEEP_EVERY_MS).unref();
  }

  /** Counts one sign-in attempt; every attempt counts, right or wrong, so guessing stays slow. */
  login(address: string, username: string): ThrottleDecision {
    const a = this.byAddress.take(address);
    if (!a.ok) return { ...a, scope: "address" };
    const u = this.byUsername.take(username.toLowerCase());
    if (!u.ok) return { ...u, scope: "username" };
    return { ok: true };
  }

  register(address: string): RateDecision {
    return this.registrations.take(address);
  }

  sweep(): void {
    this.byAddress.sweep();
    this.byUsername.sweep();
    this.registrations.sweep();
  }

  stop(): void {
    clearInterval(this.sweeper);
  }
}
