// Limits on attempts that risk or cost something: signing in (per client address, per username
// from one address or known device, and per username from everywhere else together), registering
// accounts and creating lounges (per address and per account). One process keeps token
// buckets in memory (LoginThrottle); processes sharing Redis count attempts there
// (SharedLoginThrottle), so adding servers does not multiply what an attacker may try.
import type { Presence } from "@colyseus/core";
import type { Config } from "../config.ts";
import { RateLimiter, type RateDecision, type RateLimitOptions } from "../features/rate-limit.ts";

/** Who a refusal is about: the client's address, the username being signed in to, or the signed-in account. */
export type ThrottleScope = "address" | "username" | "account";
export type ThrottleDecision = { ok: true } | { ok: false; retryInMs: number; scope: ThrottleScope };

type LimitKind = "login-ip" | "login-user-ip" | "login-device" | "login-user" | "register-ip" | "lounge-ip" | "lounge-user";

function limitsOf(config: Config): Record<LimitKind, RateLimitOptions> {
  return {
    "login-ip": { burst: config.LOGIN_IP_BURST, perSecond: config.LOGIN_IP_PER_MINUTE / 60 },
    "login-user-ip": { burst: config.LOGIN_USER_BURST, perSecond: config.LOGIN_USER_PER_MINUTE / 60 },
    "login-device": { burst: config.LOGIN_USER_BURST, perSecond: config.LOGIN_USER_PER_MINUTE / 60 },
    "login-user": { burst: config.LOGIN_USER_ALL_BURST, perSecond: config.LOGIN_USER_ALL_PER_MINUTE / 60 },
    "register-ip": { burst: config.REGISTER_IP_BURST, perSecond: config.REGISTER_IP_PER_HOUR / 3600 },
    "lounge-ip": { burst: config.LOUNGE_CREATE_IP_BURST, perSecond: config.LOUNGE_CREATE_IP_PER_HOUR / 3600 },
    "lounge-user": { burst: config.LOUNGE_CREATE_USER_BURST, perSecond: config.LOUNGE_CREATE_USER_PER_HOUR / 3600 },
  };
}

const OK: ThrottleDecision = { ok: true };

/** The limits themselves, whichever way attempts are counted. */
abstract class AttemptLimits {
  protected readonly limits: Record<LimitKind, RateLimitOptions>;

  constructor(config: Config) {
    this.limits = limitsOf(config);
  }

  /** Counts one attempt of `kind` by `subject`. */
  protected abstract take(kind: LimitKind, subject: string): RateDecision | Promise<RateDecision>;
  abstract stop(): void;

  /** Counts each check in turn and stops at the first refusal (later ones are not counted). */
  private async first(checks: Array<[LimitKind, string, ThrottleScope]>): Promise<ThrottleDecision> {
    for (const [kind, subject, scope] of checks) {
      const decision = await this.take(kind, subject);
      if (!decision.ok) return { ...decision, scope };
    }
    return OK;
  }

  /**
   * Counts one sign-in attempt; every attempt counts, right or wrong, so guessing stays slow.
   * From a device that signed in to this account before (`knownDevice`, its id from the signed
   * cookie), only that device's own attempts count: nobody guessing elsewhere can lock the real
   * person out of it. Otherwise the address, the username from this address, and the username
   * from all addresses together (a looser limit, against guessing spread over many addresses).
   */
  login(address: string, username: string, knownDevice: string | null = null): Promise<ThrottleDecision> {
    const name = username.toLowerCase();
    if (knownDevice) return this.first([["login-device", `${name}\n${knownDevice}`, "username"]]);
    return this.first([["login-ip", address, "address"], ["login-user-ip", `${name}\n${address}`, "username"], ["login-user", name, "username"]]);
  }

  async register(address: string): Promise<RateDecision> {
    return this.take("register-ip", address);
  }

  /** Counts one lounge creation, by the address and, when signed in, by the account. */
  createLounge(address: string, userId: string | null): Promise<ThrottleDecision> {
    return this.first(userId ? [["lounge-ip", address, "address"], ["lounge-user", userId, "account"]] : [["lounge-ip", address, "address"]]);
  }
}

/** What the account and lounge routes need of a throttle, whichever kind. */
export type AttemptThrottle = Pick<AttemptLimits, "login" | "register" | "createLounge" | "stop">;

const SWEEP_EVERY_MS = 60_000;

export class LoginThrottle extends AttemptLimits {
  private readonly buckets: Record<LimitKind, RateLimiter>;
  private readonly sweeper: NodeJS.Timeout;

  constructor(config: Config, now: () => number = Date.now) {
    super(config);
    const limits = this.limits;
    this.buckets = {
      "login-ip": new RateLimiter(limits["login-ip"], now),
      "login-user-ip": new RateLimiter(limits["login-user-ip"], now),
      "login-device": new RateLimiter(limits["login-device"], now),
      "login-user": new RateLimiter(limits["login-user"], now),
      "register-ip": new RateLimiter(limits["register-ip"], now),
      "lounge-ip": new RateLimiter(limits["lounge-ip"], now),
      "lounge-user": new RateLimiter(limits["lounge-user"], now),
    };
    this.sweeper = setInterval(() => this.sweep(), SWEEP_EVERY_MS).unref();
  }

  override take(kind: LimitKind, subject: string): RateDecision {
    return this.buckets[kind].take(subject);
  }

  sweep(): void {
    for (const limiter of Object.values(this.buckets)) limiter.sweep();
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
 * failing requests or letting them through unlimited.
 */
export class SharedLoginThrottle extends AttemptLimits {
  private readonly local: LoginThrottle;
  private warned = false;

  constructor(private readonly presence: Presence, config: Config, private readonly now: () => number = Date.now, private readonly prefix = "chill:throttle", private readonly onRedisError: (err: unknown) => void = () => {}) {
    super(config);
    this.local = new LoginThrottle(config, now);
  }

  protected async take(kind: LimitKind, subject: string): Promise<RateDecision> {
    const limit = this.limits[kind];
    try {
      const windowMs = Math.max(1000, Math.round((limit.burst / limit.perSecond) * 1000));
      const now = this.now();
      const window = Math.floor(now / windowMs);
      const key = `${this.prefix}:${kind}:${window}`;
      const count = await this.presence.hincrbyex(key, subject, 1, Math.ceil((windowMs * 2) / 1000));
      if (count <= limit.burst) return { ok: true };
      return { ok: false, retryInMs: Math.max(1, (window + 1) * windowMs - now) };
    } catch (err) {
      this.redisFailed(err);
      return this.local.take(kind, subject);
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
}
