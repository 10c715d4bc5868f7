// The operator's overview: processes, lounges and people, for the accounts listed in OPERATORS only.
import assert from "node:assert/strict";
import { matchMaker } from "@colyseus/core";
import { api, joinWith, register, signInOperator } from "../support/accounts.ts";
import { join, leaveAll } from "../support/lounges.ts";
import { testServer } from "../support/server.ts";
import type { OperatorOverview } from "../../shared/operator.ts";

async function overview(cookie: string): Promise<OperatorOverview> {
  const res = await api<OperatorOverview>("/api/operator/overview", { cookie });
  assert.equal(res.status, 200, JSON.stringify(res.body));
  return res.body;
}

/** An overview whose own-process lounge and connection counts were the same twice, 200 ms apart. */
async function settledOverview(cookie: string): Promise<OperatorOverview> {
  const counts = (o: OperatorOverview) => JSON.stringify(o.processes.filter((p) => p.self).map((p) => [p.lounges, p.clients]));
  let last = await overview(cookie);
  for (const until = Date.now() + 5000; Date.now() < until;) {
    await new Promise((r) => setTimeout(r, 200));
    const next = await overview(cookie);
    if (counts(next) === counts(last)) return next;
    last = next;
  }
  return last;
}

describe("GET /api/operator/overview and /operator", () => {
  it("shows an operator this process, the lounge people joined and who they are", async () => {
    const operator = await signInOperator();
    const owner = await register({ displayName: "Bo Owner" });
    const created = await api<{ id: string }>("/api/lounges", { json: { name: "Night shift" }, cookie: owner.cookie });
    assert.equal(created.status, 201);
    // Earlier tests' lounges may still be closing (a room is disposed a moment after its last
    // client left): count from a moment when this process' figures hold still.
    const before = await settledOverview(operator.cookie);
    const guest = await join(created.body.id, "Ada Guest", "fox");
    const signedIn = await joinWith(created.body.id, { cookie: owner.cookie });
    try {
      const after = await overview(operator.cookie);
      const self = (o: OperatorOverview) => o.processes.find((p) => p.self);
      assert.equal(self(after)?.processId, matchMaker.processId);
      assert.equal(self(after)?.draining, false);
      assert.equal((self(after)?.lounges ?? 0) - (self(before)?.lounges ?? 0), 1, "one more lounge open on this process");
      assert.equal((self(after)?.clients ?? 0) - (self(before)?.clients ?? 0), 2, "two more connections on this process");

      const lounge = after.lounges.find((l) => l.id === created.body.id);
      assert.deepEqual(lounge && { name: lounge.name, kind: lounge.kind, people: lounge.people, processId: lounge.processId },
        { name: "Night shift", kind: "lounge", people: 2, processId: matchMaker.processId });
      const inside = after.people.filter((p) => p.loungeId === created.body.id)
        .map((p) => ({ name: p.name, role: p.role, userId: p.userId, connected: p.connected }))
        .sort((a, b) => a.name.localeCompare(b.name));
      assert.deepEqual(inside, [
        { name: "Ada Guest", role: "guest", userId: null, connected: true },
        { name: "Bo Owner", role: "owner", userId: owner.user.id, connected: true },
      ]);
      assert.deepEqual(after.unreachable, []);
    } finally {
      await leaveAll(guest, signedIn);
    }
  });

  it("refuses an anonymous request with 401 and a signed-in non-operator with 403, saying why", async () => {
    const anonymous = await api("/api/operator/overview");
    assert.equal(anonymous.status, 401);
    assert.equal(anonymous.body.error.code, "NOT_SIGNED_IN");
    assert.match(anonymous.body.error.message, /Sign in to see the operator's overview/);

    const someone = await register();
    const refused = await api("/api/operator/overview", { cookie: someone.cookie });
    assert.equal(refused.status, 403);
    assert.equal(refused.body.error.code, "NOT_AN_OPERATOR");
    assert.match(refused.body.error.message, new RegExp(`"${someone.username}" is not one of this server's operators`));

    const { baseUrl } = await testServer();
    const page = await fetch(`${baseUrl}/operator`, { headers: { accept: "text/html" } });
    assert.equal(page.status, 401);
    assert.match(await page.text(), /Sign in on the start page<\/a> with an operator's account/);
    const pageRefused = await fetch(`${baseUrl}/operator`, { headers: { accept: "text/html", cookie: someone.cookie } });
    assert.equal(pageRefused.status, 403);
    assert.doesNotMatch(await pageRefused.text(), /Night shift|<table/, "no overview for a non-operator");
  });
});
