import assert from "node:assert/strict";
import { matchMaker } from "@colyseus/core";
import { testServer } from "../support/server.ts";
import { createLounge, dropConnection, join, leaveAll, type LoungeClient } from "../support/lounges.ts";
import { waitFor } from "../support/wait.ts";
import { chatOf } from "../support/chat-log.ts";
import type { ChatAck } from "../../shared/protocol.ts";

describe("lounge lifecycle", () => {
  const open: LoungeClient[] = [];
  afterEach(async () => { await leaveAll(...open.splice(0)); });
  async function joinTracked(id: string, name: string, avatar = "fox") {
    const c = await join(id, name, avatar);
    open.push(c);
    return c;
  }

  it("refuses to join an unknown lounge with a clear code", async () => {
    const { colyseus } = await testServer();
    await assert.rejects(colyseus.sdk.joinOrCreate("lounge", { loungeId: "nope", name: "Ada", avatar: "fox" }),
      (err: Error & { code?: number }) => { assert.equal(err.code, 404); assert.match(err.message, /No lounge/); return true; });
  });

  it("refuses bad join options with a clear code", async () => {
    const { id } = await createLounge();
    const { colyseus } = await testServer();
    for (const options of [{ name: "", avatar: "fox" }, { name: "x".repeat(25), avatar: "fox" }, { name: "Ada", avatar: "dragon" }]) {
      await assert.rejects(colyseus.sdk.joinOrCreate("lounge", { loungeId: id, ...options }),
        (err: Error & { code?: number }) => { assert.equal(err.code, 400, err.message); return true; });
    }
  });

  it("stops admitting people at the lounge's capacity", async () => {
    const { id } = await createLounge({ capacity: 2 });
    await joinTracked(id, "One");
    await joinTracked(id, "Two");
    await assert.rejects(join(id, "Three"), (err: Error & { code?: number }) => {
      assert.equal(err.code, 409);
      assert.match(err.message, /full/);
      return true;
    });
  });

  it("keeps a dropped player's seat, name and position when they reconnect in time", async () => {
    const { id } = await createLounge();
    const a = await joinTracked(id, "Ada");
    const b = await joinTracked(id, "Bo", "cat");
    a.reconnection.minUptime = 0;
    a.reconnection.minDelay = 1000; // away for a whole second: b sees it even on a loaded machine
    const before = b.state.players.get(a.sessionId)!.toJSON();
    const reconnected = new Promise<void>((resolve) => a.onReconnect(() => resolve()));
    await dropConnection(a);
    await waitFor(() => b.state.players.get(a.sessionId)?.connected === false, { what: "b to see a as away" });
    await reconnected;
    await waitFor(() => b.state.players.get(a.sessionId)?.connected === true, { what: "b to see a back" });
    const after = b.state.players.get(a.sessionId)!;
    assert.equal(after.name, before.name);
    assert.equal(after.x, before.x);
    assert.equal(after.y, before.y);
    assert.equal(b.state.players.size, 2);
    const ack = await a.request<unknown, ChatAck>("chat:send", { text: "back again", nonce: "r" });
    assert.ok(ack.id > 0);
  });

  it("frees the seat when a dropped player does not come back within the window", async function () {
    this.timeout(15_000);
    const { id } = await createLounge();
    const a = await joinTracked(id, "Ada");
    const b = await joinTracked(id, "Bo", "cat");
    a.reconnection.enabled = false;
    await dropConnection(a);
    await waitFor(() => !b.state.players.has(a.sessionId), { timeout: 10_000, what: "a's seat to be freed" });
  });

  it("disposes an empty lounge and re-opens it from its record with its recent chat", async () => {
    const { id } = await createLounge({ name: "Reopenable" });
    const a = await join(id, "Ada");
    const ack = await a.request<unknown, ChatAck>("chat:send", { text: "remember me", nonce: "m" });
    a.send("chat:react", { messageId: ack.id, emoji: "🎵", on: true });
    await waitFor(() => chatOf(a).find(ack.id)?.reactions["🎵"] === 1);
    await a.leave(true);
    await waitFor(() => !matchMaker.getLocalRoomById(id), { what: "the room to dispose" });
    const b = await joinTracked(id, "Bo", "cat");
    assert.equal(b.state.lounge.name, "Reopenable");
    await waitFor(() => chatOf(b).windows.length === 1, { what: "b's recent chat" });
    const again = chatOf(b).recent.find((m) => m.id === ack.id);
    assert.equal(again?.text, "remember me");
    assert.deepEqual(again?.reactions, { "🎵": 1 });
  });

  it("does not lose a message acknowledged just before the room disposes", async () => {
    const { id } = await createLounge();
    const a = await join(id, "Ada");
    const ack = await a.request<unknown, ChatAck>("chat:send", { text: "last words", nonce: "l" });
    await a.leave(true);
    await waitFor(() => !matchMaker.getLocalRoomById(id), { what: "the room to dispose" });
    const { lounge } = await testServer();
    const rows = await lounge.context.chat.page(id, { limit: 5 });
    assert.deepEqual(rows.map((r) => [r.id, r.text]), [[ack.id, "last words"]]);
  });

  it("lists public lounges in the lobby in real time, but not unlisted ones, which still join by id", async () => {
    const { colyseus } = await testServer();
    const lobby = await colyseus.sdk.joinOrCreate("lobby");
    try {
      const added: Array<{ roomId: string; metadata?: { name?: string } }> = [];
      lobby.onMessage("rooms", () => {});
      lobby.onMessage("+", ([, listing]: [string, { roomId: string; metadata?: { name?: string } }]) => added.push(listing));
      lobby.onMessage("-", () => {});
      const pub = await createLounge({ name: "Public one" });
      const hidden = await createLounge({ name: "Secret one", visibility: "unlisted" });
      await joinTracked(hidden.id, "Hidden");
      await joinTracked(pub.id, "Shown");
      const listing = await waitFor(() => added.find((l) => l.roomId === pub.id), { what: "the public lounge in the lobby" });
      assert.equal(listing.metadata?.name, "Public one");
      assert.equal(added.some((l) => l.roomId === hidden.id), false, "unlisted lounge stays out of the lobby");
      const byId = await colyseus.sdk.joinById(hidden.id, { name: "Guest", avatar: "owl" });
      open.push(byId as LoungeClient);
      assert.equal(byId.roomId, hidden.id);
    } finally {
      await leaveAll(lobby);
    }
  });
});
