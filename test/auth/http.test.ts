import assert from "node:assert/strict";
import { eq } from "drizzle-orm";
import { testServer } from "../support/server.ts";
import { api, register, randomIp, uniqueName } from "../support/accounts.ts";
import { sessions } from "../../server/db/schema.ts";

/** Makes every session of a user end in the past, as if 30 days had gone by unused. */
async function expireSessionsOf(userId: string): Promise<void> {
  const { lounge } = await testServer();
  await lounge.database.db.update(sessions).set({ expiresAt: new Date(Date.now() - 1000) }).where(eq(sessions.userId, userId));
}

describe("accounts over HTTP", () => {
  it("registers, signs in with an HTTP-only SameSite=Lax cookie, and says who I am", async () => {
    const username = uniqueName("Ada");
    const res = await api("/api/auth/register", { json: { username, password: "correct horse battery", displayName: "Ada L.", avatar: "owl" }, ip: randomIp() });
    assert.equal(res.status, 201);
    assert.equal(res.body.user.username, username);
    assert.equal(res.body.user.displayName, "Ada L.");
    assert.equal(res.body.user.avatar, "owl");
    assert.equal(res.body.token, undefined, "the token stays in the HTTP-only cookie");
    const cookie = res.cookies.get("chill_session");
    assert.ok(cookie);
    assert.match(cookie.value, /^[a-z2-7]{24}\.[a-z2-7]{32}$/);
    assert.match(cookie.attributes, /httponly/);
    assert.match(cookie.attributes, /samesite=lax/);
    assert.match(cookie.attributes, /path=\//);
    assert.doesNotMatch(cookie.attributes, /secure/, "plain http: no Secure flag");
    const expires = Date.parse(/expires=([^;]+)/.exec(cookie.attributes)?.[1] ?? "");
    assert.ok(Math.abs(expires - (Date.now() + 30 * 86_400_000)) < 60_000, "expires in 30 days");

    const me = await api("/api/auth/me", { cookie: `chill_session=${cookie.value}` });
    assert.equal(me.status, 200);
    assert.equal(me.body.user.username, username);
    const bearer = await api("/api/me", { headers: { authorization: `Bearer ${cookie.value}` } });
    assert.equal(bearer.body.user.id, res.body.user.id);
  });

  it("marks the cookie Secure when the request came over HTTPS through the proxy", async () => {
    const res = await api("/api/auth/register", { json: { username: uniqueName(), password: "correct horse battery" }, ip: randomIp(), headers: { "x-forwarded-proto": "https" } });
    assert.equal(res.status, 201);
    assert.match(res.cookies.get("chill_session")?.attributes ?? "", /secure/);
  });

  it("refuses bad usernames and passwords, and a username taken in another letter case", async () => {
    const cases: Array<[unknown, RegExp]> = [
      [{ username: "ab", password: "correct horse" }, /username: Usernames are 3–24/],
      [{ username: "has space", password: "correct horse" }, /letters, digits/],
      [{ username: uniqueName(), password: "short" }, /password: Passwords are at least 8/],
      [{ username: uniqueName(), password: "x".repeat(257) }, /at most 256/],
    ];
    for (const [json, pattern] of cases) {
      const res = await api("/api/auth/register", { json, ip: randomIp() });
      assert.equal(res.status, 400, JSON.stringify(json).slice(0, 80));
      assert.equal(res.body.error.code, "INVALID_REQUEST");
      assert.match(res.body.error.message, pattern);
    }
    const taken = await register({ username: uniqueName("Case") });
    const again = await api("/api/auth/register", { json: { username: taken.username.toUpperCase(), password: "another password" }, ip: randomIp() });
    assert.equal(again.status, 409);
    assert.equal(again.body.error.code, "USERNAME_TAKEN");
  });

  it("signs in case-insensitively, and answers a wrong password and an unknown user alike", async () => {
    const acct = await register();
    const ip = randomIp();
    const ok = await api("/api/auth/login", { json: { username: acct.username.toUpperCase(), password: acct.password }, ip });
    assert.equal(ok.status, 200);
    assert.ok(ok.cookies.get("chill_session")?.value);
    const wrong = await api("/api/auth/login", { json: { username: acct.username, password: "not the password" }, ip });
    const unknown = await api("/api/auth/login", { json: { username: uniqueName("nobody"), password: "not the password" }, ip });
    assert.equal(wrong.status, 401);
    assert.deepEqual(wrong.body, unknown.body);
    assert.equal(wrong.body.error.code, "INVALID_CREDENTIALS");
    assert.equal(wrong.cookies.size, 0, "no cookie for a failed sign-in");
    const token = await api("/api/auth/login", { json: { username: acct.username, password: acct.password, includeToken: true }, ip });
    assert.match(token.body.token, /^[a-z2-7]{24}\.[a-z2-7]{32}$/);
  });

  it("treats a forged cookie as signed out and clears it", async () => {
    const acct = await register();
    const [id] = acct.token.split(".");
    for (const cookie of [`chill_session=${id}.${"a".repeat(32)}`, "chill_session=garbage"]) {
      const me = await api("/api/auth/me", { cookie });
      assert.equal(me.status, 200);
      assert.equal(me.body.user, null);
      assert.match(me.cookies.get("chill_session")?.attributes ?? "", /expires=thu, 01 jan 1970/);
      const edit = await api("/api/me", { method: "PATCH", json: { displayName: "Mallory" }, cookie });
      assert.equal(edit.status, 401);
      assert.equal(edit.body.error.code, "SESSION_INVALID");
    }
  });

  it("refuses an expired session with SESSION_EXPIRED", async () => {
    const acct = await register();
    await expireSessionsOf(acct.user.id);
    const edit = await api("/api/me", { method: "PATCH", json: { displayName: "Late" }, cookie: acct.cookie });
    assert.equal(edit.status, 401);
    assert.equal(edit.body.error.code, "SESSION_EXPIRED");
    const me = await api("/api/auth/me", { cookie: acct.cookie });
    assert.equal(me.body.user, null);
  });

  it("extends a session used with less than 15 days left, and sends the cookie again", async () => {
    const acct = await register();
    const { lounge } = await testServer();
    await lounge.database.db.update(sessions).set({ expiresAt: new Date(Date.now() + 10 * 86_400_000) }).where(eq(sessions.userId, acct.user.id));
    const me = await api("/api/me", { cookie: acct.cookie });
    assert.equal(me.status, 200);
    const renewed = me.cookies.get("chill_session");
    assert.equal(renewed?.value, acct.token);
    const [row] = await lounge.database.db.select().from(sessions).where(eq(sessions.userId, acct.user.id));
    assert.ok(row.expiresAt.getTime() > Date.now() + 29 * 86_400_000);
  });

  it("signs out one session, or every session of the account", async () => {
    const acct = await register();
    const ip = randomIp();
    const second = await api("/api/auth/login", { json: { username: acct.username, password: acct.password }, ip });
    const secondCookie = `chill_session=${second.cookies.get("chill_session")?.value}`;
    const out = await api("/api/auth/logout", { method: "POST", cookie: acct.cookie });
    assert.equal(out.status, 204);
    assert.match(out.cookies.get("chill_session")?.attributes ?? "", /expires=thu, 01 jan 1970/);
    assert.equal((await api("/api/auth/me", { cookie: acct.cookie })).body.user, null);
    assert.equal((await api("/api/auth/me", { cookie: secondCookie })).body.user.id, acct.user.id, "the other session still works");
    const third = await api("/api/auth/login", { json: { username: acct.username, password: acct.password }, ip });
    const all = await api("/api/auth/logout-all", { method: "POST", cookie: secondCookie });
    assert.equal(all.status, 200);
    assert.equal(all.body.ended, 2);
    assert.equal((await api("/api/auth/me", { cookie: secondCookie })).body.user, null);
    assert.equal((await api("/api/auth/me", { cookie: `chill_session=${third.cookies.get("chill_session")?.value}` })).body.user, null);
    assert.equal((await api("/api/auth/logout-all", { method: "POST" })).status, 401);
  });

  it("edits the profile's display name and avatar", async () => {
    const acct = await register();
    const res = await api("/api/me", { method: "PATCH", json: { displayName: "  Grace  ", avatar: "robot" }, cookie: acct.cookie });
    assert.equal(res.status, 200);
    assert.equal(res.body.user.displayName, "Grace");
    assert.equal(res.body.user.avatar, "robot");
    const bad = await api("/api/me", { method: "PATCH", json: { avatar: "dragon" }, cookie: acct.cookie });
    assert.equal(bad.status, 400);
    const guest = await api("/api/me", { method: "PATCH", json: { displayName: "x" } });
    assert.equal(guest.status, 401);
    assert.equal(guest.body.error.code, "NOT_SIGNED_IN");
  });

  it("gives a guest a long-lived HTTP-only guest cookie", async () => {
    const me = await api("/api/auth/me");
    assert.equal(me.body.user, null);
    const guest = me.cookies.get("chill_guest");
    assert.ok(guest && guest.value.length >= 32);
    assert.match(guest.attributes, /httponly/);
    const again = await api("/api/auth/me", { cookie: `chill_guest=${guest.value}` });
    assert.equal(again.cookies.has("chill_guest"), false, "kept, not replaced");
  });
});

describe("sign-in rate limits", () => {
  it("answers 429 with Retry-After after 5 attempts on one username from one address, and still lets the real person in elsewhere", async () => {
    const acct = await register();
    const attacker = randomIp();
    for (let i = 0; i < 5; i++) {
      const res = await api("/api/auth/login", { json: { username: acct.username, password: `guess ${i} wrong` }, ip: attacker });
      assert.equal(res.status, 401);
    }
    const limited = await api("/api/auth/login", { json: { username: acct.username, password: acct.password }, ip: attacker });
    assert.equal(limited.status, 429);
    assert.equal(limited.body.error.code, "RATE_LIMITED");
    assert.match(limited.body.error.message, /this account; try again in \d+ s/);
    const retryAfter = Number(limited.headers.get("retry-after"));
    assert.ok(retryAfter >= 1 && retryAfter <= 30, `Retry-After ${retryAfter}`);
    assert.equal(limited.body.error.retryAfterSeconds, retryAfter);
    assert.equal(limited.cookies.size, 0);
    const real = await api("/api/auth/login", { json: { username: acct.username, password: acct.password }, ip: randomIp() });
    assert.equal(real.status, 200, "the right password from the real person's address works");
  });

  it("lets a device that signed in before through while guessing from everywhere has the username limited", async () => {
    const acct = await register();
    const home = randomIp();
    const first = await api("/api/auth/login", { json: { username: acct.username, password: acct.password }, ip: home });
    assert.equal(first.status, 200);
    const device = first.cookies.get("chill_device");
    assert.ok(device, "a known-device cookie");
    assert.match(device.attributes, /httponly/);
    assert.match(device.attributes, /path=\/api\/auth/);
    const { lounge } = await testServer();
    // Guessing spread over many addresses, more than the all-addresses limit allows.
    for (let i = 0; i <= lounge.config.LOGIN_USER_ALL_BURST; i++) {
      await api("/api/auth/login", { json: { username: acct.username, password: `spread ${i}` }, ip: randomIp() });
    }
    const newDevice = await api("/api/auth/login", { json: { username: acct.username, password: acct.password }, ip: home });
    assert.equal(newDevice.status, 429, "a browser that never signed in waits");
    const known = await api("/api/auth/login", { json: { username: acct.username, password: acct.password }, ip: home, cookie: `chill_device=${device.value}` });
    assert.equal(known.status, 200, "the known device signs in with the right password");
    const forged = await api("/api/auth/login", { json: { username: acct.username, password: acct.password }, ip: home, cookie: `chill_device=${device.value.slice(0, -2)}xx` });
    assert.equal(forged.status, 429, "a forged device cookie counts as a new device");
  });

  it("answers 429 after 20 attempts from one address across usernames", async () => {
    const ip = randomIp();
    // All 20 at once: the address's allowance refills one attempt every 6 s, and 20 password checks
    // one after another can take that long on a busy machine.
    const attempts = await Promise.all(Array.from({ length: 20 }, () =>
      api("/api/auth/login", { json: { username: uniqueName("spray"), password: "whatever123" }, ip })));
    attempts.forEach((res, i) => assert.equal(res.status, 401, `attempt ${i + 1}`));
    const limited = await api("/api/auth/login", { json: { username: uniqueName("spray"), password: "whatever123" }, ip });
    assert.equal(limited.status, 429);
    assert.match(limited.body.error.message, /your address/);
    assert.ok(Number(limited.headers.get("retry-after")) >= 1);
    const elsewhere = await api("/api/auth/login", { json: { username: uniqueName("spray"), password: "whatever123" }, ip: randomIp() });
    assert.equal(elsewhere.status, 401, "another address is not affected");
  });
});

describe("cross-site protection and security headers", () => {
  it("refuses a state-changing request from another site's page", async () => {
    const acct = await register();
    const { port } = await testServer();
    const evil = await api("/api/lounges", { json: { name: "Forged" }, cookie: acct.cookie, headers: { origin: "https://evil.example" } });
    assert.equal(evil.status, 403);
    assert.equal(evil.body.error.code, "CROSS_SITE_REQUEST");
    const nullOrigin = await api("/api/auth/logout", { method: "POST", cookie: acct.cookie, headers: { origin: "null" } });
    assert.equal(nullOrigin.status, 403);
    const fetchMeta = await api("/api/me", { method: "PATCH", json: { displayName: "x" }, cookie: acct.cookie, headers: { "sec-fetch-site": "cross-site" } });
    assert.equal(fetchMeta.status, 403);
    assert.equal((await api("/api/auth/me", { cookie: acct.cookie })).body.user.displayName, acct.user.displayName, "nothing changed");
    const same = await api("/api/lounges", { json: { name: "Mine" }, cookie: acct.cookie, headers: { origin: `http://127.0.0.1:${port}` } });
    assert.equal(same.status, 201);
    const read = await api("/api/lounges", { headers: { origin: "https://evil.example" } });
    assert.equal(read.status, 200, "reads are not state-changing");
  });

  it("sends helmet's headers with a CSP the web client can live with", async () => {
    const res = await api("/api/lounges");
    const csp = res.headers.get("content-security-policy") ?? "";
    assert.match(csp, /default-src 'self'/);
    assert.match(csp, /script-src 'self'(;|$)/);
    assert.match(csp, /worker-src 'self' blob:/);
    assert.match(csp, /img-src 'self' data: blob:/);
    assert.match(csp, /connect-src 'self' ws: wss:/);
    assert.doesNotMatch(csp, /upgrade-insecure-requests/);
    assert.equal(res.headers.get("x-content-type-options"), "nosniff");
    assert.equal(res.headers.get("x-frame-options"), "SAMEORIGIN");
    assert.equal(res.headers.get("x-powered-by"), null);
  });
});
