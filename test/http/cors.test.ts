import assert from "node:assert/strict";
import { testServer } from "../support/server.ts";
import { createLounge, leaveAll } from "../support/lounges.ts";
import { joinWith, register } from "../support/accounts.ts";

const FOREIGN = "https://evil.example";
const ALLOWED = "https://friend.example"; // ALLOWED_ORIGINS of the test server

async function preflight(path: string, origin: string) {
  const { baseUrl } = await testServer();
  const res = await fetch(`${baseUrl}${path}`, {
    method: "OPTIONS",
    headers: { origin, "access-control-request-method": "POST", "access-control-request-headers": "content-type" },
  });
  return { allowOrigin: res.headers.get("access-control-allow-origin"), allowCredentials: res.headers.get("access-control-allow-credentials"), vary: res.headers.get("vary") };
}

describe("cross-origin requests", () => {
  it("answers CORS preflights with credentials only for the server's own origin and ALLOWED_ORIGINS", async () => {
    const { baseUrl } = await testServer();
    for (const path of ["/matchmake/joinOrCreate/lounge", "/api/lounges", "/api/auth/me"]) {
      const foreign = await preflight(path, FOREIGN);
      assert.equal(foreign.allowOrigin, null, `${path}: a foreign origin is not allowed`);
      assert.equal(foreign.allowCredentials, null, path);
      for (const origin of [baseUrl, ALLOWED]) {
        const ok = await preflight(path, origin);
        assert.equal(ok.allowOrigin, origin, path);
        assert.equal(ok.allowCredentials, "true", path);
        assert.match(ok.vary ?? "", /Origin/, path);
      }
    }
  });

  it("does not let a foreign page read a signed-in answer", async () => {
    const acct = await register();
    const { baseUrl } = await testServer();
    const res = await fetch(`${baseUrl}/api/auth/me`, { headers: { origin: FOREIGN, cookie: acct.cookie } });
    assert.equal(res.headers.get("access-control-allow-origin"), null);
    assert.equal(res.headers.get("access-control-allow-credentials"), null);
  });

  it("joins a cookie-carrying join from a foreign origin as a guest, not as the signed-in person", async () => {
    const acct = await register({ displayName: "Real Person", avatar: "panda" });
    const lounge = await createLounge();
    const { baseUrl } = await testServer();
    const foreign = await joinWith(lounge.id, { cookie: acct.cookie, origin: FOREIGN }, { name: "Someone", avatar: "fox" });
    const own = await joinWith(lounge.id, { cookie: acct.cookie, origin: baseUrl });
    const allowed = await joinWith(lounge.id, { cookie: acct.cookie, origin: ALLOWED });
    try {
      const asSeen = (c: typeof own) => { const p = c.state.players.get(c.sessionId); return [p?.userId, p?.name]; };
      assert.deepEqual(asSeen(foreign), ["", "Someone"], "the foreign page's join is a guest");
      assert.deepEqual(asSeen(own), [acct.user.id, "Real Person"]);
      assert.deepEqual(asSeen(allowed), [acct.user.id, "Real Person"]);
    } finally {
      await leaveAll(foreign, own, allowed);
    }
  });
});
