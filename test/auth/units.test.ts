import { randomBytes } from "node:crypto";
import assert from "node:assert/strict";
import { pino } from "pino";
import { SessionService } from "../../server/auth/sessions.ts";
import { PasswordVerifier, hashPassword } from "../../server/auth/passwords.ts";
import { LoginThrottle, SharedLoginThrottle } from "../../server/auth/login-throttle.ts";
import { KnownDevices } from "../../server/auth/known-device.ts";
import { RedisPresence } from "@colyseus/redis-presence";
import { requireService, TEST_REDIS_URL } from "../support/services.ts";
import { parseCookies } from "../../server/auth/cookies.ts";
import { presentedToken, roomIdOfRequest } from "../../server/auth/room-auth.ts";
import type { AuthContext } from "@colyseus/core";
import { digestsEqual, guestKeyOf, randomToken, sha256Hex, splitSessionToken } from "../../server/auth/tokens.ts";
import { loadConfig } from "../../server/config.ts";
import type { SessionRepository } from "../../server/db/sessions.ts";
import type { SessionRow, UserRow } from "../../server/db/schema.ts";
import { registerBody } from "../../shared/accounts.ts";
import { outranks, canModerate } from "../../shared/moderation.ts";

const DAY = 24 * 60 * 60 * 1000;
const user: UserRow = { id: "u1", username: "ada", passwordHash: "x", displayName: "Ada", avatar: "fox", createdAt: new Date(0) };

/** An in-memory stand-in for the sessions table that records what the service stores. */
function memoryRepo() {
  const rows = new Map<string, SessionRow>();
  const repo = {
    async insert(row: { id: string; secretHash: string; userId: string; expiresAt: Date }) {
      const full = { ...row, createdAt: new Date() };
      rows.set(row.id, full);
      return full;
    },
    async withUser(id: string) { const session = rows.get(id); return session ? { session, user } : undefined; },
    async extend(id: string, expiresAt: Date) { const r = rows.get(id); if (r) r.expiresAt = expiresAt; },
    async delete(id: string) { rows.delete(id); },
    async deleteAllOf(userId: string) { let n = 0; for (const [k, r] of rows) if (r.userId === userId) { rows.delete(k); n++; } return n; },
  };
  return { rows, repo: repo as unknown as SessionRepository };
}

describe("session tokens", () => {
  let now = Date.UTC(2030, 0, 1);
  const clock = () => now;
  const silent = pino({ level: "silent" });

  it("issues <id>.<secret> tokens of 120 + 160 random bits in lower-case base32, storing only the secret's SHA-256", async () => {
    const { rows, repo } = memoryRepo();
    const sessions = new SessionService(repo, { days: 30, renewDays: 15 }, silent, clock);
    const { token, session } = await sessions.create("u1");
    assert.match(token, /^[a-z2-7]{24}\.[a-z2-7]{32}$/);
    const [id, secret] = token.split(".");
    const row = rows.get(id);
    assert.ok(row);
    assert.equal(row.secretHash, sha256Hex(secret));
    assert.ok(!JSON.stringify(row).includes(secret), "the secret itself is never stored");
    assert.equal(session.expiresAt.getTime(), now + 30 * DAY);
    const other = await sessions.create("u1");
    assert.notEqual(other.token, token);
  });

  it("signs in with the right token and refuses a forged secret, a malformed token and an unknown id", async () => {
    const { repo } = memoryRepo();
    const sessions = new SessionService(repo, { days: 30, renewDays: 15 }, silent, clock);
    const { token } = await sessions.create("u1");
    const ok = await sessions.validate(token);
    assert.equal(ok.status, "valid");
    const [id] = token.split(".");
    assert.equal((await sessions.validate(`${id}.${randomToken(20)}`)).status, "invalid");
    assert.equal((await sessions.validate(`${randomToken(15)}.${randomToken(20)}`)).status, "invalid");
    for (const bad of ["", "abc", `${token}.x`, token.toUpperCase(), `${id}.`, "a".repeat(24) + "." + "1".repeat(32)]) {
      assert.equal((await sessions.validate(bad)).status, "invalid", bad);
    }
  });

  it("slides the expiry forward only when less than 15 of 30 days remain, and ends expired sessions", async () => {
    const { rows, repo } = memoryRepo();
    const sessions = new SessionService(repo, { days: 30, renewDays: 15 }, silent, clock);
    const start = now;
    const { token } = await sessions.create("u1");
    const id = token.split(".")[0];
    now = start + 10 * DAY;
    const early = await sessions.validate(token);
    assert.ok(early.status === "valid" && !early.renewed);
    assert.equal(rows.get(id)?.expiresAt.getTime(), start + 30 * DAY);
    now = start + 16 * DAY;
    const late = await sessions.validate(token);
    assert.ok(late.status === "valid" && late.renewed);
    assert.equal(rows.get(id)?.expiresAt.getTime(), now + 30 * DAY);
    now += 30 * DAY + 1;
    assert.equal((await sessions.validate(token)).status, "expired");
    assert.equal(rows.has(id), false, "an expired session is deleted");
    assert.equal((await sessions.validate(token)).status, "invalid");
  });

  it("signs out one session or all of a user's", async () => {
    const { rows, repo } = memoryRepo();
    const sessions = new SessionService(repo, { days: 30, renewDays: 15 }, silent, clock);
    const a = await sessions.create("u1");
    const b = await sessions.create("u1");
    await sessions.invalidate(a.token);
    assert.equal((await sessions.validate(a.token)).status, "invalid");
    assert.equal((await sessions.validate(b.token)).status, "valid");
    assert.equal(await sessions.invalidateAll("u1"), 1);
    assert.equal(rows.size, 0);
  });

  it("compares digests without short-circuiting on length or content", () => {
    assert.equal(digestsEqual(sha256Hex("a"), sha256Hex("a")), true);
    assert.equal(digestsEqual(sha256Hex("a"), sha256Hex("b")), false);
    assert.equal(digestsEqual("abc", "abcd"), false);
    assert.notEqual(guestKeyOf("t1"), guestKeyOf("t2"));
    assert.equal(splitSessionToken("x.y"), undefined);
  });
});

