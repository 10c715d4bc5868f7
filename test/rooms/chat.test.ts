import assert from "node:assert/strict";
import { matchMaker } from "@colyseus/core";
import { testServer } from "../support/server.ts";
import { createLounge, dropConnection, join, leaveAll, type LoungeClient } from "../support/lounges.ts";
import { waitFor, nextMessage, patchBarrier, refusal } from "../support/wait.ts";
import { chatOf } from "../support/chat-log.ts";
import { api } from "../support/accounts.ts";
import type { ChatAck, ChatEntry } from "../../shared/protocol.ts";
import type { ChatPageDto } from "../../shared/api.ts";
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
    const seen = await waitFor(() => chatOf(b).find(ack.id), { what: "b to see the message" });
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
    const seen = await waitFor(() => chatOf(b).find(ack.id));
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
    assert.deepEqual(chatOf(b).messages, []);
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
    await waitFor(() => chatOf(b).messages.length === 5, { what: "five messages at b" });
    assert.deepEqual(chatOf(b).messages.map((m) => m.text).sort(), ["m0", "m1", "m2", "m3", "m4"]);
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
    await waitFor(() => b.state.players.get(a.sessionId)?.typing === false, { timeout: 10_000, what: "typing to expire" });
  });

  it("counts reactions once per person and removes them", async () => {
    const ack = await a.request<unknown, ChatAck>("chat:send", { text: "react to me", nonce: "r" });
    a.send("chat:react", { messageId: ack.id, emoji: "👍", on: true });
    a.send("chat:react", { messageId: ack.id, emoji: "👍", on: true });
    b.send("chat:react", { messageId: ack.id, emoji: "👍", on: true });
    await waitFor(() => chatOf(b).find(ack.id)?.reactions["👍"] === 2, { what: "two thumbs up" });
    b.send("chat:react", { messageId: ack.id, emoji: "👍", on: false });
    await waitFor(() => chatOf(a).find(ack.id)?.reactions["👍"] === 1, { what: "one thumbs up" });
    const c = await join(loungeId, "Cy", "owl");
    try {
      assert.deepEqual(chatOf(c).recent.find((m) => m.id === ack.id)?.reactions, { "👍": 1 }, "a joiner sees the counts too");
    } finally {
      await leaveAll(c);
    }
  });

  it("sends a stored message to the others at once, not with a state patch", async () => {
    const room = matchMaker.getLocalRoomById(loungeId);
    assert.ok(room, "the lounge runs in this process");
    const { config } = (await testServer()).lounge.context;
    // No patches at all while the message travels: it can only arrive as a message of its own.
    room.setPatchRate(null);
    try {
      const arrived = nextMessage<ChatEntry>(b, "chat:message");
      const ack = await a.request<unknown, ChatAck>("chat:send", { text: "no tick needed", nonce: "now" });
      const entry = await arrived;
      assert.deepEqual(entry, { id: ack.id, at: ack.at, authorSessionId: a.sessionId, authorName: "Ada", text: "no tick needed", nonce: "now", reactions: {} });
    } finally {
      room.setPatchRate(config.PATCH_RATE_MS);
    }
  });

  it("answers a message sent again with the same nonce with the first one's ack, and stores it once", async () => {
    // A client whose answer was lost in a drop sends again; both may even be under way at once.
    const [first, twin] = await Promise.all([0, 1].map(() => a.request<unknown, ChatAck>("chat:send", { text: "just once", nonce: "again" })));
    const later = await a.request<unknown, ChatAck>("chat:send", { text: "just once", nonce: "again" });
    assert.deepEqual(twin, first);
    assert.deepEqual(later, first);
    const { lounge } = await testServer();
    const rows = await lounge.context.chat.page(loungeId, { limit: 10 });
    assert.deepEqual(rows.map((r) => r.id), [first.id]);
    await patchBarrier(a, b);
    assert.equal(chatOf(b).deliveries(first.id), 1);
  });

  it("acknowledges and shows nothing when the database cannot store, and tells each sender to send again", async () => {
    const { lounge } = await testServer();
    const repository = lounge.context.chat;
    const insertMany = repository.insertMany;
    repository.insertMany = () => Promise.reject(new Error("the database is down (test)"));
    let refusals: ErrorPayload[];
    try {
      // Two senders whose messages share the failed batch.
      refusals = await Promise.all([
        refusal(a.request("chat:send", { text: "lost one", nonce: "f1" })),
        refusal(b.request("chat:send", { text: "lost two", nonce: "f2" })),
      ]);
    } finally {
      repository.insertMany = insertMany;
    }
    for (const r of refusals) {
      assert.equal(r.code, "UNAVAILABLE");
      assert.match(r.message, /could not be saved.*send.* again/i);
    }
    await patchBarrier(a, b);
    await patchBarrier(b, a);
    assert.deepEqual([chatOf(a).live, chatOf(b).live], [[], []], "nobody was shown a message that is not stored");
    assert.deepEqual(await repository.page(loungeId, { limit: 10 }), []);
    const c = await join(loungeId, "Cy", "owl");
    try {
      assert.deepEqual(chatOf(c).recent, [], "the recent chat has nothing of them either");
      const ack = await a.request<unknown, ChatAck>("chat:send", { text: "lost one", nonce: "f1" });
      await waitFor(() => chatOf(c).find(ack.id), { what: "the message sent again to arrive" });
    } finally {
      await leaveAll(c);
    }
  });

  it("gives late joiners the recent messages", async () => {
    await a.request("chat:send", { text: "before you came", nonce: "l" });
    const c = await join(loungeId, "Cy", "owl");
    try {
      await waitFor(() => chatOf(c).windows.length === 1, { what: "c's recent chat" });
      assert.equal(chatOf(c).recent.at(-1)?.text, "before you came");
    } finally {
      await leaveAll(c);
    }
  });

  it("brings a reconnecting member what was said while they were away, each message once", async () => {
    a.reconnection.minUptime = 0;
    a.reconnection.minDelay = 1000; // away for a whole second: b sees it, and speaks, before a is back
    const before = await b.request<unknown, ChatAck>("chat:send", { text: "before the drop", nonce: "d1" });
    await waitFor(() => chatOf(a).find(before.id), { what: "a to see the first message" });
    const reconnected = new Promise<void>((resolve) => a.onReconnect(() => resolve()));
    await dropConnection(a);
    await waitFor(() => b.state.players.get(a.sessionId)?.connected === false, { what: "b to see a as away" });
    const during = await b.request<unknown, ChatAck>("chat:send", { text: "while you were away", nonce: "d2" });
    await reconnected;
    await waitFor(() => chatOf(a).windows.length === 2, { what: "the recent chat again after the reconnect" });
    const log = chatOf(a);
    assert.deepEqual(log.messages.map((m) => m.text), ["before the drop", "while you were away"]);
    assert.deepEqual(log.recent.map((m) => m.id), [before.id, during.id]);
    assert.equal(log.deliveries(during.id), 0, "it was said while a was away");
    const after = await b.request<unknown, ChatAck>("chat:send", { text: "welcome back", nonce: "d3" });
    await waitFor(() => chatOf(a).find(after.id), { what: "messages to come at once again" });
    assert.equal(chatOf(a).deliveries(after.id), 1);
    assert.equal(chatOf(a).windows.length, 2, "one recent window per join or reconnect");
  });
});

