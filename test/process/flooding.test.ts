// A flooding client: told why, disconnected for good (no reconnection), and kept out for a while.
import assert from "node:assert/strict";
import { Client } from "@colyseus/sdk";
import { serverOnScratchDatabase } from "../support/process.ts";
import { LeaveCode } from "../../shared/protocol.ts";
import { JoinErrorCode } from "../../shared/join-errors.ts";
import type { ErrorPayload } from "../../shared/errors.ts";
import { waitFor } from "../support/wait.ts";

describe("a client that floods a lounge", function () {
  this.timeout(120_000);
  const running = serverOnScratchDatabase("chill_flood", { ABUSE_MESSAGES_PER_SECOND: "30", ABUSE_PENALTY_SECONDS: "8" });

  it("is told why, loses its seat for good, and may join again only after the penalty", async () => {
    const url = running.current().url;
    const created = await fetch(`${url}/api/lounges`, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ name: "Flood" }) });
    const { id } = (await created.json()) as { id: string };
    const options = { loungeId: id, name: "Mallory", avatar: "ghost", guestToken: "mallory-guest-token-123456" };
    const bystander = await new Client(url).joinOrCreate("lounge", { loungeId: id, name: "Bo", avatar: "cat" });
    bystander.onMessage("*", () => {});
    const flooder = await new Client(url).joinOrCreate("lounge", options);
    const errors: ErrorPayload[] = [];
    flooder.onMessage("error", (e: ErrorPayload) => errors.push(e));
    flooder.onMessage("*", () => {});
    const left = new Promise<number>((resolve) => flooder.onLeave((code) => resolve(code)));
    for (let i = 0; i < 100; i++) flooder.send("clock:ping", { t0: i });
    assert.equal(await left, LeaveCode.FLOODING, "closed with the flooding code, which the SDK does not reconnect on");
    const said = errors.find((e) => e.code === "RATE_LIMITED");
    assert.ok(said, `told why: ${JSON.stringify(errors)}`);
    assert.match(said.message, /more than 30 messages in one second/);
    await waitFor(() => (bystander.state as { players: Map<string, unknown> }).players.size === 1 || undefined, { what: "the flooder's seat to go" });

    await assert.rejects(new Client(url).joinOrCreate("lounge", options), (err: { code?: number; message?: string }) => {
      assert.equal(err.code, JoinErrorCode.WAIT_AFTER_FLOODING);
      assert.match(err.message ?? "", /Wait \d+ s/);
      return true;
    });
    const back = await waitFor(async () => new Client(url).joinOrCreate("lounge", options).catch(() => undefined), { timeout: 30_000, what: "a join after the penalty" });
    assert.ok(back.sessionId);
    await back.leave(true);
    await bystander.leave(true);
  });
});