describe("passwords", () => {
  const verifier = new PasswordVerifier();
  before(() => verifier.warm());

  it("hashes with argon2id and verifies only the right password", async () => {
    const hash = await hashPassword("correct horse battery");
    assert.match(hash, /^\$argon2id\$v=19\$m=19456,t=2,p=1\$/);
    assert.equal(await verifier.verify(hash, "correct horse battery"), true);
    assert.equal(await verifier.verify(hash, "correct horse batterY"), false);
    assert.equal(await verifier.verify(undefined, "correct horse battery"), false);
    assert.equal(await verifier.verify("not a hash", "x"), false);
  });

  it("takes as long for a username that does not exist as for a wrong password", async function () {
    this.timeout(30_000);
    const hash = await hashPassword("correct horse battery");
    const time = async (stored: string | undefined) => {
      const t = process.hrtime.bigint();
      await verifier.verify(stored, "wrong password!");
      return Number(process.hrtime.bigint() - t) / 1e6;
    };
    // The fastest of several tries is each one's own cost: a busy machine only ever adds to a try.
    // (Without the dummy hash an unknown user would take a fraction of a millisecond.)
    const wrong: number[] = [];
    const missing: number[] = [];
    for (let i = 0; i < 9; i++) { wrong.push(await time(hash)); missing.push(await time(undefined)); }
    const ratio = Math.min(...missing) / Math.min(...wrong);
    assert.ok(ratio > 0.5 && ratio < 2, `unknown user ${Math.min(...missing).toFixed(1)} ms vs wrong password ${Math.min(...wrong).toFixed(1)} ms at best`);
  });
});