describe("lounge chat under load", () => {
  const MESSAGES = 200;
  let loungeId: string;
  let members: LoungeClient[] = [];
  let acks: ChatAck[];
  let sent: Map<number, string>;

  before(async function () {
    this.timeout(60_000);
    loungeId = (await createLounge({ name: "Busy" })).id;
    const { config } = (await testServer()).lounge.context;
    // Every member sends its whole burst at once: as many senders as that takes.
    const senders = Math.ceil(MESSAGES / config.CHAT_BURST);
    for (let i = 0; i < senders; i += 10) {
      members.push(...await Promise.all(Array.from({ length: Math.min(10, senders - i) }, (_, k) => join(loungeId, `S${i + k}`, "owl"))));
    }
    const texts = members.flatMap((m, i) => Array.from({ length: config.CHAT_BURST }, (_, k) => ({ m, text: `busy ${i}.${k}` }))).slice(0, MESSAGES);
    acks = await Promise.all(texts.map(({ m, text }, n) => m.request<unknown, ChatAck>("chat:send", { text, nonce: `busy-${n}` })));
    sent = new Map(acks.map((ack, n) => [ack.id, texts[n].text]));
  });
  after(async () => {
    await leaveAll(...members);
    members = [];
  });

  it("stores every acknowledged message, each with an id of its own", async () => {
    assert.equal(acks.length, MESSAGES);
    assert.equal(sent.size, MESSAGES, "one id per message");
    const { lounge } = await testServer();
    const rows = await lounge.context.chat.page(loungeId, { limit: MESSAGES + 10 });
    assert.deepEqual(new Map(rows.map((r) => [r.id, r.text])), sent);
  });

  it("sends every member each message exactly once, in the order they were stored", async function () {
    this.timeout(30_000);
    const ids = [...sent.keys()].sort((x, y) => x - y);
    await waitFor(() => members.every((m) => chatOf(m).live.length >= MESSAGES), { timeout: 20_000, what: "every member to receive every message" });
    for (const m of members) {
      // Messages stored before this member joined came in its recent window instead.
      assert.deepEqual(chatOf(m).live.map((e) => e.id), ids, `${m.sessionId}: each once, in id order`);
      assert.deepEqual(chatOf(m).live.map((e) => e.text), ids.map((id) => sent.get(id)));
    }
  });

  it("gives a joiner the latest messages, as many as the recent window holds", async () => {
    const { config } = (await testServer()).lounge.context;
    const c = await join(loungeId, "Late", "cat");
    try {
      await waitFor(() => chatOf(c).windows.length === 1, { what: "the joiner's recent chat" });
      const latest = [...sent.keys()].sort((x, y) => x - y).slice(-config.CHAT_STATE_SIZE);
      assert.deepEqual(chatOf(c).recent.map((m) => m.id), latest);
    } finally {
      await leaveAll(c);
    }
  });

  it("pages all of them over HTTP, newest first", async () => {
    const seen: number[] = [];
    let cursor: number | null | undefined;
    do {
      const res = await api<ChatPageDto>(`/api/lounges/${loungeId}/messages?limit=75${cursor ? `&before=${cursor}` : ""}`);
      assert.equal(res.status, 200);
      seen.push(...res.body.messages.map((m) => m.id));
      cursor = res.body.nextCursor;
    } while (cursor);
    assert.deepEqual(seen, [...sent.keys()].sort((x, y) => y - x));
  });
});
