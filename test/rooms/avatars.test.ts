import assert from "node:assert/strict";
import { createLounge, join, leaveAll, type LoungeClient } from "../support/lounges.ts";
import { waitFor, nextMessage } from "../support/wait.ts";
import { getMap } from "../../shared/maps/index.ts";
import { AVATAR_SPEED } from "../../shared/movement.ts";
import type { ErrorPayload } from "../../shared/errors.ts";

const map = getMap("lounge")!; // the default map always exists

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

  it("walks to a clicked point around furniture, no faster than the walking speed", async () => {
    const start = b.state.players.get(a.sessionId)!;
    const from = { x: start.x, y: start.y };
    const target = map.centerOf({ tx: 4, ty: 2 }); // top-left area, past sofas and the bar
    const positions: Array<{ x: number; y: number; t: number }> = [];
    const t0 = Date.now();
    a.send("avatar:move", target);
    const arrived = await waitFor(() => {
      const p = b.state.players.get(a.sessionId)!;
      positions.push({ x: p.x, y: p.y, t: Date.now() });
      return Math.hypot(p.x - target.x, p.y - target.y) < 0.5 && !p.moving ? p : undefined;
    }, { timeout: 15000, what: "a to arrive" });
    assert.ok(arrived);
    const elapsed = (Date.now() - t0) / 1000;
    const straight = Math.hypot(target.x - from.x, target.y - from.y);
    // It cannot have arrived sooner than the straight line at full speed allows (minus one tick).
    assert.ok(elapsed >= straight / AVATAR_SPEED - 0.1, `arrived in ${elapsed}s over ${straight}px`);
    for (const p of positions) assert.ok(map.isWalkable(p.x, p.y), `passed through blocked ${p.x},${p.y}`);
  });

  it("holds a direction and slides along walls without entering them", async () => {
    const startY = b.state.players.get(a.sessionId)!.y;
    a.send("avatar:walk", { dx: 0, dy: 1 }); // down, towards the bottom edge of the map
    await waitFor(() => b.state.players.get(a.sessionId)!.y > startY, { what: "a to move down" });
    await waitFor(() => b.state.players.get(a.sessionId)?.moving === false, { what: "a to stop at the edge", timeout: 8000 });
    assert.ok(b.state.players.get(a.sessionId)!.y < map.pixelHeight, "stays inside the map");
    a.send("avatar:walk", { dx: -1, dy: 0 });
    await waitFor(() => b.state.players.get(a.sessionId)?.dir === "left", { what: "a to face left" });
    a.send("avatar:walk", { dx: 0, dy: 0 });
    await waitFor(() => b.state.players.get(a.sessionId)?.moving === false, { what: "a to stop" });
    const p = b.state.players.get(a.sessionId)!;
    assert.ok(map.isWalkable(p.x, p.y));
  });

  it("refuses a point outside the map and leaves the avatar where it was", async () => {
    const before = { ...b.state.players.get(a.sessionId)!.toJSON() };
    const error = nextMessage<ErrorPayload>(a, "error");
    a.send("avatar:move", { x: -5000, y: 99999 });
    assert.equal((await error).code, "OUT_OF_BOUNDS");
    const after = b.state.players.get(a.sessionId)!;
    assert.equal(after.x, before.x);
    assert.equal(after.y, before.y);
    assert.equal(after.moving, false);
  });

  it("walks to the nearest floor when a player clicks on furniture", async () => {
    const sofa = map.tilesOfKind("sofa")[0];
    const click = map.centerOf(sofa);
    a.send("avatar:move", click);
    const p = await waitFor(() => {
      const pl = b.state.players.get(a.sessionId)!;
      return !pl.moving && Math.hypot(pl.x - click.x, pl.y - click.y) < map.tileSize * 2 ? pl : undefined;
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
