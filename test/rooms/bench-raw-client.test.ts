// The bench's receive-only client (bench/raw-client.ts) against a real lounge: it takes a seat,
// counts the patches it is sent, has its requests answered (ok or refused), answers the server's
// pings, and leaves without counting as a disconnect.
import assert from "node:assert/strict";
import { matchMaker, type Client } from "@colyseus/core";
import { RawClient } from "../../bench/raw-client.ts";
import { createLounge, join, leaveAll, type LoungeClient } from "../support/lounges.ts";
import { testServer } from "../support/server.ts";
import { waitFor } from "../support/wait.ts";
import type { LoungeRoom } from "../../server/rooms/lounge-room.ts";

describe("bench raw client on a lounge", () => {
  let sdk: LoungeClient[] = [];
  afterEach(async () => { await leaveAll(...sdk); sdk = []; });

  it("joins, counts patches, gets its requests answered, answers pings and leaves cleanly (a normal close)", async () => {
    const { baseUrl } = await testServer();
    const { id } = await createLounge();
    const raw = await RawClient.join(baseUrl, "lounge", { loungeId: id, name: "Raw", avatar: "cat" });
    const room = matchMaker.getLocalRoomById(id) as LoungeRoom;
    assert.ok(room.clients.some((c: Client) => c.sessionId === raw.sessionId), "seated");
    raw.resetCounts();

    sdk.push(await join(id, "Ada", "fox"));
    await waitFor(() => raw.patchFrames > 0 || undefined, { what: "a patch for Ada's arrival" });
    assert.ok(raw.bytes > 0 && raw.frames >= raw.patchFrames);

    // The refusal comes first (the stored message waits for its commit): answers go by request id.
    const answers: { good?: boolean; bad?: boolean } = {};
    raw.request("chat:send", { text: "hello from the bench", nonce: "b:1:0.0" }, (ok) => { answers.good = ok; });
    raw.request("chat:send", { text: 42 }, (ok) => { answers.bad = ok; });
    await waitFor(() => (answers.good !== undefined && answers.bad !== undefined) || undefined, { what: "both answers" });
    assert.deepEqual(answers, { good: true, bad: false }, "a good message is stored, a bad one refused");
    assert.equal(raw.unanswered, 0);

    const server = room.clients.find((c: Client) => c.sessionId === raw.sessionId)! as Client & { ref: { ping(): void; once(e: string, f: () => void): void } };
    const pong = new Promise<void>((resolve) => server.ref.once("pong", resolve));
    server.ref.ping();
    await pong;

    const closedWith = new Promise<number>((resolve) => (server.ref as unknown as { once(e: "close", f: (code: number) => void): void }).once("close", resolve));
    raw.close();
    assert.equal(await closedWith, 1000, "the server was told a normal close");
    await waitFor(() => !room.clients.some((c: Client) => c.sessionId === raw.sessionId) || undefined, { what: "the server to let the raw client go" });
    assert.equal(raw.closed, undefined, "a close the bench asked for is not a disconnect");
    assert.equal(raw.open, false);
  });
});
