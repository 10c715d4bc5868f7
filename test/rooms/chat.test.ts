import assert from "node:assert/strict";
import { matchMaker } from "@colyseus/core";
import { testServer } from "../support/server.ts";
import { createLounge, join, leaveAll, type LoungeClient } from "../support/lounges.ts";
import { waitFor, nextMessage, patchBarrier } from "../support/wait.ts";
import type { ChatAck } from "../../shared/protocol.ts";
import type { ErrorPayload } from "../../shared/errors.ts";

describe("lounge chat", () => {
  let a: LoungeClient, b: LoungeClient;
  let loungeId: string;

  beforeEach(async () => {
    loungeId = (await createLounge()).id;
    a = await join(loungeId, "Ada", "fox");
    b = await join(loungeId, "Bo", "cat");
  });
  afterEach(() => leaveAll(a, b));

  it("acknowledges a message with its stored id and shows it to everyone", async () => {
    const ack = await a.request<unknown, ChatAck>("chat:send", { text: "  hello lounge  ", nonce: "n1" });
    assert.ok(ack.id > 0);
    const seen = await waitFor(() => b.state.chat.find((m) => m.id === ack.id), { what: "b to see the message" });
    assert.equal(seen.text, "hello lounge");
    assert.equal(seen.authorName, "Ada");
    assert.equal(seen.authorSessionId, a.sessionId);
    const { lounge } = await testServer();
    const [row] = await lounge.context.chat.page(loungeId, { limit: 1 });
    assert.equal(row.id, ack.id);
    assert.equal(row.text, "hello lounge");
  });

  it("strips control characters and stores markup as plain text", async () => {
    const ack = await a.request<unknown, ChatAck>("chat:send", { text: "<img src=x onerror=alert(1)>\u0007\u202Eok", nonce: "n2" });
    const seen = await waitFor(() => b.state.chat.find((m) => m.id === ack.id));
    assert.equal(seen.text, "<img src=x onerror=alert(1)>ok");
  });

  it("refuses an empty or too long message with a clear error and broadcasts nothing", async () => {
    for (const text of ["   ", "\u0000\u0001", "x".repeat(501)]) {
      await assert.rejects(a.request("chat:send", { text, nonce: "n" }), (err: unknown) => {
        const payload = (err as { reason?: ErrorPayload }).reason ?? (err as ErrorPayload);
        assert.equal(payload.code, "INVALID_MESSAGE", JSON.stringify(err));
        return true;
      });
    }
    await patchBarrier(a, b);
    assert.equal(b.state.chat.length, 0);
  });

  it("rate limits a burst over 5 messages and tells the sender when to retry", async () => {
    const results = await Promise.allSettled(
      Array.from({ length: 7 }, (_, i) => a.request<unknown, ChatAck>("chat:send", { text: `m${i}`, nonce: `b${i}` })),
    );
    const accepted = results.filter((r) => r.status === "fulfilled");
    const refused = results.filter((r): r is PromiseRejectedResult => r.status === "rejected");
    assert.equal(accepted.length, 5);
    assert.equal(refused.length, 2);
    for (const r of refused) {
      const payload = (r.reason as { reason?: ErrorPayload }).reason ?? r.reason;
      assert.equal(payload.code, "RATE_LIMITED");
      assert.ok(payload.retryInMs > 0);
    }
    await waitFor(() => b.state.chat.length === 5, { what: "five messages at b" });
    assert.deepEqual([...b.state.chat].map((m) => m.text).sort(), ["m0", "m1", "m2", "m3", "m4"]);
  });

  it("sends a plain (non-request) bad message an error message and keeps the sender connected", async () => {
    const error = nextMessage<ErrorPayload>(a, "error");
    a.send("chat:send", { text: 42 });
    const payload = await error;
    assert.equal(payload.code, "INVALID_MESSAGE");
    assert.equal(payload.type, "chat:send");
    const ack = await a.request<unknown, ChatAck>("chat:send", { text: "still here", nonce: "n3" });
    assert.ok(ack.id > 0);
  });

  it("shows the typing indicator and clears it when the message is sent", async () => {
    a.send("chat:typing", { typing: true });
    await waitFor(() => b.state.players.get(a.sessionId)?.typing === true, { what: "typing to show" });
    await a.request("chat:send", { text: "done typing", nonce: "t" });
    await waitFor(() => b.state.players.get(a.sessionId)?.typing === false, { what: "typing to clear" });
  });

  it("clears a typing indicator by itself when the typist goes quiet", async () => {
    a.send("chat:typing", { typing: true });
    await waitFor(() => b.state.players.get(a.sessionId)?.typing === true, { what: "typing to show" });
    // The test server's TYPING_TIMEOUT_SECONDS is 1.
    await waitFor(() => b.state.players.get(a.sessionId)?.typing === false, { timeout: 3000, what: "typing to expire" });
  });

  it("counts reactions once per person and removes them", async () => {
    const ack = await a.request<unknown, ChatAck>("chat:send", { text: "react to me", nonce: "r" });
    a.send("chat:react", { messageId: ack.id, emoji: "👍", on: true });
    a.send("chat:react", { messageId: ack.id, emoji: "👍", on: true });
    b.send("chat:react", { messageId: ack.id, emoji: "👍", on: true });
    await waitFor(() => b.state.chat.find((m) => m.id === ack.id)?.reactions.get("👍") === 2, { what: "two thumbs up" });
    b.send("chat:react", { messageId: ack.id, emoji: "👍", on: false });
    await waitFor(() => a.state.chat.find((m) => m.id === ack.id)?.reactions.get("👍") === 1, { what: "one thumbs up" });
  });

  it("delivers every message of a burst larger than the recent-chat window, then trims it", async function () {
    this.timeout(40_000);
    const { config } = (await testServer()).lounge.context;
    const window = config.CHAT_STATE_SIZE;
    const perSender = config.CHAT_BURST;
    const senders: LoungeClient[] = [];
    try {
      while (senders.length * perSender < window + 15) senders.push(await join(loungeId, `S${senders.length}`, "owl"));
      const seenAtB = new Set<number>();
      const room = matchMaker.getLocalRoomById(loungeId);
      assert.ok(room, "the lounge runs in this process");
      // Hold patches so the whole burst lands between two of them, as under heavy load.
      room.setPatchRate(null);
      const acks = await Promise.all(senders.flatMap((s, i) => Array.from({ length: perSender },
        (_, k) => s.request<unknown, ChatAck>("chat:send", { text: `burst ${i}.${k}`, nonce: `burst-${i}-${k}` }))));
      assert.ok(acks.length > window);
      room.broadcastPatch();
      await waitFor(() => {
        for (const m of b.state.chat) seenAtB.add(m.id);
        return acks.every((ack) => seenAtB.has(ack.id));
      }, { what: `b to receive all ${acks.length} messages of the burst` });
      room.setPatchRate(config.PATCH_RATE_MS);
      await waitFor(() => b.state.chat.length === window, { what: `the recent chat to shrink back to ${window}` });
      assert.deepEqual([...b.state.chat].map((m) => m.id), acks.map((a) => a.id).sort((x, y) => x - y).slice(-window));
    } finally {
      await leaveAll(...senders);
    }
  });

  it("gives late joiners the recent messages in state", async () => {
    await a.request("chat:send", { text: "before you came", nonce: "l" });
    const c = await join(loungeId, "Cy", "owl");
    try {
      assert.equal(c.state.chat.at(-1)?.text, "before you came");
    } finally {
      await leaveAll(c);
    }
  });
});
