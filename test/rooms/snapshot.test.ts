// What a lounge keeps when its room closes (emptied here; a drain is in test/process/drain.test.ts):
// the music queue and the current track at its position (where people stood is kept by a drain).
import assert from "node:assert/strict";
import { matchMaker } from "@colyseus/core";
import { testServer } from "../support/server.ts";
import { createLounge, dropConnection, join, leaveAll, type LoungeClient } from "../support/lounges.ts";
import { joinWith } from "../support/accounts.ts";
import { waitFor } from "../support/wait.ts";
import { isWalkingAt, positionAt } from "../../shared/movement.ts";
import { playbackPosition, type PlaybackStatus } from "../../shared/clock.ts";
import type { CatalogTrack } from "../../server/tracks/catalog.ts";
import { closingMarkIsUp, markClosing, unmarkClosing, untilStored } from "../../server/rooms/closing-lounges.ts";

describe("a lounge that empties and opens again", () => {
  let open: LoungeClient[] = [];
  afterEach(async () => { await leaveAll(...open); open = []; });

  /** A new lounge `name` with `me` (a guest, known again by the token) in it and two tracks queued. */
  async function loungeWithQueue(name: string, me: { name: string; avatar: "fox" | "cat"; guestToken: string }) {
    const { baseUrl } = await testServer();
    const { tracks } = (await (await fetch(`${baseUrl}/api/tracks`)).json()) as { tracks: CatalogTrack[] };
    const { id } = await createLounge({ name });
    const person = await joinWith(id, {}, me);
    open.push(person);
    await person.request("playback:add", { trackId: tracks[0].id });
    await person.request("playback:add", { trackId: tracks[1].id });
    return { id, me, person, tracks };
  }

  it("comes back with its queue and the paused track where it was, each time it empties", async () => {
    const { id, me, person: ada, tracks } = await loungeWithQueue("Comes back", { name: "Ada", avatar: "fox", guestToken: "ada-snapshot-guest-token" });
    await ada.request("playback:seek", { positionMs: 15_000 });
    await ada.request("playback:pause");
    ada.send("avatar:move", { x: 300, y: 330 });
    await waitFor(() => { const p = ada.state.players.get(ada.sessionId); return (p && !isWalkingAt(p, Date.now()) && Math.abs(positionAt(p, Date.now()).x - 300) < 1) || undefined; }, { what: "Ada to arrive", timeout: 10_000 });

    await leaveAll(...open.splice(0));
    await waitFor(() => matchMaker.getLocalRoomById(id) === undefined || undefined, { what: "the empty lounge to close" });
    const back = await joinWith(id, {}, me);
    open.push(back);
    const p = back.state.playback;
    assert.equal(p.status, "paused");
    assert.equal(p.current.trackId, tracks[0].id);
    assert.equal(p.queue.length, 1);
    const at = playbackPosition({ status: p.status as PlaybackStatus, startedAt: p.startedAt, positionMs: p.positionMs, rate: p.rate, durationMs: p.current.durationMs }, Date.now());
    assert.ok(Math.abs(at - 15_000) < 500, `paused where it was (${Math.round(at)} ms)`);
    await leaveAll(...open.splice(0));
    await waitFor(() => matchMaker.getLocalRoomById(id) === undefined || undefined, { what: "the lounge to close again" });
    const again = await joinWith(id, {}, me);
    open.push(again);
    assert.equal(again.state.playback.queue.length, 1, "kept again when it emptied again");
  });

  it("opens again with what it kept even when joined while the closing room is still storing it", async () => {
    const { lounge } = await testServer();
    const { id, me, person: bo } = await loungeWithQueue("Slow to store", { name: "Bo", avatar: "cat", guestToken: "bo-snapshot-guest-token" });
    await bo.request("playback:pause");
    // The database takes its time to store the snapshot (a busy one): the room is gone from the
    // matchmaker well before its snapshot is in.
    const repo = lounge.context.lounges;
    const save = repo.saveSnapshot;
    repo.saveSnapshot = async (...args: Parameters<typeof save>) => { await new Promise((r) => setTimeout(r, 400)); return save.apply(repo, args); };
    try {
      await leaveAll(...open.splice(0));
      await waitFor(() => matchMaker.getLocalRoomById(id) === undefined || undefined, { what: "the empty lounge to close" });
      const back = await joinWith(id, {}, me);
      open.push(back);
      assert.equal(back.state.playback.status, "paused");
      assert.equal(back.state.playback.queue.length, 1);
    } finally {
      repo.saveSnapshot = save;
    }
  });
});

