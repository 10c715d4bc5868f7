import assert from "node:assert/strict";
import { Client, type Room } from "@colyseus/sdk";
import { Redis } from "ioredis";
import postgres from "postgres";
import { twoProcesses } from "../support/process.ts";
import { leaveAll } from "../support/lounges.ts";
import { waitFor } from "../support/wait.ts";
import { recordChat } from "../support/chat-log.ts";
import type { ChatAck } from "../../shared/protocol.ts";
import type { LoungeState } from "../../shared/state/lounge-state.ts";
import type { CatalogTrack } from "../../server/tracks/catalog.ts";

describe("two server processes sharing Redis and Postgres", function () {
  this.timeout(90_000);
  // A Redis database of its own, so parallel runs and other suites do not see these rooms.
  const { servers, shared } = twoProcesses("chill_scaling", 1 + (process.pid % 15));
  const rooms: Room[] = [];
  after(() => leaveAll(...rooms));

  it("lets a client that asked process B join a lounge created through process A, and chat crosses", async () => {
    const [a, b] = servers;
    const listening = JSON.parse(a.lines.find((l) => l.includes("chill lounge listening")) ?? "{}");
    assert.equal(listening.presence, "redis");
    assert.equal(listening.database, "postgres");
    const health = await (await fetch(`${b.url}/health`)).json();
    assert.deepEqual([health.ok, health.checks.redis, health.checks.database], [true, "ok", "ok (postgres)"]);

    const created = await fetch(`${a.url}/api/lounges`, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ name: "Across processes" }) });
    const { id } = (await created.json()) as { id: string };
    const viaA = await new Client(a.url).joinOrCreate<LoungeState>("lounge", { loungeId: id, name: "Ada", avatar: "fox" });
    const atA = recordChat(viaA);
    const viaB = await new Client(b.url).joinOrCreate<LoungeState>("lounge", { loungeId: id, name: "Bo", avatar: "cat" });
    const atB = recordChat(viaB);
    rooms.push(viaA, viaB);
    assert.equal(viaA.roomId, id);
    assert.equal(viaB.roomId, id);
    await waitFor(() => viaB.state.players?.size === 2 && viaA.state.players?.size === 2, { what: "both to see each other" });

    const fromA = await viaA.request<unknown, ChatAck>("chat:send", { text: "hello from A's side", nonce: "a" });
    const fromB = await viaB.request<unknown, ChatAck>("chat:send", { text: "hello from B's side", nonce: "b" });
    await waitFor(() => atB.find(fromA.id), { what: "A's message at B" });
    await waitFor(() => atA.find(fromB.id), { what: "B's message at A" });

    // Either process answers the lounge list with the live count from the shared driver.
    for (const s of servers) {
      const list = await (await fetch(`${s.url}/api/lounges`)).json();
      assert.equal(list.lounges.find((l: { id: string }) => l.id === id)?.online, 2, s.url);
    }
  });
  it("opens a lounge emptied on one process on the other with what it kept, even while the first is still storing it", async () => {
    const redis = new Redis(shared.redisUrl);
    const sql = postgres(shared.databaseUrl, { max: 1, onnotice: () => {} });
    let release = () => {};
    let restoreStats = async () => {};
    try {
      const hostOf = async (loungeId: string) => { const cached = await redis.hget("roomcaches", loungeId); return cached ? (JSON.parse(cached) as { processId: string }).processId : undefined; };
      const { tracks } = (await (await fetch(`${servers[0].url}/api/tracks`)).json()) as { tracks: CatalogTrack[] };
      const created = await fetch(`${servers[0].url}/api/lounges`, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ name: "Kept across" }) });
      const { id } = (await created.json()) as { id: string };
      const ada = await new Client(servers[0].url).joinOrCreate<LoungeState>("lounge", { loungeId: id, name: "Ada", avatar: "fox" });
      rooms.push(ada);
      await ada.request("playback:add", { trackId: tracks[0].id });
      await ada.request("playback:add", { trackId: tracks[1].id });
      await ada.request("playback:pause");
      // Which process hosts it (the shared room list says), by the address each process announced.
      const host = (await hostOf(id))!;
      const hostAddress = await redis.hget("chill:process-addresses", host);
      const other = servers.find((s) => new URL(s.url).host !== hostAddress)!;
      assert.ok(hostAddress && servers.some((s) => new URL(s.url).host === hostAddress), "the hosting process is one of the two");

      // The database is slow to store the closing room's snapshot: the lounge's row is locked.
      await new Promise<void>((resolve, reject) => {
        sql.begin(async (tx) => {
          await tx`select id from lounges where id = ${id} for update`;
          resolve();
          await new Promise<void>((r) => { release = r; });
        }).catch(reject);
      });
      await ada.leave();
      await waitFor(async () => (await hostOf(id)) === undefined || undefined, { what: "the emptied lounge to leave the shared room list" });
      // Colyseus opens a room on the process with the fewest rooms, reading its own count from
      // memory and the others' from Redis: once the host has written its own count after the
      // close (at most a second later), it is made to look busy, so the other opens the room.
      await new Promise((r) => setTimeout(r, 1200));
      const hostStats = await redis.hget("roomcount", host);
      await redis.hset("roomcount", host, "99,0");
      restoreStats = async () => { if (hostStats) await redis.hset("roomcount", host, hostStats); };
      const joining = new Client(other.url).joinOrCreate<LoungeState>("lounge", { loungeId: id, name: "Bo", avatar: "cat" });
      await new Promise((r) => setTimeout(r, 500));
      release();
      const bo = await joining;
      rooms.push(bo);
      assert.notEqual(await hostOf(id), host, "it opened again on the other process");
      await waitFor(() => bo.state.playback?.queue !== undefined || undefined, { what: "Bo's first state" });
      assert.equal(bo.state.playback.status, "paused");
      assert.equal(bo.state.playback.current.trackId, tracks[0].id);
      assert.equal(bo.state.playback.queue.length, 1, "the queue the first process stored came back");
    } finally {
      release();
      await restoreStats();
      redis.disconnect();
      await sql.end();
    }
  });
});
