import assert from "node:assert/strict";
import { createLounge, join, leaveAll, type LoungeClient } from "../support/lounges.ts";
import { waitFor, nextMessage } from "../support/wait.ts";
import { getMap } from "../../shared/maps/index.ts";
import { AVATAR_SPEED, isWalkingAt, positionAt, type Motion } from "../../shared/movement.ts";
import { serverNow } from "../../server/rooms/clock.ts";
import type { ErrorPayload } from "../../shared/errors.ts";

const map = getMap("lounge")!; // the default map always exists

/** Where an avatar stands now, or undefined while it walks (a walk that ends leaves its last leg in the state). */
function restingAt(m: Motion): { x: number; y: number } | undefined {
  const now = serverNow();
  return isWalkingAt(m, now) ? undefined : positionAt(m, now);
}

describe("lounge avatars", () => {
  let a: LoungeClient, b: LoungeClient;

  beforeEach(async () => {
    const { id } = await createLounge();
    a = await join(id, "Ada", "fox");
    b = await join(id, "Bo", "cat");
  });
  afterEach(() => leaveAll(a, b));

  it("places each player on a walkable tile with the chosen name and avatar", () => {
    const me = b.state.players.get(a.sessionId);
    assert.ok(me, "b sees a");
    assert.equal(me.name, "Ada");
    assert.equal(me.avatar, "fox");
    assert.ok(map.isWalkable(me.x, me.y), `spawn ${me.x},${me.y} is walkable`);
  });

  /** Every leg of `id`'s walk that `viewer` is sent, from now until `until` holds (legs are state changes). */
  async function legsSeen(viewer: LoungeClient, id: string, until: (p: Motion) => boolean, timeout = 15_000): Promise<Motion[]> {
    const legs: Motion[] = [];
    const key = (m: Motion) => `${m.x},${m.y},${m.toX},${m.toY},${m.startedAt},${m.arrivesAt},${m.moving}`;
    await waitFor(() => {
      const p = viewer.state.players.get(id)!;
      const m: Motion = { x: p.x, y: p.y, toX: p.toX, toY: p.toY, startedAt: p.startedAt, arrivesAt: p.arrivesAt, moving: p.moving };
      if (legs.length === 0 || key(legs[legs.length - 1]) !== key(m)) legs.push(m);
      return until(m) || undefined;
    }, { timeout, what: `${id}'s walk` });
    return legs;
  }

  it("walks to a clicked point around furniture, no faster than the walking speed", async () => {
    const start = b.state.players.get(a.sessionId)!;
    const from = { x: start.x, y: start.y };
    const target = map.centerOf({ tx: 4, ty: 2 }); // top-left area, past sofas and the bar
    a.send("avatar:move", target);
    const legs = await legsSeen(b, a.sessionId, (m) => { const r = restingAt(m); return r !== undefined && Math.hypot(r.x - target.x, r.y - target.y) < 0.5; });
    const walking = legs.filter((m) => m.moving);
    assert.ok(walking.length >= 2, `went round furniture in legs: ${JSON.stringify(walking)}`);
    const first = walking[0], last = walking[walking.length - 1];
    // The walk's end needs no state of its own: the last leg arrives where it was clicked.
    assert.equal(legs[legs.length - 1], last, "no standing state after the last leg");
    // It cannot arrive sooner than the straight line at full speed allows.
    const straight = Math.hypot(target.x - from.x, target.y - from.y);
    assert.ok(last.arrivesAt - first.startedAt >= (straight / AVATAR_SPEED) * 1000 - 1, "no faster than walking in a straight line");
    let at = from, atTime = first.startedAt;
    for (const m of walking) {
      // Legs join up (no teleport), go at walking speed and never cross anything blocked.
      // (A leg shorter than a patch interval may pass between two patches: then the gap it leaves
      // is still no longer than walking covers in that time.)
      const gap = Math.hypot(m.x - at.x, m.y - at.y);
      assert.ok(gap <= (AVATAR_SPEED * Math.max(0, m.startedAt - atTime)) / 1000 + 0.01, `leg starts where the last ended: ${JSON.stringify(m)} after ${JSON.stringify(at)}`);
      const speed = (Math.hypot(m.toX - m.x, m.toY - m.y) / (m.arrivesAt - m.startedAt)) * 1000;
      assert.ok(Math.abs(speed - AVATAR_SPEED) < 0.5, `walks at ${speed} px/s`);
      for (let k = 0; k <= 32; k++) {
        const p = positionAt(m, m.startedAt + ((m.arrivesAt - m.startedAt) * k) / 32);
        assert.ok(map.isWalkable(p.x, p.y), `passed through blocked ${p.x},${p.y}`);
      }
      at = { x: m.toX, y: m.toY };
      atTime = m.arrivesAt;
    }
  });

  /** Walks a to the open row 10 (nothing in the way to its right for twenty tiles) and waits there. */
  async function toOpenRow(): Promise<{ x: number; y: number }> {
    const spot = map.centerOf({ tx: 5, ty: 10 });
    a.send("avatar:move", spot);
    await waitFor(() => { const r = restingAt(b.state.players.get(a.sessionId)!); return r !== undefined && r.x === spot.x && r.y === spot.y; }, { timeout: 15_000, what: "a to reach the open row" });
    return spot;
  }

  it("walking costs a patch per leg, not one per tick", async () => {
    await toOpenRow();
    // Held right for a second, alone in the lounge's changes: count the patches Bo receives.
    let patches = 0;
    const counter = () => { patches++; };
    b.onStateChange(counter);
    const startedAt = Date.now();
    a.send("avatar:walk", { dx: 1, dy: 0 });
    const leg = await waitFor(() => { const p = b.state.players.get(a.sessionId)!; return isWalkingAt(p, serverNow()) ? p.toJSON() : undefined; }, { what: "a to set off" });
    await new Promise((r) => setTimeout(r, 1000));
    a.send("avatar:walk", { dx: 0, dy: 0 });
    await waitFor(() => b.state.players.get(a.sessionId)?.moving === false || undefined, { what: "a to stop" });
    // The stop sends only where and since when the avatar stands: the leg's end and arrival, which
    // mean nothing once it stopped, are not sent again.
    const stopped = b.state.players.get(a.sessionId)!;
    assert.deepEqual([stopped.toX, stopped.toY, stopped.arrivesAt], [leg.toX, leg.toY, leg.arrivesAt]);
    const walkedMs = Date.now() - startedAt;
    b.onStateChange.remove(counter);
    // At 20 patches a second, a ticking position would have sent about 20; a leg sends two (set off, stop).
    assert.ok(patches <= 3, `${patches} patches for ${walkedMs} ms of walking`);
    const p = b.state.players.get(a.sessionId)!;
    assert.ok(p.x > map.centerOf({ tx: 5, ty: 10 }).x + 100, `walked on (${p.x})`);
    assert.ok(map.isWalkable(p.x, p.y), "stands on the floor");
  });

  it("shows a late joiner a walker where it is on its way, not where it set off", async () => {
    const from = await toOpenRow();
    a.send("avatar:walk", { dx: 1, dy: 0 });
    const walking = await waitFor(() => { const p = b.state.players.get(a.sessionId)!; return isWalkingAt(p, serverNow()) ? p.toJSON() : undefined; }, { what: "a to set off" });
    await new Promise((r) => setTimeout(r, 300));
    const c = await join(b.state.lounge.id, "Cy", "owl");
    try {
      const seen = c.state.players.get(a.sessionId)!;
      const now = serverNow();
      assert.ok(isWalkingAt(seen, now) && now < walking.arrivesAt, "the late joiner sees a walking");
      const there = positionAt(seen, now);
      assert.ok(there.x > from.x + AVATAR_SPEED * 0.2, `a is on its way (${there.x} from ${from.x})`);
      const bobSees = positionAt(b.state.players.get(a.sessionId)!, now);
      assert.ok(Math.hypot(there.x - bobSees.x, there.y - bobSees.y) < 0.01, "and where Bo sees a");
    } finally {
      a.send("avatar:walk", { dx: 0, dy: 0 });
      await leaveAll(c);
    }
  });

  it("holds a direction and slides along walls without entering them", async () => {
    const startY = positionAt(b.state.players.get(a.sessionId)!, serverNow()).y;
    a.send("avatar:walk", { dx: 0, dy: 1 }); // down, towards the bottom edge of the map
    await waitFor(() => positionAt(b.state.players.get(a.sessionId)!, serverNow()).y > startY, { what: "a to move down" });
    const edge = await waitFor(() => restingAt(b.state.players.get(a.sessionId)!), { what: "a to stop at the edge", timeout: 8000 });
    assert.ok(edge.y < map.pixelHeight && map.isWalkable(edge.x, edge.y), "stays inside the map, on the floor");
    a.send("avatar:walk", { dx: -1, dy: 0 });
    await waitFor(() => b.state.players.get(a.sessionId)?.dir === "left", { what: "a to face left" });
    a.send("avatar:walk", { dx: 0, dy: 0 });
    const p = await waitFor(() => restingAt(b.state.players.get(a.sessionId)!), { what: "a to stop" });
    assert.ok(map.isWalkable(p.x, p.y));
  });

  it("refuses a point outside the map and leaves the avatar where it was", async () => {
    const before = { ...b.state.players.get(a.sessionId)!.toJSON() };
    const error = nextMessage<ErrorPayload>(a, "error");
    a.send("avatar:move", { x: -5000, y: 99999 });
    assert.equal((await error).code, "OUT_OF_BOUNDS");
    const after = b.state.players.get(a.sessionId)!.toJSON();
    for (const field of ["x", "y", "toX", "toY", "startedAt", "arrivesAt", "moving"] as const) assert.equal(after[field], before[field], field);
  });

  it("walks to the nearest floor when a player clicks on furniture", async () => {
    const sofa = map.tilesOfKind("sofa")[0];
    const click = map.centerOf(sofa);
    a.send("avatar:move", click);
    const p = await waitFor(() => {
      const r = restingAt(b.state.players.get(a.sessionId)!);
      return r && Math.hypot(r.x - click.x, r.y - click.y) < map.tileSize * 2 ? r : undefined;
    }, { timeout: 15000, what: "a to stop next to the sofa" });
    assert.ok(map.isWalkable(p.x, p.y));
  });

  it("broadcasts emotes and rate limits spam", async () => {
    const seen = nextMessage<{ sessionId: string; emote: string }>(b, "emote");
    a.send("avatar:emote", { emote: "wave" });
    assert.deepEqual(await seen, { sessionId: a.sessionId, emote: "wave" });
    const limited = nextMessage<ErrorPayload>(a, "error");
    for (let i = 0; i < 5; i++) a.send("avatar:emote", { emote: "heart" });
    assert.equal((await limited).code, "RATE_LIMITED");
  });
});