describe("sign-in limits", () => {
  const config = loadConfig({});

  it("stops a username from one address after 5 attempts, then lets one through per 30 s; other addresses still get in", async () => {
    let now = 0;
    const throttle = new LoginThrottle(config, () => now);
    try {
      for (let i = 0; i < 5; i++) assert.equal((await throttle.login("10.0.0.1", "Ada")).ok, true);
      const refused = await throttle.login("10.0.0.1", "ADA");
      assert.ok(!refused.ok && refused.scope === "username" && refused.retryInMs > 0 && refused.retryInMs <= 30_000);
      assert.equal((await throttle.login("10.0.0.2", "ada")).ok, true, "the real person elsewhere is not locked out");
      assert.equal((await throttle.login("10.0.0.1", "bo")).ok, true, "other accounts are unaffected");
      now += 30_000;
      assert.equal((await throttle.login("10.0.0.1", "ada")).ok, true);
      assert.equal((await throttle.login("10.0.0.1", "ada")).ok, false);
    } finally { throttle.stop(); }
  });

  it("stops a username after 20 attempts spread over addresses, but not from a device that signed in before", async () => {
    const throttle = new LoginThrottle(config, () => 0);
    try {
      for (let i = 0; i < 20; i++) assert.equal((await throttle.login(`10.4.0.${i}`, "Ada")).ok, true);
      const refused = await throttle.login("10.4.1.1", "ada");
      assert.ok(!refused.ok && refused.scope === "username", "a new device is refused once guessing is spread wide");
      for (let i = 0; i < 5; i++) assert.equal((await throttle.login("10.4.0.1", "ada", "device-1")).ok, true, "the known device gets in");
      assert.equal((await throttle.login("10.4.0.1", "ada", "device-1")).ok, false, "a known device has its own limit");
      assert.equal((await throttle.login("10.4.0.1", "ada", "device-2")).ok, true);
    } finally { throttle.stop(); }
  });

  it("stops an address after 20 attempts across usernames", async () => {
    const throttle = new LoginThrottle(config, () => 0);
    try {
      for (let i = 0; i < 20; i++) assert.equal((await throttle.login("10.1.1.1", `user${i}`)).ok, true);
      const refused = await throttle.login("10.1.1.1", "someone-else");
      assert.ok(!refused.ok && refused.scope === "address");
      assert.equal((await throttle.login("10.1.1.2", "someone-else")).ok, true);
    } finally { throttle.stop(); }
  });

  it("forgets refilled buckets when swept", async () => {
    let now = 0;
    const throttle = new LoginThrottle(config, () => now);
    try {
      await throttle.login("10.2.2.2", "x");
      now += 10 * 60_000;
      throttle.sweep();
      for (let i = 0; i < 5; i++) assert.equal((await throttle.login("10.2.2.3", "x")).ok, true, "a full bucket again");
    } finally { throttle.stop(); }
  });
});

describe("known-device cookies", () => {
  const DAY = 24 * 60 * 60 * 1000;
  it("recognises a cookie it issued for the same username within 180 days, and nothing else", () => {
    let now = Date.UTC(2030, 0, 1);
    const devices = new KnownDevices("k".repeat(32), () => now);
    const cookie = devices.issue("Ada");
    const id = devices.recognise(cookie, "ADA");
    assert.ok(id && id.length >= 16);
    assert.equal(devices.recognise(cookie, "bo"), null, "another username");
    assert.equal(new KnownDevices("x".repeat(32), () => now).recognise(cookie, "ada"), null, "another key");
    const [v, dev, name, day, mac] = cookie.split(".");
    assert.equal(devices.recognise([v, dev, name, String(Number(day) + 1), mac].join("."), "ada"), null, "an altered cookie");
    assert.equal(devices.recognise("v1.a.ada.1.xyz", "ada"), null);
    assert.equal(devices.recognise(undefined, "ada"), null);
    now += 181 * DAY;
    assert.equal(devices.recognise(cookie, "ada"), null, "too old");
  });
});

describe("sign-in limits shared through Redis by several processes", function () {
  const config = loadConfig({});
  let presences: RedisPresence[] = [];
  // A prefix of this run's own, so runs against the same Redis do not count each other's attempts.
  const prefix = `chill:test-throttle:${randomBytes(6).toString("hex")}`;

  before(async function () { await requireService(this, "redis"); });
  afterEach(() => { for (const p of presences.splice(0)) p.shutdown(); });

  const twoProcesses = (now: () => number) => {
    presences = [new RedisPresence(TEST_REDIS_URL), new RedisPresence(TEST_REDIS_URL)];
    return presences.map((p) => new SharedLoginThrottle(p, config, now, prefix));
  };

  it("counts a username's attempts from one address on every process together, and says when to retry", async () => {
    const now = 1_800_000_000_000;
    const [one, two] = twoProcesses(() => now);
    for (let i = 0; i < 5; i++) assert.equal((await (i % 2 ? one : two).login("10.9.0.98", "Shared")).ok, true);
    const refused = await one.login("10.9.0.98", "SHARED");
    assert.ok(!refused.ok && refused.scope === "username", JSON.stringify(refused));
    assert.ok(refused.retryInMs > 0 && refused.retryInMs <= 150_000, `retry in ${refused.retryInMs} ms`);
    const elsewhere = await two.login("10.9.0.98", "shared");
    assert.equal(elsewhere.ok, false, "the other process refuses it too");
    assert.equal((await two.login("10.9.0.98", "someone-else")).ok, true, "other accounts are unaffected");
  });

  it("counts an address across usernames and processes, and lets it try again in the next window", async () => {
    let now = 1_800_000_000_000;
    const [one, two] = twoProcesses(() => now);
    for (let i = 0; i < 20; i++) assert.equal((await (i % 2 ? one : two).login("10.9.1.1", `user${i}`)).ok, true);
    const refused = await two.login("10.9.1.1", "one-more");
    assert.ok(!refused.ok && refused.scope === "address");
    now += refused.retryInMs;
    assert.equal((await one.login("10.9.1.1", "one-more")).ok, true);
  });
});

