// "Known device" cookies: a browser that signed in to an account before carries a signed note
// saying so, and its sign-ins to that account are counted on their own, so someone guessing the
// password elsewhere cannot lock the real person out of the devices they use.
import { createHmac, randomBytes, timingSafeEqual } from "node:crypto";

export const DEVICE_COOKIE = "chill_device";
export const DEVICE_COOKIE_DAYS = 180;
const DAY_MS = 24 * 60 * 60 * 1000;

/**
 * Issues and recognises `v1.<device id>.<username>.<issued day>.<signature>` (HMAC-SHA256 with
 * DEVICE_KEY). The cookie grants no access: it only selects which sign-in limit counts.
 */
export class KnownDevices {
  private readonly key: Buffer;

  /** Without a key, one random to this process: devices are then known until it restarts. */
  constructor(key: string | undefined, private readonly now: () => number = Date.now) {
    this.key = key ? Buffer.from(key, "utf8") : randomBytes(32);
  }

  /** The cookie value for a browser that just signed in as `username`. */
  issue(username: string): string {
    const body = `v1.${randomBytes(12).toString("base64url")}.${username.toLowerCase()}.${Math.floor(this.now() / DAY_MS)}`;
    return `${body}.${this.sign(body)}`;
  }

  /** The device's id when `cookie` is one we issued for `username` in the last DEVICE_COOKIE_DAYS; else null. */
  recognise(cookie: string | undefined, username: string): string | null {
    if (!cookie) return null;
    const parts = cookie.split(".");
    if (parts.length !== 5 || parts[0] !== "v1") return null;
    const [, deviceId, name, day] = parts;
    const body = parts.slice(0, 4).join(".");
    const given = Buffer.from(parts[4], "base64url");
    const expected = Buffer.from(this.sign(body), "base64url");
    if (given.length !== expected.length || !timingSafeEqual(given, expected)) return null;
    if (name !== username.toLowerCase()) return null;
    const age = Math.floor(this.now() / DAY_MS) - Number(day);
    if (!Number.isInteger(age) || age < 0 || age > DEVICE_COOKIE_DAYS) return null;
    return deviceId;
  }

  private sign(body: string): string {
    return createHmac("sha256", this.key).update(body).digest("base64url");
  }
}
