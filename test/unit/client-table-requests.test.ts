// The page's card-table requests: a move refused as too fast waits the time the room gave and goes
// again; any other refusal, and any other request refused as too fast, reaches the player with the
// room's code and words.
import assert from "node:assert/strict";
import { TableRequests, TableRefusal } from "../../client/net/table-requests.ts";
import type { ErrorPayload } from "../../shared/errors.ts";

/** A refusal the way the SDK rejects a request. */
function rejected(reason: ErrorPayload): Error {
  return Object.assign(new Error("request rejected"), { name: "rejected", reason });
}

function fakeRoom(answers: Array<ErrorPayload | "ok">) {
  const sent: Array<{ type: string; payload: unknown }> = [];
  const slept: number[] = [];
  const connection = {
    connected: true,
    async ask(type: string, payload: unknown) {
      sent.push({ type, payload });
      const answer = answers.shift();
      if (answer === undefined) throw new Error("the test sent more than it expected");
      if (answer !== "ok") throw rejected(answer);
      return { version: 8 };
    },
  };
  const requests = new TableRequests(connection as never, async (ms) => { slept.push(ms); });
  return { requests, sent, slept };
}

const limited = (retryInMs: number): ErrorPayload => ({ code: "RATE_LIMITED", type: "table:move", message: "Too many requests; slow down.", retryInMs });
const move = { type: "pass" };

describe("card-table requests from the page", () => {
  it("sends a move refused as too fast again after the wait the room gave", async () => {
    const { requests, sent, slept } = fakeRoom([limited(120), limited(90), "ok"]);
    await requests.move("table-1", 7, move);
    assert.deepEqual(slept, [120, 90]);
    assert.equal(sent.length, 3);
    for (const s of sent) assert.deepEqual(s, { type: "table:move", payload: { tableId: "table-1", version: 7, move } });
  });

  it("gives up after three waits, and does not wait out a long one: the player is told", async () => {
    const many = fakeRoom([limited(100), limited(100), limited(100), limited(100)]);
    await assert.rejects(many.requests.move("table-1", 7, move), (err: unknown) => err instanceof TableRefusal && err.code === "RATE_LIMITED");
    assert.equal(many.sent.length, 4);
    const long = fakeRoom([limited(10_000)]);
    await assert.rejects(long.requests.move("table-1", 7, move), (err: unknown) => err instanceof TableRefusal && err.code === "RATE_LIMITED" && /slow down/.test(err.message));
    assert.deepEqual(long.slept, []);
  });

  it("does not send anything but a move again: a sit resent could land after a stand clicked meanwhile", async () => {
    const { requests, sent, slept } = fakeRoom([limited(100)]);
    await assert.rejects(requests.sit("table-1"), (err: unknown) => err instanceof TableRefusal && err.code === "RATE_LIMITED");
    assert.equal(sent.length, 1);
    assert.deepEqual(slept, []);
  });

  it("passes any other refusal on at once, with the room's code and words", async () => {
    const { requests, sent, slept } = fakeRoom([{ code: "STALE_VERSION", type: "table:move", message: "The table moved on (version 8, your move was for 7); look again and retry." }]);
    await assert.rejects(requests.move("table-1", 7, move), (err: unknown) => err instanceof TableRefusal && err.code === "STALE_VERSION" && /moved on/.test(err.message));
    assert.equal(sent.length, 1);
    assert.deepEqual(slept, []);
  });
});
