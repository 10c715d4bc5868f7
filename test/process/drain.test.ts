// A drain that keeps seats: SIGTERM to the process hosting a lounge (two processes, Redis,
// Postgres). Its /health turns 503, people are told (`server:draining`) and sent on; joining again
// through the other process re-opens the lounge there with the music where it was and people
// where they stood; acknowledged chat is all there.
import assert from "node:assert/strict";
import { Client, type Room } from "@colyseus/sdk";
import { twoProcesses } from "../support/process.ts";
import { waitFor } from "../support/wait.ts";
import { isWalkingAt, positionAt } from "../../shared/movement.ts";
import { leaveAll } from "../support/lounges.ts";
import type { ChatAck, ServerDraining } from "../../shared/protocol.ts";
import type { LoungeState } from "../../shared/state/lounge-state.ts";
import { playbackPosition, type PlaybackStatus } from "../../shared/clock.ts";

describe("draining a process (SIGTERM) with two processes", function () {
  this.timeout(120_000);
  const { servers } = twoProcesses("chill_drain", 1 + ((process.pid + 7) % 15), { DEFAULT_LOUNGE: "false" });
  const rooms: Room[] = [];
  after(() => leaveAll(...rooms));

  it("keeps the music and people's places across the move to the other process, and loses no acknowledged message", async () => {
    const created = await fetch(`${servers[0].url}/api/lounges`, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ name: "Moving house" }) });
    const { id } = (await created.json()) as { id: string };
    const me = { loungeId: id, name: "Ada", avatar: "fox", guestToken: "ada-guest-token-for-drain-test" };
    const ada = await new Client(servers[0].url).joinOrCreate<LoungeState>("lounge", me);
    rooms.push(ada);
    ada.onMessage("*", () => {});
    const draining = new Promise<ServerDraining>((resolve) => ada.onMessage("server:draining", resolve));
    const left = new Promise<number>((resolve) => ada.onLeave((code) => resolve(code)));

    // Music: two tracks queued, the first played from 5 s (a built-in track lasts about 30 s: the
    // rest of the test has 25 s before the second would start); Ada walks somewhere.
    const tracks = (await (await fetch(`${servers[0].url}/api/tracks`)).json()) as { tracks: Array<{ id: string }> };
    await ada.request("playback:add", { trackId: tracks.tracks[0].id });
    await ada.request("playback:add", { trackId: tracks.tracks[1].id });
    await ada.request("playback:seek", { positionMs: 5_000 });
    ada.send("avatar:move", { x: 300, y: 330 });
    await waitFor(() => { const p = ada.state.players.get(ada.sessionId); return (p && !isWalkingAt(p, Date.now()) && Math.abs(positionAt(p, Date.now()).x - 300) < 1) || undefined; }, { what: "Ada to arrive", timeout: 10_000 });
    const acks = await Promise.all([1, 2, 3].map((i) => ada.request<unknown, ChatAck>("chat:send", { text: `before the move ${i}`, nonce: `d${i}` })));

    // Which process hosts the lounge? The one that logged its opening.
    const host = servers.find((s) => s.lines.some((l) => l.includes("lounge opened") && l.includes(id)));
    const other = servers.find((s) => s !== host);
    assert.ok(host && other, "one process hosts the lounge");
    const stopped = host.stop("SIGTERM");
    const notice = await draining;
    assert.ok(notice.rejoinInMs >= 0, "told to join again");
    await left;
    assert.equal(await stopped, 0, "the drained process exits cleanly");

    // Join again, as the browser does, through the process still up.
    const back = await new Client(other.url).joinOrCreate<LoungeState>("lounge", me);
    rooms.push(back);
    back.onMessage("*", () => {});
    await waitFor(() => back.state.playback?.status === "playing" || undefined, { what: "the music to play again" });
    const p = back.state.playback;
    assert.equal(p.queue.length, 1, "the queue came along");
    const position = playbackPosition({ status: p.status as PlaybackStatus, startedAt: p.startedAt, positionMs: p.positionMs, rate: p.rate, durationMs: p.current.durationMs }, Date.now());
    assert.ok(position >= 5_000 && position < 40_000, `the track goes on from where it was (${Math.round(position)} ms)`);
    const placed = back.state.players.get(back.sessionId)!;
    assert.ok(Math.abs(placed.x - 300) < 1 && Math.abs(placed.y - 330) < 1, `Ada stands where she stood (${placed.x}, ${placed.y})`);
    const history = (await (await fetch(`${other.url}/api/lounges/${id}/messages`)).json()) as { messages: Array<{ id: number }> };
    for (const ack of acks) assert.ok(history.messages.some((m) => m.id === ack.id), `message ${ack.id} kept`);
  });
});