describe("sign-in limits while Redis does not answer", () => {
  it("keeps limiting in this process and reports the outage once", async () => {
    const errors: unknown[] = [];
    const down = { hincrbyex: () => Promise.reject(new Error("connect ECONNREFUSED 127.0.0.1:6379")) } as unknown as RedisPresence;
    const throttle = new SharedLoginThrottle(down, loadConfig({}), () => 0, "unused", (err) => errors.push(err));
    try {
      for (let i = 0; i < 5; i++) assert.equal((await throttle.login("10.7.0.1", "Ada")).ok, true);
      const refused = await throttle.login("10.7.0.1", "ada");
      assert.ok(!refused.ok && refused.scope === "username", "still limited");
      assert.equal(errors.length, 1, "one warning, not one per attempt");
    } finally { throttle.stop(); }
  });
});

describe("account rules", () => {
  it("accepts 3–24 letters, digits, _ and - as a username, and 8–256 character passwords", () => {
    const ok = (username: string, password = "12345678") => registerBody.safeParse({ username, password }).success;
    assert.equal(ok("ada"), true);
    assert.equal(ok("Ada_Lovelace-1815"), true);
    assert.equal(ok("ab"), false);
    assert.equal(ok("a".repeat(25)), false);
    assert.equal(ok("ada lovelace"), false);
    assert.equal(ok("adä"), false);
    assert.equal(ok("ada", "1234567"), false);
    assert.equal(ok("ada", "x".repeat(256)), true);
    assert.equal(ok("ada", "x".repeat(257)), false);
  });

  it("ranks roles: owners over moderators over everyone else", () => {
    assert.equal(outranks("owner", "moderator"), true);
    assert.equal(outranks("moderator", "moderator"), false);
    assert.equal(outranks("moderator", "owner"), false);
    assert.equal(outranks("moderator", "member"), true);
    assert.equal(canModerate("guest"), false);
    assert.equal(canModerate("member"), false);
  });

  it("finds the session token of a join in the option, then the bearer token, then the cookie", () => {
    const context = (token: string | undefined, cookie: string): AuthContext => ({ token, ip: undefined, headers: new Headers({ cookie }) });
    assert.equal(presentedToken({ sessionToken: "opt" }, context("bearer", "chill_session=cookie")), "opt");
    assert.equal(presentedToken({}, context("bearer", "chill_session=cookie")), "bearer");
    assert.equal(presentedToken({}, context(undefined, "x=1; chill_session=cookie")), "cookie");
    assert.equal(presentedToken({}, context(undefined, "")), undefined);
  });

  it("reads the lounge of a joinById from the matchmaking URL", () => {
    const context = (url: string): AuthContext => ({ ip: undefined, headers: new Headers(), req: { url } });
    assert.equal(roomIdOfRequest(context("http://h:1/matchmake/joinById/abc123?x=1")), "abc123");
    assert.equal(roomIdOfRequest(context("http://h:1/matchmake/joinOrCreate/lounge")), undefined);
    assert.equal(roomIdOfRequest(undefined), undefined);
  });

  it("reads cookies like a browser sends them", () => {
    const c = parseCookies("a=1; chill_session=abc.def; b=%E2%9C%93; a=2; bad; q=\"quoted\"");
    assert.equal(c.get("a"), "1");
    assert.equal(c.get("chill_session"), "abc.def");
    assert.equal(c.get("b"), "✓");
    assert.equal(c.get("q"), "quoted");
    assert.equal(parseCookies(undefined).size, 0);
  });
});
