import assert from "node:assert/strict";
import { matchMaker } from "@colyseus/core";
import { testServer } from "../support/server.ts";
import { createLounge, join, leaveAll, type LoungeClient } from "../support/lounges.ts";
import { api, joinWith, register, type Account } from "../support/accounts.ts";
import { waitFor, nextMessage, refusal } from "../support/wait.ts";
import type { ClockPong } from "../../shared/protocol.ts";
import type { ErrorPayload } from "../../shared/errors.ts";
import type { CatalogTrack } from "../../server/tracks/catalog.ts";

async function tracks(): Promise<CatalogTrack[]> {
  const { baseUrl } = await testServer();
  return (await (await fetch(`${baseUrl}/api/tracks`)).json()).tracks;
}

describe("listen together: track library", () => {
  it("lists the shipped tracks with durations read from the audio", async () => {
    const list = await tracks();
    assert.ok(list.length >= 3);
    for (const t of list) {
      assert.ok(t.durationMs > 20_000 && t.durationMs < 60_000, `${t.id}: ${t.durationMs} ms`);
      assert.match(t.url, /^\/tracks\/.+\.mp3$/);
    }
  });

  it("serves audio with HTTP range support, and nothing but the audio", async () => {
    const { baseUrl } = await testServer();
    const [t] = await tracks();
    const res = await fetch(`${baseUrl}${t.url}`, { headers: { range: "bytes=100-199" } });
    assert.equal(res.status, 206);
    assert.equal(res.headers.get("content-range")?.startsWith("bytes 100-199/"), true);
    assert.equal((await res.arrayBuffer()).byteLength, 100);
    for (const path of ["/tracks/catalog.ts", "/tracks/%2e%2e/catalog.ts", "/tracks/..%2fcatalog.ts"]) {
      const status = (await fetch(`${baseUrl}${path}`)).status;
      assert.ok(status === 403 || status === 404, `${path} → ${status}`);
    }
  });
});