describe("a lounge's closing mark (server/rooms/closing-lounges.ts)", () => {
  it("holds a join while the mark is up and the lounge has no room to enter, until it comes down, at most as long as asked", async () => {
    await testServer();
    const id = `closing-mark-${process.pid}-${Date.now()}`;
    assert.equal(await untilStored(id, 50), "stored", "no mark: nothing to wait for");
    await markClosing(matchMaker.presence, id);
    try {
      assert.equal(await untilStored(id, 100), "gave up", "the mark stays up: the wait ends when asked");
      setTimeout(() => void unmarkClosing(matchMaker.presence, id), 100);
      assert.equal(await untilStored(id, 5000), "stored", "the mark came down");
    } finally {
      await unmarkClosing(matchMaker.presence, id);
    }
  });

  it("does not hold a join for a lounge whose room is open, whatever the mark says", async () => {
    const { id } = await createLounge({ name: "Open all along" });
    const ada = await join(id, "Ada", "fox");
    await markClosing(matchMaker.presence, id);
    try {
      // The mark outlives this wait by seconds: only the open room can end it with "stored".
      assert.equal(await untilStored(id, 3000), "stored");
    } finally {
      await unmarkClosing(matchMaker.presence, id);
      await leaveAll(ada);
    }
  });
  it("is up while the room stores its snapshot when a held seat lapses after the last one left, even if an earlier mark expired", async function () {
    this.timeout(15_000);
    const { lounge } = await testServer();
    const { id } = await createLounge({ name: "Held seat lapses" });
    const ada = await join(id, "Ada", "fox");
    const bo = await join(id, "Bo", "cat");
    bo.reconnection.enabled = false;
    await dropConnection(bo);
    await waitFor(() => ada.state.players.get(bo.sessionId)?.connected === false || undefined, { what: "Bo's seat to be held" });
    await ada.leave();
    await waitFor(async () => (await closingMarkIsUp(id)) || undefined, { what: "the mark after the last connected one left" });
    assert.ok(matchMaker.getLocalRoomById(id), "the room stays for Bo's held seat");
    // That mark lapses before the held seat does (its 10 s, shortened here): the close marks anew.
    await unmarkClosing(matchMaker.presence, id);
    const repo = lounge.context.lounges;
    const save = repo.saveSnapshot;
    let markedWhileStoring: boolean | undefined;
    repo.saveSnapshot = async (...args: Parameters<typeof save>) => { markedWhileStoring = await closingMarkIsUp(id); return save.apply(repo, args); };
    try {
      await waitFor(() => !matchMaker.getLocalRoomById(id) || undefined, { timeout: 10_000, what: "the room to close when Bo's seat lapses" });
      assert.equal(markedWhileStoring, true);
      await waitFor(async () => !(await closingMarkIsUp(id)) || undefined, { what: "the mark to come down once stored" });
    } finally {
      repo.saveSnapshot = save;
    }
  });

  it("comes down when the held seat's person comes back after the last one left", async function () {
    this.timeout(15_000);
    const { id } = await createLounge({ name: "Held seat returns" });
    const ada = await join(id, "Ada", "fox");
    const bo = await join(id, "Bo", "cat");
    bo.reconnection.minUptime = 0;
    bo.reconnection.minDelay = 2000;
    const back = new Promise<void>((resolve) => bo.onReconnect(() => resolve()));
    await dropConnection(bo);
    await waitFor(() => ada.state.players.get(bo.sessionId)?.connected === false || undefined, { what: "Bo's seat to be held" });
    await ada.leave();
    await waitFor(async () => (await closingMarkIsUp(id)) || undefined, { what: "the mark after the last connected one left" });
    await back;
    try {
      await waitFor(async () => !(await closingMarkIsUp(id)) || undefined, { timeout: 3000, what: "the mark to come down with Bo back" });
    } finally {
      await leaveAll(bo);
    }
  });
});
