import assert from "node:assert/strict";
import { testServer } from "../support/server.ts";
import { api, randomIp, register } from "../support/accounts.ts";
import { LoginThrottle } from "../../server/auth/login-throttle.ts";
import { loadConfig } from "../../server/config.ts";

describe("limits on creating lounges", () => {
  it("refuses an address that created its burst of lounges with 429 and Retry-After", async () => {
    const { lounge } = await testServer();
    const burst = lounge.config.LOUNGE_CREATE_IP_BURST;
    const ip = randomIp();
    for (let i = 0; i < burst; i++) {
      const res = await api("/api/lounges", { json: { name: `Spam ${i}`, visibility: "unlisted" }, ip });
      assert.equal(res.status, 201, `lounge ${i}: ${JSON.stringify(res.body)}`);
    }
    const refused = await api("/api/lounges", { json: { name: "One more", visibility: "unlisted" }, ip });
    assert.equal(refused.status, 429);
    assert.equal(refused.body.error.code, "RATE_LIMITED");
    assert.match(refused.body.error.message, /your address/);
    const retry = Number(refused.headers.get("retry-after"));
    assert.ok(retry > 0 && retry <= 3600, `Retry-After ${retry}`);
    assert.equal((await api("/api/lounges", { json: { name: "Elsewhere", visibility: "unlisted" }, ip: randomIp() })).status, 201, "other addresses are unaffected");
  });

  it("refuses an account that created its burst of lounges, whatever address it uses", async () => {
    const { lounge } = await testServer();
    const burst = lounge.config.LOUNGE_CREATE_USER_BURST;
    const acct = await register();
    for (let i = 0; i < burst; i++) {
      const res = await api("/api/lounges", { json: { name: `Mine ${i}`, visibility: "unlisted" }, cookie: acct.cookie, ip: randomIp() });
      assert.equal(res.status, 201, `lounge ${i}: ${JSON.stringify(res.body)}`);
    }
    const refused = await api("/api/lounges", { json: { name: "One more" }, cookie: acct.cookie, ip: randomIp() });
    assert.equal(refused.status, 429);
    assert.match(refused.body.error.message, /You have created many lounges/);
    assert.ok(Number(refused.headers.get("retry-after")) > 0);
    const other = await register();
    assert.equal((await api("/api/lounges", { json: { name: "Theirs" }, cookie: other.cookie, ip: randomIp() })).status, 201);
  });

  it("lets a limited address create again once the hour's allowance refills", async () => {
    let now = 0;
    const throttle = new LoginThrottle(loadConfig({ LOUNGE_CREATE_IP_BURST: "2", LOUNGE_CREATE_IP_PER_HOUR: "6" }), () => now);
    try {
      assert.equal((await throttle.createLounge("10.3.0.1", null)).ok, true);
      assert.equal((await throttle.createLounge("10.3.0.1", null)).ok, true);
      const refused = await throttle.createLounge("10.3.0.1", null);
      assert.ok(!refused.ok && refused.scope === "address" && refused.retryInMs > 0 && refused.retryInMs <= 600_000, JSON.stringify(refused));
      now += refused.retryInMs;
      assert.equal((await throttle.createLounge("10.3.0.1", null)).ok, true);
    } finally { throttle.stop(); }
  });
});