describe("listen together: the room's playback clock", () => {
  let a: LoungeClient, b: LoungeClient, c: LoungeClient | undefined;
  let list: CatalogTrack[];
  beforeEach(async () => {
    list = await tracks();
    const { id } = await createLounge();
    a = await join(id, "Ada", "fox");
    b = await join(id, "Bo", "cat");
    c = undefined;
  });
  afterEach(() => leaveAll(a, b, c));

  const serverNow = async (room: LoungeClient) => (await room.request<unknown, ClockPong>("clock:ping", { t0: 0 })).serverNow;

  it("answers clock pings with a monotonic server clock close to wall time", async () => {
    const t0 = performance.now();
    const before = Date.now();
    const first = await a.request<unknown, ClockPong>("clock:ping", { t0 });
    const after = Date.now();
    const second = await a.request<unknown, ClockPong>("clock:ping", { t0 });
    assert.equal(first.t0, t0);
    assert.ok(second.serverNow >= first.serverNow);
    // Within a second of this machine's wall clock while the request was under way.
    assert.ok(first.serverNow > before - 1000 && first.serverNow < after + 1000, `server ${first.serverNow}, wall ${before}–${after}`);
  });

  it("starts the first queued track at once and records since when, in server time", async () => {
    const before = await serverNow(a);
    a.send("playback:add", { trackId: list[0].id });
    const p = await waitFor(() => (b.state.playback.status === "playing" ? b.state.playback : undefined), { what: "playing" });
    const after = await serverNow(a);
    assert.equal(p.current.trackId, list[0].id);
    assert.equal(p.current.durationMs, list[0].durationMs);
    assert.equal(p.current.addedBy, "Ada");
    assert.equal(p.positionMs, 0);
    assert.ok(p.startedAt >= before && p.startedAt <= after, "startedAt is the server time it started");
  });

  it("sends no patches while a track simply plays", async () => {
    a.send("playback:add", { trackId: list[0].id });
    await waitFor(() => b.state.playback.status === "playing");
    await new Promise((r) => setTimeout(r, 150)); // let the start's own patch arrive
    let patches = 0;
    const count = () => { patches++; };
    b.onStateChange(count);
    await new Promise((r) => setTimeout(r, 600));
    b.onStateChange.remove(count);
    assert.equal(patches, 0);
  });

  it("pauses at the current position, resumes from it, and seeks", async () => {
    const added = Date.now();
    a.send("playback:add", { trackId: list[0].id });
    await waitFor(() => b.state.playback.status === "playing");
    await new Promise((r) => setTimeout(r, 300));
    a.send("playback:pause");
    const paused = await waitFor(() => (b.state.playback.status === "paused" ? b.state.playback : undefined));
    // At least the 300 ms waited, at most the time since the track was asked for.
    const most = Date.now() - added;
    assert.ok(paused.positionMs >= 250 && paused.positionMs <= most + 50, `paused at ${paused.positionMs} of at most ${most} ms`);
    const at = paused.positionMs;
    a.send("playback:play");
    await waitFor(() => b.state.playback.status === "playing");
    assert.equal(b.state.playback.positionMs, at, "resumes where it paused");
    a.send("playback:seek", { positionMs: 12_000 });
    await waitFor(() => b.state.playback.positionMs === 12_000, { what: "seek" });
  });

  it("starts the next track exactly when the current one ends, with nobody sending anything", async () => {
    a.send("playback:add", { trackId: list[0].id });
    a.send("playback:add", { trackId: list[1].id });
    await waitFor(() => b.state.playback.queue.length === 1);
    a.send("playback:seek", { positionMs: list[0].durationMs - 300 });
    const seeked = await waitFor(() => (b.state.playback.positionMs > 0 ? { ...b.state.playback.toJSON() } : undefined));
    const expectedStart = seeked.startedAt + 300;
    const next = await waitFor(() => (b.state.playback.current.trackId === list[1].id ? b.state.playback : undefined), { what: "the next track" });
    assert.equal(next.status, "playing");
    assert.equal(next.positionMs, 0);
    assert.ok(Math.abs(next.startedAt - expectedStart) < 0.001, `starts at the previous end (${next.startedAt} vs ${expectedStart})`);
    assert.equal(next.queue.length, 0);
  });

  it("skips by a vote of more than half of the people present", async () => {
    c = await join(a.roomId, "Cy", "owl");
    a.send("playback:add", { trackId: list[0].id });
    a.send("playback:add", { trackId: list[1].id });
    await waitFor(() => b.state.playback.queue.length === 1);
    a.send("playback:vote-skip");
    await waitFor(() => b.state.playback.skipVotes.length === 1);
    assert.equal(b.state.playback.current.trackId, list[0].id, "one of three is not a majority");
    b.send("playback:vote-skip");
    await waitFor(() => b.state.playback.current.trackId === list[1].id, { what: "the vote to skip" });
    assert.equal(b.state.playback.skipVotes.length, 0, "votes reset for the new track");
  });

  it("reorders and removes queued tracks and stops after the last", async () => {
    a.send("playback:add", { trackId: list[0].id });
    for (const t of [list[1], list[2]]) a.send("playback:add", { trackId: t.id });
    await waitFor(() => b.state.playback.queue.length === 2);
    const last = b.state.playback.queue[1].entryId;
    a.send("playback:move", { entryId: last, toIndex: 0 });
    await waitFor(() => b.state.playback.queue[0].entryId === last, { what: "the move" });
    a.send("playback:remove", { entryId: last });
    await waitFor(() => b.state.playback.queue.length === 1);
    a.send("playback:skip");
    await waitFor(() => b.state.playback.current.trackId === list[1].id);
    a.send("playback:skip");
    await waitFor(() => b.state.playback.status === "idle", { what: "idle after the last track" });
  });

  it("refuses impossible playback requests with clear errors", async () => {
    const cases: Array<[string, unknown, string]> = [
      ["playback:add", { trackId: "no-such-track" }, "NOT_FOUND"],
      ["playback:seek", { positionMs: 1000 }, "NOT_FOUND"],
      ["playback:pause", undefined, "NOT_FOUND"],
      ["playback:play", undefined, "NOT_FOUND"],
      ["playback:seek", { positionMs: -5 }, "INVALID_MESSAGE"],
      ["playback:remove", { entryId: "gone" }, "NOT_FOUND"],
    ];
    for (const [type, payload, code] of cases) {
      const err = nextMessage<ErrorPayload>(a, "error");
      a.send(type, payload);
      assert.equal((await err).code, code, type);
    }
    assert.equal(b.state.playback.status, "idle");
  });
});


