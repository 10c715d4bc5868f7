// Limits on sign-in and registration attempts: per client address and per username, so neither
// one address trying many accounts nor many addresses trying one account get far. One process
// keeps token buckets in memory (LoginThrottle); processes sharing Redis count attempts there
// (SharedLoginThrottle), so adding servers does not multiply what an attacker may try.
import type { Presence } from "@colyseus/core";
import type { Config } from "../config.ts";
import { RateLimiter, type RateDecision, type RateLimitOptions } from "../features/rate-limit.ts";

export type ThrottleDecision = { ok: true } | { ok: false; retryInMs: number; scope: "address" | "username" };

/** What the account routes need of a throttle, whichever kind. */
export interface AttemptThrottle {
  login(address: string, username: string): ThrottleDecision | Promise<ThrottleDecision>;
  register(address: string): RateDecision | Promise<RateDecision>;
  stop(): void;
}

interface Limits { byAddress: RateLimitOptions; byUsername: RateLimitOptions; registrations: RateLimitOptions }

function limitsOf(config: Config): Limits {
  return {
    byAddress: { burst: config.LOGIN_IP_BURST, perSecond: config.LOGIN_IP_PER_MINUTE / 60 },
    byUsername: { burst: config.LOGIN_USER_BURST, perSecond: config.LOGIN_USER_PER_MINUTE / 60 },
    registrations: { burst: config.REGISTER_IP_BURST, perSecond: config.REGISTER_IP_PER_HOUR / 3600 },
  };
}

const SWEEP_EVERY_MS = 60_000;

export class LoginThrottle implements AttemptThrottle {
  private readonly byAddress: RateLimiter;
  private readonly byUsername: RateLimiter;
  private readonly registrations: RateLimiter;
  private readonly sweeper: NodeJS.Timeout;

  constructor(config: Config, now: () => number = Date.now) {
    const limits = limitsOf(config);
    this.byAddress = new RateLimiter(limits.byAddress, now);
    this.byUsername = new RateLimiter(limits.byUsername, now);
    this.registrations = new RateLimiter(limits.registrations, now);
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

/**
 * The same limits counted in Redis, through Colyseus presence, for every process at once. Each
 * limit is a fixed window as long as its bucket takes to refill (20 per 2 min, say) allowing
 * `burst` attempts; a refusal says when the window ends. Counting is one atomic HINCRBY. While
 * Redis does not answer, this process counts on its own (and says so in the log) rather than
 * failing sign-ins or letting them through unlimited.
 */
export class SharedLoginThrottle implements AttemptThrottle {
  private readonly limits: Limits;
  private readonly local: LoginThrottle;
  private warned = false;

  constructor(private readonly presence: Presence, config: Config, private readonly now: () => number = Date.now, private readonly prefix = "chill:throttle", private readonly onRedisError: (err: unknown) => void = () => {}) {
    this.limits = limitsOf(config);
    this.local = new LoginThrottle(config, now);
  }

  async login(address: string, username: string): Promise<ThrottleDecision> {
    try {
      const a = await this.take("login-ip", address, this.limits.byAddress);
      if (!a.ok) return { ...a, scope: "address" };
      const u = await this.take("login-user", username.toLowerCase(), this.limits.byUsername);
      if (!u.ok) return { ...u, scope: "username" };
      return { ok: true };
    } catch (err) {
      this.redisFailed(err);
      return this.local.login(address, username);
    }
  }

  async register(address: string): Promise<RateDecision> {
    try {
      return await this.take("register-ip", address, this.limits.registrations);
    } catch (err) {
      this.redisFailed(err);
      return this.local.register(address);
    }
  }

  stop(): void {
    this.local.stop();
  }

  private redisFailed(err: unknown): void {
    if (this.warned) return;
    this.warned = true;
    this.onRedisError(err);
  }

  private async take(kind: string, subject: string, limit: RateLimitOptions): Promise<RateDecision> {
    const windowMs = Math.max(1000, Math.round((limit.burst / limit.perSecond) * 1000));
    const now = this.now();
    const window = Math.floor(now / windowMs);
    const key = `${this.prefix}:${kind}:${window}`;
    const count = await this.presence.hincrbyex(key, subject, 1, Math.ceil((windowMs * 2) / 1000));
    if (count <= limit.burst) return { ok: true };
    return { ok: false, retryInMs: Math.max(1, (window + 1) * windowMs - now) };
  }
}
