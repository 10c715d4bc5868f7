import assert from "node:assert/strict";
import { PositionTimeline, defaultTimelineOptions } from "../../client/lounge/interpolation.ts";
import { HeldKeys } from "../../client/lounge/walk-keys.ts";
import { AVATAR_SPEED } from "../../shared/movement.ts";

const { delayMs, patchMs } = defaultTimelineOptions;

/** Feeds a walk at AVATAR_SPEED to the right, one patch every `patchMs`, from (x0, 100) at t0. */
function walk(tl: PositionTimeline, t0: number, x0: number, patches: number, spacing: (i: number) => number = () => patchMs): number {
  let t = t0, x = x0;
  for (let i = 0; i < patches; i++) {
    t += spacing(i);
    x += (AVATAR_SPEED * patchMs) / 1000;
    tl.push(t, x, 100);
  }
  return t;
}

describe("avatar interpolation", () => {
  it("draws a walking avatar between the two server positions around the render time", () => {
    const tl = new PositionTimeline(100, 100, 0);
    walk(tl, 0, 100, 10);
    const pose = tl.at(300 + delayMs);
    assert.ok(Math.abs(pose.x - 148) < 0.01, `x ${pose.x}`);
    assert.equal(pose.facing, "right");
    assert.equal(pose.moving, true);
  });

  it("never moves faster than walking speed between frames, even when patches arrive bunched", () => {
    const tl = new PositionTimeline(100, 100, 0);
    // Patches arrive in pairs: 0 ms apart, then 100 ms apart.
    walk(tl, 0, 100, 40, (i) => (i % 2 === 0 ? 100 : 0));
    let prev = tl.at(0).x;
    for (let now = 16; now < 2500; now += 16) {
      const x = tl.at(now).x;
      const speed = ((x - prev) / 16) * 1000;
      assert.ok(speed <= AVATAR_SPEED * 2.05, `speed ${speed.toFixed(0)} px/s at ${now} ms`);
      prev = x;
    }
    assert.equal(prev, 100 + 40 * 8, "ends where the server says");
  });

  it("starts walking at once after standing still, instead of drifting over the pause", () => {
    const tl = new PositionTimeline(100, 100, 0);
    tl.push(10_000, 108, 100);
    assert.equal(tl.at(10_000 + delayMs - patchMs).x, 100, "still at the start one patch before");
    assert.equal(tl.at(10_000 + delayMs).x, 108, "one step later, at the new position");
  });

  it("shows a jump far beyond walking speed (a respawn) at once", () => {
    const tl = new PositionTimeline(100, 100, 0);
    tl.push(50, 500, 400);
    assert.deepEqual([tl.at(60).x, tl.at(60).y], [500, 400]);
  });

  it("holds the last position when no newer one has arrived, and reports standing", () => {
    const tl = new PositionTimeline(100, 100, 0);
    walk(tl, 0, 100, 3);
    const pose = tl.at(5000);
    assert.equal(pose.x, 124);
    assert.equal(pose.moving, false);
    assert.equal(pose.facing, "right", "keeps facing the way it walked");
  });

  it("faces the way it walks", () => {
    const tl = new PositionTimeline(100, 100, 0);
    for (let i = 1; i <= 5; i++) tl.push(i * patchMs, 100, 100 - i * 8);
    assert.equal(tl.at(3 * patchMs + delayMs).facing, "up");
  });
});

describe("held walk keys", () => {
  it("turns arrows and WASD into a direction, opposite keys cancelling", () => {
    const keys = new HeldKeys();
    assert.equal(keys.press("ArrowUp"), true);
    assert.equal(keys.press("KeyD"), true);
    assert.deepEqual(keys.direction(), { dx: 1, dy: -1 });
    assert.equal(keys.press("KeyA"), true);
    assert.deepEqual(keys.direction(), { dx: 0, dy: -1 });
    assert.equal(keys.press("KeyW"), false, "a second key for the same way changes nothing");
    assert.equal(keys.release("ArrowUp"), false, "W still holds up");
    assert.equal(keys.press("KeyQ"), false, "other keys are ignored");
    assert.equal(keys.clear(), true);
    assert.deepEqual(keys.direction(), { dx: 0, dy: 0 });
  });

  it("ignores auto-repeat of a key already held", () => {
    const keys = new HeldKeys();
    assert.equal(keys.press("ArrowLeft"), true);
    assert.equal(keys.press("ArrowLeft"), false);
  });
});