describe("listen together: who controls the music", () => {
  let owner: Account;
  let loungeId: string;
  let o: LoungeClient;
  let trackId: string;
  const open: LoungeClient[] = [];
  const track = (c: LoungeClient) => { open.push(c); return c; };
  /** A signed-in person present, given `role` by the owner. */
  async function withRole(name: string, role: "dj" | "member" | "moderator"): Promise<LoungeClient> {
    const account = await register({ displayName: name });
    const c = track(await joinWith(loungeId, { cookie: account.cookie }));
    await o.request("mod:role", { sessionId: c.sessionId, role });
    await waitFor(() => c.state.players.get(c.sessionId)?.role === role, { what: `${name} to be ${role}` });
    return c;
  }
  const storedControl = async () => (await (await testServer()).lounge.context.lounges.get(loungeId))?.playbackControl;

  beforeEach(async () => {
    owner = await register({ displayName: "Owner" });
    loungeId = (await api("/api/lounges", { json: { name: "House rules" }, cookie: owner.cookie })).body.id;
    o = track(await joinWith(loungeId, { cookie: owner.cookie }));
    trackId = (await tracks())[0].id;
  });
  afterEach(() => leaveAll(...open.splice(0)));

  it("lets the owner choose, keeps the choice on the lounge, and a reopened lounge starts with it", async () => {
    assert.equal(o.state.playback.control, "everyone", "everyone by default");
    assert.deepEqual(await o.request("playback:control", { control: "dj" }), { control: "dj" });
    await waitFor(() => o.state.playback.control === "dj", { what: "the new policy in state" });
    assert.equal(await storedControl(), "dj");
    const audit = await api(`/api/lounges/${loungeId}/audit`, { cookie: owner.cookie });
    assert.deepEqual(audit.body.entries.map((e: { action: string; detail: unknown }) => [e.action, e.detail]), [["playback-control", { control: "dj" }]]);

    await leaveAll(...open.splice(0));
    await waitFor(() => matchMaker.getLocalRoomById(loungeId) === undefined, { what: "the empty lounge to close" });
    o = track(await joinWith(loungeId, { cookie: owner.cookie }));
    assert.equal(o.state.playback.control, "dj", "the reopened lounge keeps the policy");
  });

  it("refuses the choice from anyone but the owner, moderators included, and changes nothing", async () => {
    const mod = await withRole("Mod", "moderator");
    const g = track(await joinWith(loungeId, {}, { name: "Guest", avatar: "cat" }));
    for (const who of [mod, g]) {
      const err = await refusal(who.request("playback:control", { control: "everyone" }));
      assert.equal(err.code, "FORBIDDEN");
      assert.equal(err.message, "Only the lounge's owner can choose who controls the music; ask them, or vote to skip.");
    }
    const bad = await refusal(o.request("playback:control", { control: "nobody" }));
    assert.equal(bad.code, "INVALID_MESSAGE");
    await o.request("clock:ping", { t0: 0 });
    assert.equal(o.state.playback.control, "everyone");
    assert.equal(await storedControl(), "everyone");
  });

  it("with \"owner\", refuses a member's play with a clear error, while voting to skip stays open", async () => {
    const m = await withRole("Member", "member");
    await o.request("playback:control", { control: "owner" });
    await waitFor(() => m.state.playback.control === "owner");
    for (const [type, payload] of [["playback:add", { trackId }], ["playback:play", undefined]] as const) {
      const err = nextMessage<ErrorPayload>(m, "error");
      m.send(type, payload);
      assert.equal((await err).code, "FORBIDDEN", type);
      assert.equal((await err).message, "Only the lounge owner controls the music here; you can still vote to skip.");
    }
    assert.equal(o.state.playback.status, "idle", "nothing started");
    o.send("playback:add", { trackId });
    await waitFor(() => m.state.playback.status === "playing", { what: "the owner's track to play" });
    m.send("playback:vote-skip");
    await waitFor(() => o.state.playback.skipVotes.includes(m.sessionId), { what: "the member's vote to skip to count" });
  });

  it("with \"dj\", lets a DJ play while a member is refused", async () => {
    const dj = await withRole("Deejay", "dj");
    const m = await withRole("Member", "member");
    await o.request("playback:control", { control: "dj" });
    await waitFor(() => dj.state.playback.control === "dj");
    const err = nextMessage<ErrorPayload>(m, "error");
    m.send("playback:add", { trackId });
    assert.equal((await err).code, "FORBIDDEN");
    assert.match((await err).message, /Only DJs control the music here/);
    dj.send("playback:add", { trackId });
    await waitFor(() => m.state.playback.status === "playing", { what: "the DJ's track to play" });
    assert.equal(m.state.playback.current.addedBy, "Deejay");
    dj.send("playback:pause");
    await waitFor(() => m.state.playback.status === "paused", { what: "the DJ's pause" });
  });
});
